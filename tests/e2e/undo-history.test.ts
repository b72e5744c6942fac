/// <reference lib="dom" />
// Merges are history and undo works the same everywhere: the Merges view
// undoes a merge after a reload, a merged record in the Trash is "merged into"
// its survivor and restoring it undoes the merge, deleting a note has a toast
// with Undo and Ctrl+Z undoes deletions in order, and a link to a trashed note
// is struck through and opens its Trash entry.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActorDetail, Evidence, MergeHistoryEntry, MergeRecord, Note, Relation } from '../../db/shared/records.ts';
import type { DocNode } from '../../db/shared/schemas.ts';
import { appForTests, appShowsAddress, callApi, screenshots } from './browser-shell.ts';

const app = appForTests('fieldbook-undo-');
const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);
const goto = async (hash: string) => {
  await app.page.goto(`${app.shell.origin}/${hash}`);
  await appShowsAddress(app.page);
};

const actor = (name: string) => api<ActorDetail>('actors.create', { name, kind: 'person' });
const mentionDoc = (kind: string, id: number, label: string): DocNode => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'See ' },
        { type: 'mention', attrs: { kind, id, label } },
      ],
    },
  ],
});
const exists = async (method: string, id: number) =>
  api(method, { id }).then(
    () => true,
    () => false,
  );

describe('merges are history', () => {
  test('merge on the record page, reload, then undo it from the Merges view', async () => {
    const { page } = app;
    const survivor = await actor('Ag Ghaly');
    const duplicate = await actor('Iyad Ag Ghali');
    await goto(`#/actors/${survivor.id}`);
    await page.waitForSelector('.record-title');
    await page.click('button:has-text("Merge…")');
    await page.fill('.popover .picker-input', 'Iyad Ag Ghali');
    await page.click('.popover .picker-row:has-text("Iyad Ag Ghali")');
    await page.click('.popover button:has-text("Merge")');
    await page.waitForSelector('.aliases li:has-text("Iyad Ag Ghali")');

    await page.reload();
    await appShowsAddress(page);
    await page.click('.sidebar a[data-section="merges"]');
    const row = page.locator('.merge-row', { hasText: 'Iyad Ag Ghali' });
    await row.waitFor();
    assert.match((await row.locator('.merge-title').textContent()) ?? '', /Iyad Ag Ghali merged into Ag Ghaly/);
    assert.match((await row.locator('.merge-moved').textContent()) ?? '', /1 alias: Iyad Ag Ghali/);

    // A second merge, blocked by a note edited since: the view says why and offers what it can.
    const [kept, gone] = [await actor('Hamadou Kouffa'), await actor('Amadou Koufa')];
    const note = await api<Note>('notes.create', { title: 'Macina notes', body: mentionDoc('actor', gone.id, 'Amadou Koufa') });
    await api<{ merge: MergeRecord }>('actors.merge', { survivorId: kept.id, mergedId: gone.id });
    await api('notes.update', { id: note.id, body: mentionDoc('actor', kept.id, 'Kouffa, edited') });
    await page.reload();
    await appShowsAddress(page);
    const blocked = page.locator('.merge-row', { hasText: 'Amadou Koufa' });
    await blocked.waitFor();
    assert.match((await blocked.locator('.merge-blocked').textContent()) ?? '', /"Macina notes" .*edited since the merge/);
    await screenshots(page, 'merges-view');

    await row.locator('button:has-text("Undo merge")').click();
    await page.waitForSelector('.merge-row.undone:has-text("Iyad Ag Ghali")');
    assert.equal((await api<ActorDetail>('actors.get', { id: duplicate.id })).name, 'Iyad Ag Ghali');
    assert.deepEqual((await api<ActorDetail>('actors.get', { id: survivor.id })).aliases, []);

    await page.locator('.merge-row', { hasText: 'Amadou Koufa' }).locator('button:has-text("leaving that note as it is")').click();
    await page.waitForSelector('.merge-row.undone:has-text("Amadou Koufa")');
    assert.ok(await exists('actors.get', gone.id));
    const history = await api<MergeHistoryEntry[]>('merges.list');
    assert.ok(history.every((m) => m.undoneAt !== null));
  });

  test('a merge of two events links to the surviving event from the Merges view', async () => {
    const { page } = app;
    const event = (title: string) => api<{ id: number }>('events.create', { title, type: 'Battles', date: '2024-03-02' });
    const survivor = await event('Clashes near Tinzaouaten');
    const merged = await event('Fighting at Tin Zaouatene');
    await api('events.merge', { survivorId: survivor.id, mergedId: merged.id });
    await goto('#/merges');
    // The Merges view of the test before is still open on this address: shown again, as the store is now.
    await page.reload();
    const row = page.locator('.merge-row', { hasText: 'Fighting at Tin Zaouatene' });
    await row.waitFor();
    // Once linked as a place (#/places/<the event's id>): the link must open the event.
    assert.equal(await row.locator('a:has-text("Clashes near Tinzaouaten")').getAttribute('href'), `#/events/${survivor.id}`);
  });

  test('a merged record shows in the Trash as "merged into" its survivor; restoring it undoes the merge', async () => {
    const { page } = app;
    const survivor = await actor('Mahmoud Dicko');
    const merged = await actor('Imam Dicko');
    await api('actors.merge', { survivorId: survivor.id, mergedId: merged.id });
    await goto('#/trash');
    const row = page.locator('.trash-row', { hasText: 'Imam Dicko' });
    await row.waitFor();
    assert.match((await row.locator('.row-meta').textContent()) ?? '', /^merged into Mahmoud Dicko/);
    await screenshots(page, 'trash-merged-into');
    await row.locator('button:has-text("Restore (undo merge)")').click();
    await page.locator('.trash-row', { hasText: 'Imam Dicko' }).waitFor({ state: 'detached' });
    assert.equal((await api<ActorDetail>('actors.get', { id: merged.id })).name, 'Imam Dicko');
    assert.deepEqual(
      (await api<ActorDetail>('actors.get', { id: survivor.id })).aliases,
      [],
      'its name is no longer an alias of the survivor',
    );
  });
});

