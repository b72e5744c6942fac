/// <reference lib="dom" />
// Words, not codes, and finding one's way on a new store (issue 13), in Chromium through the browser shell:
// coordinates, roles and dates in words; the welcome; the Notes list's filter and sort; tags and the Tags view.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DocNode } from '../../db/shared/schemas.ts';
import type { EventRecord, Place, Source } from '../../db/shared/records.ts';
import { appForTests, appShowsAddress, callApi, screenshots } from './browser-shell.ts';

const app = appForTests('fieldbook-orientation-', { width: 1280, height: 860 });
const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);
const body = (text: string): DocNode => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const go = async (hash: string) => {
  await app.page.goto(`${app.shell.origin}/${hash}`);
  await appShowsAddress(app.page);
};
const hash = () => app.page.evaluate(() => decodeURIComponent(location.hash));
const listedTitles = () => app.page.$$eval('.list-pane .items .item-title', (nodes) => nodes.map((n) => n.textContent));

describe('first launch', () => {
  test('shows a welcome with the five sources, example searches that run, and how to start a note; hiding it is kept in the store', async () => {
    const { page } = app;
    await go('#/notes');
    await page.waitForSelector('.welcome');
    const sources = await api<Source[]>('sources.list');
    assert.equal(sources.length, 5);
    const links = await page.$$eval('.welcome-sources a', (nodes) => nodes.map((n) => [n.textContent, n.getAttribute('href')]));
    assert.deepEqual(links.sort(), sources.map((s) => [s.title, `#/sources/${s.id}`]).sort());
    assert.match((await page.textContent('.welcome')) ?? '', /Type @ to link an actor/);
    await screenshots(page, 'welcome');

    // An example search runs in the palette.
    await page.click('.search-example:has-text("Hafter")');
    await page.waitForSelector('.palette-row:has-text("Khalifa Haftar")');
    assert.equal(await page.inputValue('.palette-input'), 'Hafter');
    await page.keyboard.press('Escape');

    // A source link opens the reader.
    await page.click(`.welcome-sources a:has-text("${sources[0]!.title}")`);
    await page.waitForFunction((id) => location.hash === `#/sources/${id}`, sources[0]!.id);
    await go('#/notes');

    await page.click('.welcome button:has-text("Hide this welcome")');
    await page.waitForSelector('button:has-text("Show the welcome again")');
    assert.equal(await page.$('.welcome'), null);
    assert.deepEqual(await api('settings.get'), { welcomeDismissed: true });
    await page.reload();
    await appShowsAddress(page);
    await page.waitForSelector('button:has-text("Show the welcome again")');
    assert.equal(await page.$('.welcome'), null, 'still hidden after a reload: the dismissal is in the store');
    await page.click('button:has-text("Show the welcome again")');
    await page.waitForSelector('.welcome');
  });
});

