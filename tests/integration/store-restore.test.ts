// A running app restores a backup in place (issue 11): the store is replaced
// by a checked backup, the current one kept as a backup first, and every later
// call reaches the restored store. And a store that cannot be written opens
// read-only: reading and searching work, writes are refused with a sentence.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { callAnyMethod, callHostMethod } from '../../db/api.ts';
import type { ApiError } from '../../db/shared/errors.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import { LiveStore } from '../../db/live-store.ts';
import type { Db } from '../../db/store/db.ts';
import { CLI, tempDir } from '../helpers.ts';

const noteBody = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const titles = async (store: LiveStore) =>
  ((await callHostMethod(store, 'notes.list', {})) as { title: string }[]).map((note) => note.title).sort();
const isApiError = (code: ApiError['code'], pattern?: RegExp) => (error: unknown) =>
  (error as ApiError).code === code && (!pattern || pattern.test((error as Error).message));

describe('restoring a backup in the running app', () => {
  test('the store is replaced by the backup, the current one is kept, and later calls reach the restored store', async () => {
    const dir = tempDir();
    const reopened: Db[] = [];
    const store = new LiveStore(openFieldbook(dir), { onReopen: (db) => reopened.push(db) });
    try {
      await callHostMethod(store, 'notes.create', { title: 'before the backup', body: noteBody('kept') });
      const backup = (await callHostMethod(store, 'backups.create', {})) as { name: string };
      await callHostMethod(store, 'notes.create', { title: 'after the backup', body: noteBody('replaced') });
      const before = store.db;

      const result = (await callHostMethod(store, 'backups.restore', { name: backup.name })) as { restored: string; kept: string };
      assert.equal(result.restored, backup.name);
      assert.notEqual(store.db, before, 'a new connection to the restored file');
      assert.equal(before.open, false);
      assert.deepEqual(reopened, [store.db]);
      assert.deepEqual(await titles(store), ['before the backup']);
      // The store it replaced, with the later note, is a listed backup: the restore can itself be undone.
      const listed = (await callHostMethod(store, 'backups.list', {})) as { name: string }[];
      assert.ok(listed.some((b) => b.name === result.kept));
      await callHostMethod(store, 'backups.restore', { name: result.kept });
      assert.deepEqual(await titles(store), ['after the backup', 'before the backup']);
      // Writes go to the restored store, on disk.
      await callHostMethod(store, 'notes.create', { title: 'after the restore', body: noteBody('new') });
    } finally {
      store.close();
    }
    const again = openFieldbook(dir);
    try {
      const notes = (await callAnyMethod(again.db, 'notes.list', {})) as { title: string }[];
      assert.deepEqual(notes.map((n) => n.title).sort(), ['after the backup', 'after the restore', 'before the backup']);
    } finally {
      again.close();
    }
  });

  test('a name that is a path, an unknown backup or a damaged one is refused and the store stays open and unchanged', async () => {
    const dir = tempDir();
    const store = new LiveStore(openFieldbook(dir));
    try {
      await callHostMethod(store, 'notes.create', { title: 'mine', body: noteBody('text') });
      const db = store.db;
      const outside = path.join(tempDir(), 'elsewhere.sqlite');
      fs.writeFileSync(outside, 'x');
      for (const name of ['../elsewhere.sqlite', outside, 'backups/x.sqlite', 'notes.txt']) {
        await assert.rejects(callHostMethod(store, 'backups.restore', { name }), isApiError('invalid_input'), name);
      }
      await assert.rejects(callHostMethod(store, 'backups.restore', { name: 'fieldbook-1999-01-01.sqlite' }), isApiError('not_found'));
      fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'backups', 'broken.sqlite'), 'SQLite format 3\0 and then garbage'.repeat(100));
      await assert.rejects(
        callHostMethod(store, 'backups.restore', { name: 'broken.sqlite' }),
        isApiError('invalid_input', /cannot be restored/),
      );
      assert.equal(store.db, db);
      assert.ok(db.open);
      assert.deepEqual(await titles(store), ['mine']);
    } finally {
      store.close();
    }
  });

  test('without a running app (a bare store) the call says to use fieldbook restore', async () => {
    const fieldbook = openFieldbook(tempDir());
    try {
      const made = (await callAnyMethod(fieldbook.db, 'backups.create', {})) as { name: string };
      await assert.rejects(
        callAnyMethod(fieldbook.db, 'backups.restore', { name: made.name }),
        isApiError('invalid_input', /fieldbook restore FILE/),
      );
    } finally {
      fieldbook.close();
    }
  });
});

/** A read-only view of `source` (a bind mount remounted read-only), or undefined with the reason it cannot be made here. */
function readOnlyMount(t: TestContext, source: string): string | undefined {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-read-only-'));
  const bind = spawnSync('mount', ['--bind', source, target], { encoding: 'utf8' });
  const remount = bind.status === 0 ? spawnSync('mount', ['-o', 'remount,ro,bind', target], { encoding: 'utf8' }) : bind;
  if (remount.status !== 0) {
    if (bind.status === 0) spawnSync('umount', ['-l', target]);
    fs.rmdirSync(target);
    const reason = `cannot make a read-only mount here (${(remount.stderr || remount.error?.message || '').trim()})`;
    console.log(`store-restore: read-only store: skipped: ${reason}`);
    t.skip(reason);
    return undefined;
  }
  t.after(() => {
    spawnSync('umount', ['-l', target]);
    fs.rmdirSync(target);
  });
  return target;
}

describe('a store that cannot be written', () => {
  test('opens read-only: reading and searching work, writes are refused with read_only, and nothing is written', async (t) => {
    const dir = tempDir();
    const setup = openFieldbook(dir);
    await callAnyMethod(setup.db, 'notes.create', { title: 'Field report', body: noteBody('convoy near Agadez at dawn') });
    setup.close();
    const mounted = readOnlyMount(t, dir);
    if (!mounted) return;
    const bytes = fs.readFileSync(path.join(dir, 'fieldbook.sqlite'));
    const names = fs.readdirSync(dir).sort();

    const fieldbook = openFieldbook(mounted);
    try {
      const { db } = fieldbook;
      assert.match(fieldbook.warnings.join('\n'), /open read-only: reading and searching work/);
      assert.deepEqual(await callAnyMethod(db, 'store.status', {}), { readOnly: true });
      assert.equal(((await callAnyMethod(db, 'notes.list', {})) as unknown[]).length, 1);
      const hits = (await callAnyMethod(db, 'search', { query: 'agadez convoy' })) as { title: string }[];
      assert.ok(hits.some((hit) => hit.title === 'Field report'));
      await assert.rejects(
        callAnyMethod(db, 'notes.create', { title: 'new', body: noteBody('x') }),
        isApiError('read_only', /cannot be written .* Reading and searching still work/),
      );
      await assert.rejects(callAnyMethod(db, 'backups.create', {}), isApiError('read_only'));
      assert.equal(await callAnyMethod(db, 'backups.create', { daily: true }), null);
    } finally {
      fieldbook.close();
    }
    assert.deepEqual(fs.readFileSync(path.join(dir, 'fieldbook.sqlite')), bytes);
    assert.deepEqual(fs.readdirSync(dir).sort(), names, 'no -wal, -shm or backup appeared');

    const cli = spawnSync(process.execPath, [CLI, 'search', 'agadez', '--data', mounted], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /Field report/);
    assert.match(cli.stderr, /warning: .* open read-only/);
  });
});
