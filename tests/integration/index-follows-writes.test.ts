// Every index follows the rows (db/search/indexer.ts): after each command,
// search finds exactly the live records holding a word, and a record's words
// leave the search vocabulary when it is purged. Each record here holds
// words of its own, so that a hit can only come from it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { checkStore } from '../../db/maintenance.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';
import type { SearchResult } from '../../db/shared/search-results.ts';
import type { Db } from '../../db/store/db.ts';
import { tempFieldbook } from '../helpers.ts';

const noteBody = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

function store() {
  const { db } = tempFieldbook({ seed: false });
  const call = <M extends MethodName>(method: M, input: unknown) => callMethod(db, method, input) as MethodResult<M>;
  return { db, call };
}

/** What a search for `word` finds as typed (not through a correction), as 'kind:id'. */
function found(db: Db, word: string): string[] {
  const hits = callMethod(db, 'search', { query: word, limit: 50 }) as SearchResult[];
  return hits
    .filter((hit) => hit.correction === undefined && hit.via === undefined)
    .map((hit) => `${hit.kind}:${hit.id}`)
    .sort();
}

const inVocabulary = (db: Db, word: string) =>
  db.prepare('SELECT 1 FROM search_terms WHERE term = ?').get(word) !== undefined ||
  db.prepare('SELECT 1 FROM search_terms_trigram WHERE term = ?').get(word) !== undefined;

/** The store's own check: each full-text index holds one row per live record (per chunk of a source). */
function assertIndexesWhole(db: Db): void {
  assert.deepEqual(checkStore(db).problems, []);
}

interface Lifecycle {
  kind: 'note' | 'source' | 'actor' | 'place' | 'event';
  /** Creates the record with `name` as its name or title and `text` as what it says; returns its id. */
  create: (name: string, text: string) => number;
  /** Replaces what it says with `text`. */
  update: (id: number, text: string) => void;
}

function lifecycles(call: ReturnType<typeof store>['call']): Lifecycle[] {
  return [
    {
      kind: 'note',
      create: (name, text) => call('notes.create', { title: name, body: noteBody(text) }).id,
      update: (id, text) => void call('notes.update', { id, body: noteBody(text) }),
    },
    {
      kind: 'source',
      create: (name, text) => call('sources.create', { title: name, text }).id,
      update: (id, text) => void call('sources.updateText', { id, text }),
    },
    {
      kind: 'actor',
      create: (name, text) => call('actors.create', { name, kind: 'armed group', description: text }).id,
      update: (id, text) => void call('actors.update', { id, description: text }),
    },
    {
      kind: 'place',
      create: (name, text) => call('places.create', { name, kind: 'town', description: text }).id,
      update: (id, text) => void call('places.update', { id, description: text }),
    },
    {
      kind: 'event',
      create: (name, text) => call('events.create', { title: name, type: 'Battles', summary: text }).id,
      update: (id, text) => void call('events.update', { id, summary: text }),
    },
  ];
}

