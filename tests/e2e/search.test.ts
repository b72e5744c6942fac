// Search as an analyst meets it in the palette: the best hit leads, groups
// follow their best hit, corrections say so, and opening a text hit lands on
// the match, with the way back to the results.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { tempDir } from '../helpers.ts';
import { callApi, openApp, screenshots, type Shell } from './browser-shell.ts';

describe('search in the palette, in Chromium', () => {
  const data = tempDir('fieldbook-e2e-search-');
  let shell: Shell;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    ({ shell, browser, page } = await openApp(data, { width: 1280, height: 800 }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  after(async () => {
    await browser?.close();
    await shell?.stop();
  });
  after(() => assert.deepEqual(pageErrors, [], 'no uncaught errors in the page'));

  /** Opens the palette on `query` and waits until the results drawn are this query's. */
  async function searchFor(query: string): Promise<void> {
    await page.keyboard.press('Control+k');
    await page.fill('.palette-input', query);
    await page.waitForFunction((q) => (document.querySelector('.palette-results') as HTMLElement).dataset['query'] === q, query);
  }

  /** The text of the page's search-hit highlight, and whether it is on screen. */
  const landedOn = () =>
    page.evaluate(() => {
      const registry = CSS.highlights as unknown as Map<string, Set<AbstractRange>>;
      const range = [...(registry.get('search-hit') ?? [])][0] as Range | undefined;
      const box = range?.getBoundingClientRect();
      return range && box ? { text: range.toString(), visible: box.top >= 0 && box.bottom <= innerHeight } : undefined;
    });

  test('the best hit leads as "Best match"; the exact words beat names only spelt alike', async () => {
    // A highlight holding the exact words: once listed last ("Highlights"), under actors matched through "border".
    const source = (await callApi<{ id: number }[]>(shell, 'sources.list', {}))[0]!;
    const { text } = await callApi<{ text: string }>(shell, 'sources.get', { id: source.id });
    const quote = text.slice(0, text.indexOf(' ', 40));
    await callApi(shell, 'annotations.create', { sourceId: source.id, quote, comment: 'signs of a new order in the Sahel' });
    await searchFor('new order');
    const groups = await page.$$eval('.palette-group', (els) => els.map((e) => e.textContent));
    assert.equal(groups[0], 'Best match');
    const rows = await page.$$eval('.palette-row', (els) =>
      els.map((e) => ({ kind: e.getAttribute('data-kind'), snippet: e.querySelector('.palette-snippet')!.innerHTML })),
    );
    assert.match(rows[0]!.snippet, /<mark>new order<\/mark>/, 'the best match holds the words side by side');
    const highlight = rows.findIndex((r) => r.kind === 'annotation');
    assert.ok(highlight >= 0 && highlight < 3, `the highlight is among the first hits (at ${highlight})`);
    assert.ok(
      rows.every((r) => /<mark>[^<]*\b(new|order)\b[^<]*<\/mark>/i.test(r.snippet)),
      'every hit marks one of the words as typed: none through "border"',
    );
    assert.equal(await page.locator('.palette-correction').count(), 0, 'nothing was corrected');
    await screenshots(page, 'search-1-best-match');
    await page.keyboard.press('Escape');
  });

  test('results found only through a correction say what was searched', async () => {
    await searchFor('haftr');
    await page.waitForSelector('.palette-correction');
    assert.equal(await page.textContent('.palette-correction'), 'Showing results for haftar');
    assert.match((await page.locator('.palette-row').first().textContent()) ?? '', /Khalifa Haftar/);
    await screenshots(page, 'search-2-correction');
    await page.keyboard.press('Escape');
  });

  test('an Arabic-script query finds the record written in Latin letters', async () => {
    await searchFor('حفتر');
    assert.match((await page.locator('.palette-row').first().textContent()) ?? '', /Khalifa Haftar/);
    await page.keyboard.press('Escape');
  });

  test('while names are still being indexed, the palette says so, and asks again until they are', async () => {
    assert.equal((await callApi<{ ready: boolean }>(shell, 'search.readiness', {})).ready, true, 'the seeded store is indexed whole');
    await searchFor('haftar');
    assert.equal(await page.locator('.palette-indexing').count(), 0);
    await page.keyboard.press('Escape');
    // What a large store opened after a crash answers for seconds, held for this test.
    let asked = 0;
    await page.route('**/api/search.readiness', (route) => {
      asked++;
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ result: { ready: false, rebuilding: true, names: 1200 } }),
      });
    });
    await searchFor('hafter');
    await page.waitForSelector('.palette-indexing');
    assert.match((await page.textContent('.palette-indexing')) ?? '', /Still indexing names: names are found as typed for now/);
    assert.match((await page.locator('.palette-row').first().textContent()) ?? '', /Khalifa Haftar/, 'the results are still shown');
    await screenshots(page, 'search-4-indexing');
    await page.unroute('**/api/search.readiness');
    // Asked again a second later: whole now, the notice goes.
    await page.waitForSelector('.palette-indexing', { state: 'detached' });
    assert.ok(asked >= 1);
    assert.match((await page.locator('.palette-row').first().textContent()) ?? '', /Khalifa Haftar/);
    await page.keyboard.press('Escape');
  });

  test('opening a source hit scrolls the reader to the first match and marks it; Back to results reopens the search', async () => {
    await searchFor('Westphalian');
    const row = page.locator('.palette-row[data-kind="source"]').first();
    await row.click();
    await page.waitForSelector('.search-landing:has-text("Westphalian")');
    assert.match((await page.textContent('.search-landing')) ?? '', /Found “Westphalian”/);
    assert.deepEqual(await landedOn(), { text: 'Westphalian', visible: true });
    assert.match(page.url(), /#\/sources\/\d+\?find=Westphalian/);
    await screenshots(page, 'search-3-landed');
    await page.click('.search-landing button');
    await page.waitForSelector('.palette[open]');
    assert.equal(await page.inputValue('.palette-input'), 'Westphalian');
    await page.waitForSelector('.palette-row[data-kind="source"]');
    await page.keyboard.press('Escape');
  });

  test('opening a note hit lands on the match inside the editor, which stays unchanged', async () => {
    const body = {
      type: 'doc',
      content: [
        ...Array.from({ length: 40 }, (_v, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `Line ${i} of routine notes.` }] })),
        { type: 'paragraph', content: [{ type: 'text', text: 'The quartermaster ledger was found at the depot.' }] },
      ],
    };
    const note = await callApi<{ id: number; updatedAt: string }>(shell, 'notes.create', { title: 'Depot visit', body });
    await searchFor('quartermaster');
    await page.locator('.palette-row[data-kind="note"]').first().click();
    await page.waitForSelector('.search-landing:has-text("quartermaster")');
    assert.deepEqual(await landedOn(), { text: 'quartermaster', visible: true });
    const stored = await callApi<{ updatedAt: string }>(shell, 'notes.get', { id: note.id });
    assert.equal(stored.updatedAt, note.updatedAt, 'landing on a match is not an edit');
  });
});
