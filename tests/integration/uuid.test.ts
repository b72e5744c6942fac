import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import { LATEST_VERSION } from '../../db/store/migrations.ts';
import { openStore, type Db } from '../../db/store/open.ts';
import { UUID_TABLES } from '../../db/store/uuid-fill.ts';
import { seedUuid } from '../../db/uuid.ts';
import { tempDir, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const UUID_V4_OR_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const uuidsOf = (db: Db, table: string) =>
  new Map((db.prepare(`SELECT id, uuid FROM ${table}`).all() as { id: number; uuid: string | null }[]).map((r) => [r.id, r.uuid]));

const seedUuidsOf = (db: Db) =>
  Object.fromEntries(
    UUID_TABLES.map((table) => [
      table,
      (
        db.prepare(`SELECT uuid FROM ${table} ${table === 'annotations' || table === 'notes' ? 'WHERE 0' : ''} ORDER BY uuid`).all() as {
          uuid: string;
        }[]
      ).map((r) => r.uuid),
    ]),
  );

test('every record of a seeded store has a UUID, unique, and seed records have the one derived from their key', () => {
  const { db } = tempFieldbook();
  for (const table of UUID_TABLES) {
    for (const [id, uuid] of uuidsOf(db, table)) assert.match(uuid ?? '', UUID_V4_OR_V5, `${table} ${id}`);
  }
  const seeded = db.prepare('SELECT uuid, seed_key FROM actors WHERE seed_key IS NOT NULL').all() as { uuid: string; seed_key: string }[];
  assert.ok(seeded.length > 5);
  for (const row of seeded) assert.equal(row.uuid, seedUuid('actor', row.seed_key));
  const sources = db.prepare('SELECT uuid, seed_key FROM sources').all() as { uuid: string; seed_key: string }[];
  for (const row of sources) assert.equal(row.uuid, seedUuid('source', row.seed_key));
});

test('two machines seeded apart give every seed record, claims included, the same UUID', () => {
  const a = tempFieldbook();
  const b = tempFieldbook();
  assert.deepEqual(seedUuidsOf(a.db), seedUuidsOf(b.db));
  assert.ok(seedUuidsOf(a.db)['evidence']!.length > 20);
});

test('records made through the API carry a random UUID in every answer, kept through edits', () => {
  const { db } = tempFieldbook();
  const call = <M extends MethodName>(method: M, input: unknown) => callMethod(db, method, input) as MethodResult<M>;
  const actor = call('actors.create', { name: 'Katiba Test', kind: 'armed group' });
  assert.match(actor.uuid, UUID_V4_OR_V5);
  assert.equal(actor.uuid[14], '4', 'a record made by the analyst gets a random (v4) UUID');
  const renamed = call('actors.update', { id: actor.id, name: 'Katiba Renamed' });
  assert.equal(renamed.uuid, actor.uuid);
  assert.equal(call('actors.list', {}).find((a) => a.id === actor.id)!.uuid, actor.uuid);

  const place = call('places.create', { name: 'Testville', kind: 'town' });
  const event = call('events.create', {
    title: 'A clash',
    type: 'Battles',
    placeId: place.id,
    participants: [{ actorId: actor.id, role: 'actor1' }],
  });
  const other = call('actors.create', { name: 'Other group', kind: 'armed group' });
  const relation = call('relations.create', { sourceId: actor.id, targetId: other.id, type: 'fights' });
  const source = call('sources.create', { title: 'A report', text: 'Katiba Test fought near Testville in the morning.' });
  const evidence = call('evidence.create', {
    subject: { kind: 'event', id: event.id },
    sourceId: source.id,
    quote: 'fought near Testville',
    credibility: 2,
  });
  const annotation = call('annotations.create', { sourceId: source.id, quote: 'in the morning' });
  const note = call('notes.create', { title: 'Thoughts' });
  const all = [place.uuid, event.uuid, relation.uuid, source.uuid, evidence.uuid, annotation.uuid, note.uuid, actor.uuid, other.uuid];
  for (const uuid of all) assert.match(uuid, UUID_V4_OR_V5);
  assert.equal(new Set(all).size, all.length);
  assert.equal(call('events.get', { id: event.id }).uuid, event.uuid);
  assert.equal(call('notes.get', { id: note.id }).uuid, note.uuid);
  assert.equal(call('notes.list', {}).find((n) => n.id === note.id)!.uuid, note.uuid);
  assert.equal(call('sources.get', { id: source.id }).uuid, source.uuid);
  assert.equal(call('annotations.get', { id: annotation.id }).uuid, annotation.uuid);
  assert.equal(call('evidence.get', { id: evidence.id }).uuid, evidence.uuid);
  assert.equal(call('relations.get', { id: relation.id }).uuid, relation.uuid);
  assert.equal(call('places.get', { id: place.id }).uuid, place.uuid);
});

test('migration 7 fills a store made before UUIDs: seed records get the UUIDs a fresh seed gives them', () => {
  const fresh = tempFieldbook();
  const dir = tempDir();
  const old = openFieldbook(dir);
  callMethod(old.db, 'notes.create', { title: 'Written before UUIDs' });
  const firstSource = (old.db.prepare('SELECT id FROM sources ORDER BY id LIMIT 1').get() as { id: number }).id;
  callMethod(old.db, 'annotations.create', {
    sourceId: firstSource,
    quote: (old.db.prepare('SELECT substr(body, 1, 12) AS q FROM sources WHERE id = ?').get(firstSource) as { q: string }).q,
  });
  // Back to schema 6: no column, no index, no trigger.
  old.db.exec('DROP INDEX sources_listing'); // migration 12's index holds columns of migrations 7 and 10
  for (const table of UUID_TABLES) {
    old.db.exec(`DROP TRIGGER ${table}_uuid; DROP INDEX ${table}_by_uuid; ALTER TABLE ${table} DROP COLUMN uuid;`);
  }
  old.db.exec('DROP TABLE exchange_imports'); // and no import log (migration 8)
  old.db.exec('DROP TABLE source_chunks; DROP TABLE source_indexing; ALTER TABLE sources DROP COLUMN chars;'); // nor chunks (migration 10)
  old.db.pragma('user_version = 6');
  old.close();

  const db = openStore(path.join(dir, path.basename(old.file)));
  try {
    assert.equal(db.pragma('user_version', { simple: true }), LATEST_VERSION);
    assert.deepEqual(seedUuidsOf(db), seedUuidsOf(fresh.db));
    for (const table of ['notes', 'annotations']) {
      const uuids = [...uuidsOf(db, table).values()];
      assert.equal(uuids.length, 1);
      assert.match(uuids[0] ?? '', UUID_V4_OR_V5);
    }
    // The trigger gives the next record its own.
    const info = db.prepare("INSERT INTO notes (title, body, text, created_at, updated_at) VALUES ('x', '{}', '', 'now', 'now')").run();
    assert.match(uuidsOf(db, 'notes').get(Number(info.lastInsertRowid)) ?? '', UUID_V4_OR_V5);
  } finally {
    db.close();
  }
});
