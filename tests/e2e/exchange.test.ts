/// <reference lib="dom" />
// The Export dialog (from the navigation) and importing a case file and an
// ACLED-style CSV through Import…, in Chromium through the browser shell.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { openFieldbook } from '../../db/fieldbook.ts';
import type { Stats } from '../../db/shared/records.ts';
import { loadSeed } from '../../db/seed/data.ts';
import { tempDir } from '../helpers.ts';
import { callApi, openApp, screenshots, type Shell } from './browser-shell.ts';

const scratch = tempDir('fieldbook-exchange-files-');
// Made here, at the top level: a folder made in a before hook is removed as soon as that hook ends.
const sourceData = tempDir();
const opened: { shell: Shell; browser: Browser; page: Page }[] = [];
after(async () => {
  for (const { browser, shell } of opened) {
    await browser.close();
    await shell.stop();
  }
});

async function open(data: string) {
  const app = await openApp(data, { width: 1280, height: 800 });
  opened.push(app);
  return app;
}

/** Exports `label` through the dialog and returns the downloaded file's path. */
async function exportThroughDialog(page: Page, label: string, name: string): Promise<{ file: string; suggested: string }> {
  await page.click('.export-dialog .exchange-format:has-text("' + label + '")');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.export-dialog button[type=submit]')]);
  await page.waitForSelector('.export-dialog .exchange-status:has-text("Downloaded")');
  const file = path.join(scratch, name);
  await download.saveAs(file);
  return { file, suggested: download.suggestedFilename() };
}

