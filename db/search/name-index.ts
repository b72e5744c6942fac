// In-memory index of entity names and aliases (actors, places, events), kept
// current by marking entities dirty on every write and re-reading them from
// the store before the next query. Candidates come from word postings and a
// trigram index over distinct words; fuse.js re-ranks the few similar words,
// and only those within the edit-distance bound of spelling.ts count. Names
// in another script meet through their consonant skeletons (حفتر, Haftar).
import Fuse from 'fuse.js';
import type { Db } from '../store/db.ts';
import { foldName } from '../shared/folding.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { consonantSkeleton, correctionBound, editDistance, isArabicScript, isSameWord, MIN_SKELETON } from './spelling.ts';

export type KeyType = 'name' | 'alias' | 'initials';

export interface IndexedEntity {
  kind: EntityKind;
  id: number;
  name: string;
  detail: string;
}

interface Key {
  entry: number;
  type: KeyType;
  /** Folded form: words separated by single spaces. */
  text: string;
  words: string[];
  /** The name or alias as written. */
  label: string;
}

export interface EntityMatch {
  entity: IndexedEntity;
  score: number;
  /** The name or alias that matched, as written. */
  label: string;
  keyType: KeyType;
  /** The folded words of the label that matched a query word (for initials: every word). */
  matchedWords: string[];
  /** Query word → the word of the label it was corrected to, when the match needed a correction. */
  corrections: Map<string, string>;
}

const STOPWORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'al', 'el']);
const MAX_PREFIX_WORDS = 3000;
const MAX_CANDIDATE_KEYS = 20000;
const SIMILAR_WORDS = 40;
const SIMILAR_CACHE = 2000;
const KNOWN_WORD_PENALTY = 0.2;
const MIN_COVERAGE = 0.5;
const SHORT_WORD = 5;
const COMMON_WORD_KEYS = 5000;
const MIN_GRAM_SKIP = 2000;
const GRAM_SKIP_SHARE = 0.02;
/** However large the index, a q-gram held by more words than this is skipped. */
const MAX_GRAM_WORDS = 6000;

// Tiers: an exact name beats an exact alias beats initials beats a name holding
// the query as whole words beats a prefix. All of these are matches as typed;
// a corrected (fuzzy) match scores below every one of them, and below every
// text found as typed (search.ts): at most CORRECTED_TOP.
const SCORE = { name: 1, alias: 0.95, initials: 0.9, wholeWords: 0.88, prefix: 0.85, wordPrefix: 0.75 } as const;
export const CORRECTED_TOP = 0.49;
/** Corrected names score from here to CORRECTED_TOP; corrected texts below it. */
export const CORRECTED_NAME_BOTTOM = 0.42;
/** Names meeting only some of the query's words score at most this (the band of partial hits). */
const PARTIAL_TOP = 0.34;

