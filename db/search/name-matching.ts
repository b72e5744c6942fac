// Matching a query against the name index (name-index.ts): exact names,
// names holding the query's words or starting with them, names in the other
// script through consonant skeletons, and names within the correction bound
// (fuzzy), all on one score scale in bands.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { foldName } from '../shared/folding.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { ScoreFloor } from './score-floor.ts';
import { consonantSkeleton, correctionBound, isArabicScript, MIN_SKELETON } from './spelling.ts';
import { ALIAS, ARABIC, KEY_TYPES, KINDS, REMOVED, type EntityMatch, type IndexedEntity, type NameTables } from './name-tables.ts';
import {
  exactKeys,
  keysOf,
  keyWordIds,
  keyWordStrings,
  nameWordId,
  nearWords,
  postingCount,
  postingsOf,
  textLength,
  wordsOfSkeleton,
  wordsWithPrefix,
} from './name-lookups.ts';

const MAX_CANDIDATE_KEYS = 20000;
const KNOWN_WORD_PENALTY = 0.2;
const OTHER_SOUND_PENALTY = 0.1;
const MIN_COVERAGE = 0.5;
const COMMON_WORD_KEYS = 5000;

// Tiers: an exact name beats an exact alias beats initials beats a name holding
// the query as whole words beats a prefix. All of these are matches as typed;
// a corrected (fuzzy) match scores below every one of them, and below every
// text found as typed (search.ts): at most CORRECTED_TOP.
const SCORE = { name: 1, alias: 0.95, initials: 0.9, wholeWords: 0.88, prefix: 0.85, wordPrefix: 0.75 } as const;
/** A name holding the query's words side by side in the order typed ranks this much above one holding them otherwise. */
const IN_ORDER_BONUS = 0.005;
export const CORRECTED_TOP = 0.49;
/** Corrected names score from here to CORRECTED_TOP; corrected texts below it. */
export const CORRECTED_NAME_BOTTOM = 0.42;
/** Names meeting only some of the query's words score at most this (the band of partial hits). */
const PARTIAL_TOP = 0.34;

/** What a result shows beside the name: its kind and country, or an event's EDTF date and type (read for results only). */
const DETAIL_SQL: Record<EntityKind, string> = {
  actor: `SELECT kind || coalesce(' · ' || country, '') AS detail FROM actors WHERE id = ?`,
  place: `SELECT kind || coalesce(' · ' || country, '') AS detail FROM places WHERE id = ?`,
  event: `SELECT coalesce(date, 'undated') || ' · ' || type AS detail FROM events WHERE id = ?`,
};

interface Candidate {
  score: number;
  key: number;
  /** Undefined: every word of the key. */
  matchedWords: string[] | undefined;
  corrections: Map<string, string> | undefined;
  /** When the entry was first met: the last tie-break, as a stable sort would have it. */
  order: number;
}

/** Why a key matched: the words of it that did, and the query words it read as other words. */
interface Explanation {
  matchedWords: string[];
  corrections?: Map<string, string>;
}

/**
 * Offers key `k` at `score`; why it matched is asked for only when the offer
 * is the best yet for its record (without `explain`: every word of the key, as typed).
 */
type Consider = (k: number, score: number, explain?: () => Explanation) => void;

