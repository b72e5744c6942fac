/// <reference lib="dom" />
// Importing files in the UI and acting on a source's suggestions, in Chromium
// through the browser shell, against a fresh store.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Actor, Evidence, Place, PlaceDetail, Source, SourceDetail } from '../../db/shared/records.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { callApi, openApp, screenshots, type Shell } from './browser-shell.ts';

const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);
const data = tempDir();
const scratch = tempDir('fieldbook-import-files-');
let browser: Browser;
let shell: Shell;
let page: Page;
let article: SourceDetail;
let report: SourceDetail;

const api = <T>(method: string, input: unknown = {}) => callApi<T>(shell, method, input);

const shot = (name: string) => screenshots(page, name);

async function closeImportList(): Promise<void> {
  const close = page.locator('.import-panel button[aria-label="Close the import list"]');
  if (await close.count()) await close.click();
}

/** The import list's row for `fileName` once it has finished, and its state. */
async function importResult(fileName: string): Promise<{ state: string; status: string }> {
  const row = page.locator('.import-file', { has: page.locator('.import-name', { hasText: fileName }) }).last();
  await row.and(page.locator('[data-state=done], [data-state=failed]')).waitFor({ timeout: 60_000 });
  return { state: (await row.getAttribute('data-state'))!, status: (await row.locator('.import-status').textContent())! };
}

const candidate = (name: string) => page.locator('.suggest-row:not(.known)', { has: page.locator(`.suggest-name:text-is("${name}")`) });
const known = (name: string) => page.locator('.suggest-row.known', { has: page.locator(`.suggest-name:text-is("${name}")`) });

/** The evidence for a record, each quote checked against the source text. */
async function evidenceOf(subject: { kind: 'actor' | 'place'; id: number }, source: SourceDetail): Promise<Evidence[]> {
  const evidence = (await api<Evidence[]>('evidence.list', { subject })).filter((e) => e.source.id === source.id);
  for (const e of evidence) assert.equal(source.text.slice(e.start, e.end), e.quote, `evidence ${e.id} quotes its source verbatim`);
  return evidence;
}

