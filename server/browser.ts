// Finds a local Chromium or Chrome and opens Fieldbook in it as an app
// window, with its own profile inside the data folder.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml } from '../db/search/snippet.ts';
import { ensurePrivateDir } from '../db/store/private.ts';

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function installPaths(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string | undefined): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    const roots = ['/Applications', ...(home ? [path.join(home, 'Applications')] : [])];
    return roots.flatMap((root) => apps.map((app) => path.join(root, app)));
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((r): r is string => !!r);
    return roots.flatMap((root) => [
      path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return [];
}

/** A file this account may run (on Windows, any file). */
export function isExecutableFile(file: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first Chromium, Chrome or Edge found: on PATH (`chromium`, `chromium-browser`,
 * `google-chrome`, `google-chrome-stable`), then in the usual install folders
 * on macOS and Windows. Undefined if there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const delimiter = platform === 'win32' ? ';' : ':';
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const dirs = (env['PATH'] ?? env['Path'] ?? '').split(delimiter).filter(Boolean);
  const names = platform === 'win32' ? PATH_NAMES.map((n) => `${n}.exe`) : PATH_NAMES;
  for (const name of names) {
    for (const dir of dirs) {
      const file = join(dir, name);
      if (isExecutableFile(file, platform)) return file;
    }
  }
  const home = env['HOME'] ?? env['USERPROFILE'];
  return installPaths(env, platform, home).find((file) => isExecutableFile(file, platform));
}

/** The command-line arguments that open `url` as an app window with the profile in `profileDir`. */
export function appWindowArgs(url: string, profileDir: string): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-sync',
    '--disable-component-update',
  ];
}

const LOGIN_PAGE_LIFETIME_MS = 60_000;

/**
 * A page, readable by its owner only, that sends the browser on to
 * `loginUrl`: the browser is started on this file, so the login code is on no
 * command line (which every local account can read in /proc). Removed after
 * a minute, when the code has expired anyway.
 */
export function writeLoginPage(profileDir: string, loginUrl: string): string {
  ensurePrivateDir(profileDir);
  const file = path.join(profileDir, `login-${randomBytes(8).toString('hex')}.html`);
  const target = escapeHtml(loginUrl);
  const page = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${target}"><title>Fieldbook</title>\n`;
  fs.writeFileSync(file, page, { mode: 0o600, flag: 'wx' });
  setTimeout(() => fs.rmSync(file, { force: true }), LOGIN_PAGE_LIFETIME_MS).unref();
  return file;
}

/**
 * Starts `executable` on `loginUrl` as an app window, detached: Fieldbook does
 * not wait for it, and closing the window does not stop the server. The
 * window opens a private login page (writeLoginPage), never the code itself.
 * A failure to start is reported through `onError`.
 */
export function openAppWindow(executable: string, loginUrl: string, profileDir: string, onError: (error: Error) => void): void {
  const page = writeLoginPage(profileDir, loginUrl);
  const child = spawn(executable, appWindowArgs(pathToFileURL(page).href, profileDir), { detached: true, stdio: 'ignore' });
  child.once('error', onError);
  child.unref();
}
