/// <reference lib="dom" />
// The timeline (#/timeline) and the events table in Chromium, through the browser shell, on the seeded store.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Actor, EventRecord } from '../../db/shared/records.ts';
import { tempDir } from '../helpers.ts';
import { appShowsAddress, callApi, ensureRendererBuilt, launchChromium, screenshots, type Shell, startShell } from './browser-shell.ts';

const UNITS = ['days', 'months', 'years', 'decades'];
const CSV_HEADER = 'id,date,date_earliest,date_latest,date_in_words,title,type,sub_type,place,participants,fatalities,summary';
const TRICKY_TITLE = '=SUM(1,2) "quoted", معركة طرابلس';

const data = tempDir();
let browser: Browser;
let shell: Shell;
let page: Page;
let lna: Actor;
const pageErrors: string[] = [];

const api = <T>(method: string, input: unknown = {}) => callApi<T>(shell, method, input);

const shot = (name: string) => screenshots(page, name);

async function openTimeline(query = ''): Promise<void> {
  await page.goto(`${shell.origin}/#/timeline${query}`);
  await page.waitForSelector('.tl-view > *');
}

/** Every event the main pane shows: on the axis, under "Unknown year", under "Undated" or in the table. */
function shownIds(): Promise<number[]> {
  return page.$$eval('.tl-view [data-event-id]', (nodes) =>
    nodes.map((n) => Number((n as HTMLElement).dataset['eventId'])).sort((a, b) => a - b),
  );
}

const ids = (events: EventRecord[]) => events.map((e) => e.id).sort((a, b) => a - b);
const unit = () => page.getAttribute('.tl-axis', 'data-unit');
/** Waits until the chart has drawn what the last input asked for (it draws on the next animation frame). */
const settle = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** RFC 4180: fields split on commas, quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += c;
  }
  assert.equal(field + row.join(''), '', 'the file ends with CRLF');
  return rows;
}

