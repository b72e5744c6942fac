/// <reference lib="dom" />
// Duplicates caught before they exist (the warning of the create forms), the
// reader kept open after making a record, and the duplicate finder.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { ActorDetail, EventRecord, Source } from '../../db/shared/records.ts';
import { appForTests, callApi, screenshots } from './browser-shell.ts';

const app = appForTests('fieldbook-duplicates-', { width: 1280, height: 640 });
const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);
const SELECTION = 'Rapid Support Forces (RSF)';

/** Selects `text` in the reader even across the segments of known names and evidence, as a mouse drag would. */
async function selectAcross(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const paragraph = Array.from(document.querySelectorAll<HTMLElement>('.reader-text p')).find((p) => p.textContent!.includes(wanted))!;
    if (paragraph.getBoundingClientRect().bottom > innerHeight || paragraph.getBoundingClientRect().top < 0)
      paragraph.scrollIntoView({ block: 'center' });
    const from = paragraph.textContent!.indexOf(wanted);
    const to = from + wanted.length;
    const range = document.createRange();
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent!.length;
      if (from >= seen && from < seen + length) range.setStart(node, from - seen);
      if (to > seen && to <= seen + length) range.setEnd(node, to - seen);
      seen += length;
    }
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    paragraph.closest('.reader-text')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, text);
  await page.waitForSelector('.popover');
}

const actorsNamed = async (pattern: RegExp) =>
  (await api<{ id: number; name: string }[]>('actors.list')).filter((a) => pattern.test(a.name));