describe('export and exchange import in the app', () => {
  let caseFile = '';
  let acledFile = '';
  let stixFile = '';
  let source: { shell: Shell; page: Page };
  let sourceStats: Stats;

  before(async () => {
    source = await open(sourceData);
    await callApi(source.shell, 'notes.create', { title: 'Travels with the case' });
    sourceStats = await callApi<Stats>(source.shell, 'stats.get');
  });

  test('the Export dialog, opened from the navigation, downloads a case file, an ACLED CSV, a STIX bundle and a Markdown vault', async () => {
    const { page } = source;
    await page.click('nav .export-button');
    await page.waitForSelector('.export-dialog[open]');
    assert.equal(await page.locator('.export-dialog select[aria-label=Scope]').inputValue(), 'everything');
    await screenshots(page, 'export-dialog');
    const exported = await exportThroughDialog(page, 'Case file', 'case.json');
    assert.match(exported.suggested, /^fieldbook-case-\d{4}-\d{2}-\d{2}\.json$/);
    caseFile = exported.file;
    const parsed = JSON.parse(fs.readFileSync(caseFile, 'utf8'));
    assert.equal(parsed.format, 'fieldbook-case');
    assert.ok(parsed.tables.notes.some((n: { title: string }) => n.title === 'Travels with the case'));
    const acled = await exportThroughDialog(page, 'ACLED-style CSV', 'events.csv');
    assert.match(acled.suggested, /^fieldbook-events-acled-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.match(fs.readFileSync(acled.file, 'utf8'), /^\uFEFF"event_id_cnty","event_date","year","time_precision"/);
    acledFile = acled.file;
    const stix = await exportThroughDialog(page, 'STIX 2.1', 'bundle.json');
    assert.equal(JSON.parse(fs.readFileSync(stix.file, 'utf8')).type, 'bundle');
    stixFile = stix.file;
    const vault = await exportThroughDialog(page, 'Markdown vault', 'vault.zip');
    assert.match(vault.suggested, /^fieldbook-vault-\d{4}-\d{2}-\d{2}\.zip$/);
    const pages = unzipSync(fs.readFileSync(vault.file));
    const folder = vault.suggested.replace(/\.zip$/, '');
    assert.match(strFromU8(pages[`${folder}/Notes/Travels with the case.md`]!), /^---\ntitle: "Travels with the case"\n/);
    assert.ok(pages[`${folder}/Actors/Africa Corps.md`], 'one page per actor');
    await page.click('.export-dialog button:has-text("Close")');
    await page.waitForSelector('.export-dialog', { state: 'detached' });
  });

  test('a case file through Import… is previewed, then restored into an empty store', async () => {
    // An empty store the shell will not seed: the seed declined once (its hash recorded), nothing else.
    const data = tempDir();
    const empty = openFieldbook(data, { seed: false });
    empty.db.prepare("INSERT INTO meta (key, value) VALUES ('seed_hash', ?)").run(loadSeed().hash);
    empty.close();
    const { shell, page } = await open(data);
    await page.goto(`${shell.origin}/#/sources`);
    await page.locator('.import-input').setInputFiles(caseFile);
    const dialog = page.locator('.import-exchange-dialog[open]');
    await dialog.locator('.exchange-counts li:has-text("Will create")').waitFor();
    assert.match((await dialog.locator('.exchange-counts').textContent()) ?? '', /5 sources, .*\d+ evidence, 1 note$/);
    assert.equal((await callApi<Stats>(shell, 'stats.get')).sources, 0, 'the preview wrote nothing');
    await screenshots(page, 'import-case-preview');
    await dialog.locator('button:has-text("Import")').click();
    await dialog.locator('.exchange-status:not(.error):has-text("Restored")').waitFor();
    assert.deepEqual(await callApi<Stats>(shell, 'stats.get'), sourceStats);
    await dialog.locator('button:has-text("Close")').click();
    await page.waitForSelector('.import-exchange-dialog', { state: 'detached' });
    await page.goto(`${shell.origin}/#/notes`);
    await page.waitForSelector('text=Travels with the case');
  });

  test('a case file into a store that holds records is refused in the preview; an ACLED CSV of the same events matches them all', async () => {
    const { shell, page } = source;
    await page.goto(`${shell.origin}/#/sources`);
    await page.locator('.import-input').setInputFiles(caseFile);
    const dialog = page.locator('.import-exchange-dialog[open]');
    await dialog.locator('.exchange-status.error:has-text("goes into an empty one")').waitFor();
    assert.equal(await dialog.locator('button:has-text("Import")').isDisabled(), true);
    await dialog.locator('button:has-text("Close")').click();
    await page.locator('.import-input').setInputFiles(acledFile);
    await dialog.locator('.exchange-counts li:has-text("Already in the store")').waitFor();
    assert.match(
      (await dialog.locator('.exchange-counts').textContent()) ?? '',
      new RegExp(`Will create: nothing.*Already in the store: ${sourceStats.events} events`),
    );
    await dialog.locator('button:has-text("Import")').click();
    await dialog.locator('.exchange-status:not(.error):has-text("Imported")').waitFor();
    assert.deepEqual(await callApi<Stats>(shell, 'stats.get'), sourceStats);
  });

  test('a STIX bundle through Import… is recognised, previewed (created, matched, skipped), imported, and undone as a whole', async () => {
    const { shell, page } = source;
    const foreign = path.join(scratch, 'opencti.json');
    const t = '2025-01-10T08:00:00.000Z';
    const ids = { group: 'threat-actor--33333333-3333-4333-8333-333333333333', tool: 'malware--77777777-7777-4777-8777-777777777777' };
    fs.writeFileSync(
      foreign,
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--22222222-2222-4222-8222-222222222222',
        objects: [
          {
            type: 'threat-actor',
            spec_version: '2.1',
            id: ids.group,
            created: t,
            modified: t,
            name: 'Katiba Sahel Nord',
            aliases: ['KSN'],
          },
          { type: 'malware', spec_version: '2.1', id: ids.tool, created: t, modified: t, name: 'SahelRAT', is_family: true },
        ],
      }),
    );
    // The ACLED import's dialog, left open by the test before, is closed first.
    for (const open of await page.locator('.import-exchange-dialog[open] button:has-text("Close")').all()) await open.click();
    await page.waitForSelector('.import-exchange-dialog', { state: 'detached' });
    await page.goto(`${shell.origin}/#/sources`);
    await page.locator('.import-input').setInputFiles(stixFile);
    const dialog = page.locator('.import-exchange-dialog[open]');
    await dialog.locator('.exchange-counts li:has-text("Already in the store")').waitFor();
    assert.match((await dialog.locator('.exchange-counts').textContent()) ?? '', /Will create: nothing/);
    await dialog.locator('button:has-text("Cancel")').click();
    await page.waitForSelector('.import-exchange-dialog', { state: 'detached' });
    await page.locator('.import-input').setInputFiles(foreign);
    await dialog.locator('.exchange-counts li:has-text("Will skip")').waitFor();
    const preview = (await dialog.locator('.exchange-counts').textContent()) ?? '';
    assert.match(preview, /Will create: 1 actor, 1 note/);
    assert.match(preview, /SahelRAT \(Fieldbook has no record for a STIX malware\)/);
    assert.equal((await callApi<Stats>(shell, 'stats.get')).actors, sourceStats.actors, 'the preview wrote nothing');
    await screenshots(page, 'import-stix-preview');
    await dialog.locator('button:has-text("Import")').click();
    await dialog.locator('.exchange-status:not(.error):has-text("Imported")').waitFor();
    assert.equal((await callApi<Stats>(shell, 'stats.get')).actors, sourceStats.actors + 1);

    // Closing the dialog offers the import for undo, as a whole.
    await dialog.locator('button:has-text("Close")').click();
    await page.locator('.toast:has-text("Imported opencti.json") button:has-text("Undo")').click();
    await page.waitForSelector('.toast:has-text("Undone: Imported opencti.json")');
    assert.deepEqual(await callApi<Stats>(shell, 'stats.get'), sourceStats);
  });

  test('the Export dialog’s scope: the timeline’s current filter, one actor with what is linked to it, the ticked notes', async () => {
    const { shell, page } = source;
    await page.goto(`${shell.origin}/#/timeline?type=Battles`);
    await page.waitForSelector('.tl-filters');
    await page.click('nav .export-button');
    await page.waitForSelector('.export-dialog[open]');
    assert.equal(await page.locator('.export-dialog select[aria-label=Scope]').inputValue(), 'timeline');
    assert.equal(await page.locator('.export-dialog input[value=acled]').isChecked(), true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.export-dialog button[type=submit]')]);
    const csv = path.join(scratch, 'battles.csv');
    await download.saveAs(csv);
    const battles = await callApi<unknown[]>(shell, 'events.list', { type: 'Battles', limit: 1000 });
    assert.equal(fs.readFileSync(csv, 'utf8').trim().split('\r\n').length - 1, battles.length);
    await page.click('.export-dialog button:has-text("Close")');

    const actors = await callApi<{ id: number; name: string }[]>(shell, 'actors.list', { limit: 1000 });
    const corps = actors.find((a) => a.name === 'Africa Corps')!;
    await page.goto(`${shell.origin}/#/actors/${corps.id}`);
    await page.click('nav .export-button');
    await page.waitForSelector('.export-dialog[open]');
    // The actor list arrives from the store after the dialog opens.
    await page.waitForSelector(`.export-dialog select[aria-label=Actor] option[value="${corps.id}"]`, { state: 'attached' });
    assert.equal(await page.locator('.export-dialog select[aria-label=Actor]').inputValue(), String(corps.id));
    await screenshots(page, 'export-dialog-actor-scope');
    const vault = await exportThroughDialog(page, 'Markdown vault', 'corps.zip');
    const names = Object.keys(unzipSync(fs.readFileSync(vault.file)));
    assert.ok(names.some((n) => n.endsWith('/Actors/Africa Corps.md')));
    assert.ok(names.length < actors.length, 'only what is linked to the actor');
    await page.click('.export-dialog button:has-text("Close")');

    await page.goto(`${shell.origin}/#/notes`);
    await page.click('nav .export-button');
    // A case file is the whole store: its scope cannot be changed until another format is chosen.
    assert.equal(await page.locator('.export-dialog select[aria-label=Scope]').isDisabled(), true);
    await page.click('.export-dialog .exchange-format:has-text("Markdown vault")');
    await page.selectOption('.export-dialog select[aria-label=Scope]', 'notes');
    await page.click('.export-dialog button[type=submit]');
    await page.waitForSelector('.export-dialog .exchange-status.error:has-text("Tick at least one note")');
    await page.click('.export-dialog .exchange-notes label:has-text("Travels with the case") input');
    const notes = await exportThroughDialog(page, 'Markdown vault', 'notes.zip');
    assert.deepEqual(
      Object.keys(unzipSync(fs.readFileSync(notes.file))).map((n) => n.replace(/^[^/]+\//, '')),
      ['Notes/Travels with the case.md'],
    );
  });

  test('Export pressed before the list of actors has arrived exports the actor the page shows', async () => {
    const { shell, page } = source;
    // The notes export of the test before left its dialog open.
    for (const open of await page.locator('.export-dialog[open] button:has-text("Close")').all()) await open.click();
    await page.waitForSelector('.export-dialog', { state: 'detached' });
    const corps = (await callApi<{ id: number; name: string }[]>(shell, 'actors.list', { limit: 1000 })).find(
      (a) => a.name === 'Africa Corps',
    )!;
    await page.goto(`${shell.origin}/#/actors/${corps.id}`);
    await page.waitForSelector('.record-title:has-text("Africa Corps")');
    // The dialog's list of actors is held back until Export has been pressed.
    let pressed = () => {};
    const exportPressed = new Promise<void>((resolve) => (pressed = resolve));
    await page.route('**/api/actors.list', async (route) => {
      await exportPressed;
      await route.continue();
    });
    try {
      await page.click('nav .export-button');
      await page.waitForSelector('.export-dialog[open]');
      assert.equal(await page.locator('.export-dialog select[aria-label=Actor] option').count(), 0, 'the list has not arrived');
      const downloaded = page.waitForEvent('download');
      await page.click('.export-dialog button[type=submit]');
      pressed();
      const file = path.join(scratch, 'corps-at-once.zip');
      await (await downloaded).saveAs(file);
      const names = Object.keys(unzipSync(fs.readFileSync(file)));
      assert.ok(names.some((n) => n.endsWith('/Actors/Africa Corps.md')));
    } finally {
      pressed();
      await page.unroute('**/api/actors.list');
    }
    await page.click('.export-dialog button:has-text("Close")');
  });
});
