// Which Chromium the end-to-end tests drive, and how it is launched. In order:
//   1. CHROMIUM_PATH, when set (an error if it is not an executable file);
//   2. a system Chromium, Chrome or Edge (server/browser.ts's findChromium);
//   3. on Linux, the headless Chromium inside the @sparticuz/chromium npm
//      package, unpacked once into node_modules/.cache (owner-only).
// Nothing is downloaded. A browser that cannot start fails within LAUNCH_TIMEOUT_MS.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser } from 'playwright-core';
import { findChromium, isExecutableFile } from '../../server/browser.ts';
import { ROOT } from '../helpers.ts';

/** How long a browser may take to start; E2E_LAUNCH_TIMEOUT_MS shortens it for the test of a browser that hangs. */
export const LAUNCH_TIMEOUT_MS = Number(process.env['E2E_LAUNCH_TIMEOUT_MS']) || 30_000;
const UNPACK_TIMEOUT_MS = 120_000;
const PACKAGE = '@sparticuz/chromium';

export interface ChromiumChoice {
  executable: string;
  /** Where it came from, in words, for the one line the test run prints. */
  origin: string;
  /** Extra environment for the browser process. */
  env: Record<string, string>;
}

/** The packaged Chromium's own folder in node_modules/.cache, named by the package version so an upgrade unpacks afresh. */
function packagedCacheDir(): string {
  const manifest = path.join(ROOT, 'node_modules', PACKAGE, 'package.json');
  if (!fs.existsSync(manifest)) throw new Error(`no Chromium, Chrome or Edge found, and ${PACKAGE} is not installed: run npm install`);
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  return path.join(ROOT, 'node_modules', '.cache', `fieldbook-chromium-${version}`);
}

/**
 * Unpacks @sparticuz/chromium's binary into `dir` once. The package unpacks
 * into os.tmpdir(), so a child with TMPDIR=dir does it: nothing lands in the
 * shared /tmp, where another account could plant a binary. A lock folder keeps
 * concurrent test files from running a half-written binary; the `ready` marker
 * is written last, so a killed unpack is redone, not trusted.
 */
async function unpackPackagedChromium(dir: string): Promise<string> {
  const executable = path.join(dir, 'chromium');
  const ready = path.join(dir, 'ready');
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const deadline = Date.now() + UNPACK_TIMEOUT_MS;
  for (;;) {
    if (fs.existsSync(ready)) return executable;
    try {
      fs.mkdirSync(lock, { mode: 0o700 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A lock left by a killed unpack is stale once older than the whole unpack may take.
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > UNPACK_TIMEOUT_MS) fs.rmSync(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`${PACKAGE}: waited ${UNPACK_TIMEOUT_MS / 1000} s for another unpack (${lock})`);
    await sleep(100);
  }
  try {
    if (fs.existsSync(ready)) return executable;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { mode: 0o700 });
    const script = `import(${JSON.stringify(PACKAGE)}).then((m) => m.default.executablePath()).then((p) => process.stdout.write(p))`;
    const unpacked = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: dir },
      encoding: 'utf8',
      timeout: UNPACK_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    if (unpacked.status !== 0 || unpacked.stdout !== executable) {
      const why = unpacked.error?.message ?? (unpacked.stderr.trim().split('\n').at(-1) || `printed ${JSON.stringify(unpacked.stdout)}`);
      throw new Error(`${PACKAGE} could not unpack its Chromium into ${dir}: ${why}`);
    }
    fs.writeFileSync(ready, executable);
    return executable;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Picks the browser (see the top of this file); throws a sentence saying why when there is none. */
export async function chooseChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumChoice> {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
    return { executable: fromEnv, origin: `CHROMIUM_PATH (${fromEnv})`, env: {} };
  }
  const system = findChromium(env);
  if (system) return { executable: system, origin: `the system browser ${system}`, env: {} };
  if (process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch)) {
    throw new Error('no Chromium, Chrome or Edge found: install one, or set CHROMIUM_PATH');
  }
  const dir = packagedCacheDir();
  const executable = await unpackPackagedChromium(dir);
  // A machine with no fontconfig setup at all would crash the renderer on the
  // first text; the package's own fonts.conf (with Open Sans) serves then.
  const fontsEnv: Record<string, string> = fs.existsSync('/etc/fonts/fonts.conf') ? {} : { FONTCONFIG_PATH: path.join(dir, 'fonts') };
  return { executable, origin: `the headless Chromium of the ${PACKAGE} npm package (${executable})`, env: fontsEnv };
}

/** Launches the chosen Chromium headless; fails within LAUNCH_TIMEOUT_MS, naming the browser, when it cannot start. */
export async function launchChromium(): Promise<Browser> {
  const choice = await chooseChromium();
  try {
    return await chromium.launch({
      executablePath: choice.executable,
      timeout: LAUNCH_TIMEOUT_MS,
      env: { ...process.env, ...choice.env },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`the end-to-end browser, ${choice.origin}, could not start: ${first}`, { cause: error });
  }
}
