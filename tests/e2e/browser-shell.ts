/// <reference lib="dom" />
// Drives the real renderer in Chromium (see chromium.ts) through `fieldbook serve`.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { after, before } from 'node:test';
import { CLI, ROOT, tempDir } from '../helpers.ts';
import { launchChromium } from './chromium.ts';

export { launchChromium };

export interface Shell {
  /** The app's address in the browser (after signIn): `http://fb-RANDOM.localhost:PORT/`. */
  url: string;
  /** `http://fb-RANDOM.localhost:PORT`: where pages of the app are opened. */
  origin: string;
  /** `http://127.0.0.1:PORT`: where the tests call the API from Node, with the Bearer token. */
  apiOrigin: string;
  token: string;
  port: number;
  /** The login address serve printed (already redeemed, unless started with keepLogin). */
  printedLogin: string;
  /** Gives `page`'s browser context the session cookie, as the printed login address would. */
  signIn(page: Page): Promise<void>;
  stop(): Promise<void>;
  /** Kills the server outright (SIGKILL), as a crash would: nothing of its shutdown runs. */
  kill(): Promise<void>;
}

/** Throws, saying how to build it, when the renderer is not built (npm test builds it before the tests). */
export function ensureRendererBuilt(): void {
  const index = path.join(ROOT, 'dist/renderer/index.html');
  if (!fs.existsSync(index)) throw new Error('dist/renderer is missing: npm test builds it first ("npm run build")');
}

/** Redeems a printed login address as a browser would, from Node (with its Host header): the session token of the Set-Cookie. */
function redeemLogin(loginUrl: URL): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port: Number(loginUrl.port), path: `${loginUrl.pathname}${loginUrl.search}`, headers: { Host: loginUrl.host } },
      (response) => {
        response.resume();
        const cookie = (response.headers['set-cookie'] ?? [])[0] ?? '';
        const match = /^fieldbook_token_\d+=([A-Za-z0-9_-]+);/.exec(cookie);
        if (response.statusCode === 200 && match) resolve(match[1]!);
        else reject(new Error(`the login address answered ${response.statusCode} without a session cookie`));
      },
    );
    request.on('error', reject);
  });
}

/**
 * Starts `fieldbook serve` on `dataDir`. Its printed login address is redeemed
 * from Node for the session token (the tests' Bearer and cookie), unless
 * `keepLogin`: then it is left for a browser, as `printedLogin`.
 */
export async function startShell(dataDir: string, options: { keepLogin?: boolean } = {}): Promise<Shell> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Whatever happens to this test file, its server does not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout!) {
    output += chunk;
    if (output.includes('\n')) break;
  }
  const match = /^Fieldbook at (http:\/\/(fb-[0-9a-f]+\.localhost):(\d+)\/\?login=[A-Za-z0-9_-]+)$/m.exec(output);
  if (!match) {
    child.kill('SIGKILL');
    throw new Error(`fieldbook serve printed ${JSON.stringify(output)}`);
  }
  const login = new URL(match[1]!);
  const port = Number(match[3]);
  let token = '';
  try {
    if (!options.keepLogin) token = await redeemLogin(login);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const origin = login.origin;
  return {
    url: `${origin}/`,
    origin,
    apiOrigin: `http://127.0.0.1:${port}`,
    port,
    token,
    printedLogin: match[1]!,
    async signIn(page: Page) {
      await page
        .context()
        .addCookies([{ name: `fieldbook_token_${port}`, value: token, domain: match[2]!, path: '/', httpOnly: true, sameSite: 'Strict' }]);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
    async kill() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

/** Calls the API of a running shell as a client with its token would; throws the API's message on an error. */
export async function callApi<T>(shell: Shell, method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${shell.apiOrigin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${shell.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result: T; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}

const ARTIFACTS = path.join(ROOT, 'tests/artifacts');

/** Saves a light and a dark screenshot of the page under tests/artifacts/, to be looked at. */
export async function screenshots(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Starts the shell on `dataDir`, opens Chromium on it and waits for the app. */
export async function openApp(
  dataDir: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ shell: Shell; browser: Browser; page: Page }> {
  ensureRendererBuilt();
  const shell = await startShell(dataDir);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport });
    await shell.signIn(page);
    await page.goto(shell.url);
    await appShowsAddress(page);
    return { shell, browser, page };
  } catch (error) {
    // The caller gets nothing to clean up, so nothing may be left running.
    await browser?.close();
    await shell.stop();
    throw error;
  }
}

export interface OpenedApp {
  data: string;
  shell: Shell;
  browser: Browser;
  page: Page;
}

/**
 * The app on a fresh data folder for the tests of one file (or describe
 * block): opened before them, browser and server closed after them whatever
 * failed. The fields are set once the `before` hook has run.
 */
export function appForTests(prefix: string, viewport?: { width: number; height: number }): OpenedApp {
  const app = { data: tempDir(prefix) } as OpenedApp;
  before(async () => {
    Object.assign(app, await openApp(app.data, viewport));
  });
  after(async () => {
    await app.browser?.close();
    await app.shell?.stop();
  });
  return app;
}

/**
 * Waits until the app has drawn the address it is at (after a goto, a reload
 * or a click on a link): `.app[aria-busy=false]` alone still holds between a
 * change of address and its render.
 */
export async function appShowsAddress(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const app = document.querySelector('.app');
    return app?.getAttribute('aria-busy') === 'false' && app.getAttribute('data-shown') === location.hash;
  });
}

/**
 * Opens `hash` and waits for `ready`. A view already on the page (what `shown`
 * matches) is left first, for the notes, and waited out: until the new view
 * has replaced it, the old one would pass for it.
 */
export async function openView(page: Page, origin: string, hash: string, ready: string, shown: string): Promise<void> {
  if (await page.$(shown)) {
    await page.goto(`${origin}/#/notes`);
    await page.waitForSelector(shown, { state: 'detached' });
  }
  await page.goto(`${origin}/${hash}`);
  await page.waitForSelector(ready);
}

/**
 * Reads `read()` until `accept` takes its value, every 50 ms for at most
 * `timeoutMs`, and returns the last value read (the test asserts on it). For
 * a write the page makes after the moment a test can see, such as the call
 * that follows a popover closing.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Selects the first occurrence of `text` in the reader, as a mouse drag would, releases the mouse and waits for the actions. */
export async function selectPassage(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const body = document.querySelector('.reader-text')!;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`"${wanted}" is not in one text node of the reader`);
  }, text);
  await page.waitForSelector('.popover');
}
