/// <reference lib="dom" />
// The map (#/map) in Chromium through the browser shell, on the seeded store:
// the basemap shipped with the app, one marker per placed event, filters in
// the address, a click on a marker, setting a place's coordinates with undo,
// and not one request leaving the app.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Place } from '../../db/shared/records.ts';
import { appForTests, appShowsAddress, callApi, openView, screenshots } from './browser-shell.ts';
import type { MapData } from '../../db/shared/map-data.ts';

const app = appForTests('fieldbook-map-');
const requests: string[] = [];
const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);

async function openMap(query = ''): Promise<void> {
  if (requests.length === 0) app.page.on('request', (request) => requests.push(request.url()));
  // The map of the test before is still ready on the page until this one replaces it.
  await openView(app.page, app.shell.origin, `#/map${query}`, '.map-view[data-ready=true]', '.map-view');
}

/** Events of `data` whose place has coordinates: what the map can plot. */
function placedEvents(data: MapData): number[] {
  const located = new Set(data.places.filter((p) => p.lat !== null).map((p) => p.id));
  return data.events
    .filter((e) => e.place && located.has(e.place.id))
    .map((e) => e.id)
    .sort((a, b) => a - b);
}

/** What the map shows: the events drawn alone, and the clusters (their count and their events). */
const shownMarks = () =>
  app.page.evaluate(() => ({
    events: Array.from(document.querySelectorAll<SVGElement>('.map-frame .map-event:not([display=none])')).map((n) =>
      Number(n.dataset['eventId']),
    ),
    clusters: Array.from(document.querySelectorAll<SVGElement>('.map-frame .map-cluster')).map((n) => ({
      id: n.dataset['clusterId']!,
      count: Number(n.dataset['count']),
      events: n.dataset['eventIds']!.split(',').map(Number),
    })),
  }));

/** Every event the map shows, alone or in a cluster. */
const markerIds = async () => {
  const shown = await shownMarks();
  return [...shown.events, ...shown.clusters.flatMap((c) => c.events)].sort((a, b) => a - b);
};
const scale = async () => Number((await app.page.getAttribute('.map-svg', 'data-scale')) ?? 1);

test('the map draws the shipped basemap and every placed seeded event, alone or in a cluster', async () => {
  await openMap();
  const land = await app.page.getAttribute('.map-land', 'd');
  assert.ok(land && land.length > 10_000, 'the countries are drawn');
  assert.ok(((await app.page.getAttribute('.map-borders', 'd')) ?? '').length > 1000, 'the borders are drawn');
  const expected = placedEvents(await api<MapData>('map.data'));
  assert.ok(expected.length >= 10);
  assert.deepEqual(await markerIds(), expected);
  // Places without a shown event are there too, faintly.
  assert.ok((await app.page.locator('.map-frame .map-place').count()) > 0);
  await screenshots(app.page, 'map');
});

test('a filter in the address reduces the markers to the matching events', async () => {
  await openMap('?type=Battles');
  const expected = placedEvents(await api<MapData>('map.data', { type: 'Battles' }));
  const all = placedEvents(await api<MapData>('map.data'));
  assert.ok(expected.length > 0 && expected.length < all.length);
  assert.deepEqual(await markerIds(), expected);
  assert.equal(await app.page.inputValue('select[name=type]'), 'Battles');
  // A date range, written in the address, narrows further with the timeline's rule.
  await openMap('?to=2019');
  const ids = await markerIds();
  assert.ok(ids.length > 0 && ids.length < all.length);
  const data = await api<MapData>('map.data');
  for (const id of ids) assert.ok(data.events.find((e) => e.id === id)!.dateMin! <= '2019-12-31');
});

test('zoomed out, nearby places merge into clusters whose counts add up to the events shown; a click zooms in', async () => {
  await openMap();
  const expected = placedEvents(await api<MapData>('map.data'));
  await app.page.click('.map-zoom button[aria-label="Zoom out"]');
  await app.page.click('.map-zoom button[aria-label="Zoom out"]');
  const out = await shownMarks();
  assert.ok(out.clusters.length > 0, 'there are clusters when zoomed out');
  assert.ok(out.events.length + out.clusters.length < expected.length, 'fewer marks than events');
  assert.equal(out.events.length + out.clusters.reduce((sum, c) => sum + c.count, 0), expected.length, 'the counts add up');
  for (const c of out.clusters) assert.equal(c.events.length, c.count);
  assert.deepEqual(await markerIds(), expected);
  await screenshots(app.page, 'map-clusters');

  // A click on the largest cluster zooms to it, and it splits.
  const largest = [...out.clusters].sort((a, b) => b.count - a.count)[0]!;
  const before = await scale();
  await app.page.locator(`.map-cluster[data-cluster-id="${largest.id}"]`).click();
  await app.page.waitForFunction((k) => Number(document.querySelector('.map-svg')!.getAttribute('data-scale')) > k, before);
  const after = await shownMarks();
  const holding = [
    ...after.events.filter((id) => largest.events.includes(id)).map((id) => [id]),
    ...after.clusters.filter((c) => c.events.some((id) => largest.events.includes(id))).map((c) => c.events),
  ];
  assert.ok(holding.length > 1, `the cluster of ${largest.count} split into ${holding.length} marks`);
  assert.deepEqual(await markerIds(), expected, 'every event is still shown, alone or in a cluster');
});

