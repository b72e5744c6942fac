/// <reference lib="dom" />
// The offline gazetteer in Chromium: typing a town's name in the New place
// form (and the reader's New record form, as a place) offers its coordinates,
// and the one picked is saved with the place.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Place, PlaceDetail, Source } from '../../db/shared/records.ts';
import { appForTests, callApi, screenshots, selectPassage } from './browser-shell.ts';

const app = appForTests('fieldbook-gazetteer-', { width: 1280, height: 720 });
const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);

test('the New place form offers Zinder from the gazetteer, and picking it stores its coordinates with the place', async () => {
  const { page, shell } = app;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${shell.origin}/#/places`);
  await page.click('.list-header button:has-text("New place")');
  await page.fill('.popover input[aria-label="Name"]', 'Zinder');
  const offer = page.locator('.popover .gazetteer button', { hasText: 'Zinder, NE' });
  await offer.waitFor();
  assert.match((await offer.textContent())!, /13\.81° N, 8\.99° E/);
  await offer.click();
  await page.waitForSelector('.popover .gazetteer button[aria-pressed=true]');
  await screenshots(page, 'gazetteer-new-place');
  await page.click('.popover button[type=submit]');
  await page.waitForSelector('.record-header h1:has-text("Zinder")');

  const zinder = (await api<Place[]>('places.list')).find((p) => p.name === 'Zinder')!;
  assert.ok(Math.abs(zinder.lat! - 13.81) < 0.05 && Math.abs(zinder.lon! - 8.99) < 0.05, `${zinder.lat}, ${zinder.lon}`);
  assert.equal(zinder.precision, 2, 'a town');
  assert.equal(zinder.country, 'NE');

  // Nothing picked, nothing stored: a name the gazetteer does not know is saved without coordinates.
  await page.click('.list-header button:has-text("New place")');
  await page.fill('.popover input[aria-label="Name"]', 'Qzxwvjqk Pltrfn');
  await page.click('.popover button[type=submit]');
  await page.waitForSelector('.record-header h1:has-text("Qzxwvjqk Pltrfn")');
  const unknown = (await api<Place[]>('places.list')).find((p) => p.name === 'Qzxwvjqk Pltrfn')!;
  assert.equal(unknown.lat, null);

  const outside = requests.filter((url) => !url.startsWith(`${shell.origin}/`) && !url.startsWith('data:'));
  assert.deepEqual(outside, []);
});

test("the reader's New record form offers the gazetteer's towns once the record is a place, and saves the one picked", async () => {
  const { page, shell } = app;
  const source = await api<Source>('sources.create', {
    title: 'Convoy report',
    text: 'The convoy was stopped outside Tahoua before dawn.\n',
  });
  await page.goto(`${shell.origin}/#/sources/${source.id}`);
  await page.waitForSelector('.reader-text');
  await selectPassage(page, 'Tahoua');
  await page.click('.popover button:has-text("New record…")');
  await page.waitForSelector('.popover select[aria-label="Record type"]');
  await page.selectOption('.popover select[aria-label="Record type"]', 'place');
  const offer = page.locator('.popover .gazetteer button', { hasText: 'Tahoua, NE' });
  await offer.click();
  await page.waitForSelector('.popover .gazetteer button[aria-pressed=true]');
  await page.click('.popover button[type=submit]');
  await page.waitForSelector('.toast a:has-text("Open Tahoua")');

  const tahoua = (await api<Place[]>('places.list')).find((p) => p.name === 'Tahoua')!;
  assert.ok(Math.abs(tahoua.lat! - 14.89) < 0.05 && Math.abs(tahoua.lon! - 5.27) < 0.05, `${tahoua.lat}, ${tahoua.lon}`);
  assert.equal(tahoua.precision, 2);
  const detail = await api<PlaceDetail>('places.get', { id: tahoua.id });
  assert.equal(detail.evidence[0]?.quote, 'Tahoua', 'the passage is its evidence');
});
