// The store on disk (issue 11): private, truly deleted, foreign files left
// alone, never silently lost under a running app, backups that finish and
// restore. Each test reproduces a fault first reported against the store.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { callMethod } from '../../db/api.ts';
import { openFieldbook, STORE_MARKER } from '../../db/fieldbook.ts';
import { backupsToPrune, backupStore, verifyBackup } from '../../db/store/backup.ts';
import { checkpointWhenIdle, IDLE_CHECKPOINT_MS, lastIdleError } from '../../db/store/checkpoint.ts';
import type { Db } from '../../db/store/db.ts';
import { callApi, startShell } from '../e2e/browser-shell.ts';
import { CLI, ROOT, storeDigest, tempDir } from '../helpers.ts';

const noteBody = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function runCli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
}

describe('owner only', () => {
  test('a new data folder is 0700; the store, its WAL and SHM, the marker and backups are 0600', () => {
    const dir = path.join(tempDir(), 'data');
    const fieldbook = openFieldbook(dir);
    try {
      callMethod(fieldbook.db, 'notes.create', { title: 'private', body: noteBody('for my eyes') });
      assert.equal(mode(dir), 0o700);
      for (const name of ['fieldbook.sqlite', 'fieldbook.sqlite-wal', 'fieldbook.sqlite-shm', STORE_MARKER]) {
        assert.equal(mode(path.join(dir, name)), 0o600, name);
      }
      const backup = backupStore(fieldbook.db, path.join(dir, 'copies', 'one.sqlite'));
      assert.equal(mode(backup.file), 0o600);
      assert.equal(mode(path.dirname(backup.file)), 0o700);
      assert.deepEqual(fieldbook.warnings, []);
    } finally {
      fieldbook.close();
    }
  });

  test('at every open, store files others could read are made private, and a folder others can read is reported', () => {
    const dir = tempDir();
    openFieldbook(dir).close();
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'fieldbook.sqlite'), 0o644);
    const fieldbook = openFieldbook(dir);
    try {
      assert.equal(mode(path.join(dir, 'fieldbook.sqlite')), 0o600);
      assert.equal(fieldbook.warnings.length, 1);
      assert.match(fieldbook.warnings[0]!, /can be read by other accounts .*chmod 700/);
    } finally {
      fieldbook.close();
    }
    const cli = runCli(['stats', '--data', dir]);
    assert.equal(cli.status, 0);
    assert.match(cli.stderr, /^fieldbook: warning: the data folder .* can be read by other accounts/m);
  });

  test(
    'another account cannot read the store (run as nobody)',
    { skip: process.getuid?.() !== 0 && 'needs root to run a command as nobody' },
    () => {
      const dir = tempDir();
      fs.chmodSync(dir, 0o755); // even inside a folder others may enter
      const fieldbook = openFieldbook(path.join(dir, 'data'));
      fieldbook.close();
      const read = spawnSync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', 'cat', path.join(dir, 'data', 'fieldbook.sqlite')],
        {
          encoding: 'utf8',
        },
      );
      if (read.error) assert.fail(`setpriv could not run: ${read.error.message}`);
      assert.notEqual(read.status, 0);
      assert.match(read.stderr, /Permission denied/);
    },
  );
});

describe('deleted means deleted', () => {
  test('a purged note leaves no trace in the file, the WAL or the search vocabulary', () => {
    const dir = tempDir();
    const secret = 'quixzanthemum';
    const fieldbook = openFieldbook(dir, { seed: false });
    const { db } = fieldbook;
    const note = callMethod(db, 'notes.create', { title: `Meeting ${secret}`, body: noteBody(`The ${secret} contact met us twice.`) }) as {
      id: number;
    };
    callMethod(db, 'notes.create', { title: 'Other', body: noteBody('An ordinary note that stays.') });
    db.pragma('wal_checkpoint(TRUNCATE)'); // the secret is in the main file now, not only in the WAL
    callMethod(db, 'notes.delete', { id: note.id });
    callMethod(db, 'trash.purge', { kind: 'note', id: note.id });
    assert.equal(
      (db.prepare('SELECT count(*) AS n FROM search_terms WHERE term = ?').get(secret) as { n: number }).n,
      0,
      'gone from the vocabulary',
    );
    assert.equal((callMethod(db, 'search', { query: secret }) as unknown[]).length, 0);
    fieldbook.close();
    for (const name of fs.readdirSync(dir)) {
      const bytes = fs.readFileSync(path.join(dir, name));
      assert.equal(bytes.includes(secret), false, `${name} still holds the purged word`);
      assert.equal(bytes.includes(Buffer.from(secret, 'utf16le')), false, name);
    }
    const reopened = openFieldbook(dir, { seed: false });
    try {
      assert.equal((callMethod(reopened.db, 'notes.list', {}) as unknown[]).length, 1, 'the other note is intact');
    } finally {
      reopened.close();
    }
  });

  test('emptying the trash forgets the words only the purged texts held; words other texts hold stay', () => {
    const { db, close } = openFieldbook(tempDir(), { seed: false });
    try {
      const gone = callMethod(db, 'notes.create', { title: 'a', body: noteBody('vellichor shared') }) as { id: number };
      callMethod(db, 'notes.create', { title: 'b', body: noteBody('shared word') });
      callMethod(db, 'notes.delete', { id: gone.id });
      callMethod(db, 'trash.empty', {});
      const has = (term: string) =>
        (db.prepare('SELECT count(*) AS n FROM search_terms WHERE term = ?').get(term) as { n: number }).n === 1;
      assert.equal(has('vellichor'), false);
      assert.equal(has('shared'), true);
    } finally {
      close();
    }
  });
});

