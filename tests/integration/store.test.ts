import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from '../../db/store/migrations.ts';
import { APPLICATION_ID, openStore, schemaVersion, StoreOpenError } from '../../db/store/open.ts';
import { tempDir } from '../helpers.ts';

const fileHash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

test('migrations bring an empty file to the latest schema, with WAL and foreign keys on', () => {
  const file = path.join(tempDir(), 'new.sqlite');
  const db = openStore(file);
  try {
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.equal(MIGRATIONS.at(-1)!.version, LATEST_VERSION);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('application_id', { simple: true }), APPLICATION_ID);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const table of [
      'sources',
      'actors',
      'actor_aliases',
      'places',
      'place_aliases',
      'events',
      'event_participants',
      'relations',
      'evidence',
      'annotations',
      'annotation_links',
      'notes',
      'note_links',
      'note_tags',
      'notes_fts',
      'sources_fts',
      'annotations_fts',
      'records_fts',
      'notes_fts_terms',
    ]) {
      assert.ok(tables.includes(table), `table ${table} exists`);
    }
    assert.throws(
      () => db.prepare("INSERT INTO event_participants (event_id, actor_id, role) VALUES (999, 999, 'actor1')").run(),
      /FOREIGN KEY/,
    );
  } finally {
    db.close();
  }
});

test('reopening a migrated store changes nothing in its schema', () => {
  const file = path.join(tempDir(), 'again.sqlite');
  openStore(file).close();
  const schemaOf = () => {
    const db = openStore(file);
    const rows = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all();
    db.close();
    return rows;
  };
  assert.deepEqual(schemaOf(), schemaOf());
});

test('a store written by a newer version is refused with a clear message and left untouched', () => {
  const file = path.join(tempDir(), 'future.sqlite');
  openStore(file).close();
  const raw = new Database(file);
  raw.pragma('journal_mode = DELETE');
  raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
  raw.close();
  const before = fileHash(file);
  assert.throws(
    () => openStore(file),
    (error: Error) => {
      assert.ok(error instanceof StoreOpenError);
      assert.match(error.message, /newer version of Fieldbook/);
      assert.match(error.message, /not modified/);
      return true;
    },
  );
  assert.equal(fileHash(file), before);
  assert.equal(fs.existsSync(`${file}-wal`), false, 'no WAL file was created');
});

test('a SQLite file of another application is refused and left untouched', () => {
  const file = path.join(tempDir(), 'other.sqlite');
  const raw = new Database(file);
  raw.exec('CREATE TABLE things (x)');
  raw.close();
  const before = fileHash(file);
  assert.throws(() => openStore(file), /not a Fieldbook store/);
  assert.equal(fileHash(file), before);
});

test('a file that is not SQLite at all is refused', () => {
  const file = path.join(tempDir(), 'notes.txt');
  fs.writeFileSync(file, 'just some text, not a database '.repeat(200));
  assert.throws(() => openStore(file), /not a Fieldbook store/);
});
