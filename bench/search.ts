// npm run bench: Fieldbook search side by side with plain fuse.js over the
// same generated data, then the judged queries (bench/trust.ts) and the
// realistic names corpus (bench/realistic.ts). Prints figures; asserts nothing.
//   --size N     entity corpus size (default: 10000 and 100000)
//   --notes N    note corpus size (default 100000)
//   --fuse-note-queries N     fuse.js on the first N note queries (default 5: about 40 s each at 100k notes)
//   --json       also write bench/results/search.json, trust.json and realistic.json
//   --no-fuse    skip plain fuse.js (for sizes it cannot finish in reasonable time)
//   --fuse-entity-queries N   past 10k entities, fuse.js runs only the first N queries (default 40; 0: all)
//   --realistic-size N        realistic names corpus size (default: 10000 and 100000; 1000000 for the large run)
//   --per-class N             realistic queries per class (default 60)
//   --fuse                    run fuse.js on realistic corpora past 10k entities too
//   --trust-entities N, --trust-notes N   the generated corpus of the judged queries (default 10000, 500)
//   --only SECTION            entities, notes, trust or realistic (repeatable; default: all)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Fuse from 'fuse.js';
import { callMethod } from '../db/api.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import { createNote } from '../db/repo/notes.ts';
import { writeIndexed } from '../db/search/indexer.ts';
import { completeNameIndex, heapMb, loadEntities, round, tidyIndexes, timing, type Timing } from './common.ts';
import { entityQueries, generateEntities, generateNotes, noteQueries, type Query } from './corpus.ts';
import { benchRealistic } from './realistic.ts';
import { benchTrust } from './trust.ts';

