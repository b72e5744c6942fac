/// <reference lib="dom" />
// Editing a record page never eats typing: a save redraws only what changed,
// focus stays where the analyst is, Escape gives focus back to what opened the
// editor, and the Enter that picks an actor in a dialog does not submit it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActorDetail, Relation } from '../../db/shared/records.ts';
import { appForTests, callApi, screenshots } from './browser-shell.ts';

const app = appForTests('editing-flow', { width: 1280, height: 900 });

const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);

const findActor = async (name: string) => (await api<{ id: number; name: string }[]>('actors.list')).find((a) => a.name === name)!;

/** The focused element, described by its tag and aria-label. */
const focused = () =>
  app.page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { tag: active?.tagName ?? '', label: active?.getAttribute('aria-label') ?? '', text: active?.textContent ?? '' };
  });

async function openActor(name: string): Promise<number> {
  const actor = await findActor(name);
  await app.page.goto(`${app.shell.origin}/#/actors/${actor.id}`);
  await app.page.waitForSelector(`.record-title:has-text("${name}")`);
  return actor.id;
}

describe('editing a record page in Chromium', () => {
  test('typing a new alias right after saving another field is kept, with focus and caret', async () => {
    const { page } = app;
    const id = await openActor('Libyan National Army');
    await page.click('.editable.description .editable-value');
    await page.fill('textarea[aria-label="Description"]', 'Haftar’s coalition of army units and allied militias.');
    // Leaving the description saves it; the analyst is already typing the next thing.
    await page.click('input[aria-label="New alias"]');
    await page.keyboard.type('Karama forces');
    await page.waitForSelector('.editable.description .editable-value:has-text("allied militias")');
    await page.waitForSelector('.toast:has-text("Changed description")');
    assert.equal((await api<ActorDetail>('actors.get', { id })).description, 'Haftar’s coalition of army units and allied militias.');
    assert.equal(await page.inputValue('input[aria-label="New alias"]'), 'Karama forces', 'the typed alias survives the save');
    assert.equal((await focused()).label, 'New alias', 'focus stays in the alias box');
    await page.keyboard.type(' HQ');
    assert.equal(await page.inputValue('input[aria-label="New alias"]'), 'Karama forces HQ', 'the caret stayed at the end');

    // Adding the alias keeps the box focused for the next one, and what is typed meanwhile stays.
    await page.keyboard.press('Enter');
    await page.keyboard.type('Operation Dignity');
    await page.waitForSelector('.aliases li:has-text("Karama forces HQ")');
    await page.waitForSelector('.toast:has-text("Added alias")');
    assert.equal(await page.inputValue('input[aria-label="New alias"]'), 'Operation Dignity');
    assert.equal((await focused()).label, 'New alias');
    assert.ok((await api<ActorDetail>('actors.get', { id })).aliases.some((a) => a.name === 'Karama forces HQ'));
    await page.fill('input[aria-label="New alias"]', '');
  });

  test('Escape gives focus back to the field it closed; Tab after an edit keeps focus on the next field', async () => {
    const { page } = app;
    const id = await openActor('Khalifa Haftar');
    await page.click('.fact-fields .editable-value[aria-label^="Country"]');
    await page.waitForSelector('input[aria-label="Country"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('input[aria-label="Country"]', { state: 'detached' });
    const afterEscape = await focused();
    assert.equal(afterEscape.tag, 'BUTTON');
    assert.match(afterEscape.label, /^Country: .*Edit$/, 'focus is on the country field that was being edited');

    await page.keyboard.press('Enter');
    await page.fill('input[aria-label="Country"]', 'ly');
    await page.keyboard.press('Tab');
    await page.waitForSelector('.fact-fields .editable-value[aria-label^="Country: LY"]');
    await page.waitForSelector('.toast:has-text("Changed country")');
    assert.equal((await api<ActorDetail>('actors.get', { id })).country, 'LY');
    assert.match((await focused()).label, /^Description: /, 'Tab moved on to the description and the save left it there');

    await page.keyboard.press('Enter');
    await page.waitForSelector('textarea[aria-label="Description"]');
    await page.keyboard.press('Escape');
    assert.match((await focused()).label, /^Description: /);
  });

  test('Enter in the relation dialog picks the actor without submitting; the dates can still be entered', async () => {
    const { page } = app;
    const id = await openActor('Libyan National Army');
    const before = (await api<ActorDetail>('actors.get', { id })).relations.length;
    await page.click('button:has-text("Add relation")');
    await page.waitForSelector('.popover[aria-label="Add relation"]');
    await page.fill('.popover .picker-input', 'Wagner Group');
    await page.waitForSelector('.popover .picker-row:has-text("Wagner")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.popover p:has-text("Other actor:") strong:has-text("Wagner")');
    assert.equal(await page.locator('.popover[aria-label="Add relation"]').count(), 1, 'the dialog is still open');
    assert.equal((await api<ActorDetail>('actors.get', { id })).relations.length, before, 'nothing was submitted');

    await page.fill('.popover input[aria-label="Start (EDTF)"]', '2019-04');
    await page.fill('.popover input[aria-label="End (EDTF)"]', '2020-06');
    await screenshots(page, '40-relation-picked');
    await page.click('.popover button:has-text("Add relation")');
    await page.waitForSelector('.popover', { state: 'detached' });
    await page.waitForSelector('.relation-row:has-text("Wagner"):has-text("April 2019 to June 2020")');
    const relations = (await api<ActorDetail>('actors.get', { id })).relations;
    assert.equal(relations.length, before + 1);
    const added = relations.find((r: Relation) => r.start === '2019-04')!;
    assert.equal(added.end, '2020-06');
    assert.equal((await focused()).text, 'Add relation', 'closing the dialog gives focus back to its button');

    // Escape closes an edit dialog and gives focus back to the Edit button that opened it.
    await page.click(`.relation-row[data-relation="${added.id}"] button:has-text("Edit")`);
    await page.waitForSelector('.popover[aria-label="Edit relation"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.popover', { state: 'detached' });
    assert.equal((await focused()).text, 'Edit');
  });

  test('typing in the list filter goes on while an edit redraws the list beside it', async () => {
    const { page } = app;
    const id = await openActor('Khalifa Haftar');
    // A rename on the page, saved as the analyst moves on to the list's filter and types in it:
    // the list beside the page is redrawn with the new name while the typing goes on.
    await page.click('.editable.title .editable-value');
    await page.fill('input[aria-label="Name"]', 'Khalifa Belqasim Haftar');
    await page.click('.list-pane input[aria-label="Filter"]');
    await page.keyboard.type('haft');
    await page.waitForSelector('.list-pane .item-title:text-is("Khalifa Belqasim Haftar")');
    assert.equal((await focused()).label, 'Filter', 'focus stays in the filter');
    await page.keyboard.type('ar');
    assert.equal(await page.inputValue('.list-pane input[aria-label="Filter"]'), 'haftar');
    await api('actors.update', { id, name: 'Khalifa Haftar' });
  });
});