/** Matches best first; none while the index is still being built (see ready). */
export function search(
  t: NameTables,
  db: Db,
  query: string,
  options: { limit: number; kinds?: readonly EntityKind[] | undefined },
): EntityMatch[] {
  const q = foldName(query);
  if (!q) return [];
  const qWords = q.split(' ');
  const kinds = options.kinds?.map((kind) => KINDS.indexOf(kind));
  const best = new Map<number, Candidate>();
  const floor = new ScoreFloor(options.limit);
  const consider: Consider = (k, score, explain) => {
    const entry = t.keyEntry.get(k);
    if (entry === REMOVED) return;
    if (kinds && !kinds.includes(t.entryKind.get(entry))) return;
    const current = best.get(entry);
    if (current && score <= current.score) return;
    if (!current) floor.add(score);
    const why = explain?.();
    best.set(entry, {
      score,
      key: k,
      matchedWords: why?.matchedWords,
      corrections: why?.corrections,
      order: current?.order ?? best.size,
    });
  };

  for (const k of exactKeys(t, qWords.join(''))) consider(k, SCORE[KEY_TYPES[t.keyType.get(k)]!]);

  // Every query word a whole word of the name, the name starting with the
  // query, or every query word starting a word of it. Every query word must
  // start a word of the name, so the rarest query word bounds the candidates.
  const wordChoices = qWords.map((w) => wordsWithPrefix(t, w));
  const breadth = wordChoices.map((ids) => ids.reduce((n, id) => n + postingCount(t, id), 0));
  const seedWords = wordChoices[breadth.indexOf(Math.min(...breadth))]!;
  const qIds = qWords.map((w) => nameWordId(t, w));
  const last = qWords.length - 1;
  const startsAWord = (w: string, ids: Int32Array) => {
    for (const id of ids) if (t.words[id]!.startsWith(w)) return true;
    return false;
  };
  for (const k of keysOf(t, seedWords, MAX_CANDIDATE_KEYS)) {
    if (t.keyEntry.get(k) === REMOVED) continue;
    const ids = keyWordIds(t, k);
    let score: number;
    let ratioWeight: number;
    const wholeWords = qIds.every((id) => id >= 0 && ids.includes(id));
    if (wholeWords) {
      // The words side by side, in the order typed ("Delgadillo Solís" in Julio Delgadillo Solís, not Solís Delgadillo) first.
      score = SCORE.wholeWords + (holdsRun(ids, qIds) ? IN_ORDER_BONUS : 0);
      ratioWeight = 0.02;
    } else if (ids.length > last && qWords.every((w, i) => (i < last ? t.words[ids[i]!] === w : t.words[ids[i]!]!.startsWith(w)))) {
      // The key's text starts with the query: its first words are the query's, its next starts with the last query word.
      score = SCORE.prefix;
      ratioWeight = 0.05;
    } else if (qWords.every((w) => startsAWord(w, ids))) {
      score = SCORE.wordPrefix;
      ratioWeight = 0.05;
    } else continue;
    const aliasPenalty = t.keyType.get(k) === ALIAS ? 0.01 : 0;
    score -= ratioWeight * (1 - q.length / textLength(t, k)) + aliasPenalty;
    consider(k, score, () => ({
      matchedWords: wholeWords ? qWords : Array.from(ids, (id) => t.words[id]!).filter((kw) => qWords.some((w) => kw.startsWith(w))),
    }));
  }

  otherScript(t, qWords, consider);
  if (q.length >= 3 && best.size < options.limit) fuzzy(t, qWords, consider, () => floor.value);

  return top(t, best, options.limit).map(([entry, { score, key, matchedWords, corrections }]) => ({
    entity: indexedEntity(t, db, entry),
    score,
    label: t.label(t.keyLabel.get(key)),
    keyType: KEY_TYPES[t.keyType.get(key)]!,
    matchedWords: matchedWords ?? keyWordStrings(t, key),
    corrections: corrections ?? new Map<string, string>(),
  }));
}