const args = parseArgs({
  options: {
    size: { type: 'string', multiple: true },
    notes: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    'fuse-note-queries': { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    // For runs too large for plain fuse.js to finish in reasonable time (e.g. --size 1000000).
    'no-fuse': { type: 'boolean', default: false },
    'fuse-entity-queries': { type: 'string', default: '40' },
    'realistic-size': { type: 'string', multiple: true },
    'per-class': { type: 'string', default: '60' },
    fuse: { type: 'boolean', default: false },
    'trust-entities': { type: 'string', default: '10000' },
    'trust-notes': { type: 'string', default: '500' },
    only: { type: 'string', multiple: true },
  },
}).values;
const sections = new Set(args.only ?? ['entities', 'notes', 'trust', 'realistic']);
const fuseEntityQueries = Number(args['fuse-entity-queries']);
const sizes = (args.size ?? ['10000', '100000']).map(Number);
const noteCount = Number(args.notes);
const queryCount = Number(args.queries);
const fuseNoteQueries = Number(args['fuse-note-queries']);

interface Figures {
  engine: string;
  buildMs: number;
  memoryMb: number;
  query: Timing;
  recallAt1: number;
  recallAt10: number;
  queries: number;
}

function measure(queries: Query[], run: (q: Query) => number[]): Omit<Figures, 'engine' | 'buildMs' | 'memoryMb'> {
  const samples: number[] = [];
  let hit1 = 0;
  let hit10 = 0;
  for (const q of queries) {
    const start = performance.now();
    const ranked = run(q);
    samples.push(performance.now() - start);
    if (ranked[0] === q.target) hit1++;
    if (ranked.slice(0, 10).includes(q.target)) hit10++;
  }
  return {
    query: timing(samples),
    recallAt1: round(hit1 / queries.length),
    recallAt10: round(hit10 / queries.length),
    queries: queries.length,
  };
}

interface EntityRun {
  size: number;
  fieldbook: Figures;
  fuse: Figures | null;
  /** Past 10k entities fuse.js runs only the first queries: Fieldbook on the same ones. */
  fieldbookOnFuseQueries: Figures | null;
}

function benchEntities(size: number): EntityRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-'));
  const { db, close } = openFieldbook(dir, { seed: false });
  try {
    const entities = generateEntities(size, 42);
    const queries = entityQueries(entities, queryCount, 7);
    const idToIndex = loadEntities(db, entities);

    let before = heapMb();
    let start = performance.now();
    // The whole name index, as search.prepare builds it for the app (a store past 5,000 records is otherwise indexed in slices).
    completeNameIndex(db);
    const fieldbookBuild = performance.now() - start;
    const fieldbookMemory = heapMb() - before;
    tidyIndexes(db);
    const searchFieldbook = (q: Query) =>
      (callMethod(db, 'search', { query: q.text, kinds: ['actor', 'place', 'event'], limit: 10 }) as { kind: string; id: number }[]).map(
        (r) => idToIndex.get(`${r.kind}:${r.id}`) ?? -1,
      );
    const fieldbook = measure(queries, searchFieldbook);
    // fuse.js scans every entity for every query: past 10k, the first queries are enough to show its speed.
    const fuseQueries = size > 10_000 && fuseEntityQueries > 0 ? queries.slice(0, fuseEntityQueries) : queries;
    const fieldbookOnFuseQueries =
      fuseQueries.length < queries.length
        ? { engine: 'fieldbook', buildMs: 0, memoryMb: 0, ...measure(fuseQueries, searchFieldbook) }
        : null;

    const figures = { engine: 'fieldbook', buildMs: round(fieldbookBuild), memoryMb: round(fieldbookMemory), ...fieldbook };
    if (args['no-fuse']) return { size, fieldbook: figures, fuse: null, fieldbookOnFuseQueries: null };
    before = heapMb();
    start = performance.now();
    const options = {
      keys: [
        { name: 'name', weight: 2 },
        { name: 'aliases', weight: 1 },
      ],
      includeScore: true,
      ignoreDiacritics: true,
      ignoreLocation: true,
      threshold: 0.4,
    };
    const fuse = new Fuse(entities, options, Fuse.createIndex(options.keys, entities));
    const fuseBuild = performance.now() - start;
    const fuseMemory = heapMb() - before;
    const indexOf = new Map(entities.map((e, i) => [e, i]));
    const plain = measure(fuseQueries, (q) => fuse.search(q.text, { limit: 10 }).map((r) => indexOf.get(r.item)!));
    return {
      size,
      fieldbook: figures,
      fuse: { engine: 'fuse.js', buildMs: round(fuseBuild), memoryMb: round(fuseMemory), ...plain },
      fieldbookOnFuseQueries,
    };
  } finally {
    close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function benchNotes(count: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-notes-'));
  const { db, close } = openFieldbook(dir, { seed: false });
  try {
    const entities = generateEntities(1000, 5);
    const notes = generateNotes(count, 11, entities);
    const queries = noteQueries(notes, queryCount, 13);
    const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    let start = performance.now();
    const ids: number[] = [];
    db.transaction(() =>
      writeIndexed(db, () => {
        for (const note of notes) ids.push(createNote(db, { title: note.title, body: doc(note.text) }).id);
      }),
    )();
    const buildMs = performance.now() - start;
    tidyIndexes(db);
    const indexOfId = new Map(ids.map((id, i) => [id, i]));
    const fieldbook = measure(queries, (q) =>
      (callMethod(db, 'search', { query: q.text, kinds: ['note'], limit: 10 }) as { id: number }[]).map((r) => indexOfId.get(r.id) ?? -1),
    );

    // Saving an edited note: the note, its links, tags and every index, in one transaction.
    const saves: number[] = [];
    for (let i = 0; i < 200; i++) {
      const n = (i * 7919) % notes.length;
      const body = doc(`${notes[n]!.text} Edited ${i}.`);
      start = performance.now();
      callMethod(db, 'notes.update', { id: ids[n]!, body });
      saves.push(performance.now() - start);
    }

    const before = heapMb();
    start = performance.now();
    const options = {
      keys: [
        { name: 'title', weight: 2 },
        { name: 'text', weight: 1 },
      ],
      includeScore: true,
      ignoreDiacritics: true,
      ignoreLocation: true,
      threshold: 0.4,
    };
    const fuse = new Fuse(notes, options, Fuse.createIndex(options.keys, notes));
    const fuseBuild = performance.now() - start;
    const fuseMemory = heapMb() - before;
    const indexOf = new Map(notes.map((n, i) => [n, i]));
    // fuse.js scans every note for every query: a few queries are enough to show its speed.
    const plain = measure(queries.slice(0, fuseNoteQueries), (q) => fuse.search(q.text, { limit: 10 }).map((r) => indexOf.get(r.item)!));
    const fieldbookOnSame = measure(queries.slice(0, fuseNoteQueries), (q) =>
      (callMethod(db, 'search', { query: q.text, kinds: ['note'], limit: 10 }) as { id: number }[]).map((r) => indexOfId.get(r.id) ?? -1),
    );
    return {
      notes: count,
      dbMb: round(fs.statSync(path.join(dir, 'fieldbook.sqlite')).size / 1024 / 1024),
      fieldbook: { engine: 'fieldbook', buildMs: round(buildMs), memoryMb: 0, ...fieldbook },
      fieldbookOnFuseQueries: { engine: 'fieldbook', buildMs: round(buildMs), memoryMb: 0, ...fieldbookOnSame },
      fuse: { engine: 'fuse.js', buildMs: round(fuseBuild), memoryMb: round(fuseMemory), ...plain },
      save: timing(saves),
    };
  } finally {
    close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function row(label: string, f: Figures): string {
  return [
    label.padEnd(22),
    `${f.buildMs}`.padStart(10),
    `${f.memoryMb}`.padStart(9),
    `${f.query.p50}`.padStart(8),
    `${f.query.p95}`.padStart(8),
    `${f.query.max}`.padStart(9),
    `${f.recallAt1}`.padStart(7),
    `${f.recallAt10}`.padStart(8),
    `${f.queries}`.padStart(6),
  ].join(' ');
}
const HEADER = `${'engine'.padEnd(22)} ${'build ms'.padStart(10)} ${'heap MB'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(9)} ${'rec@1'.padStart(7)} ${'rec@10'.padStart(8)} ${'n'.padStart(6)}`;

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`,
  node: process.version,
};
const entityRuns = [];
for (const size of sections.has('entities') ? sizes : []) {
  const r = benchEntities(size);
  entityRuns.push(r);
  console.log(`\nEntity search, ${size.toLocaleString('en')} entities (names + aliases; ${queryCount} queries, 0-2 typos)`);
  console.log(HEADER);
  console.log(row('fieldbook', r.fieldbook));
  if (r.fieldbookOnFuseQueries) console.log(row(`fieldbook (first ${r.fieldbookOnFuseQueries.queries})`, r.fieldbookOnFuseQueries));
  const fuseLabel = r.fieldbookOnFuseQueries ? `fuse.js (first ${r.fieldbookOnFuseQueries.queries})` : 'fuse.js (tuned)';
  console.log(r.fuse ? row(fuseLabel, r.fuse) : 'fuse.js (tuned)        not run (--no-fuse)');
}
results['entities'] = entityRuns;
if (noteCount > 0 && sections.has('notes')) {
  const r = benchNotes(noteCount);
  results['notes'] = r;
  console.log(`\nNote full-text search, ${noteCount.toLocaleString('en')} notes (store ${r.dbMb} MB; ${queryCount} queries, 0-1 typos)`);
  console.log(HEADER);
  console.log(row('fieldbook', r.fieldbook));
  console.log(row(`fieldbook (first ${fuseNoteQueries})`, r.fieldbookOnFuseQueries));
  console.log(row(`fuse.js (first ${fuseNoteQueries})`, r.fuse));
  console.log(
    `\nSaving an edited note (note, links, tags, FTS and vocabulary): p50 ${r.save.p50} ms, p95 ${r.save.p95} ms, max ${r.save.max} ms`,
  );
}
if (args.json && (sections.has('entities') || sections.has('notes'))) {
  const out = path.resolve(import.meta.dirname, 'results', 'search.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}
if (sections.has('trust')) benchTrust({ entities: Number(args['trust-entities']), notes: Number(args['trust-notes']), json: args.json });
if (sections.has('realistic')) {
  benchRealistic({
    sizes: (args['realistic-size'] ?? ['10000', '100000']).map(Number),
    perClass: Number(args['per-class']),
    fuse: args.fuse,
    json: args.json,
  });
}
