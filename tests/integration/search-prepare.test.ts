// Opening a large store never waits for the whole name index: it is built in
// slices, and searches answer from the store until it is ready.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import { createActor } from '../../db/repo/actors.ts';
import { writeIndexed } from '../../db/search/indexer.ts';
import { tempDir } from '../helpers.ts';
import type { SearchReadiness, SearchResult } from '../../db/shared/search-results.ts';

const ACTORS = 12_000; // more than two slices of the build

test('a large store answers its first search from the store, then from the whole index once prepared', () => {
  const dir = tempDir();
  const writer = openFieldbook(dir, { seed: false });
  // One transaction with its indexes, as a command has (a call per actor would take minutes).
  writer.db.transaction(() =>
    writeIndexed(writer.db, () => {
      for (let i = 0; i < ACTORS; i++)
        createActor(writer.db, { name: `Filler Group ${i}`, kind: 'organization', description: '', country: null, aliases: [] });
      createActor(writer.db, {
        name: 'Zerhouni Battalion',
        kind: 'armed group',
        description: '',
        country: null,
        aliases: [{ name: 'ZB', kind: 'acronym' }],
      });
    }),
  )();
  writer.close();

  const { db, close } = openFieldbook(dir, { seed: false });
  try {
    const search = (query: string) => callMethod(db, 'search', { query, kinds: ['actor'], limit: 5 }) as SearchResult[];
    // First search: the index is not whole yet, the name is found as typed, from the store, with its reason marked.
    const first = search('Zerhouni');
    assert.equal(first[0]?.title, 'Zerhouni Battalion');
    assert.match(first[0]!.snippet, /<mark>Zerhouni<\/mark>/);
    // Asking how far it is built builds nothing.
    const asked = callMethod(db, 'search.readiness', {}) as SearchReadiness;
    assert.equal(asked.ready, false);
    assert.deepEqual(callMethod(db, 'search.readiness', {}), asked);
    const partly = callMethod(db, 'search.prepare', { slices: 1 }) as SearchReadiness;
    assert.equal(partly.ready, false);
    assert.ok(partly.names > asked.names && partly.names < ACTORS);
    assert.deepEqual(callMethod(db, 'search.readiness', {}), partly);
    // A typo needs the whole index: prepared, it is found.
    const whole = callMethod(db, 'search.prepare', {}) as SearchReadiness;
    assert.deepEqual(whole, { ready: true, rebuilding: false, names: ACTORS + 1 });
    assert.deepEqual(callMethod(db, 'search.readiness', {}), whole);
    assert.equal(search('Zerhoni')[0]?.title, 'Zerhouni Battalion');
    assert.equal(search('ZB')[0]?.title, 'Zerhouni Battalion', 'aliases too');
  } finally {
    close();
  }
});

test('search.prepare refuses a bad slice count and writes nothing', () => {
  const { db, close } = openFieldbook(tempDir());
  try {
    assert.throws(() => callMethod(db, 'search.prepare', { slices: 0 }), /slices/);
    assert.throws(() => callMethod(db, 'search.prepare', { slices: 'all' }), /slices/);
    assert.throws(() => callMethod(db, 'search.readiness', { slices: 1 }), /slices/);
    assert.deepEqual(callMethod(db, 'search.prepare', {}), { ready: true, rebuilding: false, names: 64 + 33 + 30 });
  } finally {
    close();
  }
});
