/// <reference lib="dom" />
// The timeline's date range carried to the map (and the chart) in Chromium,
// through the browser shell, on the seeded store: the From/To fields and the
// axis's "Filter to this span" write from/to in the address, and "Show on map"
// opens the map with the same filters, which shows only the events in range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventRecord } from '../../db/shared/records.ts';
import { appForTests, callApi, screenshots } from './browser-shell.ts';
import type { MapData } from '../../db/shared/map-data.ts';

const app = appForTests('fieldbook-timeline-map-');
const requests: string[] = [];
const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);

/** Placed events (their place has coordinates) that may fall between `from` and `to` (ISO days). */
function placedInRange(data: MapData, from: string, to: string): number[] {
  const located = new Set(data.places.filter((p) => p.lat !== null).map((p) => p.id));
  const inRange = (e: EventRecord) => e.dateMin !== null && e.dateMax !== null && e.dateMax >= from && e.dateMin <= to;
  return data.events
    .filter((e) => e.place && located.has(e.place.id) && inRange(e))
    .map((e) => e.id)
    .sort((a, b) => a - b);
}

/** Every event the map shows, alone or in a cluster. */
const mapEventIds = () =>
  app.page.evaluate(() => {
    const alone = Array.from(document.querySelectorAll<SVGElement>('.map-frame .map-event:not([display=none])')).map((n) =>
      Number(n.dataset['eventId']),
    );
    const clustered = Array.from(document.querySelectorAll<SVGElement>('.map-frame .map-cluster')).flatMap((n) =>
      n.dataset['eventIds']!.split(',').map(Number),
    );
    return [...alone, ...clustered].sort((a, b) => a - b);
  });

async function setDate(name: 'from' | 'to', value: string): Promise<void> {
  await app.page.fill(`.tl-filters input[name=${name}]`, value);
  await app.page.dispatchEvent(`.tl-filters input[name=${name}]`, 'change');
}

test('a range set on the timeline goes to the address, and "Show on map" shows only the events in it', async () => {
  app.page.on('request', (request) => requests.push(request.url()));
  await app.page.goto(`${app.shell.origin}/#/timeline`);
  await app.page.waitForSelector('.tl-view > *');
  await setDate('from', '2023-01-01');
  await setDate('to', '2023-12-31');
  await app.page.waitForFunction(() => location.hash === '#/timeline?from=2023-01-01&to=2023-12-31');
  assert.equal(await app.page.getAttribute('.tl-map-link', 'href'), '#/map?from=2023-01-01&to=2023-12-31');
  assert.equal(await app.page.getAttribute('.tl-chart-link', 'href'), '#/chart?from=2023-01-01&to=2023-12-31');
  // Every title on the axis shows at least a readable start (titles hidden before the range was set were measured 0 px wide).
  await app.page.waitForSelector('.tl-view [data-ready=true]');
  const clipped = await app.page.$$eval('.tl-item:not([hidden]) .tl-label', (labels) =>
    labels.filter((l) => l.textContent && l.getBoundingClientRect().width < Math.min(l.scrollWidth, 40)).map((l) => l.textContent),
  );
  assert.deepEqual(clipped, []);
  await screenshots(app.page, 'timeline-range');

  await app.page.click('.tl-map-link');
  await app.page.waitForSelector('.map-view[data-ready=true]');
  assert.equal(await app.page.inputValue('.tl-filters input[name=from]'), '2023-01-01');
  assert.equal(await app.page.inputValue('.tl-filters input[name=to]'), '2023-12-31');
  const data = await api<MapData>('map.data');
  const expected = placedInRange(data, '2023-01-01', '2023-12-31');
  const all = placedInRange(data, '0000-01-01', '9999-12-31');
  assert.ok(expected.length > 0 && expected.length < all.length, `${expected.length} of ${all.length}`);
  assert.deepEqual(await mapEventIds(), expected);
});

test('"Filter to this span" takes the span in view on the axis as the range, for the map too', async () => {
  await app.page.goto(`${app.shell.origin}/#/timeline`);
  await app.page.waitForSelector('.tl-viewport[data-ready=true]');
  // Zoom in on the middle of the axis, then take what is in view.
  await app.page.click('.tl-zoom-in');
  await app.page.click('.tl-zoom-in');
  await app.page.click('.tl-use-span');
  await app.page.waitForFunction(() => /from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/.test(location.hash));
  const params = new URLSearchParams((await app.page.evaluate(() => location.hash)).split('?')[1]);
  const [from, to] = [params.get('from')!, params.get('to')!];
  assert.ok(from < to);
  assert.equal(await app.page.inputValue('.tl-filters input[name=from]'), from);
  assert.equal(await app.page.inputValue('.tl-filters input[name=to]'), to);
  assert.equal(await app.page.getAttribute('.tl-map-link', 'href'), `#/map?from=${from}&to=${to}`);

  await app.page.click('.tl-map-link');
  await app.page.waitForSelector('.map-view[data-ready=true]');
  assert.deepEqual(await mapEventIds(), placedInRange(await api<MapData>('map.data'), from, to));
});

test('no request left the app', () => {
  assert.ok(requests.length > 0);
  const outside = requests.filter((url) => !url.startsWith(`${app.shell.origin}/`) && !url.startsWith('data:'));
  assert.deepEqual(outside, []);
});
