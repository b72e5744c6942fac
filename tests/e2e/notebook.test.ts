/// <reference lib="dom" />
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { tempDir } from '../helpers.ts';
import { appShowsAddress, callApi, ensureRendererBuilt, launchChromium, screenshots, type Shell, startShell } from './browser-shell.ts';

const data = tempDir();
let browser: Browser;
let shell: Shell;
let page: Page;

const api = <T>(method: string, input: unknown = {}) => callApi<T>(shell, method, input);

async function openApp(): Promise<void> {
  await shell.signIn(page);
  await page.goto(shell.url);
  await appShowsAddress(page);
}

const shot = (name: string) => screenshots(page, name);

describe('the notebook in Chromium, through the browser shell', () => {
  before(async () => {
    ensureRendererBuilt();
    shell = await startShell(data);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openApp();
  });
  after(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('a first run shows an empty notes list that says what to do', async () => {
    assert.match((await page.textContent('.list-pane')) ?? '', /No notes yet/);
    await shot('01-empty-notes');
  });

  test('write a note with an @ mention found despite a typo; it saves and links', async () => {
    await page.click('text=New note');
    await page.waitForSelector('.ProseMirror');
    await page.fill('.note-title', 'Southern border watch');
    await page.click('.ProseMirror');
    await page.keyboard.type('The convoy reached the crossing before dawn. ');
    await page.keyboard.type('@hafter');
    await page.waitForSelector('.suggestion:has-text("Khalifa Haftar")');
    await shot('02-mention-suggestions');
    await page.keyboard.press('Enter');
    await page.keyboard.type('moved first. #border');
    await page.waitForSelector('.save-state[data-state=saved]');
    assert.equal(await page.textContent('.ProseMirror .chip-actor'), 'Khalifa Haftar');

    const notes = await api<{ id: number; title: string }[]>('notes.list');
    assert.deepEqual(
      notes.map((n) => n.title),
      ['Southern border watch'],
    );
    const note = await api<{ links: { kind: string; name: string; context: string }[]; tags: string[] }>('notes.get', { id: notes[0]!.id });
    assert.deepEqual(
      note.links.map((l) => [l.kind, l.name]),
      [['actor', 'Khalifa Haftar']],
    );
    assert.match(note.links[0]!.context, /Khalifa Haftar moved first/);
    assert.deepEqual(note.tags, ['border']);
    await shot('03-note');
  });

  test('after a restart of the shell the note and its link are still there', async () => {
    await shell.stop();
    shell = await startShell(data);
    await openApp();
    await page.click('.item:has-text("Southern border watch")');
    await page.waitForSelector('.ProseMirror .chip-actor');
    assert.equal(await page.textContent('.ProseMirror .chip-actor'), 'Khalifa Haftar');
    assert.match((await page.textContent('.ProseMirror')) ?? '', /The convoy reached the crossing before dawn/);
  });

  test('the actor page lists the note as a backlink with its sentence', async () => {
    await page.click('.ProseMirror .chip-actor');
    await page.waitForSelector('.record-header h1:has-text("Khalifa Haftar")');
    const backlinks = await page.textContent('section.panel:has(h3:has-text("Mentioned in notes"))');
    assert.match(backlinks ?? '', /Southern border watch/);
    assert.match(backlinks ?? '', /Khalifa Haftar moved first/);
    await shot('04-actor-page');
  });

  test('the palette finds the note by a misspelled word', async () => {
    await page.keyboard.press('Control+k');
    await page.keyboard.type('convoi');
    await page.waitForSelector('.palette-row:has-text("Southern border watch")');
    assert.match(await page.innerHTML('.palette-row:has-text("Southern border watch") .palette-snippet'), /<mark>convoy<\/mark>/);
    await shot('05-palette');
    await page.click('.palette-row:has-text("Southern border watch")');
    await page.waitForSelector('.note-title');
    assert.equal(await page.inputValue('.note-title'), 'Southern border watch');
  });

  test('pasted HTML keeps its structure but its scripts and handlers are inert', async () => {
    await page.click('.ProseMirror');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<h2>Pasted heading</h2><ul><li>first point</li></ul><p>tail <img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script><b style="color:red">bold</b></p>',
      );
      data.setData('text/plain', 'Pasted heading first point tail bold');
      document
        .querySelector('.ProseMirror')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('.ProseMirror h2:has-text("Pasted heading")');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    const html = await page.innerHTML('.ProseMirror');
    assert.ok(!/<script|onerror|style="color/i.test(html), html);
    assert.match(html, /<li[^>]*>.*first point/);
    assert.match(html, /<strong>bold<\/strong>/);
    await page.waitForSelector('.save-state[data-state=saved]');
  });

  test('the main views, light and dark', async () => {
    await page.goto(`${shell.origin}/#/sources/1?at=300`);
    await page.waitForSelector('.reader-text .evidence-mark');
    await shot('06-source-reader');
    await page.goto(`${shell.origin}/#/events`);
    // The sources listed beside the reader stay until the events replace them.
    await page.waitForSelector('.list-pane a.item[href^="#/events/"]');
    await shot('07-events');
  });

  test('the shell refuses a missing token, a foreign Host and a foreign Origin', async () => {
    const status = (headers: Record<string, string>, method = 'GET', urlPath = '/') =>
      new Promise<number>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port: shell.port, path: urlPath, method, headers }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end(method === 'POST' ? '{}' : undefined);
      });
    assert.equal(await status({ Host: `127.0.0.1:${shell.port}` }), 401);
    assert.equal(await status({ Host: `evil.example:${shell.port}`, Authorization: `Bearer ${shell.token}` }), 403);
    assert.equal(
      await status(
        {
          Host: `127.0.0.1:${shell.port}`,
          Authorization: `Bearer ${shell.token}`,
          Origin: 'http://evil.example',
          'Content-Type': 'application/json',
        },
        'POST',
        '/api/stats.get',
      ),
      403,
    );
    // And a page of another origin in the same browser cannot read the API.
    const other = await browser.newPage();
    await other.goto('data:text/html,<p>elsewhere</p>');
    const result = await other.evaluate(async (origin) => {
      try {
        const response = await fetch(`${origin}/api/stats.get`, { method: 'POST', body: '{}', credentials: 'include' });
        return `status ${response.status}`;
      } catch {
        return 'blocked';
      }
    }, shell.origin);
    await other.close();
    assert.ok(result === 'blocked' || /status 4\d\d/.test(result), result);
  });
});
