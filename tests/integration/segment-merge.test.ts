// Full-text segments merged when calls pause (db/search/segment-merge.ts): a
// table with too many segments ends with one, a step per call, and every
// search answers as before; a table with few, or with small ones beside a
// large one, is left alone.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { SEGMENT_MERGE, segmentPages } from '../../db/search/segment-merge.ts';
import { createActor } from '../../db/repo/actors.ts';
import { writeIndexed } from '../../db/search/indexer.ts';
import type { Db } from '../../db/store/db.ts';
import type { SearchResult } from '../../db/shared/search-results.ts';
import { tempFieldbook } from '../helpers.ts';

const QUERIES = ['Katiba', 'katbia 7', 'convoy', 'Mopti convoy', 'ambush near Gao', 'Brigade 13'];
const defaults = { ...SEGMENT_MERGE };
const segmentCount = (db: Db, table: 'records_fts' | 'notes_fts') => segmentPages(db, table).length;
afterEach(() => Object.assign(SEGMENT_MERGE, defaults));

/** A store whose indexes keep a segment per write (FTS5's automerge and crisis merge held off), as many imports leave them. */
function storeWithSegments(writes: number): Db {
  const { db } = tempFieldbook({ seed: false });
  for (const table of ['records_fts', 'notes_fts']) {
    db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('automerge', 0)`).run();
    db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('crisismerge', 64)`).run();
  }
  for (let i = 0; i < writes; i++) {
    callMethod(db, 'actors.create', {
      name: `Katiba Brigade ${i}`,
      kind: 'armed group',
      description: `convoy ambush near Gao, report ${i}`,
    });
    callMethod(db, 'notes.create', {
      title: `Mopti convoy ${i}`,
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `The convoy left Mopti on day ${i}.` }] }] },
    });
  }
  return db;
}

const answers = (db: Db) =>
  QUERIES.map((query) =>
    JSON.stringify((callMethod(db, 'search', { query, limit: 20 }) as SearchResult[]).map((r) => [r.kind, r.id, r.score])),
  );

function tidyAll(db: Db): number {
  let steps = 0;
  while ((callMethod(db, 'search.tidyIndexes', {}) as { more: boolean }).more) assert.ok(++steps < 1000, 'tidying ends');
  return steps;
}

test('a table with more segments than the threshold is merged into one, a step per call, and searches answer as before', () => {
  SEGMENT_MERGE.pagesPerStep = 1; // several steps for this small index
  const db = storeWithSegments(20);
  assert.ok(segmentCount(db, 'records_fts') > SEGMENT_MERGE.maxSegments, `${segmentCount(db, 'records_fts')} segments`);
  assert.ok(segmentCount(db, 'notes_fts') > SEGMENT_MERGE.maxSegments);
  const before = answers(db);
  assert.ok(
    before.every((a) => a !== '[]'),
    'every query finds something',
  );

  assert.equal((callMethod(db, 'search.tidyIndexes', {}) as { more: boolean }).more, true);
  // A write between two steps is kept, and found.
  callMethod(db, 'actors.create', { name: 'Katiba Written Meanwhile', kind: 'armed group' });
  const steps = tidyAll(db);

  assert.ok(steps > 2, `merged in ${steps} steps`);
  assert.equal(segmentCount(db, 'records_fts'), 1);
  assert.equal(segmentCount(db, 'notes_fts'), 1);
  for (const table of ['records_fts', 'notes_fts']) db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`).run();
  const meanwhile = callMethod(db, 'search', { query: 'written meanwhile', kinds: ['actor'], limit: 5 }) as SearchResult[];
  assert.equal(meanwhile[0]?.title, 'Katiba Written Meanwhile');
  callMethod(db, 'actors.delete', { id: meanwhile[0]!.id });
  assert.deepEqual(answers(db), before);
});

test('a table with few segments is left as it is', () => {
  const db = storeWithSegments(SEGMENT_MERGE.maxSegments - 2);
  const segments = segmentCount(db, 'records_fts');
  assert.ok(segments > 1 && segments <= SEGMENT_MERGE.maxSegments, `${segments} segments`);
  tidyAll(db);
  assert.equal(segmentCount(db, 'records_fts'), segments);
});

test('small segments beside a large one are left until they add up: a merge would rewrite the large one', () => {
  const { db } = tempFieldbook({ seed: false });
  // One large segment, as an import leaves it...
  db.transaction(() =>
    writeIndexed(db, () => {
      for (let i = 0; i < 6000; i++)
        createActor(db, {
          name: `Imported Group ${i}`,
          kind: 'armed group',
          description: `Reported near crossing ${i} and ${i + 5000}, patrols ${i + 10000}, convoys ${i + 20000}`,
          country: null,
          aliases: [],
        });
    }),
  )();
  db.prepare(`INSERT INTO records_fts (records_fts) VALUES ('optimize')`).run();
  db.prepare(`INSERT INTO records_fts (records_fts, rank) VALUES ('automerge', 0)`).run();
  db.prepare(`INSERT INTO records_fts (records_fts, rank) VALUES ('crisismerge', 64)`).run();
  // ... then single edits, each a small segment.
  for (let i = 0; i < SEGMENT_MERGE.maxSegments; i++) callMethod(db, 'actors.create', { name: `Edited Group ${i}`, kind: 'armed group' });
  const pages = segmentPages(db, 'records_fts');
  const largest = Math.max(...pages);
  assert.ok(pages.length > SEGMENT_MERGE.maxSegments, `${pages.length} segments`);
  assert.ok(pages.reduce((a, b) => a + b, 0) - largest < SEGMENT_MERGE.shareOfLargest * largest, JSON.stringify(pages));
  tidyAll(db);
  assert.deepEqual(segmentPages(db, 'records_fts'), pages, 'nothing merged');
  // Once the small ones add up, the table is merged into one.
  SEGMENT_MERGE.shareOfLargest = 0.001;
  tidyAll(db);
  assert.equal(segmentCount(db, 'records_fts'), 1);
  assert.equal(
    (callMethod(db, 'search', { query: 'edited group 3', kinds: ['actor'], limit: 1 }) as SearchResult[])[0]?.title,
    'Edited Group 3',
  );
});