describe('undo everywhere the same', () => {
  test('deleting a note shows a toast whose Undo brings it back', async () => {
    const { page } = app;
    const note = await api<Note>('notes.create', { title: 'Convoy sightings' });
    await goto(`#/notes/${note.id}`);
    await page.waitForSelector('.ProseMirror');
    await page.click('.toolbar button:has-text("Delete")');
    await page.waitForSelector('.toast:has-text("Moved “Convoy sightings” to the trash")');
    assert.equal(await exists('notes.get', note.id), false);
    await page.click('.toast button:has-text("Undo")');
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('.note-title')?.value === 'Convoy sightings');
    assert.ok(await exists('notes.get', note.id));
  });

  test('Ctrl+Z undoes the last deletions in order, newest first', async () => {
    const { page } = app;
    const first = await api<Note>('notes.create', { title: 'First to go' });
    const second = await api<Note>('notes.create', { title: 'Second to go' });
    for (const note of [first, second]) {
      await goto(`#/notes/${note.id}`);
      // The note of the test before is still open until this one replaces it: its Delete must not be the one pressed.
      await page.waitForFunction((title) => document.querySelector<HTMLInputElement>('.note-title')?.value === title, note.title);
      await page.click('.toolbar button:has-text("Delete")');
      await page.waitForSelector(`.toast:has-text("Moved “${note.title}” to the trash")`);
    }
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.toast:has-text("Undone: Moved “Second to go” to the trash")');
    assert.deepEqual([await exists('notes.get', first.id), await exists('notes.get', second.id)], [false, true]);
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.toast:has-text("Undone: Moved “First to go” to the trash")');
    assert.deepEqual([await exists('notes.get', first.id), await exists('notes.get', second.id)], [true, true]);
  });
});

describe('a delete that fails', () => {
  test('says why on the record page, and stays there', async () => {
    const { page } = app;
    const created = await actor('Stale Page Actor');
    await goto(`#/actors/${created.id}`);
    await page.waitForSelector('.record-actions button:has-text("Delete")');
    await api('actors.delete', { id: created.id }); // meanwhile, elsewhere
    await page.click('.record-actions button:has-text("Delete")');
    await page.waitForSelector('.toast:has-text("“Stale Page Actor” was not deleted")');
    assert.match(page.url(), new RegExp(`#/actors/${created.id}$`));
  });
});

describe('removing a relation', () => {
  test('Undo puts back the same relation with its evidence', async () => {
    const { page } = app;
    const relations = await api<Relation[]>('relations.list', { limit: 1000 });
    let chosen: { relation: Relation; evidence: Evidence[] } | undefined;
    for (const relation of relations) {
      const evidence = await api<Evidence[]>('evidence.list', { subject: { kind: 'relation', id: relation.id } });
      if (evidence.length > 0 && !relation.source.name.includes('“')) {
        chosen = { relation, evidence };
        break;
      }
    }
    assert.ok(chosen, 'a seeded relation with evidence');
    const { relation, evidence } = chosen;
    await goto(`#/actors/${relation.source.id}`);
    const row = page.locator('.relation-row', { hasText: relation.target.name }).filter({ hasText: relation.type }).first();
    await row.locator('button:has-text("Remove")').click();
    await page.waitForSelector('.toast:has-text("Removed a relation")');
    assert.equal(await exists('relations.get', relation.id), false);
    await page.click('.toast button:has-text("Undo")');
    await page.waitForSelector('.toast:has-text("Undone: Removed a relation")');
    const back = await api<Evidence[]>('evidence.list', { subject: { kind: 'relation', id: relation.id } });
    assert.deepEqual(
      back.map((e) => e.id),
      evidence.map((e) => e.id),
      'the same relation, with the same evidence',
    );
  });
});

describe('links to trashed items', () => {
  test('a mention of a trashed note is struck through and opens its Trash entry', async () => {
    const { page } = app;
    const target = await api<Note>('notes.create', { title: 'Old assessment' });
    const linking = await api<Note>('notes.create', { title: 'New assessment', body: mentionDoc('note', target.id, 'Old assessment') });
    await api('notes.delete', { id: target.id });
    await goto(`#/notes/${linking.id}`);
    const chip = page.locator('.ProseMirror .chip-note');
    await chip.waitFor();
    assert.match(await chip.evaluate((el) => getComputedStyle(el).textDecorationLine), /line-through/);
    assert.equal(await page.locator('.note-links .chip-note.chip-trashed').count(), 1);
    await chip.click();
    await page.waitForSelector('.trash-row.selected:has-text("Old assessment")');
    assert.equal(new URL(page.url()).hash, `#/trash?kind=note&id=${target.id}`);

    // Any other way to the trashed note lands on the same entry, not on "could not be opened".
    await goto(`#/notes/${target.id}`);
    // The entry opened by the chip is still shown until the note's address has been sent back to it.
    await page.waitForFunction((wanted) => location.hash === wanted, `#/trash?kind=note&id=${target.id}`);
    await page.waitForSelector('.trash-row.selected:has-text("Old assessment")');
    assert.equal(await page.locator('text=could not be opened').count(), 0);
  });
});
