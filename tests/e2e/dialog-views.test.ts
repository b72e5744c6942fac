/// <reference lib="dom" />
// The search palette, the Export dialog and the import preview are views like
// the others (core/view.ts): while open they follow the changes made to what
// they show, and once closed (the palette) or disposed of (the dialogs) they
// no longer react to any. A change is made here by an undo (Ctrl+Z) of a
// rename or a deletion, which the renderer publishes like every change
// (core/changes.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers.ts';
import { appForTests, callApi, screenshots } from './browser-shell.ts';

const app = appForTests('dialog-views', { width: 1280, height: 800 });

/** The API calls the page makes, with their input, from when it is called. */
function recordCalls(): { method: string; input: Record<string, unknown> }[] {
  const calls: { method: string; input: Record<string, unknown> }[] = [];
  app.page.on('request', (request) => {
    const method = /\/api\/([\w.]+)$/.exec(request.url())?.[1];
    if (method) calls.push({ method, input: JSON.parse(request.postData() ?? '{}') as Record<string, unknown> });
  });
  return calls;
}

/** Opens actor `name`'s page and returns its id. */
async function openActor(name: string): Promise<number> {
  const actor = (await callApi<{ id: number; name: string }[]>(app.shell, 'actors.list')).find((a) => a.name === name)!;
  await app.page.goto(`${app.shell.origin}/#/actors/${actor.id}`);
  await app.page.waitForSelector(`.record-title:has-text("${name}")`);
  return actor.id;
}

/** Renames the open actor on its page and waits for the save (which Ctrl+Z then undoes). */
async function rename(to: string): Promise<void> {
  await app.page.click('.editable.title .editable-value');
  await app.page.fill('input[aria-label="Name"]', to);
  await app.page.keyboard.press('Enter');
  await app.page.waitForSelector(`.record-title :text-is("${to}")`);
}

/** Ctrl+Z from the focused element (no text field), then waits for the page to show the name undone. */
async function undoRename(back: string): Promise<void> {
  await app.page.keyboard.press('Control+z');
  await app.page.waitForSelector(`.toast:has-text("Undone")`);
  await app.page.waitForSelector(`.record-title :text-is("${back}")`);
}

/** The calls the page makes while the open actor is renamed to `to` and the rename undone (back to `back`) from its page. */
async function callsOfRenameAndUndo(calls: ReturnType<typeof recordCalls>, to: string, back: string): Promise<typeof calls> {
  const before = calls.length;
  await rename(to);
  await app.page.focus('.record-title .editable-value');
  await undoRename(back);
  return calls.slice(before);
}

describe('the palette, the Export dialog and the import preview as views, in Chromium', () => {
  test('the open palette searches again after a change; closed, it searches no more', async () => {
    const { page } = app;
    const calls = recordCalls();
    await openActor('Khalifa Haftar');
    await rename('Khalifa Belqasim Haftar');
    await page.keyboard.press('Control+k');
    await page.fill('.palette-input', 'Haftar');
    await page.waitForSelector('.palette-row .palette-title:text-is("Khalifa Belqasim Haftar")');
    // The rename undone from the palette's first row: the results follow, the row keeps the focus.
    await page.focus('.palette-row');
    await undoRename('Khalifa Haftar');
    await page.waitForSelector('.palette-row .palette-title:text-is("Khalifa Haftar")');
    assert.equal(await page.locator('.palette-title:text-is("Khalifa Belqasim Haftar")').count(), 0, 'the old name is gone');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('palette-row')), true, 'focus stays on a row');
    await screenshots(page, 'dialog-views-palette');

    await page.keyboard.press('Escape');
    await page.waitForSelector('.palette[open]', { state: 'detached' });
    const made = await callsOfRenameAndUndo(calls, 'Khalifa Belqasim Haftar', 'Khalifa Haftar');
    const searches = made.filter((c) => c.method === 'search' && c.input['limit'] === 30);
    assert.deepEqual(searches, [], 'the closed palette did not search again');
  });

  test('the open Export dialog follows a renamed actor; disposed of, it no longer reacts', async () => {
    const { page } = app;
    const calls = recordCalls();
    const id = await openActor('Khalifa Haftar');
    await rename('Field Marshal Haftar');
    await page.click('.export-button');
    await page.waitForSelector('.export-dialog[open]');
    const chosen = '.export-dialog select[aria-label=Actor] option:checked';
    await page.waitForSelector(`${chosen}:text-is("Field Marshal Haftar")`, { state: 'attached' });
    await page.focus('.export-dialog button:has-text("Close")');
    await undoRename('Khalifa Haftar');
    await page.waitForSelector(`${chosen}:text-is("Khalifa Haftar")`, { state: 'attached' });
    assert.equal(await page.locator('.export-dialog select[aria-label=Actor]').inputValue(), String(id), 'the actor stays chosen');
    await screenshots(page, 'dialog-views-export');

    await page.click('.export-dialog button:has-text("Close")');
    await page.waitForSelector('.export-dialog', { state: 'detached' });
    const made = await callsOfRenameAndUndo(calls, 'Field Marshal Haftar', 'Khalifa Haftar');
    // The actors list of the list pane asks for every actor; the dialog's asked for 1000.
    const refetched = made.filter((c) => c.method === 'actors.list' && c.input['limit'] === 1000);
    assert.deepEqual(refetched, [], 'the disposed dialog fetched nothing');
  });

  test('the import preview is made again after a change while it is open; closed, it no longer is', async () => {
    const { page, shell } = app;
    const calls = recordCalls();
    const bundle = path.join(tempDir('dialog-views-files-'), 'bundle.json');
    fs.writeFileSync(bundle, JSON.stringify(await callApi(shell, 'exchange.stix.export', { scope: { kind: 'everything' } })));
    /** Moves the actor to the trash from its page (Ctrl+Z then restores it), and opens Sources. */
    const trashActor = async () => {
      await openActor('Khalifa Haftar');
      await page.click('.record-actions button:has-text("Delete")');
      await page.waitForSelector('.toast:has-text("Moved")');
      await page.click('.sidebar a[data-section="sources"]');
      await page.waitForSelector('.list-pane .list-header:has-text("Sources")');
    };
    await trashActor();
    await page.locator('.import-input').setInputFiles(bundle);
    const dialog = page.locator('.import-exchange-dialog[open]');
    // The bundle's actor is in the trash: skipped ("restore it first").
    await dialog.locator('.exchange-counts li:has-text("Khalifa Haftar")').waitFor();
    // The actor put back from the trash while the preview is open: the bundle's object now matches it.
    await dialog.locator('button:has-text("Cancel")').focus();
    await page.keyboard.press('Control+z');
    await dialog.locator('.exchange-counts li:has-text("Khalifa Haftar")').waitFor({ state: 'detached' });
    assert.match((await dialog.locator('.exchange-counts').textContent()) ?? '', /Will create: nothing/);

    await dialog.locator('button:has-text("Cancel")').click();
    await page.waitForSelector('.import-exchange-dialog', { state: 'detached' });
    const before = calls.length;
    await trashActor();
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.toast:has-text("Undone")');
    await openActor('Khalifa Haftar');
    const previews = calls.slice(before).filter((c) => c.method === 'exchange.stix.preview');
    assert.deepEqual(previews, [], 'the closed dialog made no preview');
  });
});
