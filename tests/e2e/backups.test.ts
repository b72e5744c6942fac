// The Backups view: today's automatic backup is listed with its date and
// size as soon as the browser shell runs, and "Back up now" adds one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { appForTests, callApi, screenshots } from './browser-shell.ts';

describe('backups in Chromium', () => {
  const app = appForTests('fieldbook-e2e-backups-');

  test('the daily backup is listed with its size; Back up now adds a checked one', async () => {
    const { data, page } = app;
    await page.click('a[data-section="backups"]');
    await page.waitForSelector('.backup-row');
    const today = new Date().toISOString().slice(0, 10);
    const rows = () => page.$$eval('.backup-row', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok((await rows()).some((row) => row.includes(`fieldbook-${today}.sqlite`) && /\d+(\.\d)? (KB|MB)/.test(row)));
    await page.click('button:has-text("Back up now")');
    await page.waitForSelector('[role=status]:has-text("checked")');
    assert.equal((await rows()).length, 2);
    const files = fs.readdirSync(path.join(data, 'backups'));
    assert.equal(files.length, 2);
    for (const file of files) assert.equal(fs.statSync(path.join(data, 'backups', file)).mode & 0o777, 0o600, file);
    await screenshots(page, 'backups');
  });

  test('Restore replaces the store with a backup in the running app, keeping the current store as a backup', async () => {
    const { page, shell } = app;
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'written after the backup' }] }] };
    const notesBefore = await callApi<{ title: string }[]>(shell, 'notes.list');
    await callApi(shell, 'notes.create', { title: 'Written after the backup', body });
    const manual = (await page.$$eval('.backup-row .trash-title', (els) => els.map((e) => e.textContent ?? ''))).find((name) =>
      name.endsWith('-manual.sqlite'),
    )!;
    await page.click(`button[aria-label="Restore ${manual}"]`);
    await page.click('.popover button.primary:has-text("Restore")');
    // The window reloads on the restored store and says what was kept.
    await page.waitForSelector(`[role=status]:has-text("Restored ${manual}")`);
    assert.match((await page.textContent('[role=status]:has-text("Restored")')) ?? '', /kept as before-restore-.*\.sqlite/);
    const notesAfter = await callApi<{ title: string }[]>(shell, 'notes.list');
    assert.deepEqual(
      notesAfter.map((n) => n.title),
      notesBefore.map((n) => n.title),
    );
    assert.equal((await page.$$('.backup-row')).length, 3, 'the replaced store is listed as a backup');
    await screenshots(page, 'backups-restored');
    // The app keeps working on the restored store.
    await callApi(shell, 'notes.create', { title: 'After the restore', body });
    assert.equal((await callApi<unknown[]>(shell, 'notes.list')).length, notesBefore.length + 1);
  });
});
