// npm run bench:extractor: how well the suggestions extractor finds the
// curated actors and places in the five seed documents. Prints figures;
// asserts nothing.
//   (a) known names: the extractor on the seeded store, against the gold
//       standard below;
//   (b) candidates: the extractor on an empty store, where every name must come
//       out as a candidate.
//   --runs N   timed runs per document (default 20; the median is printed)
//   --json     also write bench/results/extractor.json
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { suggestMentions, type Suggestions } from '../db/extract/suggest.ts';
import { openFieldbook, type Fieldbook } from '../db/fieldbook.ts';
import { loadSeed } from '../db/seed/data.ts';
import { foldName } from '../db/shared/folding.ts';

const args = parseArgs({ options: { runs: { type: 'string', default: '20' }, json: { type: 'boolean', default: false } } }).values;
const runs = Math.max(1, Number(args.runs));

type Kind = 'actor' | 'place';
interface GoldRecord {
  kind: Kind;
  key: string;
  name: string;
  /** Folded forms: the name, the name without a trailing "(qualifier)", the aliases. */
  forms: string[];
}

const seed = loadSeed();
const records: (GoldRecord & { written: string[] })[] = [];
for (const [kind, list] of [
  ['actor', seed.data.actors],
  ['place', seed.data.places],
] as const) {
  for (const r of list) {
    const written = [...new Set([r.name, r.name.replace(/\s*\([^()]*\)\s*$/, ''), ...r.aliases.map((a) => a.name)])];
    records.push({ kind, key: r.key, name: r.name, written, forms: written.map(fold).filter(Boolean) });
  }
}

