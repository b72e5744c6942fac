// The Backups view: today's automatic backup is listed with its date and
// size as soon as the browser shell runs, and "Back up now" adds one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { appForTests, screenshots } from './browser-shell.ts';

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
});