describe('importing documents and acting on suggestions in Chromium', () => {
  before(async () => {
    ({ shell, browser, page } = await openApp(data, { width: 1280, height: 800 }));
  });
  after(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('import an HTML article and a PDF through the Import… button', async () => {
    await page.goto(`${shell.origin}/#/sources`);
    await page.waitForSelector('.list-header button:has-text("Import…")');
    const before = await api<Source[]>('sources.list');
    await page.setInputFiles('.import-input', [fixture('article.html'), fixture('report.pdf')]);
    assert.equal((await importResult('article.html')).state, 'done');
    assert.equal((await importResult('report.pdf')).state, 'done');
    await shot('import-1-done');

    const added = (await api<Source[]>('sources.list')).filter((s) => !before.some((b) => b.id === s.id));
    assert.equal(added.length, 2);
    const byTitle = (title: string) => added.find((s) => s.title === title);
    article = await api<SourceDetail>('sources.get', { id: byTitle('Convoys cross the Salvador Pass & head north')!.id });
    report = await api<SourceDetail>('sources.get', { id: byTitle('Border situation report, June 2026')!.id });
    assert.match(article.text, /Two convoys crossed the Salvador Pass on the night of 12 June/);
    assert.match(article.text, /عبرت قافلتان ممر السلفادور/);
    for (const hidden of ['SCRIPT-TEXT', 'ONERROR', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG-MUST', 'secret-style', 'trackingPixel']) {
      assert.ok(!article.text.includes(hidden), `the article's text holds no ${hidden}`);
    }
    assert.match(report.text, /Two convoys crossed the Salvador Pass on 12 June/);
    assert.match(report.text, /Annex: prices in Agadez rose by 20 percent\./);
    assert.equal(report.author, 'Field Team North');

    // The first file imported opens, with its suggestions showing; the list holds both.
    await page.waitForURL(new RegExp(`#/sources/${article.id}$`));
    assert.equal(await page.textContent('.reader h1'), article.title);
    await page.waitForSelector('.suggest-panel:not([hidden]) .suggest-list');
    assert.equal(await page.getAttribute('.suggest-toggle', 'aria-expanded'), 'true');
    assert.equal(await page.locator(`.list-pane .item-title:text-is("${report.title}")`).count(), 1);

    // The import list links to the other source, which opens with its suggestions too.
    await page.click(`.import-file .import-open:text-is("${report.title}")`);
    await page.waitForURL(new RegExp(`#/sources/${report.id}$`));
    // The article's panel is open too until the report's page replaces it.
    await page.waitForSelector(`#suggestions-${report.id}:not([hidden]) .suggest-list`);
    assert.equal(await page.textContent('.reader h1'), report.title);
    assert.match((await page.textContent('.reader-text')) ?? '', /Annex: prices in Agadez/);
  });

  test('the suggestions panel lists the records the text names and the new names, and shows each mention', async () => {
    await closeImportList();
    await page.goto(`${shell.origin}/#/sources/${article.id}`);
    // Shown on this source in this session: it stays open when the source is opened again (drawn from the
    // suggestions last read, then redrawn, mention buttons and all, once they are read again).
    await page.waitForSelector(`#suggestions-${article.id}[aria-busy=false]:not([hidden]) .suggest-list`);
    await known('Libyan National Army').waitFor();
    for (const name of ['Salvador Pass', 'Agadez', 'Amina Diallo']) assert.equal(await candidate(name).count(), 1, name);
    assert.match((await candidate('Salvador Pass').locator('.suggest-context').textContent()) ?? '', /^Convoys cross the Salvador Pass$/);

    await known('Libyan National Army').locator('.suggest-mentions').click();
    // Marked with a CSS highlight and scrolled (smoothly) into view below the sticky panel.
    const marked = await page.waitForFunction(() => {
      const highlight = (CSS.highlights as unknown as Map<string, Set<Range>>).get('fieldbook-occurrence');
      const range = highlight && [...highlight][0];
      const rect = range?.getBoundingClientRect();
      const panel = document.querySelector('.suggest-panel')!.getBoundingClientRect();
      return !!rect && rect.top >= panel.bottom && rect.bottom <= innerHeight && range!.toString();
    });
    assert.equal(await marked.jsonValue(), 'Libyan National Army');
    // Three mentions: the button steps through them.
    const mentions = candidate('Salvador Pass').locator('.suggest-mentions');
    assert.equal(await mentions.textContent(), 'Show 3 mentions');
    await mentions.click();
    await mentions.click();
    assert.equal(await mentions.textContent(), '2 of 3 ›');
    await page.locator('.main-pane').evaluate((pane) => pane.scrollTo(0, 0));
    await shot('import-2-suggestions');
  });

  test('accept a candidate as a new place, its first mention as evidence', async () => {
    await candidate('Agadez').locator('button:has-text("Accept…")').click();
    await page.waitForSelector('.popover .suggest-form');
    assert.equal(await page.inputValue('.popover input[aria-label="Name"]'), 'Agadez');
    assert.equal(await page.inputValue('.popover select[aria-label="Record type"]'), 'place');
    await page.selectOption('.popover select[aria-label="Place kind"]', 'city');
    await page.selectOption('.popover select[aria-label="Credibility of the passage"]', '2');
    await shot('import-3-accept-form');
    await page.click('.popover button[type=submit]');
    await page.waitForSelector('.suggest-outcomes li:has-text("Agadez")');
    await page.waitForSelector('.toast:has-text("Added place “Agadez”")');
    assert.equal(await candidate('Agadez').count(), 0);

    const place = (await api<Place[]>('places.list')).find((p) => p.name === 'Agadez');
    assert.ok(place, 'the place exists');
    assert.equal(place.kind, 'city');
    const [evidence, ...more] = await evidenceOf({ kind: 'place', id: place.id }, article);
    assert.equal(more.length, 0);
    assert.equal(evidence?.quote, 'Agadez');
    assert.equal(evidence?.credibility, 2);
    // Now a known place: named in the reader, and listed as known.
    await known('Agadez').waitFor();
    await page.waitForSelector(`.reader-text [data-entity="place:${place.id}"]`);
  });

  test('accept a second candidate as a person, and undo puts it in the trash', async () => {
    await candidate('Amina Diallo').locator('button:has-text("Accept…")').click();
    await page.selectOption('.popover select[aria-label="Record type"]', 'actor');
    await page.selectOption('.popover select[aria-label="Actor kind"]', 'person');
    await page.click('.popover button[type=submit]');
    await page.waitForSelector('.suggest-outcomes li:has-text("Amina Diallo")');
    const actor = (await api<Actor[]>('actors.list')).find((a) => a.name === 'Amina Diallo');
    assert.equal(actor?.kind, 'person');
    const [evidence] = await evidenceOf({ kind: 'actor', id: actor!.id }, article);
    assert.equal(evidence?.quote, 'Amina Diallo');

    await page.click('.toast button:has-text("Undo")');
    await candidate('Amina Diallo').waitFor();
    assert.equal((await api<Actor[]>('actors.list')).filter((a) => a.name === 'Amina Diallo').length, 0);
    assert.ok((await api<{ kind: string; id: number }[]>('trash.list')).some((t) => t.kind === 'actor' && t.id === actor!.id));

    // Accept it again, for good.
    await candidate('Amina Diallo').locator('button:has-text("Accept…")').click();
    await page.selectOption('.popover select[aria-label="Record type"]', 'actor');
    await page.selectOption('.popover select[aria-label="Actor kind"]', 'person');
    await page.click('.popover button[type=submit]');
    await page.waitForSelector('.suggest-outcomes li:has-text("Amina Diallo")');
    const again = (await api<Actor[]>('actors.list')).find((a) => a.name === 'Amina Diallo');
    assert.equal((await evidenceOf({ kind: 'actor', id: again!.id }, article))[0]?.quote, 'Amina Diallo');
  });

  test('merge a candidate into an existing place: its name becomes an alias there', async () => {
    // The seed corpus has no record for the pass; the French name stands for one recorded earlier.
    const pass = await api<Place>('places.create', { name: 'Passe de Salvador', kind: 'site' });
    await candidate('Salvador Pass').locator('button:has-text("Merge into…")').click();
    await page.fill('.popover .picker-input', 'Passe de Salv');
    await page.click('.popover .picker-row:has-text("Passe de Salvador")');
    await page.waitForSelector('.suggest-outcomes li:has-text("merged into place")');
    assert.equal(await candidate('Salvador Pass').count(), 0);

    const detail = await api<PlaceDetail>('places.get', { id: pass.id });
    assert.deepEqual(
      detail.aliases.map((a) => a.name),
      ['Salvador Pass'],
    );
    const [evidence] = await evidenceOf({ kind: 'place', id: pass.id }, article);
    assert.equal(evidence?.quote, 'Salvador Pass');
    assert.equal(evidence?.field, 'alias');
    await known('Passe de Salvador').waitFor();
    await page.locator('.main-pane').evaluate((pane) => pane.scrollTo(0, 0));
    await shot('import-6-outcomes');
    await page.locator('.suggest-panel').evaluate((panel) => {
      const heading = Array.from(panel.querySelectorAll('h3')).find((h) => h.textContent?.startsWith('In your records'))!;
      panel.scrollTop = heading.offsetTop - 48;
    });
    await shot('import-7-known');
  });

  test('add a known record as evidence; dismiss a candidate, which stays dismissed', async () => {
    const lna = known('Libyan National Army');
    await lna.locator('button:has-text("Add as evidence")').click();
    await lna.locator('.suggest-done:has-text("evidence")').waitFor();
    const actor = (await api<Actor[]>('actors.list')).find((a) => a.name === 'Libyan National Army')!;
    const evidence = await evidenceOf({ kind: 'actor', id: actor.id }, article);
    assert.deepEqual(
      evidence.map((e) => e.quote),
      ['Libyan National Army'],
    );

    await candidate('Sebha 0').locator('button:has-text("Dismiss")').click();
    assert.equal(await candidate('Sebha 0').count(), 0);
    await page.reload();
    await page.waitForSelector('.reader-text');
    // A reload forgets which panels were open, not what was dismissed.
    if ((await page.getAttribute('.suggest-toggle', 'aria-expanded')) !== 'true') await page.click('.suggest-toggle');
    await page.waitForSelector('.suggest-panel:not([hidden]) .suggest-list');
    assert.equal(await candidate('Sebha 0').count(), 0);
    assert.equal(await candidate('Madama 760').count(), 1);
    await page.click('.suggest-dismissed button:has-text("1 dismissed name")');
    await page.click('.suggest-restore:has-text("Sebha 0") button:has-text("Restore")');
    await candidate('Sebha 0').waitFor();
    // Hiding the panel hides it; the button brings it back.
    await page.click('.suggest-header button[aria-label="Hide suggestions"]');
    assert.equal(await page.locator('.suggest-panel:not([hidden])').count(), 0);
    await page.click('.suggest-toggle');
    await page.waitForSelector('.suggest-panel:not([hidden]) .suggest-list');
  });

  test('files that cannot be imported say why, and leave the store as it was', async () => {
    await closeImportList();
    await page.goto(`${shell.origin}/#/sources`);
    await page.waitForSelector('.list-header button:has-text("Import…")');
    const stats = await api('stats.get');
    await page.setInputFiles('.import-input', [fixture('binary.bin'), fixture('empty.txt'), fixture('scan.pdf'), fixture('report.pdf')]);
    const expected: [string, RegExp][] = [
      ['binary.bin', /binary file/],
      ['empty.txt', /the file is empty/],
      ['scan.pdf', /no text layer/],
      ['report.pdf', new RegExp(`already stored as source ${report.id}\\b.*Open source ${report.id}`)],
    ];
    for (const [file, message] of expected) {
      const result = await importResult(file);
      assert.equal(result.state, 'failed', file);
      assert.match(result.status, message, file);
    }
    assert.match((await page.textContent('.import-heading')) ?? '', /4 not imported/);
    await shot('import-4-refused');
    assert.deepEqual(await api('stats.get'), stats);
    assert.match(page.url(), /#\/sources$/, 'nothing imported, nothing opened');
  });

  test('a file over 50 MB is refused unread; a large one is read in slices', async () => {
    await closeImportList();
    const stats = await api('stats.get');
    const huge = path.join(scratch, 'huge.txt');
    fs.writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024 + 1, 'a'));
    const large = path.join(scratch, 'large.txt');
    // 30 MB of text with NUL bytes: read and encoded in the page, refused by the store as binary.
    fs.writeFileSync(large, Buffer.alloc(30 * 1024 * 1024, 'abc\u0000'));
    await page.setInputFiles('.import-input', [huge, large]);
    const tooBig = await importResult('huge.txt');
    assert.deepEqual(tooBig, { state: 'failed', status: 'the file is larger than 50 MB' });
    const read = await importResult('large.txt');
    assert.equal(read.state, 'failed');
    assert.match(read.status, /binary file/);
    assert.deepEqual(await api('stats.get'), stats);
  });

  test('Cancel stops an import while the app reads the file, and nothing is written', async () => {
    await closeImportList();
    const stats = await api('stats.get');
    const long = path.join(scratch, 'long.html');
    const paragraph = '<p>Convoys crossed the border near <b>Agadez</b> at dawn, escorted by militia trucks.</p>\n';
    fs.writeFileSync(long, `<html><body>${paragraph.repeat(Math.ceil((25 * 1024 * 1024) / paragraph.length))}</body></html>`);
    await page.setInputFiles('.import-input', [long]);
    const cancel = page.locator('button[aria-label="Cancel the import of long.html"]');
    await cancel.click();
    const result = await importResult('long.html');
    assert.deepEqual(result, { state: 'failed', status: 'the import was cancelled; nothing was written' });
    assert.deepEqual(await api('stats.get'), stats);
  });

  test('a Cancel that reaches the app before the file (a large one still being sent) stops its import too', async () => {
    await closeImportList();
    const stats = await api('stats.get');
    const file = path.join(scratch, 'overtaken.txt');
    fs.writeFileSync(file, 'Sent after its Cancel.\n');
    // The file is held on its way to the app until the Cancel has been answered.
    const cancelAnswered = page.waitForResponse((response) => response.url().endsWith('/api/sources.cancelImport'));
    await page.route('**/api/sources.import', async (route) => {
      await cancelAnswered;
      await route.continue();
    });
    try {
      await page.setInputFiles('.import-input', [file]);
      await page.locator('button[aria-label="Cancel the import of overtaken.txt"]').click();
      const result = await importResult('overtaken.txt');
      assert.deepEqual(result, { state: 'failed', status: 'the import was cancelled; nothing was written' });
    } finally {
      await page.unroute('**/api/sources.import');
    }
    assert.deepEqual(await api('stats.get'), stats);
  });

  test('files dropped on the Sources list are imported', async () => {
    await closeImportList();
    await page.goto(`${shell.origin}/#/sources`);
    await page.waitForSelector('.list-header');
    const bytes = [...fs.readFileSync(fixture('notes.txt'))];
    const transfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(content)], 'notes.txt', { type: 'text/plain' }));
      return dt;
    }, bytes);
    await page.dispatchEvent('.list-pane', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('.list-pane', 'dragover', { dataTransfer: transfer });
    await page.waitForSelector('.drop-overlay');
    await shot('import-5-drop');
    await page.dispatchEvent('.list-pane', 'drop', { dataTransfer: transfer });
    assert.equal((await importResult('notes.txt')).state, 'done');
    assert.equal(await page.locator('.drop-overlay').count(), 0);
    await page.waitForFunction(() => document.querySelector('.reader h1')?.textContent === 'Market prices in Agadez, week 24');
    const id = Number(/#\/sources\/(\d+)/.exec(page.url())![1]);
    const source = await api<SourceDetail>('sources.get', { id });
    assert.match(source.text, /Traders blame the closure of the Salvador Pass\./);
    // Names accepted or merged on the article are known here.
    await known('Agadez').waitFor();
    await known('Passe de Salvador').waitFor();
  });
});
