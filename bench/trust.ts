// Trust benchmark: judged queries (bench/judged.ts) over the seeded store and
// over the generated corpus, run through Fieldbook's search, tuned fuse.js and
// MiniSearch. Per engine: the share of false hits (a hit none of whose marked
// words is within the correction bound of a query word), the queries whose
// first hit is false, precision@5 and recall@5 against the judged targets.
// Prints figures; asserts nothing.
//   node --expose-gc bench/trust.ts [--json] [--trust-entities N] [--trust-notes N]
import { parseArgs } from 'node:util';
import { callMethod } from '../db/api.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import { createNote } from '../db/repo/notes.ts';
import { writeIndexed } from '../db/search/indexer.ts';
import { correctionBound, editDistance, isSameWord, stemOf } from '../db/search/spelling.ts';
import { foldText } from '../db/shared/folding.ts';
import type { Db } from '../db/store/db.ts';
import { completeNameIndex, loadEntities, machine, markdownTable, round, tempDir, tidyIndexes, timing, writeResults } from './common.ts';
import { generateEntities, generateNotes } from './corpus.ts';
import { cleanNegatives, generatedQueries, NEGATIVE_CANDIDATES, SEED_QUERIES, type JudgedClass, type JudgedQuery } from './judged.ts';
import { fusePeer, miniSearchPeer, type PeerRecord } from './peers.ts';
import type { SearchResult } from '../db/shared/search-results.ts';

const LIMIT = 10;
const NEGATIVES = 35;
const WORD = /[\p{L}\p{N}]+/gu;
const words = (text: string) => foldText(text).match(WORD) ?? [];

interface CorpusRecord extends PeerRecord {
  key: string;
  /** Names a query may stand for: the record's name and aliases (actors, places, generated entities). */
  names: string[];
}

interface Hit {
  key: string;
  title: string;
  /** Folded marked words. */
  marked: string[];
  /** The marked passages, folded, as wholes. */
  phrases: string[];
}

interface Engine {
  engine: string;
  search: (query: string) => Hit[];
}

interface Corpus {
  name: string;
  records: CorpusRecord[];
  queries: JudgedQuery[];
  engines: Engine[];
  close: () => void;
}