describe('foreign files are left untouched', () => {
  test('a SQLite file of another application (any schema version) is refused before anything is written', () => {
    const dir = tempDir();
    const file = path.join(dir, 'fieldbook.sqlite');
    const other = new Database(file);
    other.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada')");
    other.pragma('user_version = 3');
    other.close();
    const before = sha(file);
    assert.throws(() => openFieldbook(dir), /SQLite file of another application, not a Fieldbook store; it was not modified/);
    assert.equal(sha(file), before);
    assert.equal(fs.existsSync(`${file}-wal`), false, 'not switched to WAL');
  });

  test('a file that is not SQLite at all is refused and left as it was', () => {
    const dir = tempDir();
    const file = path.join(dir, 'fieldbook.sqlite');
    fs.writeFileSync(file, 'these are my notes, in plain text\n'.repeat(100));
    const before = sha(file);
    assert.throws(() => openFieldbook(dir), /is not a Fieldbook store/);
    assert.equal(sha(file), before);
    assert.equal(fs.existsSync(`${file}-wal`), false);
  });
});

describe('a store deleted, replaced or emptied under a running app', () => {
  for (const fault of ['deleted', 'replaced', 'emptied'] as const) {
    test(`${fault}: the next write is refused with where a rescue copy is; nothing is written into the void`, async () => {
      const dir = tempDir();
      const shell = await startShell(dir);
      try {
        const kept = await callApi<{ id: number }>(shell, 'notes.create', { title: 'Written before', body: noteBody('before the fault') });
        const file = path.join(dir, 'fieldbook.sqlite');
        if (fault === 'deleted') fs.rmSync(file);
        if (fault === 'replaced') {
          const other = path.join(tempDir(), 'other.sqlite');
          fs.writeFileSync(other, '');
          fs.renameSync(other, file);
        }
        if (fault === 'emptied') fs.truncateSync(file, 0);
        await assert.rejects(callApi(shell, 'notes.create', { title: 'After', body: noteBody('into the void') }), (error: Error) => {
          assert.match(
            error.message,
            new RegExp(
              `The store .* ${fault === 'emptied' ? 'was emptied' : fault === 'deleted' ? 'was deleted or moved' : 'was replaced'}`,
            ),
          );
          return true;
        });
        // Refused again, every time, without a second rescue.
        await assert.rejects(callApi(shell, 'notes.create', { title: 'Again', body: noteBody('still no') }), /nothing more is written/);
        const rescued = fs.readdirSync(dir).filter((name) => name.startsWith('fieldbook-rescued-'));
        if (fault !== 'emptied') {
          assert.equal(rescued.length, 1, 'one rescue copy beside the old path');
          const copy = new Database(path.join(dir, rescued[0]!), { readonly: true });
          try {
            const titles = copy.prepare('SELECT title FROM notes').all() as { title: string }[];
            assert.deepEqual(
              titles.map((t) => t.title),
              ['Written before'],
              'the rescue holds what was acknowledged, and nothing after',
            );
            assert.equal(kept.id, 1);
          } finally {
            copy.close();
          }
          assert.equal(mode(path.join(dir, rescued[0]!)), 0o600);
        }
      } finally {
        await shell.stop();
      }
    });
  }

  test('a folder that held a store is never given a fresh, seeded one', () => {
    const dir = tempDir();
    openFieldbook(dir).close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, `fieldbook.sqlite${suffix}`), { force: true });
    assert.throws(() => openFieldbook(dir), /held a Fieldbook store, but fieldbook\.sqlite is gone\. Nothing was created/);
    assert.equal(fs.existsSync(path.join(dir, 'fieldbook.sqlite')), false);
    const cli = runCli(['stats', '--data', dir]);
    assert.equal(cli.status, 1);
    assert.match(cli.stderr, /fieldbook restore/);
  });
});

