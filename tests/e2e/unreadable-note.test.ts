// A stored note body the editor cannot show (written by a newer Fieldbook, or
// by hand) opens read-only with the problem said, and is never saved over.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { appForTests, callApi, screenshots } from './browser-shell.ts';

const app = appForTests('fieldbook-e2e-unreadable-');

test('a note with content the editor does not know opens read-only, says why, and keeps its stored body', async () => {
  const { data, shell, page } = app;
  const note = await callApi<{ id: number }>(shell, 'notes.create', {
    title: 'From the future',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'visible part' }] }] },
  });
  // As a newer version would have stored it: a node type this one does not know.
  const stored = JSON.stringify({
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'visible part' }] },
      { type: 'timelineEmbed', attrs: { from: 2019, to: 2026 } },
    ],
  });
  const raw = new Database(path.join(data, 'fieldbook.sqlite'));
  raw.prepare('UPDATE notes SET body = ? WHERE id = ?').run(stored, note.id);
  raw.close();

  await page.goto(`${shell.origin}/#/notes/${note.id}`);
  await page.waitForSelector('.note-unreadable');
  assert.match((await page.textContent('.note-unreadable')) ?? '', /cannot show .*kept exactly as stored/);
  assert.equal(await page.getAttribute('.ProseMirror', 'contenteditable'), 'false');
  assert.equal(await page.isDisabled('.note-title'), true);
  assert.equal(await page.textContent('.note-plain'), 'visible part', 'the stored text is still shown');
  await screenshots(page, 'note-unreadable');
  // Leaving the note (blur, switching away) would have saved what the editor shows.
  await page.click('a[data-section="actors"]');
  // The notes list has .items too: the actors list is drawn once the note has been left.
  await page.waitForSelector('.list-pane a.item[href^="#/actors/"]');
  const check = new Database(path.join(data, 'fieldbook.sqlite'), { readonly: true });
  try {
    assert.equal((check.prepare('SELECT body FROM notes WHERE id = ?').get(note.id) as { body: string }).body, stored);
  } finally {
    check.close();
  }
});
