/// <reference lib="dom" />
// The map with many events, measured in Chromium (playwright-core, the e2e
// tests' headless Chromium) against the browser shell: the seeded store
// topped up to MAP_EVENTS events (default 10,000) at MAP_PLACES generated
// places (default 500) across North and West Africa, opened on #/map.
// Prints the time until the map is drawn (fetch, markers, clusters, basemap,
// cities) and the time per frame while the map is dragged (panned).
// Needs the renderer built (npm run build). Prints figures; not a pass/fail test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callMethod } from '../db/api.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import { EVENT_TYPES } from '../db/shared/vocabulary.ts';
import { openApp } from '../tests/e2e/browser-shell.ts';
import { describeFrames, dragInCircle } from './frames.ts';

const EVENTS = Number(process.env['MAP_EVENTS'] ?? 10_000);
const PLACES = Number(process.env['MAP_PLACES'] ?? 500);
const PAN_STEPS = 120;

/** The seeded store topped up to EVENTS events at PLACES generated places, deterministically pseudo-random. */
function fillStore(dataDir: string): void {
  const fieldbook = openFieldbook(dataDir);
  const call = (method: string, input: unknown) => callMethod(fieldbook.db, method as never, input) as { id: number };
  let state = 11;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const places: number[] = [];
  for (let i = 0; i < PLACES; i++) {
    // Denser towards a few centres, as events in a conflict are.
    const lat = 8 + 27 * random() ** 1.5;
    const lon = -15 + 45 * random();
    places.push(call('places.create', { name: `Place ${i + 1}`, kind: 'town', lat, lon, precision: 1 + (i % 3) }).id);
  }
  const seeded = (callMethod(fieldbook.db, 'events.list', {}) as unknown[]).length;
  for (let i = seeded; i < EVENTS; i++) {
    const year = 2012 + (i % 14);
    const month = String(1 + (i % 12)).padStart(2, '0');
    call('events.create', {
      title: `Event ${i + 1}`,
      type: EVENT_TYPES[i % EVENT_TYPES.length],
      date: `${year}-${month}`,
      placeId: places[Math.floor(random() ** 2 * places.length)],
      fatalities: i % 5 === 0 ? Math.floor(random() * 40) : 0,
    });
  }
  fieldbook.close();
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-map-'));
const filling = performance.now();
fillStore(dataDir);
console.log(
  `store: the seed topped up to ${EVENTS} events at ${PLACES} more places in ${((performance.now() - filling) / 1000).toFixed(1)} s`,
);
const { shell, browser, page } = await openApp(dataDir, { width: 1400, height: 900 });
try {
  const opened = performance.now();
  await page.evaluate(() => (location.hash = '#/map'));
  await page.waitForSelector('.map-view[data-ready=true]', { timeout: 600_000 });
  const drawn = performance.now() - opened;
  const shown = await page.evaluate(() => ({
    events: document.querySelectorAll('.map-frame .map-event:not([display=none])').length,
    clusters: document.querySelectorAll('.map-frame .map-cluster').length,
    cities: document.querySelectorAll('.map-frame .map-city').length,
  }));
  const counted = await page.textContent('.map-count');
  console.log(
    `map drawn ${(drawn / 1000).toFixed(2)} s after opening (fetch, markers, clusters, basemap, cities): ${counted}; ` +
      `${shown.events} event marks alone, ${shown.clusters} clusters, ${shown.cities} cities`,
  );

  // Drag the map in a circle, recording the frames meanwhile.
  const box = (await page.locator('.map-svg').boundingBox())!;
  const pan = await dragInCircle(page, box.x + box.width / 2, box.y + box.height / 2, 200, 120, PAN_STEPS);
  console.log(`panning the map over ${PAN_STEPS} pointer moves in ${(pan.ms / 1000).toFixed(1)} s: ${describeFrames(pan)}`);
} finally {
  await browser.close();
  await shell.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
