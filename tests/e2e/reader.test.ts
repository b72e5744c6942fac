/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Annotation, EventDetail, Note } from '../../db/shared/records.ts';
import { tempDir } from '../helpers.ts';
import { callApi, eventually, openApp, screenshots, selectPassage, type Shell } from './browser-shell.ts';

const data = tempDir();
let browser: Browser;
let shell: Shell;
let page: Page;

const api = <T>(method: string, input: unknown = {}) => callApi<T>(shell, method, input);

const select = (text: string) => selectPassage(page, text);

const shot = (name: string) => screenshots(page, name);

const QUOTE = 'transnational jihadist syndicates';

describe('reading and annotating a source in Chromium', () => {
  before(async () => {
    ({ shell, browser, page } = await openApp(data, { width: 1280, height: 800 }));
  });
  after(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('open a seed source and highlight a passage', async () => {
    await page.goto(`${shell.origin}/#/sources/1`);
    await page.waitForSelector('.reader-text');
    await select(QUOTE);
    await shot('10-reader-selection');
    await page.click('.popover .swatch.hl-pink');
    await page.waitForSelector(`.reader-text .hl-pink:has-text("${QUOTE}")`);
    const [annotation] = await api<Annotation[]>('annotations.list', { sourceId: 1 });
    assert.equal(annotation?.quote, QUOTE);
    assert.equal(annotation?.color, 'pink');
    const source = await api<{ text: string }>('sources.get', { id: 1 });
    assert.equal(source.text.slice(annotation!.start, annotation!.end), QUOTE);
  });

  test('comment on the highlight and link it to an actor', async () => {
    await page.click(`.reader-text .hl-pink:has-text("${QUOTE}")`);
    await page.fill('.popover textarea', 'Who are they? Check ISIS and AQ affiliates.');
    await page.click('.popover button:has-text("Save comment")');
    await page.waitForSelector('.popover', { state: 'detached' });
    await page.click(`.reader-text .hl-pink:has-text("${QUOTE}")`);
    await page.fill('.popover .picker-input', 'ISIS');
    await page.click('.popover .picker-row:has-text("Islamic State")');
    await page.waitForSelector('.popover', { state: 'detached' });
    // The popover closes before the page sends the update.
    const [annotation] = await eventually(
      () => api<Annotation[]>('annotations.list', { sourceId: 1 }),
      ([a]) => (a?.links.length ?? 0) > 0,
    );
    assert.equal(annotation?.comment, 'Who are they? Check ISIS and AQ affiliates.');
    assert.deepEqual(
      annotation?.links.map((l) => l.name),
      ['Islamic State'],
    );
  });

  test('quote the passage into a note and follow the quote back to the passage', async () => {
    await page.click(`.reader-text .hl-pink:has-text("${QUOTE}")`);
    await page.click('.popover button:has-text("Quote into note")');
    await page.click('.popover .picker-row:has-text("New note")');
    await page.waitForSelector('.ProseMirror blockquote');
    assert.equal(await page.textContent('.ProseMirror blockquote'), QUOTE);
    const notes = await api<{ id: number }[]>('notes.list');
    const note = await api<Note>('notes.get', { id: notes[0]!.id });
    assert.equal(note.links[0]?.kind, 'annotation');
    await shot('11-quote-in-note');
    await page.click('.ProseMirror .chip-annotation');
    await page.waitForSelector('.reader-text .focus');
    assert.match((await page.textContent('.reader-text .focus')) ?? '', /transnational/);
  });

  test('create an event from a selection, with the passage as evidence', async () => {
    await select('The February 25 operation');
    await page.click('.popover button:has-text("New record…")');
    await page.selectOption('.popover select[aria-label="Record type"]', 'event');
    await page.fill('.popover input[aria-label="Name"]', 'LNA operation at Al-Toum (from selection)');
    const date = page.locator('.popover input[aria-label="Date (EDTF)"]');
    if (!(await date.inputValue())) await date.fill('XXXX-02-25');
    // The seeded Al-Toum event already cites this passage: the form names it, and Create anyway goes on.
    await page.waitForSelector('.popover .similar-warning:has-text("already evidence")');
    await page.click('.popover button:has-text("Create anyway")');
    // The reader stays open; the toast leads to the new record.
    await page.click('.toast a:has-text("Open LNA operation at Al-Toum (from selection)")');
    await page.waitForSelector('.record-header h1:has-text("LNA operation at Al-Toum (from selection)")');
    const url = new URL(page.url());
    const id = Number(/#\/events\/(\d+)/.exec(url.hash)?.[1]);
    const event = await api<EventDetail>('events.get', { id });
    assert.match(event.date ?? '', /-02-25/);
    assert.equal(event.evidence[0]?.quote, 'The February 25 operation');
    await shot('12-event-from-selection');
  });

  test('adding the same passage twice as evidence for one record is refused in the popover, not duplicated', async () => {
    const passage = 'a strategic free-fire zone';
    const addAsEvidence = async () => {
      await select(passage);
      await page.click('.popover button:has-text("Add as evidence")');
      await page.fill('.popover .picker-input', 'Libyan National');
      await page.click('.popover .picker-row:has-text("Libyan National Army")');
    };
    await page.goto(`${shell.origin}/#/sources/1`);
    await page.waitForSelector('.reader-text');
    await addAsEvidence();
    await page.waitForSelector('.popover', { state: 'detached' });
    const quotes = async () => (await api<{ quote: string }[]>('evidence.list', { sourceId: 1 })).filter((e) => e.quote === passage);
    assert.equal((await quotes()).length, 1);
    await addAsEvidence();
    await page.waitForSelector('.popover .form-error:has-text("already evidence for “Libyan National Army”")');
    await shot('12b-evidence-twice');
    assert.equal((await quotes()).length, 1);
    await page.keyboard.press('Escape');
  });

  test('the metadata of a source is edited in place and saved', async () => {
    await page.goto(`${shell.origin}/#/sources/1`);
    await page.waitForSelector('.reader-text');
    await page.click('.fact-fields .editable-value:has-text("add author")');
    await page.fill('input[aria-label="Author"]', 'Unknown analyst (Sahel desk)');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.fact-fields .editable-value:has-text("Unknown analyst (Sahel desk)")');
    assert.equal((await api<{ author: string | null }>('sources.get', { id: 1 })).author, 'Unknown analyst (Sahel desk)');
    await page.click('.fact-fields .editable-value:has-text("reliability")');
    await page.selectOption('select[aria-label="Reliability"]', 'D');
    await page.waitForSelector('.fact-fields .editable-value:has-text("D not usually reliable")');
    assert.equal((await api<{ reliability: string }>('sources.get', { id: 1 })).reliability, 'D');
  });

  test('the highlights view lists the highlight with its comment and link, and filters', async () => {
    await page.goto(`${shell.origin}/#/highlights`);
    await page.waitForSelector('.highlight-row');
    assert.match((await page.textContent('.highlights')) ?? '', /Who are they\?/);
    await page.selectOption('select[aria-label="Colour"]', 'green');
    assert.equal(await page.locator('.highlight-row').count(), 0);
    await page.selectOption('select[aria-label="Colour"]', 'pink');
    assert.equal(await page.locator('.highlight-row').count(), 1);
    await shot('13-highlights');
  });
});
