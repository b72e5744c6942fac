/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Annotation, Evidence, SourceDetail } from '../../db/shared/records.ts';
import { tempDir } from '../helpers.ts';
import { callApi, openApp, screenshots, selectPassage, type Shell } from './browser-shell.ts';

const data = tempDir();
let browser: Browser;
let shell: Shell;
let page: Page;

const SOURCE = 1;
const KEPT = 'transnational jihadist syndicates';
const LOST = 'an exercise in addressing symptoms while ignoring the disease';
const INSERTED = 'Local officials confirmed the raid within hours. ';

const select = (text: string) => selectPassage(page, text);

async function highlight(quote: string, color: string): Promise<Annotation> {
  await select(quote);
  await page.click(`.popover .swatch.hl-${color}`);
  await page.waitForSelector(`.reader-text .hl-${color}:has-text("${quote}")`);
  const annotations = await callApi<Annotation[]>(shell, 'annotations.list', { sourceId: SOURCE });
  return annotations.find((a) => a.quote === quote)!;
}

describe('editing the text of a source keeps its highlights on their words', () => {
  before(async () => {
    ({ shell, browser, page } = await openApp(data, { width: 1280, height: 900 }));
  });
  after(async () => {
    await browser?.close();
    await shell?.stop();
  });

  let kept: Annotation;
  let lost: Annotation;
  let original: string;

  test('highlight two passages; Cancel leaves the text as it was; a duplicate text is refused', async () => {
    await page.goto(`${shell.origin}/#/sources/${SOURCE}`);
    await page.waitForSelector('.reader-text');
    kept = await highlight(KEPT, 'pink');
    lost = await highlight(LOST, 'green');
    await callApi(shell, 'annotations.update', { id: lost.id, comment: 'Cairo, Algiers and Tunis: which summit?' });
    original = (await callApi<SourceDetail>(shell, 'sources.get', { id: SOURCE })).text;

    await page.click('button.edit-text');
    await page.waitForSelector('textarea.text-editor');
    assert.equal(await page.inputValue('textarea.text-editor'), original);
    assert.equal(await page.getAttribute('textarea.text-editor', 'dir'), 'auto');
    await page.click('.text-edit button:has-text("Cancel")');
    await page.waitForSelector(`.reader-text .hl-pink:has-text("${KEPT}")`);

    const other = await callApi<SourceDetail>(shell, 'sources.get', { id: 2 });
    await page.click('button.edit-text');
    await page.fill('textarea.text-editor', other.text);
    await page.click('.text-edit button:has-text("Save")');
    await page.waitForSelector('.text-edit .form-error:has-text("already stored as source 2")');
    await page.click('.text-edit button:has-text("Cancel")');
    assert.equal((await callApi<SourceDetail>(shell, 'sources.get', { id: SOURCE })).text, original);
  });

  test('insert a sentence before one highlight and delete the paragraph of the other, then save', async () => {
    const lines = original.split('\n');
    const keptLine = lines.findIndex((l) => l.includes(KEPT));
    const lostLine = lines.findIndex((l) => l.includes(LOST));
    assert.ok(lostLine > keptLine && keptLine > 0);
    lines[keptLine] = INSERTED + lines[keptLine];
    lines.splice(lostLine, 1);
    const corrected = lines.join('\n');

    await page.click('button.edit-text');
    await page.fill('textarea.text-editor', corrected);
    await screenshots(page, 'reanchor-edit-text');
    await page.click('.text-edit button:has-text("Save")');
    const summary = await page.waitForSelector('.edit-summary:has-text("Text saved")');
    assert.match(
      (await summary.textContent()) ?? '',
      /^Text saved: 1 highlight moved, 1 orphaned; \d+ evidence quotes kept, \d+ moved, \d+ orphaned\.$/,
    );
    assert.equal((await callApi<SourceDetail>(shell, 'sources.get', { id: SOURCE })).text, corrected);

    // The first highlight is still on its words, at its new offset.
    const moved = await callApi<Annotation>(shell, 'annotations.get', { id: kept.id });
    assert.equal(moved.start, kept.start + INSERTED.length);
    assert.equal(corrected.slice(moved.start, moved.end), KEPT);
    const marked = page.locator(`.reader-text [data-annotation="${kept.id}"]`);
    assert.equal((await marked.allTextContents()).join(''), KEPT);
    assert.equal(Number(await marked.first().getAttribute('data-start')), moved.start);

    // The second is listed above the text, not placed in it.
    const orphan = page.locator(`.orphans [data-annotation="${lost.id}"]`);
    assert.match((await orphan.textContent()) ?? '', /an exercise in addressing symptoms/);
    assert.match((await orphan.textContent()) ?? '', /Cairo, Algiers and Tunis/);
    assert.match((await orphan.textContent()) ?? '', /no longer found in the text/);
    assert.equal(await page.locator(`.reader-text [data-annotation="${lost.id}"]`).count(), 0);
    assert.equal((await callApi<Annotation>(shell, 'annotations.get', { id: lost.id })).orphaned, true);

    // Seed evidence quoted from the deleted paragraph is orphaned with it, and listed too.
    const evidence = await callApi<Evidence[]>(shell, 'evidence.list', { sourceId: SOURCE });
    const orphanedEvidence = evidence.filter((e) => e.orphaned);
    assert.equal(await page.locator('.orphans [data-evidence]').count(), orphanedEvidence.length);
    for (const e of evidence) {
      if (!e.orphaned) assert.equal(corrected.slice(e.start, e.end), e.quote, `evidence ${e.id} is on its words`);
    }
    await page.evaluate(() => document.querySelector('.record-header')!.scrollIntoView({ block: 'start' }));
    await screenshots(page, 'reanchor-orphans');
  });

  test('the highlights view still lists the orphaned highlight, marked as such', async () => {
    await page.goto(`${shell.origin}/#/highlights`);
    await page.waitForSelector('.highlight-row');
    const row = page.locator('.highlight-row', { hasText: LOST });
    assert.equal(await row.locator('.orphan-tag').textContent(), 'orphaned');
    assert.equal(await page.locator('.highlight-row', { hasText: KEPT }).locator('.orphan-tag').count(), 0);
  });
});
