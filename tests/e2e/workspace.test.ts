/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ActorDetail, EventDetail, Note, Relation } from '../../db/shared/records.ts';
import { tempDir } from '../helpers.ts';
import { callApi, openApp, screenshots, type Shell } from './browser-shell.ts';

const data = tempDir();
let browser: Browser;
let shell: Shell;
let page: Page;

const api = <T>(method: string, input: unknown = {}) => callApi<T>(shell, method, input);

const shot = (name: string) => screenshots(page, name);

const findActor = async (name: string) => (await api<{ id: number; name: string }[]>('actors.list')).find((a) => a.name === name)!;

describe('the entity workspace in Chromium', () => {
  before(async () => {
    ({ shell, browser, page } = await openApp(data, { width: 1280, height: 900 }));
  });
  after(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('an alias added on the actor page is found by search at once', async () => {
    const lna = await findActor('Libyan National Army');
    await page.goto(`${shell.origin}/#/actors/${lna.id}`);
    await page.waitForSelector('.record-title');
    await page.fill('input[aria-label="New alias"]', 'Karama Coalition');
    await page.selectOption('select[aria-label="Alias kind"]', 'previous name');
    await page.click('form.inline-form button:has-text("Add")');
    await page.waitForSelector('.aliases li:has-text("Karama Coalition")');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('karama coalition');
    await page.waitForSelector('.palette-row:has-text("Libyan National Army")');
    assert.match(await page.innerHTML('.palette-row:has-text("Libyan National Army") .palette-snippet'), /<mark>Karama<\/mark>/);
    await page.keyboard.press('Escape');
  });

  test('a field edited in place is saved, a bad value is refused with the reason, and Undo restores', async () => {
    const lna = await findActor('Libyan National Army');
    await page.click('.fact-fields .editable-value:has-text("LY")');
    await page.fill('input[aria-label="Country"]', 'Libya');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.editable .form-error:has-text("ISO 3166-1")');
    assert.equal((await api<ActorDetail>('actors.get', { id: lna.id })).country, 'LY', 'nothing saved');
    await page.fill('input[aria-label="Country"]', 'ne');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.fact-fields .editable-value:has-text("NE")');
    assert.equal((await api<ActorDetail>('actors.get', { id: lna.id })).country, 'NE');
    await page.click('.toast button:has-text("Undo")');
    await page.waitForSelector('.fact-fields .editable-value:has-text("LY")');
    assert.equal((await api<ActorDetail>('actors.get', { id: lna.id })).country, 'LY');
  });

  test('merging two actors re-points every chip, relation, role and piece of evidence, and Undo restores them', async () => {
    const haftar = await findActor('Khalifa Haftar');
    const lna = await findActor('Libyan National Army');
    const sources = await api<{ id: number; title: string }[]>('sources.list');
    const nexus = sources.find((s) => s.title.startsWith('The Libya-Niger Nexus'))!;
    const dup = await api<{ id: number }>('actors.create', {
      name: 'Field Marshal Hifter',
      kind: 'person',
      aliases: [{ name: 'the Field Marshal' }],
    });
    const relation = await api<{ id: number }>('relations.create', { sourceId: dup.id, targetId: lna.id, type: 'supports' });
    const event = await api<{ id: number }>('events.create', {
      title: 'Field Marshal inspects troops',
      type: 'Strategic developments',
      participants: [{ actorId: dup.id, role: 'actor1' }],
    });
    const evidence = await api<{ id: number }>('evidence.create', {
      subject: { kind: 'actor', id: dup.id },
      sourceId: nexus.id,
      quote: 'Eastern Libyan commander Khalifa Haftar',
      credibility: 3,
    });
    const note = await api<{ id: number }>('notes.create', {
      title: 'Hifter watch',
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'mention', attrs: { kind: 'actor', id: dup.id, label: 'Field Marshal Hifter' } },
              { type: 'text', text: ' moved south.' },
            ],
          },
        ],
      },
    });

    await page.goto(`${shell.origin}/#/actors/${haftar.id}`);
    // The Libyan National Army's page (of the test before) stays until this one replaces it, the list beside it with it.
    await page.waitForSelector('.record-title:has-text("Khalifa Haftar")');
    const listed = async () => Number(await page.textContent('.list-header .count'));
    const before = await listed();
    await page.click('button:has-text("Merge…")');
    await page.fill('.popover .picker-input', 'Field Marshal Hifter');
    await page.click('.popover .picker-row:has-text("Field Marshal Hifter")');
    await shot('20-merge-confirm');
    await page.click('.popover button:has-text("Merge")');
    await page.waitForSelector('.aliases li:has-text("Field Marshal Hifter")');
    await shot('21-after-merge');
    await page.waitForFunction((n) => Number(document.querySelector('.list-header .count')?.textContent) === n, before - 1);
    assert.equal(
      await page.locator('.list-pane .item-title:text-is("Field Marshal Hifter")').count(),
      0,
      'the list beside the page follows the merge',
    );

    const noteAfter = await api<Note>('notes.get', { id: note.id });
    const chip = (noteAfter.body.content![0]!.content![0]!.attrs ?? {}) as { id: number };
    assert.equal(chip.id, haftar.id, 'the chip in the note body points at the survivor');
    assert.deepEqual(
      noteAfter.links.map((l) => [l.kind, l.id]),
      [['actor', haftar.id]],
    );
    const rel = await api<Relation>('relations.get', { id: relation.id });
    assert.equal(rel.source.id, haftar.id);
    const ev = await api<EventDetail>('events.get', { id: event.id });
    assert.deepEqual(
      ev.participants.map((p) => p.actorId),
      [haftar.id],
    );
    const evAfter = await api<{ subject: { kind: string; id: number } }>('evidence.get', { id: evidence.id });
    assert.deepEqual(evAfter.subject, { kind: 'actor', id: haftar.id, name: 'Khalifa Haftar' });
    const survivor = await api<ActorDetail>('actors.get', { id: haftar.id });
    assert.ok(survivor.aliases.some((a) => a.name === 'the Field Marshal'));
    await assert.rejects(api('actors.get', { id: dup.id }), /no actor/);

    await page.click('.toast button:has-text("Undo")');
    await page.waitForSelector('.toast:has-text("Undone")');
    await page.waitForFunction((n) => Number(document.querySelector('.list-header .count')?.textContent) === n, before);
    assert.equal(await listed(), before);
    const restored = await api<Note>('notes.get', { id: note.id });
    assert.equal(((restored.body.content![0]!.content![0]!.attrs ?? {}) as { id: number }).id, dup.id);
    assert.equal((await api<Relation>('relations.get', { id: relation.id })).source.id, dup.id);
    assert.deepEqual(
      (await api<EventDetail>('events.get', { id: event.id })).participants.map((p) => p.actorId),
      [dup.id],
    );
    assert.equal((await api<{ subject: { id: number } }>('evidence.get', { id: evidence.id })).subject.id, dup.id);
    assert.ok(!(await api<ActorDetail>('actors.get', { id: haftar.id })).aliases.some((a) => a.name === 'Field Marshal Hifter'));
  });

  test('the event page shows its EDTF date in words', async () => {
    const events = await api<{ id: number; date: string | null }[]>('events.list');
    const unknownYear = events.find((e) => e.date === 'XXXX-02-25')!;
    await page.goto(`${shell.origin}/#/events/${unknownYear.id}`);
    await page.waitForSelector('.date-words');
    assert.equal(await page.textContent('.date-words'), '25 February, year unknown');
    await shot('22-event-page');
  });
});
