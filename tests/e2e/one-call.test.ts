/// <reference lib="dom" />
// One action, one API command: what the reader writes for an action is a
// single call, and a failed call leaves nothing half done.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Annotation, Note } from '../../db/shared/records.ts';
import { appForTests, callApi, selectPassage } from './browser-shell.ts';

const app = appForTests('fieldbook-one-call-');
const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);
const WRITE = /\.(create|update|delete|add|remove|purge|merge|restore|quote|createFromPassage|addWithEvidence|removeWithEvidence)$/;

/** The API writes the page makes while `action` runs. */
async function writesDuring(page: Page, action: () => Promise<void>): Promise<string[]> {
  const writes: string[] = [];
  const listen = (request: { url(): string }) => {
    const method = /\/api\/([^?]+)$/.exec(request.url())?.[1];
    if (method && WRITE.test(method)) writes.push(method);
  };
  page.on('request', listen);
  try {
    await action();
  } finally {
    page.off('request', listen);
  }
  return writes;
}

const QUOTE = 'transnational jihadist syndicates';

/** Scrolls the passage into the middle of the reader, then selects it (the actions open beside it). */
async function selectInView(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const paragraphs = Array.from(document.querySelectorAll('.reader-text p'));
    paragraphs.find((p) => p.textContent!.includes(wanted))!.scrollIntoView({ block: 'center' });
  }, text);
  await selectPassage(page, text);
}

describe('one action, one call, in Chromium', () => {
  test('quoting a selection into an existing note is one notes.quote, appended after what the note held', async () => {
    const { page, shell } = app;
    const note = await api<Note>('notes.create', {
      title: 'Field notes',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Earlier thoughts.' }] }] },
    });
    await page.goto(`${shell.origin}/#/sources/1`);
    await page.waitForSelector('.reader-text');
    const writes = await writesDuring(page, async () => {
      await selectInView(page, QUOTE);
      await page.click('.popover button:has-text("Quote into note")');
      await page.click('.popover .picker-row:has-text("Field notes")');
      await page.waitForSelector('.ProseMirror blockquote');
    });
    assert.deepEqual(writes, ['notes.quote']);
    assert.equal(new URL(page.url()).hash, `#/notes/${note.id}`);
    const saved = await api<Note>('notes.get', { id: note.id });
    assert.equal(saved.body.content?.[0]?.content?.[0]?.text, 'Earlier thoughts.');
    assert.equal(saved.body.content?.[1]?.type, 'blockquote');
    assert.ok(saved.links.some((l) => l.kind === 'annotation'));
  });

  test('quoting into a note deleted meanwhile changes nothing and says so', async () => {
    const { page, shell } = app;
    const note = await api<Note>('notes.create', { title: 'Soon gone' });
    const before = (await api<Annotation[]>('annotations.list', { sourceId: 1 })).length;
    await page.goto(`${shell.origin}/#/sources/1`);
    await page.waitForSelector('.reader-text');
    await selectInView(page, 'regulatory regime');
    await page.click('.popover button:has-text("Quote into note")');
    await page.waitForSelector('.popover .picker-row:has-text("Soon gone")');
    await api('notes.delete', { id: note.id });
    await page.click('.popover .picker-row:has-text("Soon gone")');
    await page.waitForSelector('.toast:has-text("Nothing was quoted")');
    assert.equal(new URL(page.url()).hash, '#/sources/1');
    assert.equal((await api<Annotation[]>('annotations.list', { sourceId: 1 })).length, before, 'no highlight left behind');
  });

  test('a record from a passage is one records.createFromPassage', async () => {
    const { page, shell } = app;
    await page.goto(`${shell.origin}/#/sources/1`);
    await page.waitForSelector('.reader-text');
    const writes = await writesDuring(page, async () => {
      await selectInView(page, 'syndicates');
      await page.click('.popover button:has-text("New record…")');
      await page.fill('.popover input[aria-label="Name"]', 'Syndicate network of the south');
      await page.click('.popover button:has-text("Create with this passage as evidence")');
      await page.waitForSelector('.toast a:has-text("Open Syndicate network of the south")');
    });
    assert.deepEqual(writes, ['records.createFromPassage']);
  });
});
