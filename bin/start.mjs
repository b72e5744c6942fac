#!/usr/bin/env node
// @ts-check (plain JavaScript, so that it runs on any Node to say which one it needs; type-checked by tsconfig.scripts.json)
// `npm start [-- --data DIR]`: Fieldbook as a desktop app when Electron's
// runtime is here or can be fetched; otherwise, in one line saying why, the
// same notebook in a browser window (`fieldbook serve --open`).
//
//   1. the renderer: built (`npm run build`) unless dist/renderer/index.html exists
//   2. Electron's binary: node_modules/electron/dist, else electron's own
//      install.js (the download, given ~60 s)
//   3a. with Electron: `npm run build:electron`, then Electron on dist/electron/main.js
//   3b. without: `node bin/fieldbook.mjs serve --open`, --data forwarded
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `fieldbook: needs Node 22.18 or newer (this is ${process.version}). Run "npm start", which uses the Node 22 installed with the project.`,
  );
  process.exit(2);
}

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');
const RENDERER_INDEX = path.join(ROOT, 'dist', 'renderer', 'index.html');
const MAIN = path.join(ROOT, 'dist', 'electron', 'main.js');
const DOWNLOAD_TIMEOUT_MS = 60_000;
const args = process.argv.slice(2);

/**
 * `npm run SCRIPT`, with the npm that runs us when there is one.
 * @param {string} script
 * @returns {string | undefined} why it failed
 */
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  const [command, prefix, shell] =
    npmCli && /\.[cm]?js$/.test(npmCli)
      ? [process.execPath, [npmCli], false]
      : [process.platform === 'win32' ? 'npm.cmd' : 'npm', [], process.platform === 'win32'];
  const result = spawnSync(command, [...prefix, 'run', script], { cwd: ROOT, stdio: 'inherit', shell });
  if (result.error) return `could not run npm (${result.error.message})`;
  if (result.status !== 0) return `npm run ${script} exited with ${result.status ?? result.signal}`;
  return undefined;
}

/** The Electron executable when it is installed, else undefined. */
function electronExecutable() {
  try {
    const relative = fs.readFileSync(path.join(ELECTRON_DIR, 'path.txt'), 'utf8').trim();
    const executable = path.join(ELECTRON_DIR, 'dist', relative);
    return relative && fs.existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The last line of output that says something, to explain a failed download in a few words.
 * @param {unknown} text
 * @returns {string | undefined}
 */
function gist(text) {
  const lines = String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !/^Downloading/i.test(line));
  const line =
    lines.find((l) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|status code|HTTPError|fetch failed/i.test(l)) ?? lines.at(-1);
  if (!line) return undefined;
  if (/fetch failed/i.test(line)) return 'no connection to the download server: fetch failed';
  return line.replace(/^(\w*Error):\s*/, '').slice(0, 160);
}

/** Electron's executable, fetched with electron's own install.js if need be; or why there is none. */
function ensureElectron() {
  const present = electronExecutable();
  if (present) return { executable: present };
  if (!fs.existsSync(path.join(ELECTRON_DIR, 'install.js'))) return { reason: 'the electron package is not installed: run npm install' };
  // A transient status on a terminal (erased afterwards), so the outcome stays one line.
  /** @type {(text: string) => void} */
  const status = process.stdout.isTTY ? (text) => void process.stdout.write(`\r\x1b[K${text}`) : () => {};
  status(`Downloading Electron's runtime (up to ${DOWNLOAD_TIMEOUT_MS / 1000} s)…`);
  const result = spawnSync(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], {
    cwd: ELECTRON_DIR,
    encoding: 'utf8',
    timeout: DOWNLOAD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  status('');
  if (/** @type {NodeJS.ErrnoException | undefined} */ (result.error)?.code === 'ETIMEDOUT')
    return { reason: `the download did not finish within ${DOWNLOAD_TIMEOUT_MS / 1000} s` };
  if (result.error) return { reason: result.error.message };
  if (result.status !== 0)
    return { reason: gist(result.stderr) ?? gist(result.stdout) ?? `install.js exited with ${result.status ?? result.signal}` };
  const fetched = electronExecutable();
  return fetched ? { executable: fetched } : { reason: 'the download finished but no Electron executable was found' };
}

/**
 * Runs a child in the foreground: its exit is ours, Ctrl-C and termination are passed on.
 * @param {string} command
 * @param {string[]} childArgs
 */
function foreground(command, childArgs, env = process.env) {
  const child = spawn(command, childArgs, { cwd: ROOT, stdio: 'inherit', env });
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => () => child.kill(signal);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, forward(signal));
  child.on('error', (error) => {
    console.error(`fieldbook: could not start ${path.basename(command)}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** The --data DIR / --data=DIR arguments, for the browser shell. */
function dataArgs() {
  /** @type {string[]} */
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const arg = /** @type {string} */ (args[i]);
    const next = args[i + 1];
    if (arg === '--data' && next !== undefined) {
      out.push('--data', next);
      i++;
    } else if (arg.startsWith('--data=')) out.push(arg);
  }
  return out;
}

// 1. The renderer.
if (!fs.existsSync(RENDERER_INDEX)) {
  console.log('Building the renderer (npm run build)…');
  const failed = npmRun('build');
  if (failed) {
    console.error(`fieldbook: the renderer could not be built: ${failed}.`);
    process.exit(1);
  }
  if (!fs.existsSync(RENDERER_INDEX)) {
    console.error(`fieldbook: npm run build finished but ${path.relative(ROOT, RENDERER_INDEX)} is missing.`);
    process.exit(1);
  }
}

// 2. Electron, or why not.
const electron = ensureElectron();

if (electron.executable) {
  // 3a. The desktop app.
  const failed = npmRun('build:electron');
  if (failed) {
    console.error(`fieldbook: the desktop shell could not be built: ${failed}.`);
    process.exit(1);
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron a plain Node
  foreground(electron.executable, [MAIN, ...args], env);
} else {
  // 3b. The browser shell.
  console.log(
    `Electron's runtime is not installed and could not be downloaded (${electron.reason}); opening Fieldbook in a browser window instead.`,
  );
  foreground(process.execPath, [path.join(ROOT, 'bin', 'fieldbook.mjs'), 'serve', '--open', ...dataArgs()]);
}