describe('records show words, not codes', () => {
  test('a place page shows its coordinates in degrees north and east, with the precision in words', async () => {
    const places = await api<Place[]>('places.list');
    const toum = places.find((p) => p.name === 'Al-Toum crossing')!;
    await go(`#/places/${toum.id}`);
    await app.page.waitForSelector('.record-header .latitude');
    const shown = (selector: string) => app.page.textContent(`.record-header ${selector} .editable-value`).then((t) => t?.trim());
    assert.equal(await shown('.latitude'), '22.77° N');
    assert.equal(await shown('.longitude'), '14.05° E');
    assert.equal(await shown('.precision'), '(town)');
    assert.match((await app.page.getAttribute('.record-header .precision .editable-value', 'title')) ?? '', /^Precision 2: /);
    assert.match((await app.page.getAttribute('.record-header .latitude .editable-value', 'title')) ?? '', /^Latitude 22\.7667/);
    assert.doesNotMatch((await app.page.textContent('.record-header')) ?? '', /22\.7667|14\.05(?!°)/);
    const listed = app.page.locator(`.list-pane a[href="#/places/${toum.id}"] .item-meta`);
    assert.equal(await listed.textContent(), 'site · LY · 22.77° N, 14.05° E (town)');
    await screenshots(app.page, 'place-coordinates');
  });

  test('participant roles read as words on the event page and on the actor page', async () => {
    const events = await api<EventRecord[]>('events.list');
    const convene = events.find((e) => e.title.startsWith('Egypt, Algeria and Tunisia convene'))!;
    await go(`#/events/${convene.id}`);
    await app.page.waitForSelector('.panel:has(h3:has-text("Participants")) .rows');
    const roles = await app.page.$$eval('.panel:has(h3:has-text("Participants")) .rows .row-meta', (n) => n.map((x) => x.textContent));
    assert.deepEqual([...new Set(roles)].sort(), ['associated actor', 'main actor']);
    const options = await app.page.$$eval('select[aria-label="Role"] option', (n) => n.map((x) => x.textContent));
    assert.deepEqual(options, ['main actor', 'associated actor', 'opposing actor', 'associated opposing actor', 'mediator']);

    const lna = (await api<{ id: number; name: string }[]>('actors.list')).find((a) => a.name === 'Libyan National Army')!;
    await go(`#/actors/${lna.id}`);
    await app.page.waitForSelector('.panel:has(h3:has-text("Events")) .rows');
    const text = (await app.page.textContent('.panel:has(h3:has-text("Events"))')) ?? '';
    assert.match(text, /main actor/);
    assert.doesNotMatch(text, /actor1|actor2|assoc/);
  });

  test('dates read in words, with the EDTF in a tooltip: event page, events list, sources list, timeline table', async () => {
    const { page } = app;
    const events = await api<EventRecord[]>('events.list');
    const strikes = events.find((e) => e.date === '2019-09/2019-10')!;
    await go(`#/events/${strikes.id}`);
    await page.waitForSelector('.record-header .date-words');
    assert.equal((await page.textContent('.record-header .date-words .editable-value'))?.trim(), 'September to October 2019');
    assert.match((await page.getAttribute('.record-header .date-words .editable-value', 'title')) ?? '', /^EDTF: 2019-09\/2019-10/);
    assert.match((await page.textContent('.date-range')) ?? '', /1 September 2019 to 31 October 2019/);
    const listed = page.locator(`.list-pane a[href="#/events/${strikes.id}"] .item-meta`);
    assert.match((await listed.textContent()) ?? '', /^September to October 2019 · /);
    assert.equal(await listed.getAttribute('title'), 'EDTF: 2019-09/2019-10');

    await go('#/sources');
    const nexus = (await api<Source[]>('sources.list')).find((s) => s.published === '2024-02-25/..')!;
    const meta = page.locator(`.list-pane a[href="#/sources/${nexus.id}"] .item-meta`);
    assert.match((await meta.textContent()) ?? '', /published from 25 February 2024/);
    assert.equal(await meta.getAttribute('title'), 'EDTF: 2024-02-25/..');
    await go(`#/sources/${nexus.id}`);
    await page.waitForSelector('.editable-value:has-text("published from 25 February 2024")');

    await go('#/timeline?view=table');
    await page.waitForSelector('.tl-view table');
    const cell = page.locator(`tr[data-event-id="${strikes.id}"] .tl-date`);
    assert.equal(await cell.textContent(), 'September to October 2019');
    assert.equal(await cell.getAttribute('title'), 'EDTF: 2019-09/2019-10');
    const cells = await page.$$eval('.tl-view .tl-date', (n) => n.map((x) => x.textContent ?? ''));
    assert.ok(cells.length >= 30);
    for (const text of cells) assert.doesNotMatch(text, /\d{4}-\d\d|XXXX|\.\.|[?~%]/, text);
  });
});