/** foldName, a possessive "'s" dropped first ("Haftar's" is "haftar"). */
function fold(text: string): string {
  return foldName(text.replace(/['’ʼ]s(?![\p{L}\p{N}])/gu, ''));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An acronym ("IS", "U.S.", "LNA", "NATO") counts only as written; anything else folded, as whole words. */
function occursIn(document: { raw: string; folded: string }, written: string): boolean {
  const letters = written.match(/\p{L}/gu)?.length ?? 0;
  if (letters <= 3 || (!/\p{Ll}/u.test(written) && letters <= 4)) {
    return new RegExp(`(?<![\\p{L}\\p{N}])${escape(written)}(?![\\p{L}\\p{N}])`, 'u').test(document.raw);
  }
  const form = fold(written);
  return form !== '' && document.folded.includes(` ${form} `);
}

function goldFor(text: string): GoldRecord[] {
  const document = { raw: text, folded: ` ${fold(text)} ` };
  return records.filter((r) => r.written.some((w) => occursIn(document, w)));
}

/** Word sequence `inner` inside `outer`. */
function contains(outer: string[], inner: string[]): boolean {
  for (let i = 0; i + inner.length <= outer.length; i++) if (inner.every((w, k) => outer[i + k] === w)) return true;
  return false;
}
/** The stated rule: equal once folded, or one inside the other sharing at least two words. */
function sameName(candidate: string, gold: string): boolean {
  if (candidate === gold) return true;
  const c = candidate.split(' ');
  const g = gold.split(' ');
  return (c.length >= 2 && contains(g, c)) || (g.length >= 2 && contains(c, g));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function timed(fn: () => Suggestions): { result: Suggestions; firstMs: number; medianMs: number } {
  let t = performance.now();
  const result = fn();
  const firstMs = performance.now() - t;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return { result, firstMs, medianMs: median(samples) };
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
}
const score = (): Score => ({ tp: 0, fp: 0, fn: 0 });
const add = (a: Score, b: Score) => {
  a.tp += b.tp;
  a.fp += b.fp;
  a.fn += b.fn;
};
const pct = (n: number, d: number) => (d === 0 ? '   -' : `${Math.round((100 * n) / d)}`.padStart(4) + '%');
const recall = (s: Score) => pct(s.tp, s.tp + s.fn);
const precision = (s: Score) => pct(s.tp, s.tp + s.fp);

function openStore(seeded: boolean): Fieldbook & { remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-extractor-'));
  const fieldbook = openFieldbook(dir, { seed: seeded });
  return {
    ...fieldbook,
    remove: () => {
      fieldbook.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const seeded = openStore(true);
const empty = openStore(false);
const seedKeyOf = new Map<string, string>();
for (const kind of ['actor', 'place'] as const) {
  const table = kind === 'actor' ? 'actors' : 'places';
  for (const row of seeded.db.prepare(`SELECT id, seed_key FROM ${table} WHERE seed_key IS NOT NULL`).all() as {
    id: number;
    seed_key: string;
  }[]) {
    seedKeyOf.set(`${kind}:${row.id}`, row.seed_key);
  }
}

interface DocFigures {
  document: string;
  chars: number;
  gold: { actors: number; places: number };
  known: { actor: Score; place: Score; evidenced: { found: number; of: number; missed: string[] }; firstMs: number; medianMs: number };
  candidates: {
    count: number;
    correct: number;
    confident: { count: number; correct: number };
    recall: { actor: Score; place: Score };
    kindRight: number;
    firstMs: number;
    medianMs: number;
    missed: string[];
    wrong: string[];
  };
}

const figures: DocFigures[] = [];
for (const source of seed.data.sources) {
  const text = seed.documents.get(source.key)!;
  const gold = goldFor(text);
  const goldKeys = new Set(gold.map((g) => `${g.kind}:${g.key}`));

  // (a) known names on the seeded store
  const a = timed(() => suggestMentions(seeded.db, text));
  const found = new Set<string>();
  for (const mention of a.result.known) {
    const key = seedKeyOf.get(`${mention.kind}:${mention.id}`);
    if (key && mention.kind !== 'event') found.add(`${mention.kind}:${key}`);
  }
  const known = { actor: score(), place: score() };
  for (const ref of found) known[ref.split(':')[0] as Kind][goldKeys.has(ref) ? 'tp' : 'fp']++;
  for (const ref of goldKeys) if (!found.has(ref)) known[ref.split(':')[0] as Kind].fn++;
  const evidencedKeys = records
    .filter((r) =>
      (r.kind === 'actor' ? seed.data.actors : seed.data.places)
        .find((x) => x.key === r.key)!
        .evidence.some((e) => e.source === source.key),
    )
    .map((r) => `${r.kind}:${r.key}`);

  // (b) candidates on the empty store
  const b = timed(() => suggestMentions(empty.db, text));
  const candidates = b.result.candidates;
  const matched = new Set<string>();
  let correct = 0;
  let kindRight = 0;
  let confident = 0;
  let confidentCorrect = 0;
  const wrong: string[] = [];
  for (const c of candidates) {
    const forms = [c.name, ...c.aliases].map(fold);
    const hits = gold.filter((g) => forms.some((f) => g.forms.some((gf) => sameName(f, gf))));
    for (const g of hits) matched.add(`${g.kind}:${g.key}`);
    if (c.confidence >= 0.5) confident++;
    if (hits.length > 0) {
      correct++;
      if (c.confidence >= 0.5) confidentCorrect++;
      if (hits.some((g) => g.kind === c.kind)) kindRight++;
    } else wrong.push(c.name);
  }
  const candidateRecall = { actor: score(), place: score() };
  for (const g of gold) candidateRecall[g.kind][matched.has(`${g.kind}:${g.key}`) ? 'tp' : 'fn']++;

  figures.push({
    document: source.key,
    chars: text.length,
    gold: { actors: gold.filter((g) => g.kind === 'actor').length, places: gold.filter((g) => g.kind === 'place').length },
    known: {
      ...known,
      evidenced: {
        found: evidencedKeys.filter((k) => found.has(k)).length,
        of: evidencedKeys.length,
        missed: evidencedKeys.filter((k) => !found.has(k)),
      },
      firstMs: a.firstMs,
      medianMs: a.medianMs,
    },
    candidates: {
      count: candidates.length,
      correct,
      confident: { count: confident, correct: confidentCorrect },
      recall: candidateRecall,
      kindRight,
      firstMs: b.firstMs,
      medianMs: b.medianMs,
      missed: gold.filter((g) => !matched.has(`${g.kind}:${g.key}`)).map((g) => `${g.name} (${g.kind})`),
      wrong,
    },
  });
}
seeded.remove();
empty.remove();

const ms = (n: number) => n.toFixed(2).padStart(7);
const docName = (d: string) => d.slice(0, 34).padEnd(34);
console.log('Suggestions extractor on the five seed documents');
console.log(
  `Gold standard: the curated actors and places whose name, alias, or name without its "(qualifier)" occurs in the document
as whole words, folded for case, accents and punctuation ("'s" dropped); an acronym (3 letters or fewer, or 4 capitals)
counts only as written, so "is" is not IS. Counted per record and document.`,
);

console.log('\n(a) Known names on the seeded store: recall and precision per record (R / P); "evid" = records holding');
console.log('    evidence from the document that were found by name (some are referred to only by description)');
console.log(`${'document'.padEnd(34)}  chars  gold a/p   actor R/P    place R/P     evid    first ms  median ms`);
const knownTotal = { actor: score(), place: score() };
let evidFound = 0;
let evidOf = 0;
for (const f of figures) {
  add(knownTotal.actor, f.known.actor);
  add(knownTotal.place, f.known.place);
  evidFound += f.known.evidenced.found;
  evidOf += f.known.evidenced.of;
  console.log(
    `${docName(f.document)} ${String(f.chars).padStart(6)}  ${String(f.gold.actors).padStart(4)}/${String(f.gold.places).padEnd(3)} ` +
      `${recall(f.known.actor)}/${precision(f.known.actor)}  ${recall(f.known.place)}/${precision(f.known.place)}  ` +
      `${String(f.known.evidenced.found).padStart(3)}/${String(f.known.evidenced.of).padEnd(3)} ${ms(f.known.firstMs)}  ${ms(f.known.medianMs)}`,
  );
}
console.log(
  `${'overall'.padEnd(34)} ${''.padStart(6)}  ${''.padStart(8)} ${recall(knownTotal.actor)}/${precision(knownTotal.actor)}  ` +
    `${recall(knownTotal.place)}/${precision(knownTotal.place)}  ${String(evidFound).padStart(3)}/${String(evidOf).padEnd(3)}`,
);

console.log('\n(b) Candidates on an empty store. A candidate is correct when its name or an alias, folded, equals a gold name or');
console.log('    alias, or one contains the other as a run of at least two words ("Islamic State" in "Islamic State in Libya").');
console.log('    Recall: gold records matched by some candidate. Precision: correct candidates / all candidates (names real but');
console.log('    not curated, such as "Iraq", count as wrong). kind: correct candidates whose guessed kind is a kind of the match.');
console.log(`${'document'.padEnd(34)}  cands  actor R  place R   prec  prec>=.5 (n)   kind   first ms  median ms`);
const candTotal = { actor: score(), place: score() };
let count = 0;
let correct = 0;
let confidentCount = 0;
let confidentCorrect = 0;
let kindRight = 0;
for (const f of figures) {
  const c = f.candidates;
  add(candTotal.actor, c.recall.actor);
  add(candTotal.place, c.recall.place);
  count += c.count;
  correct += c.correct;
  confidentCount += c.confident.count;
  confidentCorrect += c.confident.correct;
  kindRight += c.kindRight;
  console.log(
    `${docName(f.document)} ${String(c.count).padStart(6)}   ${recall(c.recall.actor)}    ${recall(c.recall.place)}  ${pct(c.correct, c.count)}` +
      `   ${pct(c.confident.correct, c.confident.count)} (${String(c.confident.count).padStart(3)})  ${pct(c.kindRight, c.correct)}  ${ms(c.firstMs)}  ${ms(c.medianMs)}`,
  );
}
console.log(
  `${'overall'.padEnd(34)} ${String(count).padStart(6)}   ${recall(candTotal.actor)}    ${recall(candTotal.place)}  ${pct(correct, count)}` +
    `   ${pct(confidentCorrect, confidentCount)} (${String(confidentCount).padStart(3)})  ${pct(kindRight, correct)}`,
);

console.log('\nEvidenced in the document but not named there by name or alias (a):');
for (const f of figures) if (f.known.evidenced.missed.length) console.log(`  ${f.document}: ${f.known.evidenced.missed.join('; ')}`);
console.log('Missed by candidates (b):');
for (const f of figures) if (f.candidates.missed.length) console.log(`  ${f.document}: ${f.candidates.missed.join('; ')}`);
console.log('Candidates not in the gold standard (b):');
for (const f of figures) if (f.candidates.wrong.length) console.log(`  ${f.document}: ${f.candidates.wrong.join('; ')}`);
console.log(`\nTimes: "first" is the first call on each document (the first document's includes building the name index);`);
console.log(`"median" the median of ${runs} further calls.`);

if (args.json) {
  const out = path.resolve(import.meta.dirname, 'results', 'extractor.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}