describe('the timeline and the events table in Chromium', () => {
  before(async () => {
    ensureRendererBuilt();
    shell = await startShell(data);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await shell.signIn(page);
    await page.goto(shell.url);
    await appShowsAddress(page);
    lna = (await api<Actor[]>('actors.list')).find((a) => a.name === 'Libyan National Army')!;
    assert.ok(lna, 'the seed has the Libyan National Army');
    // An undated event whose title a spreadsheet would run as a formula, with Arabic, a comma and quotes.
    await api('events.create', {
      title: TRICKY_TITLE,
      type: 'Battles',
      summary: 'First line\nsecond line, with a comma and "quotes"',
      fatalities: 3,
      participants: [{ actorId: lna.id, role: 'actor1' }],
    });
  });
  after(async () => {
    await browser?.close();
    await shell?.stop();
  });
  after(() => assert.deepEqual(pageErrors, [], 'no uncaught errors in the page'));

  test('every event is shown: dated ones on the axis, unknown years and undated ones listed apart', async () => {
    await openTimeline();
    await page.waitForSelector('.tl-viewport[data-ready]');
    const all = await api<EventRecord[]>('events.list');
    assert.deepEqual(await shownIds(), ids(all));
    const onAxis = await page.$$eval('.tl-item', (nodes) => nodes.map((n) => Number((n as HTMLElement).dataset['eventId'])));
    for (const id of onAxis) {
      const event = all.find((e) => e.id === id)!;
      assert.ok(event.dateMin !== null || event.dateMax !== null, `${event.title} has a place on the axis`);
    }
    const unknown = await page.$$eval('.tl-unknown-year [data-event-id]', (nodes) =>
      nodes.map((n) => Number((n as HTMLElement).dataset['eventId'])),
    );
    assert.deepEqual(
      unknown.sort((a, b) => a - b),
      ids(all.filter((e) => e.date !== null && e.dateMin === null && e.dateMax === null)),
    );
    assert.match((await page.textContent('.tl-undated')) ?? '', /معركة طرابلس/);
    // A one-day certain date is a dot; an approximate one a dashed bar.
    const precise = all.find((e) => e.date === '2019-10-13')!;
    const approximate = all.find((e) => e.date === '2019-10~')!;
    assert.match((await page.getAttribute(`.tl-item[data-event-id="${precise.id}"]`, 'class')) ?? '', /tl-point/);
    assert.match((await page.getAttribute(`.tl-item[data-event-id="${approximate.id}"]`, 'class')) ?? '', /tl-range tl-uncertain/);
    await shot('timeline-all');
  });

  test('filtered to the Libyan National Army it shows exactly events.list({actorId}); the address keeps the filter', async () => {
    await page.selectOption('select[name=actor]', String(lna.id));
    await page.waitForSelector(`.tl-title:has-text("${lna.name}")`);
    assert.match(await page.evaluate(() => location.hash), new RegExp(`^#/timeline\\?actor=${lna.id}$`));
    const expected = await api<EventRecord[]>('events.list', { actorId: lna.id });
    assert.ok(expected.length >= 4);
    assert.deepEqual(await shownIds(), ids(expected));

    // The Al-Toum operation (XXXX-02-25) is listed under "Unknown year", in words, and is not on the axis.
    const alToum = expected.find((e) => e.date === 'XXXX-02-25')!;
    assert.ok(alToum, 'the seed dates the Al-Toum operation XXXX-02-25');
    const row = `.tl-unknown-year li[data-event-id="${alToum.id}"]`;
    assert.match((await page.textContent(row)) ?? '', /25 February, year unknown/);
    assert.equal(await page.locator(`.tl-item[data-event-id="${alToum.id}"]`).count(), 0);

    // A reload of the same address shows the same events with the filter chosen.
    await page.reload();
    await page.waitForSelector(`.tl-title:has-text("${lna.name}")`);
    assert.equal(await page.inputValue('select[name=actor]'), String(lna.id));
    assert.deepEqual(await shownIds(), ids(expected));

    // The text filter looks in titles, summaries and participants, and joins the address too.
    await page.fill('input[name=q]', 'turkish');
    await page.waitForFunction(() => location.hash.includes('q=turkish'));
    await page.waitForSelector('.tl-title:has-text("turkish")');
    const fold = (s: string) => s.toLowerCase();
    const turkish = expected.filter((e) =>
      fold([e.title, e.summary, e.place?.name ?? '', ...e.participants.map((p) => p.name)].join(' ')).includes('turkish'),
    );
    assert.ok(turkish.length > 0 && turkish.length < expected.length);
    assert.deepEqual(await shownIds(), ids(turkish));
    await page.fill('input[name=q]', '');
    await page.waitForFunction(() => !location.hash.includes('q='));
    await page.waitForFunction((n) => document.querySelectorAll('.tl-view [data-event-id]').length === n, expected.length);

    // An approximate date says so when pointed at.
    const approximate = expected.find((e) => e.date === '2019-10~')!;
    await page.hover(`.tl-item[data-event-id="${approximate.id}"] .tl-mark`);
    await page.waitForSelector('.tl-tooltip:not([hidden])');
    assert.match((await page.textContent('.tl-tooltip')) ?? '', /about October 2019.*Approximate date/);
    await shot('timeline-actor');
  });

  test('a filter that matches nothing says what to do', async () => {
    await openTimeline(`?actor=${lna.id}&type=Protests`);
    await page.waitForSelector('.tl-view .empty');
    assert.match((await page.textContent('.tl-view .empty')) ?? '', /No event matches these filters/);
    await page.click('.tl-view .empty button:has-text("Clear filters")');
    await page.waitForSelector('.tl-viewport[data-ready]');
    assert.equal(await page.evaluate(() => location.hash), '#/timeline');
    assert.equal(await page.inputValue('select[name=actor]'), '');
  });

  test('Fit shows from the first event to the last one, not years past it', async () => {
    const events = await api<EventRecord[]>('events.list');
    const years = (day: (e: EventRecord) => string | null) =>
      events
        .map(day)
        .filter((d): d is string => d !== null)
        .map((d) => Number(d.slice(0, 4)));
    const firstYear = Math.min(...years((e) => e.dateMin ?? e.dateMax));
    const lastYear = Math.max(...years((e) => e.dateMax ?? e.dateMin));
    await openTimeline();
    await page.waitForSelector('.tl-viewport[data-ready]');
    await page.click('.tl-zoom-in');
    await page.click('.tl-fit');
    await settle();
    const [, from, to] = /^Years · (\d{4}) – (\d{4})$/.exec((await page.textContent('.tl-scale')) ?? '') ?? [];
    assert.equal(Number(to), lastYear, "the axis ends in the last event's year");
    // A few pixels are kept before the first day: when that is 1 January (an event dated '2015'), they fall in the year before.
    assert.ok(Number(from) === firstYear || Number(from) === firstYear - 1, `the axis starts at ${from}, the first event in ${firstYear}`);
    // The last event's title stays in view, before its mark.
    const last = events
      .filter((e) => e.dateMax ?? e.dateMin)
      .sort((a, b) => (b.dateMax ?? b.dateMin)!.localeCompare((a.dateMax ?? a.dateMin)!))[0]!;
    const label = (await page.locator(`.tl-item[data-event-id="${last.id}"] .tl-label`).boundingBox())!;
    const viewport = (await page.locator('.tl-viewport').boundingBox())!;
    assert.ok(label.x >= viewport.x && label.x + label.width <= viewport.x + viewport.width + 1, 'the last title is in view');
    await shot('timeline-fit');
  });

  test('zooming changes the tick unit, from decades to days; dragging pans; a click opens the event', async () => {
    await openTimeline();
    await page.waitForSelector('.tl-viewport[data-ready]');
    assert.equal(await unit(), 'years');
    const seen = [await unit()];
    for (let i = 0; i < 16 && seen.at(-1) !== 'days'; i++) {
      await page.click('.tl-zoom-in');
      await settle();
      const now = (await unit())!;
      if (now !== seen.at(-1)) seen.push(now);
    }
    assert.deepEqual(seen, ['years', 'months', 'days']);
    assert.equal(await page.isDisabled('.tl-zoom-in'), false);

    await page.click('.tl-fit');
    await page.waitForFunction(() => document.querySelector('.tl-axis')?.getAttribute('data-unit') === 'years');
    for (let i = 0; i < 8 && (await unit()) !== 'decades'; i++) {
      await page.click('.tl-zoom-out');
      await settle();
    }
    assert.equal(await unit(), 'decades');
    await page.click('.tl-fit');
    await page.waitForFunction(() => document.querySelector('.tl-axis')?.getAttribute('data-unit') === 'years');

    // Ctrl+wheel zooms where the pointer is.
    const box = (await page.locator('.tl-viewport').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + 60);
    await page.keyboard.down('Control');
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await page.waitForFunction(() => document.querySelector('.tl-axis')?.getAttribute('data-unit') !== 'years');
    assert.ok(UNITS.indexOf((await unit())!) < UNITS.indexOf('years'), `zoomed in to ${await unit()}`);

    // Dragging moves everything left, and the release is not taken for a click.
    await page.click('.tl-fit');
    await page.waitForFunction(() => document.querySelector('.tl-axis')?.getAttribute('data-unit') === 'years');
    const all = await api<EventRecord[]>('events.list');
    const escape = all.find((e) => e.date === '2019-10-13')!;
    const target = page.locator(`.tl-item[data-event-id="${escape.id}"]`);
    await target.scrollIntoViewIfNeeded();
    const before = (await target.boundingBox())!;
    await page.mouse.move(before.x + 4, before.y + before.height - 4);
    await page.mouse.down();
    await page.mouse.move(before.x - 60, before.y + 20, { steps: 4 });
    await page.mouse.move(before.x - 146, before.y + 20, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => !document.querySelector('.tl-dragging'));
    await settle(); // the last move is drawn on the next frame
    const moved = (await target.boundingBox())!;
    assert.ok(Math.abs(moved.x - (before.x - 150)) < 3, `moved from ${before.x} to ${moved.x}`);
    assert.equal(await page.evaluate(() => location.hash), '#/timeline');

    // Zoomed in on October 2019 with the keyboard (+ zooms around the focused event), for the screenshot.
    await page.click('.tl-fit');
    await settle();
    await target.focus();
    for (let i = 0; i < 8 && (await unit()) !== 'months'; i++) {
      await page.keyboard.press('+');
      await settle();
    }
    assert.equal(await unit(), 'months');
    assert.ok(await target.isVisible(), 'the focused event stays in view');
    await shot('timeline-zoomed');

    await page.locator('.tl-viewport').evaluate((viewport) => viewport.scrollTo(0, 0));
    await page.click('.tl-fit');
    await page.click(`.tl-item[data-event-id="${escape.id}"] .tl-label`);
    await page.waitForFunction((id) => location.hash === `#/events/${id}`, escape.id);
    await page.waitForSelector(`.record-header h1:has-text("${escape.title}")`);
  });

  test('the table sorts by date (unknown years last, either way) and exports its rows as CSV', async () => {
    await openTimeline(`?actor=${lna.id}&view=table`);
    await page.waitForSelector('.tl-table');
    const expected = await api<EventRecord[]>('events.list', { actorId: lna.id });
    const byId = new Map(expected.map((e) => [e.id, e]));
    const order = async () =>
      (await page.$$eval('.tl-table tbody tr', (rows) => rows.map((r) => Number((r as HTMLElement).dataset['eventId'])))).map((id) =>
        byId.get(id)!,
      );
    const group = (e: EventRecord) => (e.date === null ? 2 : e.dateMin === null && e.dateMax === null ? 1 : 0);
    const key = (e: EventRecord) => e.dateMin ?? e.dateMax ?? '';

    let rows = await order();
    assert.equal(rows.length, expected.length);
    assert.equal(await page.getAttribute('th:has(.tl-sort[data-sort=date])', 'aria-sort'), 'ascending');
    assert.deepEqual(rows.map(group), [...rows.map(group)].sort());
    const ascending = rows.filter((e) => group(e) === 0).map(key);
    assert.deepEqual(ascending, [...ascending].sort());
    assert.equal(rows.at(-1)!.title, TRICKY_TITLE);

    await page.click('.tl-sort[data-sort=date]');
    await page.waitForSelector('th[aria-sort=descending] .tl-sort[data-sort=date]');
    assert.match(await page.evaluate(() => location.hash), /dir=desc/);
    rows = await order();
    assert.deepEqual(rows.map(group), [...rows.map(group)].sort(), 'unknown years and undated stay last');
    const descending = rows.filter((e) => group(e) === 0).map(key);
    assert.deepEqual(descending, [...descending].sort().reverse());
    await page.click('.tl-sort[data-sort=title]');
    await page.waitForSelector('th[aria-sort=ascending] .tl-sort[data-sort=title]');
    await page.click('.tl-sort[data-sort=date]');
    await page.waitForSelector('th[aria-sort=ascending] .tl-sort[data-sort=date]');
    await shot('timeline-table');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.tl-export')]);
    assert.match(download.suggestedFilename(), /^fieldbook-events-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark');
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(
      text.startsWith(
        `${CSV_HEADER.split(',')
          .map((name) => `"${name}"`)
          .join(',')}\r\n`,
      ),
      text.slice(0, 200),
    );
    const [header, ...records] = parseCsv(text);
    assert.equal(header!.join(','), CSV_HEADER);
    assert.equal(records.length, expected.length);
    assert.deepEqual(
      records.map((r) => Number(r[0])),
      (await order()).map((e) => e.id),
      'the rows in the order of the table',
    );
    const alToum = records.find((r) => r[1] === 'XXXX-02-25')!;
    assert.deepEqual(alToum.slice(2, 5), ['', '', '25 February, year unknown']);
    const tricky = records.find((r) => r[5]!.includes('معركة'))!;
    assert.equal(tricky[5], `'${TRICKY_TITLE}`, 'a formula-like cell is defused with an apostrophe');
    assert.equal(tricky[11], 'First line\nsecond line, with a comma and "quotes"');
    assert.equal(tricky[9], `${lna.name} (actor1)`);
    assert.equal(tricky[10], '3');
  });
});
