/// <reference lib="dom" />
// A long source text is stored at once and indexed for search afterwards, a
// chunk at a time (issues 11 and 12). Until it is done, the Sources list and
// the source's page say so, and drop it when it is done; the import list says
// so of a file just imported. Two sources wait at the start: a long one,
// indexed first, keeps the second waiting for several seconds (the pause
// between chunks alone is 60 ms each), so its page shows the note.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import type { Source } from '../../db/shared/records.ts';
import { tempDir } from '../helpers.ts';
import { callApi, openApp, screenshots, type OpenedApp } from './browser-shell.ts';

// Lower case, no names: the page's suggestions have nothing to list in it.
const paragraph = (i: number) => `the convoy reached the checkpoint at dawn, escorted by militia trucks, line ${i}.\n\n`;
const textOf = (megabytes: number, last: string) => {
  const parts: string[] = [];
  for (let i = 0, length = 0; length < megabytes * 1024 * 1024; i++) {
    parts.push(paragraph(i));
    length += parts.at(-1)!.length;
  }
  return `${parts.join('')}The last line names ${last}.\n`;
};

const app = { data: tempDir('fieldbook-indexing-') } as OpenedApp;
const files = tempDir('fieldbook-indexing-files-');
let long: Source;
let waiting: Source;

const meta = (source: Source) => app.page.locator(`.list-pane a[href="#/sources/${source.id}"] .item-meta`);
const found = async (word: string) =>
  (await callApi<{ id: number; correction?: string }[]>(app.shell, 'search', { query: word, kinds: ['source'] }))
    .filter((hit) => hit.correction === undefined)
    .map((hit) => hit.id);

describe('a long source text being indexed, in Chromium', () => {
  before(async () => {
    // Stored before the app opens, as an app closed half-way through indexing would leave them.
    const setup = openFieldbook(app.data);
    long = callMethod(setup.db, 'sources.create', { title: 'A very long field log', text: textOf(16, 'quorvanthe') }) as Source;
    waiting = callMethod(setup.db, 'sources.create', { title: 'Waiting report', text: textOf(1.2, 'zephyrmoot') }) as Source;
    setup.close();
    assert.ok(long.indexing && waiting.indexing);
    Object.assign(app, await openApp(app.data));
  });
  after(async () => {
    await app.browser?.close();
    await app.shell?.stop();
  });

  test('the list and the page say a source is being indexed, and stop saying it when it is done', async () => {
    const { page } = app;
    await page.goto(`${app.shell.origin}/#/sources/${waiting.id}`);
    await page.waitForSelector('.reader-text');
    const note = page.locator('.reader .indexing-note[role=status]');
    assert.match((await note.textContent()) ?? '', /^Indexing for search… Searches may miss words of this text until it is done/);
    assert.match((await meta(waiting).textContent()) ?? '', /indexing for search…$/);
    assert.match((await meta(long).textContent()) ?? '', /indexing for search…$/);
    await screenshots(page, 'indexing-1-page');

    // Indexed in the app's own time: the page and the list follow.
    await note.waitFor({ state: 'detached', timeout: 300_000 });
    await page.waitForFunction(
      (href) => !document.querySelector(`.list-pane a[href="${href}"] .item-meta`)?.textContent?.includes('indexing'),
      `#/sources/${waiting.id}`,
    );
    assert.doesNotMatch((await meta(long).textContent()) ?? '', /indexing/);
    assert.deepEqual(await found('zephyrmoot'), [waiting.id]);
    assert.deepEqual(await found('quorvanthe'), [long.id]);
    await screenshots(page, 'indexing-2-done');
  });

  test('the import list says a long file just imported is being indexed', async () => {
    const { page } = app;
    const file = path.join(files, 'long-log.md');
    fs.writeFileSync(file, `# Long log\n\n${textOf(1.2, 'brastlequin')}`);
    await page.goto(`${app.shell.origin}/#/sources`);
    await page.setInputFiles('.import-input', file);
    const row = page.locator('.import-file', { has: page.locator('.import-name', { hasText: 'long-log.md' }) });
    await row.and(page.locator('[data-state=done]')).waitFor({ timeout: 120_000 });
    assert.match((await row.locator('.import-status').textContent()) ?? '', /^Imported as Long log · indexing for search…$/);
    await screenshots(page, 'indexing-3-import');
    const imported = (await callApi<Source[]>(app.shell, 'sources.list')).find((s) => s.title === 'Long log')!;
    while ((await callApi<Source[]>(app.shell, 'sources.list')).find((s) => s.id === imported.id)!.indexing);
    assert.deepEqual(await found('brastlequin'), [imported.id]);
  });
});