const decodeHtml = (html: string) =>
  html
    .replace(/&#(\d+);/g, (_x, c: string) => String.fromCharCode(Number(c)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The marked passages of a Fieldbook snippet, folded. */
export function markedPhrases(snippet: string): string[] {
  return [...snippet.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => foldText(decodeHtml(m[1]!)));
}

/** Words of the marked passages; initials marked one letter each ("USMA" on United States Military Academy) also as one word. */
export function markedWords(phrases: string[]): string[] {
  const out = phrases.flatMap((p) => p.match(WORD) ?? []);
  if (out.length > 1 && out.every((w) => [...w].length === 1)) out.push(out.join(''));
  return out;
}

/** The rule of tests/integration/search-trust.test.ts: typed, a typed prefix, an inflection, or within the correction bound. */
export function withinBound(marked: string, queryWords: string[]): boolean {
  return queryWords.some(
    (q) => marked.startsWith(q) || isSameWord(q, marked) || editDistance(q, marked, correctionBound(q)) <= correctionBound(q),
  );
}

const fieldbookEngine = (db: Db, kinds: string[], keyOf: (r: SearchResult) => string): Engine => ({
  engine: 'Fieldbook',
  search: (query) =>
    (callMethod(db, 'search', { query, kinds, limit: LIMIT }) as SearchResult[]).map((r) => {
      const phrases = markedPhrases(r.snippet);
      return { key: keyOf(r), title: r.title, marked: markedWords(phrases), phrases };
    }),
});

function peerEngines(records: CorpusRecord[]): Engine[] {
  const peers = [fusePeer(records, { withText: true, matches: true }), miniSearchPeer(records, { withText: true })];
  return peers.map((peer) => ({
    engine: peer.engine === 'fuse.js' ? 'fuse.js (tuned)' : peer.engine,
    search: (query) =>
      peer
        .search(query, LIMIT)
        .map((h) => ({ key: records[h.index]!.key, title: records[h.index]!.name, marked: h.marked, phrases: h.marked })),
  }));
}

function vocabularyOf(records: CorpusRecord[]): Set<string> {
  const vocabulary = new Set<string>();
  for (const r of records) for (const w of words([r.name, ...r.aliases, r.text].join(' '))) vocabulary.add(w);
  return vocabulary;
}

function negativeQueries(records: CorpusRecord[]): JudgedQuery[] {
  return cleanNegatives(NEGATIVE_CANDIDATES, vocabularyOf(records), NEGATIVES).map((query) => ({ query, class: 'negative', targets: [] }));
}

/** The seeded store: 64 actors, 33 places, 30 events and 5 source documents, and the judged queries over them. */
function seededCorpus(): Corpus {
  const temp = tempDir('fieldbook-trust-seed-');
  const { db, close } = openFieldbook(temp.dir);
  const records: CorpusRecord[] = [];
  const keyOfId = new Map<string, string>();
  const add = (kind: string, id: number, seedKey: string | null, record: Omit<CorpusRecord, 'key'>) => {
    const key = `${kind}:${seedKey ?? id}`;
    keyOfId.set(`${kind}:${id}`, key);
    records.push({ key, ...record });
  };
  type Named = { id: number; seedKey: string | null; name: string; description: string; aliases: { name: string }[] };
  for (const kind of ['actor', 'place'] as const) {
    for (const r of callMethod(db, `${kind}s.list`, {}) as Named[]) {
      const aliases = r.aliases.map((a) => a.name);
      add(kind, r.id, r.seedKey, { name: r.name, aliases, text: r.description, names: [r.name, ...aliases] });
    }
  }
  for (const e of callMethod(db, 'events.list', {}) as { id: number; seedKey: string | null; title: string; summary: string }[])
    add('event', e.id, e.seedKey, { name: e.title, aliases: [], text: e.summary, names: [] });
  for (const s of callMethod(db, 'sources.list', {}) as { id: number; seedKey: string | null; title: string }[]) {
    const { text } = callMethod(db, 'sources.get', { id: s.id }) as { text: string };
    add('source', s.id, s.seedKey, { name: s.title, aliases: [], text, names: [] });
  }
  const known = new Set(records.map((r) => r.key));
  for (const query of SEED_QUERIES)
    for (const target of query.targets)
      if (!known.has(target)) throw new Error(`judged target ${target} of "${query.query}" is not in the seed`);
  return {
    name: 'seeded store (64 actors, 33 places, 30 events, 5 documents)',
    records,
    queries: [...SEED_QUERIES, ...negativeQueries(records)],
    engines: [
      fieldbookEngine(db, ['actor', 'place', 'event', 'source', 'note'], (r) => keyOfId.get(`${r.kind}:${r.id}`) ?? `${r.kind}:${r.id}`),
      ...peerEngines(records),
    ],
    close: () => {
      close();
      temp.remove();
    },
  };
}

/** The generated corpus of bench/corpus.ts: entities with aliases, and notes naming some of them. */
function generatedCorpus(entityCount: number, noteCount: number): Corpus {
  const temp = tempDir('fieldbook-trust-generated-');
  const { db, close } = openFieldbook(temp.dir, { seed: false });
  // Events keep no aliases in the store: the peers get none either, and no query names one.
  const entities = generateEntities(entityCount, 42).map((e) => (e.kind === 'event' ? { ...e, aliases: [] } : e));
  const notes = generateNotes(noteCount, 11, entities);
  const idToIndex = loadEntities(db, entities);
  const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  const noteIndex = new Map<number, number>();
  db.transaction(() =>
    writeIndexed(db, () => notes.forEach((note, i) => noteIndex.set(createNote(db, { title: note.title, body: doc(note.text) }).id, i))),
  )();
  completeNameIndex(db);
  tidyIndexes(db);
  const records: CorpusRecord[] = [
    ...entities.map((e, i) => ({ key: `entity:${i}`, name: e.name, aliases: e.aliases, text: '', names: [e.name, ...e.aliases] })),
    ...notes.map((n, i) => ({ key: `note:${i}`, name: n.title, aliases: [], text: n.text, names: [] })),
  ];
  const keyOf = (r: SearchResult) =>
    r.kind === 'note' ? `note:${noteIndex.get(r.id) ?? -1}` : `entity:${idToIndex.get(`${r.kind}:${r.id}`) ?? -1}`;
  return {
    name: `generated corpus (${entityCount.toLocaleString('en')} entities, ${noteCount.toLocaleString('en')} notes)`,
    records,
    queries: [...generatedQueries(entities, notes, 23), ...negativeQueries(records)],
    engines: [fieldbookEngine(db, ['actor', 'place', 'event', 'note'], keyOf), ...peerEngines(records)],
    close: () => {
      close();
      temp.remove();
    },
  };
}

/** Which records are right answers: the judged targets, and every record holding all the words meant or a target's name. */
function relevanceJudge(records: CorpusRecord[]) {
  const wordSets = records.map((r) => {
    const set = new Set(words([r.name, ...r.aliases, r.text].join(' ')));
    const stems = new Set([...set].filter((w) => w.length >= 4).map(stemOf));
    return { set, stems };
  });
  const byKey = new Map(records.map((r) => [r.key, r]));
  const holds = (i: number, phrase: string[]) =>
    phrase.every((w) => wordSets[i]!.set.has(w) || (w.length >= 4 && wordSets[i]!.stems.has(stemOf(w))));
  return (query: JudgedQuery): Set<string> => {
    const relevant = new Set(query.targets);
    if (query.targets.length === 0) return relevant;
    const phrases = [query.meant ?? query.query, ...query.targets.flatMap((t) => byKey.get(t)?.names ?? [])]
      .map(words)
      .filter((p) => p.length > 0);
    records.forEach((r, i) => {
      if (phrases.some((p) => holds(i, p))) relevant.add(r.key);
    });
    return relevant;
  };
}

interface QueryRun {
  query: JudgedQuery;
  hits: (Hit & { false: boolean; relevant: boolean; expansion: boolean })[];
  ms: number;
}

export interface EngineFigures {
  engine: string;
  queries: number;
  hits: number;
  falseHits: number;
  falseHitShare: number;
  /** False hits whose marked words are all words of a target's name or alias (a record found because it names what the query named). */
  nameExpansions: number;
  firstHitFalse: number;
  precisionAt5: number;
  recallAt5: number;
  negatives: number;
  negativesWithHits: number;
  query: ReturnType<typeof timing>;
  byClass: Record<string, { queries: number; recallAt5: number; falseHits: number; firstHitFalse: number }>;
}

function runEngine(
  engine: Engine,
  corpus: Corpus,
  relevantFor: (q: JudgedQuery) => Set<string>,
): { figures: EngineFigures; runs: QueryRun[] } {
  const byKey = new Map(corpus.records.map((r) => [r.key, r]));
  const runs: QueryRun[] = [];
  for (const query of corpus.queries) {
    const start = performance.now();
    const hits = engine.search(query.query);
    const ms = performance.now() - start;
    const queryWords = words(query.query);
    const relevant = relevantFor(query);
    const targetNameWords = new Set(query.targets.flatMap((t) => (byKey.get(t)?.names ?? []).flatMap(words)));
    runs.push({
      query,
      ms,
      hits: hits.map((h) => {
        const isFalse = !h.marked.some((m) => withinBound(m, queryWords));
        return {
          ...h,
          false: isFalse,
          relevant: relevant.has(h.key),
          expansion: isFalse && h.marked.length > 0 && h.marked.every((m) => targetNameWords.has(m)),
        };
      }),
    });
  }
  const summarize = (subset: QueryRun[]) => {
    const positives = subset.filter((r) => r.query.targets.length > 0);
    const recall = positives.map((r) => {
      const top = new Set(r.hits.slice(0, 5).map((h) => h.key));
      return r.query.targets.filter((t) => top.has(t)).length / Math.min(5, r.query.targets.length);
    });
    return {
      queries: subset.length,
      recallAt5: positives.length ? round(recall.reduce((a, b) => a + b, 0) / positives.length, 3) : 0,
      falseHits: subset.reduce((n, r) => n + r.hits.filter((h) => h.false).length, 0),
      firstHitFalse: subset.filter((r) => r.hits[0]?.false).length,
    };
  };
  const all = summarize(runs);
  const hits = runs.reduce((n, r) => n + r.hits.length, 0);
  const top5 = runs.flatMap((r) => r.hits.slice(0, 5));
  const negatives = runs.filter((r) => r.query.targets.length === 0);
  const classes = [...new Set(corpus.queries.map((q) => q.class))];
  return {
    runs,
    figures: {
      engine: engine.engine,
      queries: runs.length,
      hits,
      falseHits: all.falseHits,
      falseHitShare: hits ? round(all.falseHits / hits, 4) : 0,
      nameExpansions: runs.reduce((n, r) => n + r.hits.filter((h) => h.expansion).length, 0),
      firstHitFalse: all.firstHitFalse,
      precisionAt5: top5.length ? round(top5.filter((h) => h.relevant).length / top5.length, 3) : 0,
      recallAt5: all.recallAt5,
      negatives: negatives.length,
      negativesWithHits: negatives.filter((r) => r.hits.length > 0).length,
      query: timing(runs.map((r) => r.ms)),
      byClass: Object.fromEntries(classes.map((c) => [c, summarize(runs.filter((r) => r.query.class === c))])),
    },
  };
}

const pct = (n: number) => `${round(n * 100, 1)}%`;

/** Fieldbook's problems on a corpus, one line each: false hits, missed targets, answers to negative queries. */
function problems(runs: QueryRun[], max: number): string[] {
  const lines: string[] = [];
  for (const r of runs) {
    const q = `"${r.query.query}" (${r.query.class})`;
    // Hits that mark nothing near the query first, then those marking a target's other name.
    const falseHits = r.hits.filter((h) => h.false).sort((a, b) => Number(a.expansion) - Number(b.expansion));
    if (falseHits.length) {
      const first = r.hits[0]?.false ? ' [FIRST hit]' : '';
      const shown = falseHits
        .slice(0, 2)
        .map((h) => `${h.title.slice(0, 40)} marks [${h.phrases.join(', ').slice(0, 60)}]${h.expansion ? ' (name expansion)' : ''}`);
      lines.push(`false hit${first}: ${q} → ${falseHits.length} of ${r.hits.length}: ${shown.join('; ')}`);
    }
    if (r.query.targets.length === 0 && r.hits.length) {
      lines.push(
        `negative answered: ${q} → ${r.hits.length} hits, first ${r.hits[0]!.title.slice(0, 40)} marks [${r.hits[0]!.phrases.join(', ').slice(0, 50)}]`,
      );
    }
    const top = new Set(r.hits.slice(0, 5).map((h) => h.key));
    const missed = r.query.targets.filter((t) => !top.has(t));
    if (missed.length) {
      const at = missed.map((t) => {
        const rank = r.hits.findIndex((h) => h.key === t);
        return `${t} ${rank < 0 ? 'not in top 10' : `at ${rank + 1}`}`;
      });
      lines.push(
        `missed: ${q} → ${at.join(', ')}; top: ${
          r.hits
            .slice(0, 3)
            .map((h) => h.title.slice(0, 30))
            .join(' | ') || '(nothing)'
        }`,
      );
    }
  }
  return lines.slice(0, max);
}

export interface TrustResult {
  corpus: string;
  queries: number;
  negatives: number;
  classes: Record<string, number>;
  engines: EngineFigures[];
  fieldbookProblems: string[];
}

function runCorpus(corpus: Corpus, maxProblems: number): TrustResult {
  const judge = relevanceJudge(corpus.records);
  const cache = new Map<JudgedQuery, Set<string>>();
  const relevantFor = (q: JudgedQuery) => cache.get(q) ?? cache.set(q, judge(q)).get(q)!;
  const results = corpus.engines.map((engine) => runEngine(engine, corpus, relevantFor));
  const classes: Record<string, number> = {};
  for (const q of corpus.queries) classes[q.class] = (classes[q.class] ?? 0) + 1;
  return {
    corpus: corpus.name,
    queries: corpus.queries.length,
    negatives: corpus.queries.filter((q) => q.targets.length === 0).length,
    classes,
    engines: results.map((r) => r.figures),
    fieldbookProblems: problems(results[0]!.runs, maxProblems),
  };
}

function print(result: TrustResult): void {
  console.log(`\nJudged queries: ${result.corpus}; ${result.queries} queries (${result.negatives} negative), top ${LIMIT} hits each`);
  console.log(
    markdownTable(
      [
        'engine',
        'hits',
        'false hits',
        'of which name expansions',
        'other false hits',
        'first hit false',
        'P@5',
        'R@5',
        'negatives answered',
        'p50 ms',
        'p95 ms',
      ],
      result.engines.map((f) => [
        f.engine,
        f.hits,
        `${f.falseHits} (${pct(f.falseHitShare)})`,
        f.nameExpansions,
        `${f.falseHits - f.nameExpansions} (${pct(f.hits ? (f.falseHits - f.nameExpansions) / f.hits : 0)})`,
        f.firstHitFalse,
        f.precisionAt5,
        f.recallAt5,
        `${f.negativesWithHits}/${f.negatives}`,
        f.query.p50,
        f.query.p95,
      ]),
    ),
  );
  const classes = Object.keys(result.classes) as JudgedClass[];
  console.log(`\nBy class (R@5; false hits / first hit false)`);
  console.log(
    markdownTable(
      ['class', 'n', ...result.engines.map((f) => f.engine)],
      classes.map((c) => [
        c,
        result.classes[c]!,
        ...result.engines.map((f) => {
          const k = f.byClass[c]!;
          return `${c === 'negative' ? '-' : k.recallAt5} ; ${k.falseHits}/${k.firstHitFalse}`;
        }),
      ]),
    ),
  );
  if (result.fieldbookProblems.length) {
    console.log(`\nFieldbook: false hits, missed targets and negatives answered (up to ${result.fieldbookProblems.length})`);
    for (const line of result.fieldbookProblems) console.log(`- ${line}`);
  }
}

export function benchTrust(options: { entities: number; notes: number; json: boolean; maxProblems?: number }): TrustResult[] {
  const results: TrustResult[] = [];
  console.log(
    `\nTrust: false hits are hits none of whose marked words starts with a query word, is an inflection of one or is within its correction bound; ` +
      `P@5 counts hits holding the words meant or a target's name as right; R@5 is over the judged targets.`,
  );
  for (const make of [seededCorpus, () => generatedCorpus(options.entities, options.notes)]) {
    const corpus = make();
    try {
      const result = runCorpus(corpus, options.maxProblems ?? 40);
      print(result);
      results.push(result);
    } finally {
      corpus.close();
    }
  }
  if (options.json) writeResults('trust.json', { ...machine(), results });
  return results;
}

if (import.meta.main) {
  const args = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      'trust-entities': { type: 'string', default: '10000' },
      'trust-notes': { type: 'string', default: '500' },
    },
  }).values;
  benchTrust({ entities: Number(args['trust-entities']), notes: Number(args['trust-notes']), json: args.json });
}
