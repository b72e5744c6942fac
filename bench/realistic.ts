// Realistic names benchmark: persons (faker, six locales), organisations and
// GeoNames places with their aliases (bench/realistic-corpus.ts), loaded into
// a Fieldbook store as actors and places and into the peers: tuned fuse.js,
// FlexSearch, MiniSearch, uFuzzy and SQLite FTS5 trigram. Per engine and
// query class: recall@1 and recall@10; per engine: p50/p95 query time, index
// build time and heap. Prints figures; asserts nothing.
//   node --expose-gc bench/realistic.ts [--realistic-size N ...] [--per-class N] [--fuse] [--json]
import { parseArgs } from 'node:util';
import { callMethod } from '../db/api.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import {
  completeNameIndex,
  heapMb,
  tidyIndexes,
  loadEntities,
  machine,
  markdownTable,
  round,
  tempDir,
  timing,
  writeResults,
  type Timing,
} from './common.ts';
import { flexSearchPeer, fts5TrigramPeer, fusePeer, miniSearchPeer, uFuzzyPeer, type Peer, type PeerRecord } from './peers.ts';
import { generateRealistic, QUERY_CLASSES, realisticQueries, type RealisticEntity, type RealisticQuery } from './realistic-corpus.ts';
import type { SearchResult } from '../db/shared/search-results.ts';

const LIMIT = 10;
/** fuse.js scans every record for every query: past this size it runs only with --fuse. */
const FUSE_MAX = 10_000;

export interface RealisticFigures {
  engine: string;
  buildMs: number;
  heapMb: number;
  query: Timing;
  recallAt1: number;
  recallAt10: number;
  byClass: Record<string, { queries: number; recallAt1: number; recallAt10: number }>;
  /** Queries whose target is not in the top 10, with the first hit: query → target (first hit). */
  misses: string[];
}

export interface RealisticRun {
  size: number;
  persons: number;
  organisations: number;
  places: number;
  aliases: number;
  queries: number;
  storeLoadMs: number;
  /** Merging the store's full-text segments and saving its name index, as the app does once calls pause (search.tidyIndexes). */
  tidyMs: number;
  engines: RealisticFigures[];
  skipped: string[];
}

function measure(
  engine: string,
  buildMs: number,
  memory: number,
  queries: RealisticQuery[],
  entities: RealisticEntity[],
  run: (q: RealisticQuery) => number[],
  warmUp: RealisticQuery[],
): RealisticFigures {
  // Every engine answers a few other queries first, untimed: no engine's first queries pay for compiling its code.
  for (const q of warmUp) run(q);
  const samples: number[] = [];
  const misses: string[] = [];
  const hits = queries.map((q) => {
    const start = performance.now();
    const ranked = run(q);
    samples.push(performance.now() - start);
    const at10 = ranked.slice(0, LIMIT).includes(q.target);
    if (!at10) {
      const first = ranked[0] === undefined ? 'nothing' : `first: ${entities[ranked[0]]?.name ?? '?'}`;
      misses.push(`"${q.text}" (${q.class}) → ${entities[q.target]!.name} (${first})`);
    }
    return { q, at1: ranked[0] === q.target, at10 };
  });
  const share = (subset: typeof hits, key: 'at1' | 'at10') =>
    subset.length ? round(subset.filter((h) => h[key]).length / subset.length) : 0;
  return {
    engine,
    buildMs: round(buildMs),
    heapMb: round(memory, 1),
    query: timing(samples),
    recallAt1: share(hits, 'at1'),
    recallAt10: share(hits, 'at10'),
    byClass: Object.fromEntries(
      QUERY_CLASSES.map((c) => {
        const subset = hits.filter((h) => h.q.class === c);
        return [c, { queries: subset.length, recallAt1: share(subset, 'at1'), recallAt10: share(subset, 'at10') }];
      }),
    ),
    misses,
  };
}

/** Fieldbook: the store as the app writes it, then the whole in-memory name index, then the queries. */
function benchFieldbook(
  entities: RealisticEntity[],
  queries: RealisticQuery[],
  warmUp: RealisticQuery[],
): { figures: RealisticFigures; storeLoadMs: number; tidyMs: number } {
  const temp = tempDir('fieldbook-bench-realistic-');
  const { db, close } = openFieldbook(temp.dir, { seed: false });
  try {
    let start = performance.now();
    const idToIndex = loadEntities(db, entities);
    const storeLoadMs = performance.now() - start;
    const before = heapMb();
    start = performance.now();
    completeNameIndex(db);
    const buildMs = performance.now() - start;
    const memory = heapMb() - before;
    const tidyMs = tidyIndexes(db);
    const figures = measure(
      'Fieldbook',
      buildMs,
      memory,
      queries,
      entities,
      (q) =>
        (callMethod(db, 'search', { query: q.text, kinds: ['actor', 'place'], limit: LIMIT }) as SearchResult[]).map(
          (r) => idToIndex.get(`${r.kind}:${r.id}`) ?? -1,
        ),
      warmUp,
    );
    return { figures, storeLoadMs, tidyMs };
  } finally {
    close();
    temp.remove();
  }
}

