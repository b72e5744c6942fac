import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { CASE_FILE_VERSION } from '../../db/exchange/case-file.ts';
import type { DocNode } from '../../db/shared/schemas.ts';
import type { Db } from '../../db/store/db.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';
import { CASE_TABLES } from '../../db/shared/exchange-results.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const caller =
  (db: Db) =>
  <M extends MethodName>(method: M, input: unknown) =>
    callMethod(db, method, input) as MethodResult<M>;

/** Every row of every table but the full-text indexes and the search vocabulary (derived, rebuilt on restore) and the log of this store's own imports. */
function tablesOf(db: Db): Record<string, unknown[]> {
  const virtual = (db.prepare("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  const names = (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter(
      (name) =>
        name !== 'search_terms' &&
        name !== 'exchange_imports' &&
        !name.startsWith('name_index_') &&
        !virtual.some((v) => name.startsWith(`${v}_`)),
    );
  // A source's chunks are part of its index: the same chunks, whatever order they were written in.
  const order = (name: string) => (name === 'source_chunks' ? 'source_id, chunk' : 'rowid');
  return Object.fromEntries(
    names.map((name) => [
      name,
      db.prepare(`SELECT ${name === 'source_chunks' ? '' : 'rowid AS _rowid, '}* FROM "${name}" ORDER BY ${order(name)}`).all(),
    ]),
  );
}

const finds = (db: Db) =>
  ['records_fts', 'notes_fts', 'annotations_fts', 'sources_fts'].map((table) =>
    ['haftar', 'tripoli', 'niger', 'wagner', 'thoughts', 'marshal'].map((w) =>
      db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).all(w),
    ),
  );

function refusedWith(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.match(error.message, pattern);
    return true;
  });
}

const mention = (kind: string, id: number, label: string): DocNode => ({ type: 'mention', attrs: { kind, id, label } });

function busyStore() {
  const fieldbook = tempFieldbook();
  const call = caller(fieldbook.db);
  const actors = call('actors.list', {});
  const haftar = actors.find((a) => /Haftar/.test(a.name))!;
  const dup = call('actors.create', { name: 'Marshal Haftar', kind: 'person', aliases: [{ name: 'K. Haftar', kind: 'alias' }] });
  const source = call('sources.list', {})[0]!;
  const { text } = call('sources.get', { id: source.id });
  const quote = text.slice(100, 140).trim();
  const annotation = call('annotations.create', {
    sourceId: source.id,
    quote,
    comment: 'worth a look',
    links: [{ kind: 'actor', id: dup.id }],
  });
  call('evidence.create', { subject: { kind: 'actor', id: dup.id }, sourceId: source.id, quote, credibility: 3 });
  const note = call('notes.create', {
    title: 'Thoughts on the marshal',
    body: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'See ' }, mention('actor', dup.id, dup.name), { type: 'text', text: ' #libya' }],
        },
      ],
    },
  });
  const trashed = call('notes.create', { title: 'A note for the trash' });
  call('notes.delete', { id: trashed.id });
  call('actors.merge', { survivorId: haftar.id, mergedId: dup.id });
  return { fieldbook, call, annotation, note, haftar };
}

test('a case file restores a busy store (notes, highlights, a merge, the trash) into an empty one, table for table', () => {
  const { fieldbook, call } = busyStore();
  const file = call('exchange.case.export', {});
  assert.equal(file.version, CASE_FILE_VERSION);
  const content = JSON.stringify(file);

  const target = tempFieldbook({ seed: false });
  const into = caller(target.db);
  const preview = into('exchange.case.preview', { content });
  assert.equal(preview.blocked, null);
  assert.equal(preview.counts.merges, 1);
  assert.deepEqual(tablesOf(target.db)['notes'], [], 'the preview wrote nothing');

  const result = into('exchange.case.import', { content });
  assert.deepEqual(result.created, preview.counts);
  assert.deepEqual(tablesOf(target.db), tablesOf(fieldbook.db));
  assert.deepEqual(finds(target.db), finds(fieldbook.db));
  assert.deepEqual(into('trash.list', {}), call('trash.list', {}));
  // The merge can still be undone in the restored store, exactly as in the original.
  const [merge] = into('merges.list', {});
  assert.equal(merge!.undo.blocked, null);
  into('merges.undo', { id: merge!.id });
  call('merges.undo', { id: merge!.id });
  const withoutStamps = (db: Db) => JSON.stringify(tablesOf(db), (k, v) => (k === 'undone_at' ? null : v));
  assert.equal(withoutStamps(target.db), withoutStamps(fieldbook.db));
});

test('the case file carries every table that holds the case', () => {
  const { call } = busyStore();
  const file = call('exchange.case.export', {});
  assert.deepEqual(Object.keys(file.tables), CASE_TABLES);
  for (const table of [
    'sources',
    'actors',
    'actor_aliases',
    'events',
    'event_participants',
    'relations',
    'evidence',
    'annotations',
    'annotation_links',
    'notes',
    'note_links',
    'note_tags',
    'merges',
    'seed_log',
  ] as const) {
    assert.ok(file.tables[table].length > 0, `${table} is in the case file`);
  }
  assert.ok(
    file.tables.sources.every((s) => typeof s.body === 'string' && s.body.length > 100),
    'the source texts travel with it',
  );
});

test('bad case files are refused with a clear message and the store unchanged', () => {
  const { call } = busyStore();
  const good = call('exchange.case.export', {});
  const target = tempFieldbook({ seed: false });
  const into = caller(target.db);
  const before = storeDigest(target.db);
  refusedWith(() => into('exchange.case.import', { content: '{"format": "fieldbook-case", ' }), /not valid JSON/);
  refusedWith(() => into('exchange.case.import', { content: '{"hello": 1}' }), /not a Fieldbook case file/);
  refusedWith(
    () => into('exchange.case.import', { content: JSON.stringify({ ...good, version: CASE_FILE_VERSION + 1 }) }),
    /newer Fieldbook .*Update Fieldbook/,
  );
  const wrongShape = structuredClone(good) as unknown as { tables: { actors: Record<string, unknown>[] } };
  wrongShape.tables.actors[0]!['kind'] = 'wizard';
  refusedWith(
    () => into('exchange.case.import', { content: JSON.stringify(wrongShape) }),
    /damaged or incomplete.*tables\.actors\.0\.kind/,
  );
  // Shape right, references wrong: SQLite refuses inside the one transaction, and nothing stays.
  const dangling = structuredClone(good);
  dangling.tables.evidence[0]!.source_id = 999_999;
  assert.throws(() => into('exchange.case.import', { content: JSON.stringify(dangling) }), ApiError);
  assert.equal(storeDigest(target.db), before);
  // A store that holds records is not an empty one.
  const seeded = tempFieldbook();
  const seededBefore = storeDigest(seeded.db);
  refusedWith(
    () => caller(seeded.db)('exchange.case.import', { content: JSON.stringify(good) }),
    /goes into an empty one.*new data folder/,
  );
  assert.match(caller(seeded.db)('exchange.case.preview', { content: JSON.stringify(good) }).blocked ?? '', /empty one/);
  assert.equal(storeDigest(seeded.db), seededBefore);
});