describe('errors a person understands, and timers that cannot kill the process', () => {
  test('a failing idle checkpoint is kept for diagnosis, never thrown', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const failing = {
      open: true,
      inTransaction: false,
      readonly: false,
      prepare() {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
      pragma() {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
    } as unknown as Db;
    checkpointWhenIdle(failing);
    assert.doesNotThrow(() => t.mock.timers.tick(IDLE_CHECKPOINT_MS));
    assert.match(lastIdleError.get(failing)?.message ?? '', /disk is full/);
  });

  test('a full disk refuses the save with disk_full, leaves the store as it was, and the server keeps serving', async (t) => {
    const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-full-disk-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', mountPoint], { encoding: 'utf8' });
    if (mounted.status !== 0) {
      fs.rmdirSync(mountPoint);
      const reason = `cannot mount a tmpfs here (${(mounted.stderr || mounted.error?.message || '').trim()})`;
      console.log(`store-safety: full disk: skipped: ${reason}`);
      t.skip(reason);
      return;
    }
    t.after(() => {
      spawnSync('umount', ['-l', mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    });
    const dir = path.join(mountPoint, 'data');
    const shell = await startShell(dir);
    try {
      const big = 'x'.repeat(200_000);
      let refused: Error | undefined;
      let saved = 0;
      for (let i = 0; i < 40 && !refused; i++) {
        try {
          await callApi(shell, 'notes.create', { title: `filler ${i}`, body: noteBody(`${i} ${big}`) });
          saved++;
        } catch (error) {
          refused = error as Error;
        }
      }
      assert.ok(refused, 'the disk filled up');
      assert.match(refused.message, /The disk is full, so nothing was saved/);
      const stats = await callApi<{ notes: number }>(shell, 'stats.get');
      assert.equal(stats.notes, saved, 'the server still answers: every acknowledged note, and not the refused one');
    } finally {
      await shell.stop();
    }
  });
});

describe('backups and restore', () => {
  test('a backup is one checked file, refuses to overwrite or follow a link, and leaves no partial file behind', () => {
    const dir = tempDir();
    const { db, close } = openFieldbook(path.join(dir, 'data'));
    try {
      const target = path.join(dir, 'b.sqlite');
      const made = backupStore(db, target);
      assert.doesNotThrow(() => verifyBackup(made.file));
      assert.equal(fs.existsSync(`${target}-wal`), false, 'self-contained');
      assert.throws(() => backupStore(db, target), /already exists/);
      const link = path.join(dir, 'link.sqlite');
      fs.symlinkSync(path.join(dir, 'nowhere.sqlite'), link);
      assert.throws(() => backupStore(db, link), /already exists/, 'a dangling link is not followed');
      assert.equal(fs.existsSync(path.join(dir, 'nowhere.sqlite')), false);
      assert.deepEqual(
        fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')),
        [],
      );
    } finally {
      close();
    }
  });

  test('a backup from a second process finishes while the app writes ten times a second to a 50 MB store', async () => {
    const dir = tempDir();
    const writer = openFieldbook(dir, { seed: false });
    const filler = 'convoy seen near the border post at dawn '.repeat(2500); // about 100 KB a note
    writer.db.transaction(() => {
      for (let i = 0; i < 500; i++) callMethod(writer.db, 'notes.create', { title: `bulk ${i}`, body: noteBody(`${i} ${filler}`) });
    })();
    writer.close();
    assert.ok(fs.statSync(path.join(dir, 'fieldbook.sqlite')).size >= 50 * 1024 * 1024, 'a store of 50 MB or more');
    const child = spawn(process.execPath, [path.join(ROOT, 'tests/fixtures/write-continuously.ts'), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      for await (const chunk of child.stdout!) if (String(chunk).includes('writing')) break;
      const target = path.join(tempDir(), 'live.sqlite');
      const backup = spawn(process.execPath, [CLI, 'backup', target, '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      const [code] = await once(backup, 'exit');
      assert.equal(code, 0);
      assert.doesNotThrow(() => verifyBackup(target));
      const copy = new Database(target, { readonly: true });
      try {
        assert.ok((copy.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n >= 500);
      } finally {
        copy.close();
      }
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit').catch(() => undefined);
    }
  });

  test('restore replaces the store with a checked backup, keeps the one it replaced, and ignores a stale WAL', () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    let fieldbook = openFieldbook(data);
    callMethod(fieldbook.db, 'notes.create', { title: 'In the backup', body: noteBody('kept') });
    const backup = backupStore(fieldbook.db, path.join(dir, 'good.sqlite')).file;
    const expected = storeDigest(fieldbook.db);
    callMethod(fieldbook.db, 'notes.create', { title: 'After the backup', body: noteBody('replaced') });
    fieldbook.close();
    // Another store's WAL left beside the file must not be replayed into the restored one.
    const stranger = openFieldbook(path.join(dir, 'stranger'));
    callMethod(stranger.db, 'notes.create', { title: 'Stranger', body: noteBody('not ours') });
    fs.copyFileSync(path.join(dir, 'stranger', 'fieldbook.sqlite-wal'), path.join(data, 'fieldbook.sqlite-wal'));
    stranger.close();

    const result = runCli(['restore', backup, '--data', data]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /restored .*good\.sqlite; the store it replaced is kept as .*before-restore-/);
    fieldbook = openFieldbook(data, { seed: false });
    try {
      assert.equal(storeDigest(fieldbook.db), expected, 'record for record the backup');
    } finally {
      fieldbook.close();
    }
    const kept = fs.readdirSync(path.join(data, 'backups')).filter((n) => n.startsWith('before-restore-'));
    assert.equal(kept.length, 1);
    assert.doesNotThrow(() => verifyBackup(path.join(data, 'backups', kept[0]!)));

    const notAStore = path.join(dir, 'notes.txt');
    fs.writeFileSync(notAStore, 'not a store');
    const refused = runCli(['restore', notAStore, '--data', data]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /not a readable Fieldbook store|cannot be opened|is not a Fieldbook store/);
  });

  test('restore brings back a folder whose store was lost', () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const fieldbook = openFieldbook(data);
    const backup = backupStore(fieldbook.db, path.join(dir, 'b.sqlite')).file;
    fieldbook.close();
    fs.rmSync(path.join(data, 'fieldbook.sqlite'));
    assert.equal(runCli(['restore', backup, '--data', data]).status, 0);
    assert.equal(runCli(['stats', '--data', data]).status, 0);
  });

  test('automatic backups keep the last 7 days and the newest of each of the last 4 weeks', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const names = Array.from({ length: 60 }, (_v, i) => {
      const day = new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10);
      return `fieldbook-${day}.sqlite`;
    });
    const pruned = new Set(backupsToPrune([...names, 'before-restore-x.sqlite'], now));
    const kept = names.filter((n) => !pruned.has(n));
    assert.deepEqual(kept.slice(0, 7), names.slice(0, 7), 'the last 7 days');
    assert.ok(kept.length <= 7 + 4);
    assert.ok(kept.includes('fieldbook-2026-11-22.sqlite'), 'the newest of an earlier week');
    assert.ok(!kept.some((n) => n < 'fieldbook-2026-10-26'), 'nothing older than 4 weeks');
    assert.ok(!pruned.has('before-restore-x.sqlite'), 'only automatic backups are pruned');
  });

  test('backups.create makes the daily backup once, and backups.list shows it with its size', async () => {
    const { db, close, dataDir } = openFieldbook(tempDir());
    const { callAnyMethod } = await import('../../db/api.ts');
    try {
      const made = (await callAnyMethod(db, 'backups.create', { daily: true })) as { name: string; bytes: number };
      assert.match(made.name, /^fieldbook-\d{4}-\d{2}-\d{2}\.sqlite$/);
      assert.equal(await callAnyMethod(db, 'backups.create', { daily: true }), null, 'once a day');
      const list = (await callAnyMethod(db, 'backups.list', {})) as { name: string; bytes: number }[];
      assert.deepEqual(
        list.map((b) => b.name),
        [made.name],
      );
      assert.ok(list[0]!.bytes > 0);
      assert.ok(fs.existsSync(path.join(dataDir, 'backups', made.name)));
    } finally {
      close();
    }
  });
});
