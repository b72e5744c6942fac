import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import type { Db } from '../../db/store/db.ts';
import { openCtiBundle } from '../fixtures/stix-bundle.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const caller =
  (db: Db) =>
  <M extends MethodName>(method: M, input: unknown) =>
    callMethod(db, method, input) as MethodResult<M>;

const RECORD_TABLES = [
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
  'merges',
];

/** A digest of every record table (not the derived indexes, nor the import log). */
function recordsDigest(db: Db): string {
  const hash = createHash('sha256');
  for (const table of RECORD_TABLES) hash.update(JSON.stringify(db.prepare(`SELECT rowid, * FROM ${table} ORDER BY rowid`).raw().all()));
  return hash.digest('hex');
}

const refusedWith = (run: () => unknown, pattern: RegExp) =>
  assert.throws(run, (error: unknown) => error instanceof ApiError && error.code === 'conflict' && pattern.test(error.message));

test('a STIX import is undone as a whole: exactly what it added goes, aliases it added to a known actor too, and search forgets it', () => {
  const { db } = tempFieldbook();
  const call = caller(db);
  const before = recordsDigest(db);
  const result = call('exchange.stix.import', { fileName: 'feed.json', content: JSON.stringify(openCtiBundle()) });
  assert.ok(result.importId);
  assert.ok(call('search', { query: 'Katiba Sahel Nord' }).some((h) => h.title === 'Katiba Sahel Nord'));
  const undone = call('exchange.undoImport', { id: result.importId });
  assert.equal(undone.format, 'stix');
  assert.equal(undone.fileName, 'feed.json');
  assert.equal(undone.counts['actors'], 1);
  assert.equal(undone.counts['actor_aliases'], 2, 'KSN on the new actor, and the new alias of Africa Corps');
  assert.equal(recordsDigest(db), before);
  assert.ok(!call('search', { query: 'Katiba Sahel Nord' }).some((h) => h.title === 'Katiba Sahel Nord'));
  assert.ok(
    !call('actors.list', { limit: 1000 })
      .find((a) => a.name === 'Africa Corps')!
      .aliases.some((a) => a.name === 'Russian Expeditionary Corps'),
  );
  refusedWith(() => call('exchange.undoImport', { id: result.importId }), /undone already/);
  // Imported again after the undo: everything comes back.
  assert.equal(call('exchange.stix.import', { content: JSON.stringify(openCtiBundle()) }).created.actors, 1);
});

test('an import whose records were edited, or built on, since is not undone, with the reason, and nothing changes', () => {
  const { db } = tempFieldbook();
  const call = caller(db);
  const { importId } = call('exchange.stix.import', { content: JSON.stringify(openCtiBundle()) });
  const ksn = call('actors.list', { limit: 1000 }).find((a) => a.name === 'Katiba Sahel Nord')!;
  const note = call('notes.create', {
    title: 'Later thoughts',
    body: {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { kind: 'actor', id: ksn.id, label: ksn.name } }] }],
    },
  });
  let digest = storeDigest(db);
  refusedWith(
    () => call('exchange.undoImport', { id: importId! }),
    /actor \d+ \("Katiba Sahel Nord"\) has note links added since the import/,
  );
  assert.equal(storeDigest(db), digest);
  call('notes.delete', { id: note.id });
  call('trash.empty', {});
  call('actors.update', { id: ksn.id, description: 'Edited by hand.' });
  digest = storeDigest(db);
  refusedWith(() => call('exchange.undoImport', { id: importId! }), /actor \d+ \("Katiba Sahel Nord"\) was edited since the import/);
  assert.equal(storeDigest(db), digest);
});

test('an ACLED import is undone as a whole; an import that added nothing has nothing to undo', () => {
  const { db } = tempFieldbook();
  const call = caller(db);
  const exported = call('exchange.acled.export', {}).content;
  assert.equal(call('exchange.acled.import', { content: exported }).importId, null, 'every event matched: nothing added');
  const csv = [
    'event_id_cnty,event_date,time_precision,event_type,actor1,location,fatalities',
    'MLI9999,2024-03-05,1,Battles,Katiba Example,Tessit,3',
  ].join('\n');
  const before = recordsDigest(db);
  const result = call('exchange.acled.import', { content: csv });
  assert.equal(result.created.events, 1);
  call('exchange.undoImport', { id: result.importId! });
  assert.equal(recordsDigest(db), before);
  assert.throws(
    () => call('exchange.undoImport', { id: 999 }),
    (e: unknown) => e instanceof ApiError && e.code === 'not_found',
  );
});

test('a case file restored into an empty store is undone as a whole, leaving the store empty again', () => {
  const source = tempFieldbook();
  const content = JSON.stringify(caller(source.db)('exchange.case.export', {}));
  const { db } = tempFieldbook({ seed: false });
  const call = caller(db);
  const before = recordsDigest(db);
  const { importId } = call('exchange.case.import', { fileName: 'case.json', content });
  assert.ok(call('stats.get', {}).sources > 0);
  assert.equal(call('exchange.undoImport', { id: importId! }).format, 'case');
  assert.equal(recordsDigest(db), before);
  assert.deepEqual(call('search', { query: 'Haftar' }), []);
});
