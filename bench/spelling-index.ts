// Which index finds the spellings of a mistyped name word within the bound
// (spelling.ts): the deletion index the name index uses (near-words.ts), or
// the q-gram index it used before (padded bigrams and trigrams, the 40 words
// sharing the most, re-ranked by fuse.js; or every word sharing enough of
// them, each measured). Over the distinct words of the
// realistic corpus's names and aliases; the queries are their words with one
// or two typos. Per index: build time, memory, time per lookup, and the share
// of the words within the bound that it finds. Prints figures; asserts nothing.
//   node --expose-gc bench/spelling-index.ts [--size N ...] [--queries N]
import { parseArgs } from 'node:util';
import Fuse from 'fuse.js';
import { NearWords } from '../db/search/near-words.ts';
import { correctionBound, editDistance } from '../db/search/spelling.ts';
import { foldName } from '../db/shared/folding.ts';
import { heapMb, markdownTable, round, timing } from './common.ts';
import { seededRandom } from './corpus.ts';
import { typosWithinBound } from './judged.ts';
import { generateRealistic } from './realistic-corpus.ts';

interface SpellingIndex {
  /** Words within the bound of `word`. */
  near(word: string): string[];
}

function deletionIndex(words: string[]): SpellingIndex {
  const index = NearWords.of(
    words,
    words.map((_w, i) => i),
  );
  return {
    near: (word) => {
      const bound = correctionBound(word);
      return [...index.candidates(word, bound)].map((id) => words[id]!).filter((w) => editDistance(word, w, bound) <= bound);
    },
  };
}

/**
 * The q-gram index as name-index.ts had it until the deletion index replaced
 * it (typed arrays rather than Maps of arrays): the 40 words sharing the most
 * q-grams, re-ranked by fuse.js, or with `measureAll` every word sharing
 * enough of them, each measured (the trigram index "with the distance checked").
 */
function qgramIndex(words: string[], measureAll = false): SpellingIndex {
  const SHORT_WORD = 5;
  const grams = (word: string, bigrams: boolean) => {
    const padded = ` ${word} `;
    const out = new Set<string>();
    if (bigrams) for (let i = 0; i + 2 <= padded.length; i++) out.add(padded.slice(i, i + 2));
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
    return [...out];
  };
  const gramIds = new Map<string, number>();
  const lists: number[][] = [];
  words.forEach((word, id) => {
    for (const gram of grams(word, true)) {
      let g = gramIds.get(gram);
      if (g === undefined) {
        g = lists.length;
        gramIds.set(gram, g);
        lists.push([]);
      }
      lists[g]!.push(id);
    }
  });
  const postings = lists.map((list) => Int32Array.from(list));
  const counts = new Uint16Array(words.length);
  const limit = Math.min(6000, Math.max(2000, words.length * 0.02));
  return {
    near: (word) => {
      const bound = correctionBound(word);
      const short = word.length <= SHORT_WORD;
      const found = grams(word, short).map((g) => postings[gramIds.get(g) ?? -1] ?? new Int32Array(0));
      let used = found.filter((list) => list.length <= limit);
      if (used.length === 0) used = [found.reduce((a, b) => (b.length < a.length ? b : a))];
      const touched: number[] = [];
      for (const list of used) for (const id of list) if (counts[id]!++ === 0) touched.push(id);
      const minShared = Math.max(1, Math.floor(used.length / 3));
      const scored: [number, number][] = [];
      for (const id of touched) {
        const shared = counts[id]!;
        counts[id] = 0;
        const gramCount = short ? 2 * words[id]!.length + 1 : words[id]!.length;
        if (shared >= minShared) scored.push([id, (2 * shared) / (used.length + gramCount)]);
      }
      if (measureAll) return scored.map(([id]) => words[id]!).filter((w) => editDistance(word, w, bound) <= bound);
      const top = scored
        .sort((a, b) => b[1] - a[1])
        .slice(0, 40)
        .map(([id]) => words[id]!);
      const fuse = new Fuse(top, { threshold: 0.4, ignoreLocation: true, isCaseSensitive: true });
      return fuse
        .search(word)
        .map((r) => r.item)
        .filter((w) => editDistance(word, w, bound) <= bound);
    },
  };
}

const args = parseArgs({ options: { size: { type: 'string', multiple: true }, queries: { type: 'string', default: '2000' } } }).values;
for (const size of (args.size ?? ['100000']).map(Number)) {
  const words = [
    ...new Set(
      generateRealistic(size, 42).flatMap((e) => [e.name, ...e.aliases.map((a) => a.name)].flatMap((n) => foldName(n).split(' '))),
    ),
  ].filter(Boolean);
  const random = seededRandom(5);
  const queries: string[] = [];
  while (queries.length < Number(args.queries)) {
    const word = words[Math.floor(random() * words.length)]!;
    if (word.length < 4) continue;
    const typed = typosWithinBound(random, word, queries.length % 2 ? 2 : 1);
    if (typed && correctionBound(typed) > 0) queries.push(typed);
  }
  // What is within the bound of each query, by brute force over every word.
  const truth = queries.map(
    (q) => new Set(words.filter((w) => Math.abs(w.length - q.length) <= 2 && editDistance(q, w, correctionBound(q)) <= correctionBound(q))),
  );
  const rows: (string | number)[][] = [];
  for (const [name, build] of [
    ['deletion index (near-words.ts)', deletionIndex],
    ['q-gram index + fuse.js (before)', (w: string[]) => qgramIndex(w)],
    ['q-gram index, every candidate measured', (w: string[]) => qgramIndex(w, true)],
  ] as const) {
    const before = heapMb();
    const start = performance.now();
    const index = build(words);
    const buildMs = performance.now() - start;
    const memory = heapMb() - before;
    const samples: number[] = [];
    let found = 0;
    let within = 0;
    queries.forEach((q, i) => {
      const t = performance.now();
      const near = new Set(index.near(q));
      samples.push(performance.now() - t);
      for (const w of truth[i]!) if (near.has(w)) found++;
      within += truth[i]!.size;
    });
    const t = timing(samples);
    rows.push([name, Math.round(buildMs), round(memory, 1), t.p50, t.p95, round(found / within, 3)]);
  }
  console.log(
    `\nSpellings within the bound, ${words.length.toLocaleString('en')} distinct words of ${size.toLocaleString('en')} realistic names; ${queries.length} queries, 1 or 2 typos`,
  );
  console.log(markdownTable(['index', 'build ms', 'memory MB', 'lookup p50 ms', 'lookup p95 ms', 'share found'], rows));
}