function initialsOf(words: string[]): string[] {
  if (words.length < 2) return [];
  const all = words.map((w) => w[0]).join('');
  const content = words.filter((w) => !STOPWORDS.has(w));
  const significant = content.length >= 2 ? content.map((w) => w[0]).join('') : all;
  return [...new Set([all, significant])];
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function trigramsOf(word: string): string[] {
  const padded = ` ${word} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

/** Padded bigrams and trigrams: bigrams keep short words findable after a typo, trigrams keep long ones selective. */
function qgramsOf(word: string): string[] {
  const padded = ` ${word} `;
  const grams = new Set<string>();
  for (let i = 0; i + 2 <= padded.length; i++) grams.add(padded.slice(i, i + 2));
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

/** Names read into the index per slice of a build (well under 0.1 s of work). */
const SLICE_ROWS = 2000;
/** A store with at most this many records is indexed whole by its first search (about 0.2 s at most). */
const SMALL_STORE = 5000;
const BUILD_ORDER: readonly EntityKind[] = ['actor', 'place', 'event'];

const ENTITY_SQL: Record<EntityKind, string> = {
  actor: `SELECT id, name, kind || coalesce(' · ' || country, '') AS detail,
            (SELECT json_group_array(name) FROM actor_aliases WHERE actor_id = actors.id) AS aliases
          FROM actors WHERE deleted_at IS NULL`,
  place: `SELECT id, name, kind || coalesce(' · ' || country, '') AS detail,
            (SELECT json_group_array(name) FROM place_aliases WHERE place_id = places.id) AS aliases
          FROM places WHERE deleted_at IS NULL`,
  event: `SELECT id, title AS name, coalesce(date, 'undated') || ' · ' || type AS detail, '[]' AS aliases
          FROM events WHERE deleted_at IS NULL`,
};

interface EntityRow {
  id: number;
  name: string;
  detail: string;
  aliases: string;
}

export class EntityIndex {
  private entities: (IndexedEntity | undefined)[] = [];
  private entryOf = new Map<string, number>();
  private keysOfEntry = new Map<number, number[]>();
  private keys: (Key | undefined)[] = [];
  private exact = new Map<string, number[]>();
  /** word → keys containing it (may hold removed keys: filtered on read). */
  private postings = new Map<string, number[]>();
  private sortedWords: string[] = [];
  /** Distinct words of names and aliases, by id. */
  private wordList: string[] = [];
  private wordIds = new Map<string, number>();
  /** q-gram → ids of the words holding it */
  private gramWords = new Map<string, number[]>();
  /** Consonant skeleton → keys with a word of that skeleton, and whether that word is in Arabic script. */
  private skeletons = new Map<string, { key: number; arabic: boolean }[]>();
  /** Scratch counters for similarWords, one per word id. */
  private counts = new Uint16Array(0);
  /** Recent similarWords answers: typing repeats the same words keystroke after keystroke. */
  private similarCache = new Map<string, Map<string, number>>();
  private dirty = new Set<string>();
  private dataVersion = -1;
  private changes = 0;

  private readonly db: Db;

  /** Where a build in slices has got to; undefined when the index is complete. */
  private building: { kind: number; lastId: number; words: string[]; total: number } | undefined;

  constructor(db: Db) {
    this.db = db;
    this.startBuild();
  }

  get size(): number {
    return this.entryOf.size;
  }

  /** False while the index is still being built in slices (search.ts then answers from the store). */
  get ready(): boolean {
    return this.building === undefined;
  }

  /** Changes whenever the indexed names change: structures derived from them rebuild when it moves (read after sync()). */
  get revision(): number {
    return this.changes;
  }

  /** Every name and alias as written, with its entity (call complete() first). */
  *labels(): Generator<{ entity: IndexedEntity; type: 'name' | 'alias'; label: string }> {
    for (const key of this.keys) {
      if (key && key.type !== 'initials') yield { entity: this.entities[key.entry]!, type: key.type, label: key.label };
    }
  }

  markDirty(kind: EntityKind, id: number): void {
    this.dirty.add(`${kind}:${id}`);
  }

  /**
   * Brings the index up to date: dirty entities re-read, everything re-read
   * if another connection wrote. A small store is read whole at once; a large
   * one is read in slices by buildMore() (see prepare.ts), and until it is
   * whole the index is not ready and dirty entities wait.
   */
  sync(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version !== this.dataVersion) this.startBuild();
    if (this.building && this.building.total <= SMALL_STORE) while (this.building) this.buildSlice();
    if (this.building) return;
    if (this.dirty.size > 0) {
      this.similarCache.clear();
      this.changes++;
    }
    for (const ref of this.dirty) {
      const [kind, id] = ref.split(':') as [EntityKind, string];
      const row = this.db.prepare(`${ENTITY_SQL[kind]} AND id = ?`).get(Number(id)) as EntityRow | undefined;
      this.remove(ref);
      if (row) this.add(kind, row);
    }
    this.dirty.clear();
  }

  /** Reads one more slice of a build under way (after catching up with other connections' writes). */
  buildMore(): void {
    this.sync();
    if (this.building) this.buildSlice();
    if (!this.building) this.sync();
  }

  /** Finishes any build under way and brings the index up to date (for callers that need every name now). */
  complete(): void {
    this.sync();
    while (this.building) this.buildMore();
  }

  /** Empties the index and starts reading every name again, SLICE_ROWS rows at a time. */
  private startBuild(): void {
    this.changes++;
    this.entities = [];
    this.entryOf.clear();
    this.keysOfEntry.clear();
    this.keys = [];
    this.exact.clear();
    this.postings.clear();
    this.sortedWords = [];
    this.wordList = [];
    this.wordIds.clear();
    this.gramWords.clear();
    this.skeletons.clear();
    this.similarCache.clear();
    this.dirty.clear();
    const { total } = this.db
      .prepare(
        `SELECT (SELECT count(*) FROM actors WHERE deleted_at IS NULL) + (SELECT count(*) FROM places WHERE deleted_at IS NULL)
              + (SELECT count(*) FROM events WHERE deleted_at IS NULL) AS total`,
      )
      .get() as { total: number };
    this.building = { kind: 0, lastId: 0, words: [], total };
    this.dataVersion = this.db.pragma('data_version', { simple: true }) as number;
  }

  /** Reads the next SLICE_ROWS names into the index. Slices are counted in rows, not time: the same calls give the same answers. */
  private buildSlice(): void {
    const building = this.building!;
    let budget = SLICE_ROWS;
    while (budget > 0 && building.kind < BUILD_ORDER.length) {
      const kind = BUILD_ORDER[building.kind]!;
      const rows = this.db.prepare(`${ENTITY_SQL[kind]} AND id > ? ORDER BY id LIMIT ?`).all(building.lastId, budget) as EntityRow[];
      for (const row of rows) this.add(kind, row, building.words);
      budget -= rows.length;
      if (rows.length > 0) building.lastId = rows.at(-1)!.id;
      if (budget > 0) {
        building.kind++;
        building.lastId = 0;
      }
    }
    if (building.kind < BUILD_ORDER.length) return;
    this.sortedWords = [...new Set(building.words)].sort();
    this.building = undefined;
  }

  private remove(ref: string): void {
    const entry = this.entryOf.get(ref);
    if (entry === undefined) return;
    for (const k of this.keysOfEntry.get(entry) ?? []) {
      const key = this.keys[k]!;
      // Both exact forms: as written ("khalifa haftar") and joined ("khalifahaftar").
      for (const form of new Set([key.text, key.words.join('')])) {
        const list = this.exact.get(form);
        if (list)
          this.exact.set(
            form,
            list.filter((x) => x !== k),
          );
      }
      this.keys[k] = undefined;
    }
    this.keysOfEntry.delete(entry);
    this.entryOf.delete(ref);
    this.entities[entry] = undefined;
  }

  /** `bulkWords` collects new words during a rebuild, sorted once at the end. */
  private add(kind: EntityKind, row: EntityRow, bulkWords?: string[]): void {
    const entry = this.entities.length;
    this.entities.push({ kind, id: row.id, name: row.name, detail: row.detail });
    this.entryOf.set(`${kind}:${row.id}`, entry);
    const keyIds: number[] = [];
    const addKey = (type: KeyType, label: string, text: string) => {
      if (!text) return;
      const k = this.keys.length;
      const words = text.split(' ');
      this.keys.push({ entry, type, text, words, label });
      keyIds.push(k);
      this.push(this.exact, text, k);
      const compact = words.join('');
      if (compact !== text) this.push(this.exact, compact, k);
      if (type === 'initials') return;
      for (const word of new Set(words)) {
        if (!this.wordIds.has(word)) {
          if (bulkWords) bulkWords.push(word);
          else this.sortedWords.splice(lowerBound(this.sortedWords, word), 0, word);
          const wordId = this.wordList.length;
          this.wordList.push(word);
          this.wordIds.set(word, wordId);
          for (const gram of qgramsOf(word)) this.push(this.gramWords, gram, wordId);
        }
        this.push(this.postings, word, k);
        const skeleton = consonantSkeleton(word);
        if (skeleton && skeleton.length >= MIN_SKELETON) this.push(this.skeletons, skeleton, { key: k, arabic: isArabicScript(word) });
      }
    };
    const nameText = foldName(row.name);
    addKey('name', row.name, nameText);
    for (const alias of JSON.parse(row.aliases) as string[]) addKey('alias', alias, foldName(alias));
    for (const initials of initialsOf(nameText.split(' '))) addKey('initials', row.name, initials);
    this.keysOfEntry.set(entry, keyIds);
  }

  private push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  /** Keys holding any of `words`, at most `cap` of them. */
  private keysOf(words: Iterable<string>, cap: number): Set<number> {
    const out = new Set<number>();
    for (const word of words) {
      for (const k of this.postings.get(word) ?? []) {
        out.add(k);
        if (out.size >= cap) return out;
      }
    }
    return out;
  }

  private wordsWithPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (let i = lowerBound(this.sortedWords, prefix); i < this.sortedWords.length && out.length < MAX_PREFIX_WORDS; i++) {
      const word = this.sortedWords[i]!;
      if (!word.startsWith(prefix)) break;
      out.push(word);
    }
    return out;
  }

  /** Words of the index like `word`, with a distance from 0 (same) to 1, remembered until the index changes. */
  private similarWords(word: string): Map<string, number> {
    let similar = this.similarCache.get(word);
    if (!similar) {
      similar = this.findSimilarWords(word);
      if (this.similarCache.size >= SIMILAR_CACHE) this.similarCache.delete(this.similarCache.keys().next().value!);
      this.similarCache.set(word, similar);
    }
    return similar;
  }

  /** q-gram overlap picks the candidates, fuse.js measures them. */
  private findSimilarWords(word: string): Map<string, number> {
    // Bigrams keep a short word findable after a typo; a long word is selective enough with trigrams.
    const grams = word.length <= SHORT_WORD ? qgramsOf(word) : trigramsOf(word);
    const gramCount = (w: string) => (word.length <= SHORT_WORD ? 2 * w.length + 1 : w.length);
    if (this.counts.length < this.wordList.length) this.counts = new Uint16Array(this.wordList.length * 2);
    const counts = this.counts;
    const touched: number[] = [];
    // A q-gram shared by a large share of all words says little and costs much: skip it.
    const lists = grams.map((gram) => this.gramWords.get(gram) ?? []);
    const limit = Math.min(MAX_GRAM_WORDS, Math.max(MIN_GRAM_SKIP, this.wordList.length * GRAM_SKIP_SHARE));
    let used = lists.filter((list) => list.length <= limit);
    if (used.length === 0) used = [lists.reduce((a, b) => (b.length < a.length ? b : a))];
    for (const list of used) {
      for (const id of list) {
        counts[id] = counts[id]! + 1;
        if (counts[id] === 1) touched.push(id);
      }
    }
    // One typo spoils at most a third of the grams of all but the shortest words.
    const minShared = Math.max(1, Math.floor(used.length / 3));
    const scored: [number, number][] = [];
    for (const id of touched) {
      const shared = counts[id]!;
      counts[id] = 0;
      if (shared >= minShared) scored.push([id, (2 * shared) / (used.length + gramCount(this.wordList[id]!))]);
    }
    const top = scored
      .sort((a, b) => b[1] - a[1])
      .slice(0, SIMILAR_WORDS)
      .map(([id]) => this.wordList[id]!);
    const fuse = new Fuse(top, { includeScore: true, threshold: 0.4, ignoreLocation: true, isCaseSensitive: true });
    return new Map(fuse.search(word).map((r) => [r.item, r.score ?? 1]));
  }

  /** Matches best first; none while the index is still being built (see ready). */
  search(query: string, options: { limit: number; kinds?: readonly EntityKind[] | undefined }): EntityMatch[] {
    this.sync();
    if (!this.ready) return [];
    const q = foldName(query);
    if (!q) return [];
    const qWords = q.split(' ');
    const best = new Map<number, { score: number; key: Key; matchedWords: string[]; corrections: Map<string, string> }>();
    const consider = (k: number, score: number, matchedWords?: string[], corrections = new Map<string, string>()) => {
      const key = this.keys[k];
      if (!key) return;
      const entity = this.entities[key.entry]!;
      if (options.kinds && !options.kinds.includes(entity.kind)) return;
      const current = best.get(key.entry);
      if (!current || score > current.score) best.set(key.entry, { score, key, matchedWords: matchedWords ?? key.words, corrections });
    };

    for (const form of new Set([q, qWords.join('')])) {
      for (const k of this.exact.get(form) ?? []) {
        const key = this.keys[k];
        if (key) consider(k, SCORE[key.type]);
      }
    }

    // Every query word a whole word of the name, the name starting with the
    // query, or every query word starting a word of it. Every query word must
    // start a word of the name, so the rarest query word bounds the candidates.
    const wordChoices = qWords.map((w) => this.wordsWithPrefix(w));
    const breadth = wordChoices.map((words) => words.reduce((n, w) => n + (this.postings.get(w)?.length ?? 0), 0));
    const seedWords = wordChoices[breadth.indexOf(Math.min(...breadth))]!;
    for (const k of this.keysOf(seedWords, MAX_CANDIDATE_KEYS)) {
      const key = this.keys[k];
      if (!key || key.type === 'initials') continue;
      const lengthRatio = q.length / key.text.length;
      const aliasPenalty = key.type === 'alias' ? 0.01 : 0;
      const started = key.words.filter((kw) => qWords.some((w) => kw.startsWith(w)));
      if (qWords.every((w) => key.words.includes(w))) {
        consider(k, SCORE.wholeWords - 0.02 * (1 - lengthRatio) - aliasPenalty, qWords);
      } else if (key.text.startsWith(q)) {
        consider(k, SCORE.prefix - 0.05 * (1 - lengthRatio) - aliasPenalty, started);
      } else if (qWords.every((w) => key.words.some((kw) => kw.startsWith(w)))) {
        consider(k, SCORE.wordPrefix - 0.05 * (1 - lengthRatio) - aliasPenalty, started);
      }
    }

    this.otherScript(qWords, consider);
    if (q.length >= 3 && best.size < options.limit) this.fuzzy(qWords, consider);

    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.key.text.length - b.key.text.length)
      .slice(0, options.limit)
      .map(({ score, key, matchedWords, corrections }) => ({
        entity: this.entities[key.entry]!,
        score,
        label: key.label,
        keyType: key.type,
        matchedWords,
        corrections,
      }));
  }

  /**
   * Names in another script than the query's, every query word meeting a
   * word of the name through its consonant skeleton. A skeleton drops the
   * vowels, so this is a reading, not the name as typed: it ranks with the
   * corrected names (below every text that holds the words as typed), and
   * says which spelling it read the query as.
   */
  private otherScript(
    qWords: string[],
    consider: (k: number, score: number, matchedWords: string[], corrections: Map<string, string>) => void,
  ): void {
    const queryArabic = qWords.some(isArabicScript);
    const perWord = qWords.map((w) => {
      const skeleton = consonantSkeleton(w);
      const keys = new Map<number, string[]>();
      if (!skeleton || skeleton.length < MIN_SKELETON) return keys;
      if (!queryArabic && !telling(w, skeleton)) return keys;
      for (const { key: k, arabic } of this.skeletons.get(skeleton) ?? []) {
        const key = this.keys[k];
        if (!key || arabic === queryArabic) continue;
        if (queryArabic && !key.words.some((kw) => consonantSkeleton(kw) === skeleton && telling(kw, skeleton))) continue;
        // A Latin query meets an Arabic name only where the record has no Latin
        // name of that skeleton: "haftr" is a misspelt Haftar, corrected as such.
        if (!queryArabic && this.hasLatinWordLike(key.entry, skeleton)) continue;
        keys.set(
          k,
          key.words.filter((kw) => consonantSkeleton(kw) === skeleton),
        );
      }
      return keys;
    });
    if (perWord.some((keys) => keys.size === 0)) return;
    for (const [k] of perWord[0]!) {
      if (!perWord.every((keys) => keys.has(k))) continue;
      const corrections = new Map(qWords.map((w, i) => [w, perWord[i]!.get(k)![0]!]));
      consider(k, CORRECTED_TOP, [...new Set(perWord.flatMap((keys) => keys.get(k)!))], corrections);
    }
  }

  private hasLatinWordLike(entry: number, skeleton: string): boolean {
    return (this.keysOfEntry.get(entry) ?? []).some((k) =>
      this.keys[k]?.words.some((word) => !isArabicScript(word) && consonantSkeleton(word) === skeleton),
    );
  }

  /**
   * Names whose words are like the query's words, within the correction
   * bound. Each query word counts by its length and its likeness to the
   * closest word of the name; a name must cover at least half of the query.
   */
  private fuzzy(
    qWords: string[],
    consider: (k: number, score: number, matchedWords: string[], corrections: Map<string, string>) => void,
  ): void {
    const total = qWords.reduce((sum, w) => sum + w.length, 0);
    const similar = qWords.map((w) => {
      // A word the index knows (whole or as a prefix) may still be a typo for
      // another word, but such readings rank below the word as written.
      const known = this.wordsWithPrefix(w).slice(0, 50);
      const map = new Map<string, number>();
      const bound = correctionBound(w);
      // A short or common word typed as it stands in the index is taken as written.
      const exactKeys = this.postings.get(w)?.length ?? 0;
      if (bound > 0 && !(exactKeys > 0 && (w.length <= 3 || exactKeys > COMMON_WORD_KEYS / 10))) {
        const penalty = known.length > 0 ? KNOWN_WORD_PENALTY : 0;
        for (const word of this.similarWords(w).keys()) {
          const edits = isSameWord(w, word) ? 0 : editDistance(w, word, bound);
          if (edits <= bound) map.set(word, Math.min(1, 0.1 + 0.2 * edits + penalty));
        }
      }
      for (const word of known) map.set(word, word === w ? 0 : 0.1);
      return map;
    });
    // Candidates come from the query words that narrow the search; words as
    // common as "national" or "of" only count towards the score.
    const breadth = similar.map((map) => [...map.keys()].reduce((n, w) => n + (this.postings.get(w)?.length ?? 0), 0));
    const narrow = similar.filter((_m, i) => breadth[i]! <= COMMON_WORD_KEYS);
    const sources = narrow.length > 0 ? narrow : [similar[breadth.indexOf(Math.min(...breadth))]!];
    const candidates = this.keysOf(
      sources.flatMap((map) => [...map.keys()]),
      MAX_CANDIDATE_KEYS,
    );
    for (const k of candidates) {
      const key = this.keys[k];
      if (!key) continue;
      let sum = 0;
      let matchedWords = 0;
      const matched: string[] = [];
      const corrections = new Map<string, string>();
      similar.forEach((map, i) => {
        let best = 0;
        let bestWord: string | undefined;
        for (const word of key.words) {
          const distance = map.get(word);
          if (distance !== undefined && 1 - distance > best) {
            best = 1 - distance;
            bestWord = word;
          }
        }
        if (bestWord === undefined) return;
        matchedWords++;
        matched.push(bestWord);
        if (!bestWord.startsWith(qWords[i]!)) corrections.set(qWords[i]!, bestWord);
        sum += best * qWords[i]!.length;
      });
      const coverage = sum / total;
      if (coverage < MIN_COVERAGE) continue;
      const nameCoverage = Math.min(1, matchedWords / key.words.length);
      // Squared: a distant reading falls fast. A name meeting every query word
      // leads the corrected hits (above texts, as names do among hits as
      // typed); one meeting only some ranks among partial hits.
      const closeness = coverage * coverage * (0.8 + 0.2 * nameCoverage);
      const score =
        matchedWords === qWords.length
          ? CORRECTED_NAME_BOTTOM + (CORRECTED_TOP - CORRECTED_NAME_BOTTOM) * closeness
          : PARTIAL_TOP * closeness;
      consider(k, score, matched, corrections);
    }
  }
}

/**
 * Whether a Latin word's skeleton still tells it apart: a long word of many
 * vowels ("shidjihoouhaik": sjhk) shrinks to a skeleton that many unrelated
 * Arabic names share.
 */
function telling(latinWord: string, skeleton: string): boolean {
  return skeleton.length >= 0.4 * latinWord.length;
}

const indexes = new WeakMap<Db, EntityIndex>();

export function entityIndexFor(db: Db): EntityIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new EntityIndex(db);
    indexes.set(db, index);
  }
  return index;
}

/** Called by the repositories on every change to an entity's names. */
export function markEntityDirty(db: Db, kind: EntityKind, id: number): void {
  indexes.get(db)?.markDirty(kind, id);
}