describe('the Notes list and tags', () => {
  test('the list filters and sorts, kept in the address; tags open the notes carrying them; the Tags view counts them', async () => {
    const { page } = app;
    const made = {
      toum: await api<{ id: number }>('notes.create', {
        title: 'Al-Toum timeline',
        body: body('Who held the crossing when. #border #libya'),
      }),
      market: await api<{ id: number }>('notes.create', {
        title: 'Zinder market prices',
        body: body('Fuel and grain, week by week. #niger'),
      }),
      patrols: await api<{ id: number }>('notes.create', {
        title: 'Border patrols',
        body: body('Joint patrols, Tunisia and Libya. #border'),
      }),
    };
    await go('#/notes');
    await page.waitForSelector('.list-pane .items .item');
    assert.deepEqual(await listedTitles(), ['Border patrols', 'Zinder market prices', 'Al-Toum timeline'], 'last edited first');

    await page.fill('input[aria-label="Filter notes"]', 'market');
    await page.waitForFunction(() => document.querySelectorAll('.list-pane .items .item').length === 1);
    assert.deepEqual(await listedTitles(), ['Zinder market prices']);
    assert.equal(await hash(), '#/notes?q=market');
    await page.reload();
    await page.waitForSelector('.list-pane .items .item');
    assert.equal(await page.inputValue('input[aria-label="Filter notes"]'), 'market', 'the filter is in the address');
    assert.deepEqual(await listedTitles(), ['Zinder market prices']);

    await page.fill('input[aria-label="Filter notes"]', '');
    await page.waitForFunction(() => document.querySelectorAll('.list-pane .items .item').length === 3);
    await page.selectOption('select[aria-label="Sort notes"]', 'title');
    await page.waitForFunction(() => document.querySelector('.list-pane .items .item-title')?.textContent === 'Al-Toum timeline');
    assert.deepEqual(await listedTitles(), ['Al-Toum timeline', 'Border patrols', 'Zinder market prices']);
    assert.equal(await hash(), '#/notes?sort=title');
    await screenshots(page, 'notes-list-sorted');
    // Opening a note keeps the list as it is.
    await page.click(`.list-pane a[data-note-id="${made.market.id}"]`);
    await page.waitForFunction((id) => location.hash === `#/notes/${id}?sort=title`, made.market.id);
    await page.waitForSelector('.note-title');
    assert.equal(await page.inputValue('select[aria-label="Sort notes"]'), 'title');

    // A tag in the list opens the notes carrying it.
    await page.click(`.list-pane li:has(a[data-note-id="${made.toum.id}"]) .tag-chip:has-text("#border")`);
    await page.waitForFunction(() => location.hash === '#/notes?tag=border');
    await page.waitForFunction(() => document.querySelectorAll('.list-pane .items .item').length === 2);
    assert.deepEqual((await listedTitles()).sort(), ['Al-Toum timeline', 'Border patrols']);
    assert.match((await page.textContent('.active-tag')) ?? '', /#border/);

    // A tag under an open note does too.
    await go(`#/notes/${made.market.id}`);
    await page.click('.note-links .tag-chip:has-text("#niger")');
    await page.waitForFunction(() => location.hash === '#/notes?tag=niger');
    await page.waitForFunction(() => document.querySelectorAll('.list-pane .items .item').length === 1);
    // And Ctrl+click on a #tag in the text.
    await go(`#/notes/${made.toum.id}`);
    await page.click('.prose .tag:has-text("#libya")', { modifiers: ['Control'] });
    await page.waitForFunction(() => location.hash === '#/notes?tag=libya');
    await page.waitForFunction(() => document.querySelector('.list-pane .items .item-title')?.textContent === 'Al-Toum timeline');

    // The Tags view: every tag with its count; choosing one lists its notes.
    await go('#/tags');
    await page.waitForSelector('.list-pane .tag-item');
    const counts = await page.$$eval('.list-pane .tag-item', (nodes) =>
      nodes.map((n) => [n.querySelector('.item-title')?.textContent, n.querySelector('.count')?.textContent]),
    );
    assert.deepEqual(counts, [
      ['#border', '2'],
      ['#libya', '1'],
      ['#niger', '1'],
    ]);
    await page.click('.list-pane .tag-item[data-tag="border"]');
    await page.waitForSelector('.tag-notes .rows li');
    const opened = await page.$$eval('.tag-notes .rows a[data-note-id]', (n) => n.map((x) => x.textContent).sort());
    assert.deepEqual(opened, ['Al-Toum timeline', 'Border patrols']);
    await screenshots(page, 'tags');
    await page.click(`.tag-notes a[data-note-id="${made.patrols.id}"]`);
    await page.waitForFunction((id) => location.hash === `#/notes/${id}?tag=border`, made.patrols.id);
    await page.waitForSelector('.note-title');
    assert.equal(await page.inputValue('.note-title'), 'Border patrols');
  });
});