/** The `limit` best candidates: highest score, then shortest key, then first met. */
export function top(t: NameTables, best: Map<number, Candidate>, limit: number): [number, Candidate][] {
  const lengths = new Map<number, number>();
  const lengthOf = (k: number) => lengths.get(k) ?? lengths.set(k, textLength(t, k)).get(k)!;
  const before = (a: Candidate, b: Candidate) =>
    a.score > b.score || (a.score === b.score && (lengthOf(a.key) - lengthOf(b.key) || a.order - b.order) < 0);
  const kept: [number, Candidate][] = [];
  for (const item of best) {
    if (kept.length === limit && !before(item[1], kept[limit - 1]![1])) continue;
    let at = kept.length;
    while (at > 0 && before(item[1], kept[at - 1]![1])) at--;
    kept.splice(at, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

export function indexedEntity(t: NameTables, db: Db, entry: number): IndexedEntity {
  const entity = t.entityOf(entry);
  const row = cached(db, DETAIL_SQL[entity.kind]).get(entity.id) as { detail: string } | undefined;
  return { ...entity, detail: row?.detail ?? '' };
}

/**
 * Names in another script than the query's, every query word meeting a
 * word of the name through its consonant skeleton. A skeleton drops the
 * vowels, so this is a reading, not the name as typed: it ranks with the
 * corrected names (below every text that holds the words as typed), and
 * says which spelling it read the query as.
 */
export function otherScript(t: NameTables, qWords: string[], consider: Consider): void {
  const queryArabic = qWords.some(isArabicScript);
  const otherScript = (id: number) => ((t.wordFlags.get(id) & ARABIC) !== 0) !== queryArabic;
  // Each query word's skeleton, and how many keys hold a word of it in the other script.
  const skeletons: number[] = [];
  const counts: number[] = [];
  for (const w of qWords) {
    const skeleton = consonantSkeleton(w);
    if (!skeleton || skeleton.length < MIN_SKELETON) return;
    if (!queryArabic && !telling(w, skeleton)) return;
    const id = t.skeletonIds.get(skeleton);
    if (id === undefined) return;
    let count = 0;
    for (const wordId of wordsOfSkeleton(t, id)) if (otherScript(wordId)) count += postingCount(t, wordId);
    if (count === 0) return;
    skeletons.push(id);
    counts.push(count);
  }
  // A Latin query meets an Arabic name only where the record has no Latin
  // name of that skeleton: "haftr" is a misspelt Haftar, corrected as such.
  const latinLike = new Set<number>();
  if (!queryArabic) {
    for (const skeleton of skeletons) {
      for (const wordId of wordsOfSkeleton(t, skeleton)) {
        if (t.wordFlags.get(wordId) & ARABIC) continue;
        for (const k of postingsOf(t, wordId)) if (t.keyEntry.get(k) !== REMOVED) latinLike.add(t.keyEntry.get(k));
      }
    }
  }
  // A key must meet every query word: the keys of the word with the fewest, each checked for the others.
  const fewest = skeletons[counts.indexOf(Math.min(...counts))]!;
  const keys = new Set<number>();
  for (const wordId of wordsOfSkeleton(t, fewest)) {
    if (!otherScript(wordId)) continue;
    for (const k of postingsOf(t, wordId)) if (!latinLike.has(t.keyEntry.get(k))) keys.add(k);
  }
  for (const k of [...keys].sort((a, b) => a - b)) {
    if (t.keyEntry.get(k) === REMOVED) continue;
    const ids = [...keyWordIds(t, k)];
    if (!skeletons.every((skeleton) => ids.some((id) => t.wordSkeleton.get(id) === skeleton && otherScript(id)))) continue;
    const matched = skeletons.map((skeleton) => ids.filter((id) => t.wordSkeleton.get(id) === skeleton));
    // An Arabic query meets a Latin name only through a word whose skeleton still tells it apart.
    if (queryArabic && skeletons.some((skeleton, i) => !matched[i]!.some((id) => telling(t.words[id]!, t.skeletons[skeleton]!)))) continue;
    consider(k, CORRECTED_TOP, () => ({
      matchedWords: [...new Set(matched.flatMap((list) => list.map((id) => t.words[id]!)))],
      corrections: new Map(qWords.map((w, i) => [w, t.words[matched[i]![0]!]!])),
    }));
  }
}

/**
 * Names whose words are like the query's words, within the correction
 * bound. Each query word counts by its length and its likeness to the
 * closest word of the name; a name must cover at least half of the query.
 */
export function fuzzy(t: NameTables, qWords: string[], consider: Consider, floor: () => number): void {
  const similar = qWords.map((w) => {
    // A word the index knows (whole or as a prefix) may still be a typo for
    // another word, but such readings rank below the word as written.
    const known = wordsWithPrefix(t, w, 50);
    const map = new Map<number, number>();
    const bound = correctionBound(w);
    // A short or common word typed as it stands in the index is taken as written.
    const exactId = nameWordId(t, w);
    const exactKeys = exactId >= 0 ? postingCount(t, exactId) : 0;
    if (bound > 0 && !(exactKeys > 0 && (w.length <= 3 || exactKeys > COMMON_WORD_KEYS / 10))) {
      const penalty = known.length > 0 ? KNOWN_WORD_PENALTY : 0;
      // A word that is itself a word of names ("hafter", an alias of Haftar) is read as another
      // word still less readily when that word sounds otherwise: "after" has lost the h of hftr.
      const skeleton = exactKeys > 0 ? t.skeletonIds.get(consonantSkeleton(w) ?? '') : undefined;
      for (const [id, edits] of nearWords(t, w, bound)) {
        const otherSound = skeleton !== undefined && t.wordSkeleton.get(id) !== skeleton ? OTHER_SOUND_PENALTY : 0;
        map.set(id, Math.min(1, 0.1 + 0.2 * edits + penalty + otherSound));
      }
    }
    for (const id of known) map.set(id, t.words[id] === w ? 0 : 0.1);
    return map;
  });
  // Candidates come from the query words that narrow the search; words as
  // common as "national" or "of" only count towards the score.
  const breadth = similar.map((map) => [...map.keys()].reduce((n, id) => n + postingCount(t, id), 0));
  const narrow = similar.filter((_m, i) => breadth[i]! <= COMMON_WORD_KEYS);
  const sources = narrow.length > 0 ? narrow : [similar[breadth.indexOf(Math.min(...breadth))]!];
  const candidates = keysOf(
    t,
    sources.flatMap((map) => [...map.keys()]),
    MAX_CANDIDATE_KEYS,
  );
  // Each word met gets a slot: likeness[slot * n + i] is 1 - its distance from query word i (0: none).
  const n = qWords.length;
  if (t.wordMet.length < t.words.length) {
    t.wordMet = new Uint8Array(t.words.length * 2);
    t.wordSlot = new Int32Array(t.words.length * 2);
  }
  const wordMet = t.wordMet;
  const wordSlot = t.wordSlot;
  const met: number[] = [];
  const likeness: number[] = [];
  similar.forEach((map, i) => {
    for (const [id, distance] of map) {
      if (!wordMet[id]) {
        wordMet[id] = 1;
        wordSlot[id] = met.length;
        met.push(id);
        for (let j = 0; j < n; j++) likeness.push(0);
      }
      likeness[wordSlot[id]! * n + i] = 1 - distance;
    }
  });
  try {
    const order = mostPromising(
      t,
      qWords,
      similar,
      breadth.map((b) => b <= COMMON_WORD_KEYS),
      candidates,
    );
    scoreFuzzy(t, qWords, order, likeness, consider, floor);
  } finally {
    for (const id of met) wordMet[id] = 0;
  }
}

/**
 * The candidates that could still enter the results, most promising first,
 * each with the highest score it could reach. From the postings of the
 * narrow words (`counted`) each candidate's likeness to them is known
 * without reading its words; the other words are assumed met at their
 * closest. A candidate that cannot cover half of the query is dropped.
 */
export function mostPromising(
  t: NameTables,
  qWords: string[],
  similar: Map<number, number>[],
  counted: boolean[],
  candidates: number[],
): { keys: number[]; ceilings: Float64Array } {
  const n = qWords.length;
  const total = qWords.reduce((sum, w) => sum + w.length, 0);
  if (t.keySlot.length < t.keyEntry.length) t.keySlot = new Int32Array(t.keyEntry.length * 2);
  const keySlot = t.keySlot;
  candidates.forEach((k, c) => (keySlot[k] = c + 1));
  const like = new Float32Array(candidates.length * n);
  let assumed = 0;
  const possible = similar.map((map, i) => {
    if (!counted[i]) {
      let closest = 0;
      for (const distance of map.values()) closest = Math.max(closest, 1 - distance);
      assumed += closest * qWords[i]!.length;
      return closest > 0;
    }
    for (const [id, distance] of map) {
      for (const k of postingsOf(t, id)) {
        const c = keySlot[k]!;
        if (c > 0 && 1 - distance > like[(c - 1) * n + i]!) like[(c - 1) * n + i] = 1 - distance;
      }
    }
    return true;
  });
  for (const k of candidates) keySlot[k] = 0;
  const keys: number[] = [];
  const ceilingOf: number[] = [];
  candidates.forEach((k, c) => {
    let reach = assumed;
    let every = true;
    for (let i = 0; i < n; i++) {
      if (!counted[i]) {
        every &&= possible[i]!;
        continue;
      }
      const value = like[c * n + i]!;
      reach += value * qWords[i]!.length;
      if (value === 0) every = false;
    }
    const coverage = Math.min(1, reach / total);
    if (coverage < MIN_COVERAGE) return;
    keys.push(k);
    ceilingOf.push(
      every ? CORRECTED_NAME_BOTTOM + (CORRECTED_TOP - CORRECTED_NAME_BOTTOM) * coverage * coverage : PARTIAL_TOP * coverage * coverage,
    );
  });
  const order = keys.map((_k, i) => i).sort((a, b) => ceilingOf[b]! - ceilingOf[a]! || a - b);
  return { keys: order.map((i) => keys[i]!), ceilings: Float64Array.from(order, (i) => ceilingOf[i]!) };
}

/**
 * Scores each candidate key by how much of the query its words are like
 * (likeness: see fuzzy), best first, until no candidate left could beat the
 * results already held (`floor`).
 */
export function scoreFuzzy(
  t: NameTables,
  qWords: string[],
  candidates: { keys: number[]; ceilings: Float64Array },
  likeness: number[],
  consider: Consider,
  floor: () => number,
): void {
  const n = qWords.length;
  const total = qWords.reduce((sum, w) => sum + w.length, 0);
  const wordMet = t.wordMet;
  const wordSlot = t.wordSlot;
  const keyWords = t.keyWords.view();
  const keyWordStart = t.keyWordStart.view();
  const lengths = qWords.map((w) => w.length);
  /** The word of key k closest to query word i (-1: none). */
  const closest = (k: number, i: number): number => {
    let best = 0;
    let bestWord = -1;
    for (let at = keyWordStart[k]!; at < keyWordStart[k + 1]!; at++) {
      const id = keyWords[at]!;
      if (!wordMet[id]) continue;
      const like = likeness[wordSlot[id]! * n + i]!;
      if (like > best) {
        best = like;
        bestWord = id;
      }
    }
    return bestWord;
  };
  const bestLike = new Float64Array(n);
  for (let c = 0; c < candidates.keys.length; c++) {
    if (candidates.ceilings[c]! < floor()) break;
    const k = candidates.keys[c]!;
    if (t.keyEntry.get(k) === REMOVED) continue;
    bestLike.fill(0);
    const from = keyWordStart[k]!;
    const to = keyWordStart[k + 1]!;
    for (let at = from; at < to; at++) {
      const id = keyWords[at]!;
      if (!wordMet[id]) continue;
      const slot = wordSlot[id]! * n;
      for (let i = 0; i < n; i++) if (likeness[slot + i]! > bestLike[i]!) bestLike[i] = likeness[slot + i]!;
    }
    let sum = 0;
    let matchedWords = 0;
    for (let i = 0; i < n; i++) {
      if (bestLike[i] === 0) continue;
      matchedWords++;
      sum += bestLike[i]! * lengths[i]!;
    }
    const coverage = sum / total;
    if (coverage < MIN_COVERAGE) continue;
    const nameCoverage = Math.min(1, matchedWords / (to - from));
    // Squared: a distant reading falls fast. A name meeting every query word
    // leads the corrected hits (above texts, as names do among hits as
    // typed); one meeting only some ranks among partial hits.
    const closeness = coverage * coverage * (0.8 + 0.2 * nameCoverage);
    const score =
      matchedWords === n ? CORRECTED_NAME_BOTTOM + (CORRECTED_TOP - CORRECTED_NAME_BOTTOM) * closeness : PARTIAL_TOP * closeness;
    consider(k, score, () => {
      const matched: string[] = [];
      const corrections = new Map<string, string>();
      qWords.forEach((w, i) => {
        const id = closest(k, i);
        if (id < 0) return;
        const word = t.words[id]!;
        matched.push(word);
        if (!word.startsWith(w)) corrections.set(w, word);
      });
      return { matchedWords: matched, corrections };
    });
  }
}

/** True when `run` appears in `ids` as consecutive items. */
function holdsRun(ids: Int32Array, run: readonly number[]): boolean {
  for (let i = 0; i + run.length <= ids.length; i++) {
    let j = 0;
    while (j < run.length && ids[i + j] === run[j]) j++;
    if (j === run.length) return true;
  }
  return false;
}

/**
 * Whether a Latin word's skeleton still tells it apart: a long word of many
 * vowels ("shidjihoouhaik": sjhk) shrinks to a skeleton that many unrelated
 * Arabic names share.
 */
function telling(latinWord: string, skeleton: string): boolean {
  return skeleton.length >= 0.4 * latinWord.length;
}