test('clicking a marker opens its event', async () => {
  await openMap();
  // Zoom into clusters until an event is drawn alone.
  for (let i = 0; i < 10 && (await app.page.locator('.map-frame .map-event:not([display=none])').count()) === 0; i++) {
    await app.page.locator('.map-frame .map-cluster').first().click();
  }
  const marker = app.page.locator('.map-frame .map-event:not([display=none])').first();
  const id = await marker.getAttribute('data-event-id');
  await marker.click();
  await app.page.waitForFunction((wanted) => location.hash === `#/events/${wanted}`, id);
  await appShowsAddress(app.page);
});

test("clicking the map sets a place's coordinates, and undo takes them back", async () => {
  await openMap();
  const places = await api<Place[]>('places.list');
  const unplaced = places.find((p) => p.lat === null)!;
  assert.ok(unplaced, 'the seed has a place without coordinates');
  await app.page.click(`.map-locate[data-place-id="${unplaced.id}"]`);
  await app.page.waitForSelector('.map-banner:not([hidden])');
  const box = (await app.page.locator('.map-svg').boundingBox())!;
  await app.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await app.page.waitForSelector('.toast button');
  const placed = await api<Place>('places.get', { id: unplaced.id });
  assert.ok(placed.lat !== null && placed.lon !== null, 'the coordinates are stored');
  assert.ok(placed.lat >= -90 && placed.lat <= 90 && placed.lon >= -180 && placed.lon <= 180);
  // The place has left the list of places without coordinates.
  await app.page.waitForSelector(`.map-view[data-ready=true]`);
  await app.page.waitForFunction((id) => !document.querySelector(`.map-locate[data-place-id="${id}"]`), unplaced.id);
  await app.page.click('.toast button');
  await app.page.waitForSelector(`.map-locate[data-place-id="${unplaced.id}"]`);
  const back = await api<Place>('places.get', { id: unplaced.id });
  assert.equal(back.lat, null);
  assert.equal(back.lon, null);
  assert.equal(back.precision, unplaced.precision);
});

test('the basemap names the major cities within the view, and only those', async () => {
  await openMap();
  const algiers = app.page.locator('.map-city[data-city="Algiers"]');
  await algiers.waitFor();
  assert.equal(await algiers.locator('.map-city-label').textContent(), 'Algiers');
  // Within the frame, as drawn.
  const frame = (await app.page.locator('.map-svg').boundingBox())!;
  const dot = (await algiers.locator('circle').boundingBox())!;
  assert.ok(dot.x >= frame.x && dot.x <= frame.x + frame.width && dot.y >= frame.y && dot.y <= frame.y + frame.height);
  // Bamako is one of the seeded places: drawn as the place, not a second time as a city.
  assert.equal(await app.page.locator('.map-city[data-city="Bamako"]').count(), 0);
  // Cities far outside the view (Tokyo, Sao Paulo) are not drawn.
  assert.equal(await app.page.locator('.map-city[data-city="Tokyo"]').count(), 0);
  assert.equal(await app.page.locator('.map-city[data-city="São Paulo"]').count(), 0);
  // Zoomed out to half, the view takes in more of the world, and more cities with it.
  const before = await app.page.locator('.map-city').count();
  await app.page.click('.map-zoom button[aria-label="Zoom out"]');
  await app.page.click('.map-zoom button[aria-label="Zoom out"]');
  await app.page.waitForFunction((n) => document.querySelectorAll('.map-city').length > n, before);
  await screenshots(app.page, 'map-cities');
});

test('no request left the app', () => {
  assert.ok(requests.length > 0);
  const outside = requests.filter((url) => !url.startsWith(`${app.shell.origin}/`) && !url.startsWith('data:'));
  assert.deepEqual(outside, []);
});