export function benchRealisticSize(size: number, options: { perClass: number; fuse: boolean }): RealisticRun {
  const entities = generateRealistic(size, 42);
  const queries = realisticQueries(entities, options.perClass, 9);
  const warmUp = realisticQueries(entities, 3, 77);
  const records: PeerRecord[] = entities.map((e) => ({ name: e.name, aliases: e.aliases.map((a) => a.name), text: '' }));
  const engines: RealisticFigures[] = [];
  const skipped: string[] = [];

  // In its own function, so that the store and its name index can be collected before the peers are built.
  const { figures, storeLoadMs, tidyMs } = benchFieldbook(entities, queries, warmUp);
  engines.push(figures);

  const peers: [string, () => Peer][] = [
    ['fuse.js (tuned)', () => fusePeer(records, { withText: false, matches: false })],
    ['FlexSearch', () => flexSearchPeer(records)],
    ['MiniSearch', () => miniSearchPeer(records, { withText: false })],
    ['uFuzzy', () => uFuzzyPeer(records)],
    ['SQLite FTS5 trigram', () => fts5TrigramPeer(records)],
  ];
  for (const [name, build] of peers) {
    if (name.startsWith('fuse') && size > FUSE_MAX && !options.fuse) {
      skipped.push(
        `${name}: skipped at ${size.toLocaleString('en')} entities (about ${round(size / 100_000, 1)} s a query; --fuse runs it)`,
      );
      continue;
    }
    const before = heapMb();
    const start = performance.now();
    let peer: Peer | undefined = build();
    const buildMs = performance.now() - start;
    const memory = heapMb() - before + (peer.externalMb?.() ?? 0);
    const current = peer;
    engines.push(measure(name, buildMs, memory, queries, entities, (q) => current.search(q.text, LIMIT).map((h) => h.index), warmUp));
    peer.close?.();
    peer = undefined;
  }
  return {
    size,
    persons: entities.filter((e) => e.type === 'person').length,
    organisations: entities.filter((e) => e.type === 'organisation').length,
    places: entities.filter((e) => e.type === 'place').length,
    aliases: entities.reduce((n, e) => n + e.aliases.length, 0),
    queries: queries.length,
    storeLoadMs: round(storeLoadMs),
    tidyMs: round(tidyMs),
    engines,
    skipped,
  };
}

function print(run: RealisticRun): void {
  console.log(
    `\nRealistic names, ${run.size.toLocaleString('en')} entities (${run.persons.toLocaleString('en')} persons, ` +
      `${run.organisations.toLocaleString('en')} organisations, ${run.places.toLocaleString('en')} places; ${run.aliases.toLocaleString('en')} aliases); ` +
      `${run.queries} queries, one target each; Fieldbook store written in ${Math.round(run.storeLoadMs)} ms, ` +
      `tidied in ${Math.round(run.tidyMs)} ms (search.tidyIndexes: full-text segments merged, name index saved)`,
  );
  console.log(
    markdownTable(
      ['engine', 'build ms', 'heap MB', 'p50 ms', 'p95 ms', 'R@1', 'R@10'],
      run.engines.map((f) => [f.engine, Math.round(f.buildMs), f.heapMb, f.query.p50, f.query.p95, f.recallAt1, f.recallAt10]),
    ),
  );
  for (const line of run.skipped) console.log(`(${line})`);
  console.log(`\nBy class, R@1 / R@10 (${run.size.toLocaleString('en')} entities)`);
  console.log(
    markdownTable(
      ['class', 'n', ...run.engines.map((f) => f.engine)],
      QUERY_CLASSES.map((c) => [
        c,
        run.engines[0]?.byClass[c]?.queries ?? 0,
        ...run.engines.map((f) => `${f.byClass[c]!.recallAt1.toFixed(2)} / ${f.byClass[c]!.recallAt10.toFixed(2)}`),
      ]),
    ),
  );
  const fieldbook = run.engines.find((f) => f.engine === 'Fieldbook');
  if (fieldbook?.misses.length) {
    console.log(`\nFieldbook: targets not in the top 10 (${fieldbook.misses.length}${fieldbook.misses.length > 15 ? ', first 15' : ''})`);
    for (const line of fieldbook.misses.slice(0, 15)) console.log(`- ${line}`);
  }
}

export function benchRealistic(options: { sizes: number[]; perClass: number; fuse: boolean; json: boolean }): RealisticRun[] {
  const runs: RealisticRun[] = [];
  for (const size of options.sizes) {
    const run = benchRealisticSize(size, options);
    print(run);
    runs.push(run);
  }
  if (options.json) writeResults('realistic.json', { ...machine(), runs });
  return runs;
}

if (import.meta.main) {
  const args = parseArgs({
    options: {
      'realistic-size': { type: 'string', multiple: true },
      'per-class': { type: 'string', default: '60' },
      fuse: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  }).values;
  benchRealistic({
    sizes: (args['realistic-size'] ?? ['10000', '100000']).map(Number),
    perClass: Number(args['per-class']),
    fuse: args.fuse,
    json: args.json,
  });
}
