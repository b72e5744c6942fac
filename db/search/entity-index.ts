// In-memory index of entity names and aliases (actors, places, events), kept
// current by marking entities dirty on every write and re-reading them from
// the store before the next query. Candidates come from word postings and a
// trigram index over distinct words; fuse.js re-ranks the few similar words.
import Fuse from 'fuse.js';
import type { Db } from '../store/open.ts';
import { foldName } from '../text.ts';
import type { EntityKind } from '../vocabulary.ts';

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
}

const STOPWORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'al', 'el']);
const MAX_PREFIX_WORDS = 3000;
const MAX_CANDIDATE_KEYS = 20000;
const SIMILAR_WORDS = 40;
const KNOWN_WORD_PENALTY = 0.2;

// Tiers: an exact name beats an exact alias beats a prefix beats a fuzzy match.
const SCORE = { name: 1, alias: 0.95, initials: 0.9, prefix: 0.85, wordPrefix: 0.75, fuzzy: 0.7 } as const;

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
  /** trigram → words */
  private wordTrigrams = new Map<string, string[]>();
  private dirty = new Set<string>();
  private dataVersion = -1;

  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.rebuild();
  }

  get size(): number {
    return this.entryOf.size;
  }

  markDirty(kind: EntityKind, id: number): void {
    this.dirty.add(`${kind}:${id}`);
  }

  /** Brings the index up to date: dirty entities re-read, everything re-read if another connection wrote. */
  sync(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version !== this.dataVersion) {
      this.rebuild();
      return;
    }
    for (const ref of this.dirty) {
      const [kind, id] = ref.split(':') as [EntityKind, string];
      const row = this.db.prepare(`${ENTITY_SQL[kind]} AND id = ?`).get(Number(id)) as EntityRow | undefined;
      this.remove(ref);
      if (row) this.add(kind, row);
    }
    this.dirty.clear();
  }

  private rebuild(): void {
    this.entities = [];
    this.entryOf.clear();
    this.keysOfEntry.clear();
    this.keys = [];
    this.exact.clear();
    this.postings.clear();
    this.sortedWords = [];
    this.wordTrigrams.clear();
    this.dirty.clear();
    const newWords: string[] = [];
    for (const kind of ['actor', 'place', 'event'] as const) {
      for (const row of this.db.prepare(ENTITY_SQL[kind]).iterate() as Iterable<EntityRow>) this.add(kind, row, newWords);
    }
    this.sortedWords = [...new Set(newWords)].sort();
    this.dataVersion = this.db.pragma('data_version', { simple: true }) as number;
  }

  private remove(ref: string): void {
    const entry = this.entryOf.get(ref);
    if (entry === undefined) return;
    for (const k of this.keysOfEntry.get(entry) ?? []) {
      const key = this.keys[k]!;
      const list = this.exact.get(key.text);
      if (list) this.exact.set(key.text, list.filter((x) => x !== k));
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
        if (!this.postings.has(word)) {
          if (bulkWords) bulkWords.push(word);
          else this.sortedWords.splice(lowerBound(this.sortedWords, word), 0, word);
          for (const gram of trigramsOf(word)) this.push(this.wordTrigrams, gram, word);
        }
        this.push(this.postings, word, k);
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

  private wordsWithPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (let i = lowerBound(this.sortedWords, prefix); i < this.sortedWords.length && out.length < MAX_PREFIX_WORDS; i++) {
      const word = this.sortedWords[i]!;
      if (!word.startsWith(prefix)) break;
      out.push(word);
    }
    return out;
  }

  /** Words of the index like `word`, with a distance from 0 (same) to 1, via trigram overlap then fuse.js. */
  private similarWords(word: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const gram of trigramsOf(word)) {
      for (const candidate of this.wordTrigrams.get(gram) ?? []) counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
    }
    const grams = trigramsOf(word).length;
    const top = [...counts]
      .map(([w, shared]) => [w, (2 * shared) / (grams + w.length + 2)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, SIMILAR_WORDS)
      .map(([w]) => w);
    const fuse = new Fuse(top, { includeScore: true, threshold: 0.45, ignoreLocation: true, isCaseSensitive: true });
    return new Map(fuse.search(word).map((r) => [r.item, r.score ?? 1]));
  }

  search(query: string, options: { limit: number; kinds?: readonly EntityKind[] | undefined }): EntityMatch[] {
    this.sync();
    const q = foldName(query);
    if (!q) return [];
    const qWords = q.split(' ');
    const best = new Map<number, { score: number; key: Key }>();
    const consider = (k: number, score: number) => {
      const key = this.keys[k];
      if (!key) return;
      const entity = this.entities[key.entry]!;
      if (options.kinds && !options.kinds.includes(entity.kind)) return;
      const current = best.get(key.entry);
      if (!current || score > current.score) best.set(key.entry, { score, key });
    };

    for (const form of new Set([q, qWords.join('')])) {
      for (const k of this.exact.get(form) ?? []) consider(k, SCORE[this.keys[k]!.type]);
    }

    // Prefix of the whole name, or every query word a prefix of some word of it.
    const last = qWords.at(-1)!;
    const lastWords = this.wordsWithPrefix(last);
    const seeds =
      qWords.length > 1
        ? (this.postings.get(qWords[0]!) ?? this.wordsWithPrefix(qWords[0]!).flatMap((w) => this.postings.get(w) ?? []))
        : lastWords.flatMap((w) => this.postings.get(w) ?? []);
    for (const k of seeds.slice(0, MAX_CANDIDATE_KEYS)) {
      const key = this.keys[k];
      if (!key || key.type === 'initials') continue;
      const lengthRatio = q.length / key.text.length;
      if (key.text.startsWith(q)) consider(k, SCORE.prefix - 0.05 * (1 - lengthRatio) - (key.type === 'alias' ? 0.01 : 0));
      else if (qWords.every((w) => key.words.some((kw) => kw.startsWith(w)))) {
        consider(k, SCORE.wordPrefix - 0.05 * (1 - lengthRatio) - (key.type === 'alias' ? 0.01 : 0));
      }
    }

    if (q.length >= 3 && best.size < options.limit) this.fuzzy(qWords, consider);

    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.key.text.length - b.key.text.length)
      .slice(0, options.limit)
      .map(({ score, key }) => ({ entity: this.entities[key.entry]!, score, label: key.label, keyType: key.type }));
  }

  /** Each query word matched to a similar word of the name; score from the mean distance. */
  private fuzzy(qWords: string[], consider: (k: number, score: number) => void): void {
    // A query word the index knows (whole or as a prefix) may still be a typo
    // for another word, but such readings rank below the word as written.
    const similar = qWords.map((w) => {
      const known = this.wordsWithPrefix(w).slice(0, 50);
      const map = new Map<string, number>();
      if (w.length >= 3) {
        const penalty = known.length > 0 ? KNOWN_WORD_PENALTY : 0;
        for (const [word, distance] of this.similarWords(w)) map.set(word, Math.min(1, distance + penalty));
      }
      for (const word of known) map.set(word, word === w ? 0 : 0.1);
      return map;
    });
    // Seed from the query word with the fewest candidate keys.
    const candidateKeys = similar
      .map((map) => [...map.keys()].flatMap((w) => this.postings.get(w) ?? []))
      .sort((a, b) => a.length - b.length)[0];
    for (const k of (candidateKeys ?? []).slice(0, MAX_CANDIDATE_KEYS)) {
      const key = this.keys[k];
      if (!key) continue;
      let total = 0;
      let matched = true;
      for (const map of similar) {
        let bestDistance = Infinity;
        for (const word of key.words) bestDistance = Math.min(bestDistance, map.get(word) ?? Infinity);
        if (bestDistance === Infinity) {
          matched = false;
          break;
        }
        total += bestDistance;
      }
      if (!matched) continue;
      const distance = total / similar.length;
      const coverage = qWords.length / Math.max(qWords.length, key.words.length);
      consider(k, SCORE.fuzzy * (1 - distance) * (0.8 + 0.2 * coverage));
    }
  }
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