describe('duplicates in Chromium', () => {
  let sourceId = 0;
  let rsfId = 0;

  test('New record from the underlined "Rapid Support Forces (RSF)" warns; Create anyway keeps the reader where it was', async () => {
    const { page, shell } = app;
    sourceId = (await api<Source[]>('sources.list')).find((s) => s.seedKey === 'libya-niger-nexus')!.id;
    rsfId = (await actorsNamed(/^Rapid Support Forces$/))[0]!.id;
    await page.goto(`${shell.origin}/#/sources/${sourceId}`);
    await page.waitForSelector('.reader-text .entity');
    // The passage in the middle of the pane, the pane scrolled away from its top.
    await page.evaluate((wanted) => {
      const p = Array.from(document.querySelectorAll('.reader-text p')).find((e) => e.textContent!.includes(wanted))!;
      p.scrollIntoView({ block: 'center' });
    }, SELECTION);
    const scrolled = await page.evaluate(() => document.querySelector('.main-pane')!.scrollTop);
    assert.ok(scrolled > 100, `the reader scrolled (${scrolled})`);

    await selectAcross(page, SELECTION);
    await page.click('.popover button:has-text("New record…")');
    const row = page.locator(`.popover .similar-row[data-id="${rsfId}"]`);
    await row.waitFor();
    assert.match((await page.textContent('.popover .similar-warning'))!, /Already in your records\?/);
    assert.match((await row.textContent())!, /Rapid Support Forces.*Same name/);
    assert.equal(await page.textContent('.popover button[type=submit]'), 'Create anyway');
    await screenshots(page, 'duplicate-warning');

    await page.click('.popover button:has-text("Create anyway")');
    await page.waitForSelector(`.toast a:has-text("Open ${SELECTION}")`);
    // Still the reader, at the same place.
    assert.equal(new URL(page.url()).hash, `#/sources/${sourceId}`);
    await page.waitForSelector('.reader-text');
    const after = await page.evaluate(() => document.querySelector('.main-pane')!.scrollTop);
    assert.ok(Math.abs(after - scrolled) <= 2, `scroll ${scrolled} then ${after}`);
    const copy = (await actorsNamed(/^Rapid Support Forces \(RSF\)$/))[0]!;
    const detail = await api<ActorDetail>('actors.get', { id: copy.id });
    assert.equal(detail.evidence[0]?.quote, SELECTION);

    await page.click(`.toast a:has-text("Open ${SELECTION}")`);
    await page.waitForSelector(`.record-header h1:has-text("${SELECTION}")`);
  });

  test('Add as alias: a near spelling becomes an alias of the record, with the passage as evidence', async () => {
    const { page, shell } = app;
    await page.goto(`${shell.origin}/#/sources/${sourceId}`);
    await page.waitForSelector('.reader-text .entity');
    const before = await api<ActorDetail>('actors.get', { id: rsfId });
    await selectAcross(page, SELECTION);
    await page.click('.popover button:has-text("New record…")');
    await page.fill('.popover input[aria-label="Name"]', 'Rapid Suport Force');
    const row = page.locator(`.popover .similar-row[data-id="${rsfId}"]`);
    await row.locator('.similar-why:has-text("A letter or two from")').waitFor();
    await row.locator('button:has-text("Add as alias")').click();
    await page.waitForSelector('.toast:has-text("Added “Rapid Suport Force” as an alias of “Rapid Support Forces”")');
    assert.equal(new URL(page.url()).hash, `#/sources/${sourceId}`);
    const now = await api<ActorDetail>('actors.get', { id: rsfId });
    assert.ok(now.aliases.some((a) => a.name === 'Rapid Suport Force'));
    assert.equal(now.evidence.length, before.evidence.length + 1);
    assert.equal((await actorsNamed(/Rapid Suport/)).length, 0, 'no new actor');
  });

  test('the New actor form of the list warns too, and Add as alias opens the record', async () => {
    const { page, shell } = app;
    await page.goto(`${shell.origin}/#/actors`);
    await page.click('.list-header button:has-text("New actor")');
    await page.fill('.popover input[aria-label="Name"]', 'Wagner Grop');
    const wagner = (await actorsNamed(/^Wagner Group$/))[0]!;
    // The Wagner Group, and the Africa Corps by its alias "Wagner Group".
    await page.locator('.popover .similar-row', { hasText: 'Africa Corps' }).waitFor();
    await page.locator(`.popover .similar-row[data-id="${wagner.id}"] button:has-text("Add as alias")`).click();
    await page.waitForSelector('.record-header h1:has-text("Wagner Group")');
    assert.ok((await api<ActorDetail>('actors.get', { id: wagner.id })).aliases.some((a) => a.name === 'Wagner Grop'));
    // A name like no other creates at once.
    await page.click('.list-header button:has-text("New actor")');
    await page.fill('.popover input[aria-label="Name"]', 'Brigade of the Salt Road');
    await page.click('.popover button:has-text("Create actor")');
    await page.waitForSelector('.record-header h1:has-text("Brigade of the Salt Road")');
  });

  test('the suggestions panel shows the record a suggested name may be, and merges into it in one call', async () => {
    const { page, shell } = app;
    const source = await api<Source>('sources.create', {
      title: 'Field report from Darfur',
      text: 'Witnesses said the Rapid Suport Forces crossed into Darfur near Geneina.\n',
    });
    const before = await api<ActorDetail>('actors.get', { id: rsfId });
    await page.goto(`${shell.origin}/#/sources/${source.id}`);
    await page.click('.suggest-toggle');
    const row = page.locator('.suggest-row:not(.known)', { has: page.locator('.suggest-name:text-is("Rapid Suport Forces")') });
    await row.locator('.suggest-similar:has-text("Possibly Rapid Support Forces")').waitFor();
    // The Accept form says the same before anything is created.
    await row.locator('button:has-text("Accept…")').click();
    await page.waitForSelector(`.popover .similar-row[data-id="${rsfId}"]`);
    assert.equal(await page.textContent('.popover button[type=submit]'), 'Create anyway');
    await page.keyboard.press('Escape');
    await row.locator('button:has-text("Merge into Rapid Support Forces")').click();
    await page.waitForSelector('.suggest-outcomes li:has-text("merged into actor")');
    const after = await api<ActorDetail>('actors.get', { id: rsfId });
    assert.ok(after.aliases.some((a) => a.name === 'Rapid Suport Forces'));
    assert.equal(after.evidence.length, before.evidence.length + 1);
    assert.equal((await actorsNamed(/^Rapid Suport Forces$/)).length, 0);
  });

  test('the duplicate finder pairs the copy with the original, side by side, and merges them', async () => {
    const { page } = app;
    // An event at the same place on the same day as a seeded one: listed, and merged below.
    const event = (await api<EventRecord[]>('events.list')).find((e) => e.place && e.dateMin && e.dateMin === e.dateMax)!;
    await api('events.create', { title: 'Second report of that day', type: event.type, date: event.dateMin, placeId: event.place!.id });
    await page.click('nav a[data-section="duplicates"]');
    const card = page.locator('.duplicate-pair[data-kind="actor"]', { hasText: SELECTION });
    await card.waitFor();
    assert.match((await card.textContent())!, /Same name/);
    assert.match((await card.locator('.duplicate-compare thead').textContent())!, /Rapid Support Forces.*Rapid Support Forces \(RSF\)/);
    assert.match((await card.locator('.duplicate-compare tbody').textContent())!, /Also known as.*RSF/);
    const eventCard = page.locator('.duplicate-pair[data-kind="event"]', { hasText: 'Second report of that day' });
    assert.match((await eventCard.textContent())!, /Same place and day/);
    await screenshots(page, 'duplicate-finder');

    await card.locator(`button:has-text("Merge “${SELECTION}” into “Rapid Support Forces”")`).click();
    await page.waitForSelector('.toast:has-text("Merged")');
    await page.locator('.duplicate-pair[data-kind="actor"]', { hasText: SELECTION }).waitFor({ state: 'detached' });
    assert.equal((await actorsNamed(/^Rapid Support Forces \(RSF\)$/)).length, 0);
    const rsf = await api<ActorDetail>('actors.get', { id: rsfId });
    assert.ok(rsf.aliases.some((a) => a.name === SELECTION));

    // Events merge too: the copy's evidence and participants move to the event kept.
    await eventCard.locator(`button:has-text("Merge “Second report of that day” into “${event.title}”")`).click();
    await page.waitForSelector('.toast:has-text("Merged “Second report of that day”")');
    await eventCard.waitFor({ state: 'detached' });
    assert.ok(!(await api<EventRecord[]>('events.list')).some((e) => e.title === 'Second report of that day'));
  });
});