describe('every index follows every write', () => {
  const { db, call } = store();
  for (const life of lifecycles(call)) {
    test(`${/^[aeiou]/.test(life.kind) ? 'an' : 'a'} ${life.kind}: created, edited, trashed, restored and purged`, () => {
      const [name, said, edited] = ['zorvath', 'quelmira', 'brandoxe'].map((w) => `${w}${life.kind}`) as [string, string, string];
      const id = life.create(`${name} report`, `The ${said} convoy was seen.`);
      const me = [`${life.kind}:${id}`];
      assert.deepEqual(found(db, name), me, 'found by its name');
      assert.deepEqual(found(db, said), me, 'found by what it says');
      assertIndexesWhole(db);

      life.update(id, `The ${edited} convoy was seen.`);
      assert.deepEqual(found(db, said), [], 'no longer found by what it said');
      assert.deepEqual(found(db, edited), me, 'found by what it says now');

      call(`${life.kind}s.delete` as 'notes.delete', { id });
      assert.deepEqual(found(db, name), [], 'a trashed record is not found');
      assert.deepEqual(found(db, edited), []);
      assert.ok(inVocabulary(db, edited), 'the words of a trashed text stay: it can be restored');
      assertIndexesWhole(db);

      call('trash.restore', { kind: life.kind, id });
      assert.deepEqual(found(db, name), me, 'found again once restored');
      assert.deepEqual(found(db, edited), me);
      assertIndexesWhole(db);

      call(`${life.kind}s.delete` as 'notes.delete', { id });
      call('trash.purge', { kind: life.kind, id });
      assert.deepEqual(found(db, name), []);
      assert.deepEqual(found(db, edited), []);
      assert.equal(inVocabulary(db, name), false, 'a purged name leaves the vocabulary');
      assert.equal(inVocabulary(db, edited), false, 'a purged text leaves the vocabulary');
      assertIndexesWhole(db);
    });
  }

  test('a word two records hold stays in the vocabulary when one of them is purged', () => {
    const kept = call('notes.create', { title: 'Kept', body: noteBody('the velmorant crossing') }).id;
    const gone = call('notes.create', { title: 'Gone', body: noteBody('the velmorant crossing again') }).id;
    call('notes.delete', { id: gone });
    call('trash.purge', { kind: 'note', id: gone });
    assert.ok(inVocabulary(db, 'velmorant'));
    assert.deepEqual(found(db, 'velmorant'), [`note:${kept}`]);
  });

  test('a highlight: created, edited, deleted, and gone with its source when that is purged', () => {
    const source = call('sources.create', { title: 'Ledger', text: 'Payments went through the harbour office at Zinder.' }).id;
    const highlight = call('annotations.create', { sourceId: source, quote: 'harbour office', comment: 'see the grentabol file' }).id;
    assert.deepEqual(found(db, 'grentabol'), [`annotation:${highlight}`]);
    call('annotations.update', { id: highlight, comment: 'see the pomwelder file' });
    assert.deepEqual(found(db, 'grentabol'), []);
    assert.deepEqual(found(db, 'pomwelder'), [`annotation:${highlight}`]);
    call('annotations.delete', { id: highlight });
    assert.deepEqual(found(db, 'pomwelder'), []);
    assertIndexesWhole(db);

    const second = call('annotations.create', { sourceId: source, quote: 'Zinder', comment: 'the tarquillon route' }).id;
    assert.deepEqual(found(db, 'tarquillon'), [`annotation:${second}`]);
    call('sources.delete', { id: source });
    call('trash.purge', { kind: 'source', id: source });
    assert.equal(db.prepare('SELECT count(*) AS n FROM annotations_fts WHERE rowid = ?').pluck().get(second), 0);
    assert.deepEqual(found(db, 'tarquillon'), []);
    assert.equal(inVocabulary(db, 'tarquillon'), false);
    assertIndexesWhole(db);
  });

  test('an event is found by the names of its participants and place as they are now', () => {
    const actor = call('actors.create', { name: 'Dravenhold Brigade', kind: 'armed group' }).id;
    const place = call('places.create', { name: 'Ostrivel', kind: 'town' }).id;
    const event = call('events.create', {
      title: 'Clash at the crossing',
      type: 'Battles',
      placeId: place,
      participants: [{ actorId: actor, role: 'actor1' }],
    }).id;
    const events = (word: string) => found(db, word).filter((hit) => hit.startsWith('event:'));
    assert.deepEqual(events('dravenhold'), [`event:${event}`]);
    assert.deepEqual(events('ostrivel'), [`event:${event}`]);

    call('actors.update', { id: actor, name: 'Kelmarch Brigade' });
    assert.deepEqual(events('dravenhold'), [], 'not by the name its participant had');
    assert.deepEqual(events('kelmarch'), [`event:${event}`], 'by the name it has now');

    call('aliases.add', { owner: { kind: 'place', id: place }, name: 'Ostrivelka', kind: 'alias' });
    assert.deepEqual(events('ostrivelka'), [`event:${event}`], 'by an alias its place was given');

    call('actors.delete', { id: actor });
    assert.deepEqual(events('kelmarch'), [], 'not by a participant in the trash');
    assertIndexesWhole(db);
  });

  test('a merge and its undo move what the records are found by', () => {
    const survivor = call('actors.create', { name: 'Sarnovy Front', kind: 'armed group' }).id;
    const merged = call('actors.create', { name: 'Velquist Column', kind: 'armed group' }).id;
    const merge = call('actors.merge', { survivorId: survivor, mergedId: merged });
    assert.deepEqual(
      found(db, 'velquist').filter((hit) => hit.startsWith('actor:')),
      [`actor:${survivor}`],
      'the merged name is an alias of the survivor',
    );
    call('merges.undo', { id: merge.merge.id });
    assert.deepEqual(
      found(db, 'velquist').filter((hit) => hit.startsWith('actor:')),
      [`actor:${merged}`],
    );
    assertIndexesWhole(db);
  });
});
