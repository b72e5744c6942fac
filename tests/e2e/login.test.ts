// Logging in to the browser shell as `fieldbook serve --open` does it: the
// browser opens a private login page (no secret on any command line), which
// sends it on to the single-use login address; the session cookie it gets
// belongs to the per-launch host name, and no other local service receives it.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { writeLoginPage } from '../../server/browser.ts';
import { tempDir } from '../helpers.ts';
import { appShowsAddress, launchChromium, type Shell, startShell } from './browser-shell.ts';

const data = tempDir('fieldbook-e2e-login-');
let shell: Shell;
let browser: Browser;
let other: http.Server;
const seen: { host: string | undefined; cookie: string | undefined }[] = [];

before(async () => {
  shell = await startShell(data, { keepLogin: true });
  browser = await launchChromium();
  // Another local service, as a note's link might lead to.
  other = http.createServer((req, res) => {
    seen.push({ host: req.headers.host, cookie: req.headers.cookie });
    res.end('another service');
  });
  other.listen(0, '127.0.0.1');
  await once(other, 'listening');
});
after(async () => {
  other?.close();
  await browser?.close();
  await shell?.stop();
});

test('the login page logs the browser in once; the cookie reaches no other local service', async () => {
  const page = await browser.newPage();
  const loginPage = writeLoginPage(path.join(data, 'browser-profile'), shell.printedLogin);
  await page.goto(pathToFileURL(loginPage).href);
  await page.waitForURL(`${shell.origin}/`);
  await appShowsAddress(page);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === `fieldbook_token_${shell.port}`);
  assert.ok(session, 'logged in');
  assert.match(session.domain, /^fb-[0-9a-f]{16}\.localhost$/);
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');

  const port = (other.address() as { port: number }).port;
  for (const address of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`]) {
    await page.goto(address);
    assert.equal(await page.textContent('body'), 'another service');
  }
  assert.equal(seen.length, 2);
  for (const request of seen) assert.ok(!(request.cookie ?? '').includes('fieldbook'), `sent to ${request.host}: ${request.cookie}`);

  // The address is spent: a second browser cannot log in with it.
  const second = await browser.newPage();
  const reply = await second.goto(shell.printedLogin);
  assert.equal(reply?.status(), 401);
  await second.close();
  await page.close();
});
