// The real desktop app, end to end: Playwright launches Electron on the built
// main process with a temp --data folder and calls the API through the
// preload bridge. Skipped, with the reason printed, where Electron's binary
// is not installed (it is downloaded from outside the npm registry) or there
// is no display to open a window on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { _electron } from 'playwright-core';
import type { FieldbookWindow } from '../../db/shared/window-bridge.ts';
import { isAppUrl } from '../../electron/security.ts';
import { ROOT, tempDir } from '../helpers.ts';

const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

/** Electron's executable, or why it cannot run here. */
function findElectron(): { executable: string } | { reason: string } {
  const pathFile = path.join(ELECTRON_DIR, 'path.txt');
  if (!fs.existsSync(pathFile)) return { reason: `${path.relative(ROOT, pathFile)} is missing (the runtime download never happened)` };
  const executable = path.join(ELECTRON_DIR, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(executable)) return { reason: `${path.relative(ROOT, executable)} is missing` };
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return { reason: 'no display to open a window on (set DISPLAY, or run the tests under xvfb-run)' };
  }
  return { executable };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  assert.equal(result.status, 0, `${path.basename(command)} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** Whether a request stays in the app: its own protocol, or data:/blob: URLs of its own pages (which never leave the process). */
const ownRequest = (url: string) => isAppUrl(url) || url.startsWith('data:') || isAppUrl(url.replace(/^blob:/, ''));

type Recorded = { fieldbookRequests: string[] };

test('the desktop app opens a window whose bridge reaches the store, and no request leaves its own protocol', async (t) => {
  const found = findElectron();
  if (!('executable' in found)) {
    const reason = `Electron binary not installed: ${found.reason}`;
    console.log(`e2e/electron: skipped: ${reason}`);
    t.skip(reason);
    return;
  }

  // The renderer (built by `npm run build` when missing), and the shell built
  // into a temp dist/ beside links to the real resources/, node_modules/ and renderer.
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    const npmCli = process.env['npm_execpath'];
    if (npmCli && /\.[cm]?js$/.test(npmCli)) run(process.execPath, [npmCli, 'run', 'build']);
    else run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
  }
  const base = tempDir('fieldbook-e2e-electron-');
  const outDir = path.join(base, 'dist', 'electron');
  run(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--app', '-c', 'vite.electron.config.ts'], {
    ...process.env,
    FIELDBOOK_ELECTRON_OUT_DIR: outDir,
  });
  for (const name of ['resources', 'node_modules']) fs.symlinkSync(path.join(ROOT, name), path.join(base, name), 'junction');
  fs.symlinkSync(RENDERER_DIR, path.join(base, 'dist', 'renderer'), 'junction');

  const dataDir = path.join(base, 'data');
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  delete env['ELECTRON_RUN_AS_NODE'];
  const app = await _electron.launch({
    executablePath: found.executable,
    // Chromium refuses to run as root without --no-sandbox (CI containers).
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), path.join(outDir, 'main.js'), '--data', dataDir],
    env,
    timeout: 60_000,
  });
  try {
    // Every request of every page, as the main process's session sees it once its own filter has answered
    // (completed, or failed: a cancelled one counts too), and as the window's page sends them.
    await app.evaluate(({ session }) => {
      const seen: string[] = [];
      (globalThis as unknown as Recorded).fieldbookRequests = seen;
      session.defaultSession.webRequest.onCompleted((details) => seen.push(details.url));
      session.defaultSession.webRequest.onErrorOccurred((details) => seen.push(details.url));
    });
    const window = await app.firstWindow();
    const pageRequests: string[] = [window.url()];
    window.on('request', (request) => pageRequests.push(request.url()));
    assert.match(window.url(), /^app:\/\/fieldbook\//);
    await window.waitForFunction(() => (globalThis as unknown as FieldbookWindow).fieldbook !== undefined);

    const stats = await window.evaluate(() => (globalThis as unknown as FieldbookWindow).fieldbook!.call('stats.get', {}));
    assert.equal(stats.sources, 5);

    const refused = await window.evaluate(() =>
      (globalThis as unknown as FieldbookWindow).fieldbook!.call('notes.get', { id: 0 }).then(
        () => null,
        (error: Error & { code?: string; issues?: unknown[] }) => ({
          isError: error instanceof Error,
          code: error.code,
          issues: Array.isArray(error.issues) ? error.issues.length : -1,
        }),
      ),
    );
    assert.deepEqual(refused, { isError: true, code: 'invalid_input', issues: 1 });
    assert.equal(await window.evaluate(() => (globalThis as unknown as FieldbookWindow).fieldbook!.platform), 'electron');
    assert.ok(fs.existsSync(path.join(dataDir, 'fieldbook.sqlite')), 'the store lives in --data');

    // A realistic session: notes, a source, a search, the map and the chart.
    const open = async (hash: string, ready: string) => {
      await window.evaluate((to) => (location.hash = to), hash);
      await window.waitForSelector(ready);
    };
    const call = <T>(method: string, input: unknown) =>
      window.evaluate(
        ([m, i]) => (globalThis as unknown as FieldbookWindow).fieldbook!.call(m as never, i as never),
        [method, input],
      ) as Promise<T>;
    const notes = await call<{ id: number }[]>('notes.list', {});
    await open(`#/notes/${notes[0]!.id}`, '.ProseMirror');
    const sources = await call<{ id: number }[]>('sources.list', {});
    await open(`#/sources/${sources[0]!.id}`, '.reader-text');
    await window.keyboard.press('Control+k');
    await window.fill('.palette-input', 'haftar');
    await window.waitForFunction(() => (document.querySelector('.palette-results') as HTMLElement | null)?.dataset['query'] === 'haftar');
    await window.keyboard.press('Escape');
    await open('#/map', '.map-view[data-ready=true]');
    const actors = await call<{ id: number }[]>('actors.list', {});
    await open(`#/chart?focus=actor:${actors[0]!.id}`, '.chart-canvas[data-state=ready]');

    const seen = await app.evaluate(() => (globalThis as unknown as Recorded).fieldbookRequests);
    assert.ok(seen.some(isAppUrl) && pageRequests.some(isAppUrl), 'the recorders saw the app load its own files');
    assert.deepEqual(
      seen.filter((url) => !ownRequest(url)),
      [],
      'every request the session saw is for app://fieldbook',
    );
    assert.deepEqual(
      pageRequests.filter((url) => !ownRequest(url)),
      [],
      'every request the window sent is for app://fieldbook',
    );
  } finally {
    await app.close();
  }
});
