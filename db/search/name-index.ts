// In-memory index of entity names and aliases (actors, places, events), kept
// current by marking entities dirty on every write and re-reading them from
// the store before the next query. Compact, so that a million records fit in
// a few hundred bytes each: every distinct word is an id into one word list,
// a key (a name, an alias or initials) is a run of word ids, and records,
// keys, postings and the other lookups are typed arrays, not objects.
// Candidates come from word postings and from a deletion index over the
// distinct words (near-words.ts); only spellings within the edit-distance
// bound of spelling.ts count. Names in another script meet through their
// consonant skeletons (حفتر, Haftar).
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { foldName } from '../shared/folding.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { Int32List, Uint8List } from './int-list.ts';
import { flattenLists, NearWords, unflattenLists } from './near-words.ts';
import { currentGeneration, loadSnapshot, saveSnapshot, snapshotIsCurrent, type Sections } from './name-index-snapshot.ts';
import { ScoreFloor } from './score-floor.ts';
import { consonantSkeleton, correctionBound, editDistance, isArabicScript, MIN_SKELETON, stemOf } from './spelling.ts';

export type KeyType = 'name' | 'alias' | 'initials';

export interface IndexedEntity {
  kind: EntityKind;
  id: number;
  name: string;
  detail: string;
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

/** One name or alias of a record, as labels() gives them. */
export interface Label {
  entity: Omit<IndexedEntity, 'detail'>;
  type: 'name' | 'alias';
  label: string;
}

const STOPWORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'al', 'el']);
const MAX_PREFIX_WORDS = 3000;
const MAX_CANDIDATE_KEYS = 20000;
const KNOWN_WORD_PENALTY = 0.2;
const MIN_COVERAGE = 0.5;
const COMMON_WORD_KEYS = 5000;
/** Words sharing a typed word's stem looked at as its inflections (the stem as a prefix). */
const MAX_INFLECTIONS = 200;
const ARABIC_PROCLITICS = ['ال', 'وال', 'بال', 'فال', 'كال', 'لل'];

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

const KINDS: readonly EntityKind[] = ['actor', 'place', 'event'];
const KEY_TYPES: readonly KeyType[] = ['name', 'alias', 'initials'];
const NAME = 0;
const ALIAS = 1;
const INITIALS = 2;
/** keyEntry of a key whose record was removed or re-read. */
const REMOVED = -1;
/** wordFlags bits: a word of names and aliases; in Arabic script; a word of the search vocabulary (terms.ts). */
const IN_NAMES = 1;
const ARABIC = 2;
const IN_TEXTS = 4;
/** wordSkeleton of a word whose skeleton was never needed. */
const UNREAD = -2;

function initialsOf(words: string[]): string[] {
  if (words.length < 2) return [];
  const all = words.map((w) => w[0]).join('');
  const content = words.filter((w) => !STOPWORDS.has(w));
  const significant = content.length >= 2 ? content.map((w) => w[0]).join('') : all;
  return [...new Set([all, significant])];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a string: buckets of the exact-name table. */
function stringHash(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Offsets into `items` of each group: group g holds items [start[g], start[g + 1]). */
interface Groups {
  start: Int32Array;
  items: Int32Array;
}

/** Groups of (group, item) pairs given by `each`, items in the order given: counted once, placed once. */
function groupPairs(groups: number, each: (emit: (group: number, item: number) => void) => void): Groups {
  const start = new Int32Array(groups + 1);
  each((group) => start[group + 1]!++);
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups);
  const items = new Int32Array(start[groups]!);
  each((group, item) => {
    items[next[group]!++] = item;
  });
  return { start, items };
}

/** Names read into the index per slice of a build (well under 0.1 s of work). */
const SLICE_ROWS = 2000;
/** Words of the search vocabulary read per slice, once every name is read. */
const VOCABULARY_SLICE = 20000;
/** Keys (or a tenth as many words, for the deletion index) per finishing step of a build. */
const FINISH_STEP = 50_000;
/** A store with at most this many records is indexed whole by its first search (about 0.2 s at most). */
const SMALL_STORE = 5000;
const BUILD_ORDER: readonly EntityKind[] = ['actor', 'place', 'event'];

/** What a result shows beside the name: its kind and country, or an event's EDTF date and type (read for results only). */
const DETAIL_SQL: Record<EntityKind, string> = {
  actor: `SELECT kind || coalesce(' · ' || country, '') AS detail FROM actors WHERE id = ?`,
  place: `SELECT kind || coalesce(' · ' || country, '') AS detail FROM places WHERE id = ?`,
  event: `SELECT coalesce(date, 'undated') || ' · ' || type AS detail FROM events WHERE id = ?`,
};

const ENTITY_SQL: Record<EntityKind, string> = {
  actor: `SELECT id, name, (SELECT json_group_array(name) FROM actor_aliases WHERE actor_id = actors.id) AS aliases
          FROM actors WHERE deleted_at IS NULL`,
  place: `SELECT id, name, (SELECT json_group_array(name) FROM place_aliases WHERE place_id = places.id) AS aliases
          FROM places WHERE deleted_at IS NULL`,
  event: `SELECT id, title AS name, '[]' AS aliases FROM events WHERE deleted_at IS NULL`,
};

interface EntityRow {
  id: number;
  name: string;
  aliases: string;
}

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

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class EntityIndex {
  // Records ("entries"): kind, id, the label of their name, their first key (an entry's keys are consecutive).
  private entryKind = new Uint8List();
  private entryId = new Int32List();
  private entryName = new Int32List();
  private entryFirstKey = new Int32List();
  /** Per kind, record id → entry + 1 (0: not indexed). */
  private entryOf: Int32List[] = KINDS.map(() => new Int32List());
  private live = 0;

  // Keys: names, aliases and initials. A key's words are keyWords[keyWordStart[k] .. keyWordStart[k + 1]).
  private keyEntry = new Int32List();
  private keyType = new Uint8List();
  private keyLabel = new Int32List();
  private keyWordStart = new Int32List();
  private keyWords = new Int32List();

  /** Labels as written, UTF-8: label l is labelBytes[labelStart[l] .. labelStart[l + 1]). */
  private labelStart = new Int32List();
  private labelBytes = new Uint8List(1 << 16);

  /** Distinct folded words of names, aliases and initials, by id. */
  private words: string[] = [];
  private wordIds = new Map<string, number>();
  private wordFlags = new Uint8List();
  /** Consonant skeleton id of each word of names (-1: none long enough; UNREAD: not a word of names). */
  private wordSkeleton = new Int32List();
  private skeletonIds = new Map<string, number>();
  private skeletons: string[] = [];

  // Built when a build completes; words and keys added later go to the `added` maps.
  /** Ids of the words of names and aliases, in code-unit order of the words. */
  private sortedWords = new Int32Array(0);
  /** Words of names and aliases waiting to be merged into sortedWords. */
  private unsortedWords: number[] = [];
  /** Word id → keys holding it (may hold removed keys: filtered on read). */
  private postings: Groups = { start: new Int32Array(1), items: new Int32Array(0) };
  private addedPostings = new Map<number, number[]>();
  /** Skeleton id → words of names and aliases with that skeleton. */
  private skeletonWords: Groups = { start: new Int32Array(1), items: new Int32Array(0) };
  private addedSkeletonWords = new Map<number, number[]>();
  private near: NearWords | undefined;
  /** Keys by the hash of their words run together ("khalifahaftar"): a chain per bucket through exactNext. */
  private exactHead = new Int32Array(0);
  private exactNext = new Int32List();

  // Scratch space of queries, reused and left cleared: a flag and a slot per key, a flag and a slot per word.
  private keySeen = new Uint8Array(0);
  private keySlot = new Int32Array(0);
  private wordMet = new Uint8Array(0);
  private wordSlot = new Int32Array(0);

  private dirty = new Set<string>();
  private dataVersion = -1;
  private changes = 0;
  /** The store's purge count when the index was read: a purge since makes it read everything again (it may hold purged names). */
  private purges = -1;
  /**
   * The store's generation (name_index_generation) the index holds: a move
   * with no entity marked dirty is a write the index was not told of (then
   * it reads everything again), and a saved index claims this generation.
   */
  private generation = -1;
  /** Whether a write was told of (markDirty, addTerms) since the last sync. */
  private told = false;
  /** A save of the index into the store under way (name-index-snapshot.ts). */
  private saving: Generator<void, boolean> | undefined;

  private readonly db: Db;

  /**
   * Where a build in slices has got to (kind: an index into BUILD_ORDER, then
   * the search vocabulary, read after lastTerm, then the finishing steps);
   * undefined when the index is complete.
   */
  private building: { kind: number; lastId: number; lastTerm: string; total: number; finishing: Generator<void> | undefined } | undefined;
  /** Words that came to the search vocabulary while a build was under way. */
  private pendingTerms = new Set<string>();

  constructor(db: Db) {
    this.db = db;
    if (!this.restore()) this.startBuild();
  }

  get size(): number {
    return this.live;
  }

  /** False while the index is still being built in slices (search.ts then answers from the store). */
  get ready(): boolean {
    return this.building === undefined;
  }

  /** Changes whenever the indexed names change: structures derived from them rebuild when it moves (read after sync()). */
  get revision(): number {
    return this.changes;
  }

  /** Every name and alias as written, with its record (call complete() first). */
  *labels(): Generator<Label> {
    let entity: Label['entity'] | undefined;
    let entityEntry = -1;
    for (let k = 0; k < this.keyEntry.length; k++) {
      const entry = this.keyEntry.get(k);
      const type = this.keyType.get(k);
      if (entry === REMOVED || type === INITIALS) continue;
      if (entry !== entityEntry) {
        entity = this.entityOf(entry);
        entityEntry = entry;
      }
      yield { entity: entity!, type: type === NAME ? 'name' : 'alias', label: this.label(this.keyLabel.get(k)) };
    }
  }

  /**
   * How many names and aliases hold `word` (with `asPrefix`, a word starting
   * with it), counted up to `cap` (call sync() first).
   */
  keysHolding(word: string, asPrefix: boolean, cap: number): number {
    if (!asPrefix) {
      const id = this.nameWordId(word);
      return id < 0 ? 0 : Math.min(cap, this.postingCount(id));
    }
    let count = 0;
    for (let i = this.lowerBound(word); i < this.sortedWords.length && count < cap; i++) {
      const id = this.sortedWords[i]!;
      if (!this.words[id]!.startsWith(word)) break;
      count += this.postingCount(id);
    }
    return Math.min(cap, count);
  }

  /** Words of the search vocabulary written since the index was read (terms.ts): corrections may go to them. */
  addTerms(terms: Iterable<string>): void {
    this.told = true;
    if (this.building) for (const term of terms) this.pendingTerms.add(term);
    else for (const term of terms) this.wordId(term, IN_TEXTS);
  }

  /**
   * Every word of names and aliases or of the search vocabulary within
   * `bound` edits of `word` (Damerau-Levenshtein), as [word, edits] (call
   * sync() first; empty while the index is being built).
   */
  spellingsNear(word: string, bound: number): [string, number][] {
    const out: [string, number][] = [];
    for (const id of this.near?.candidates(word, bound) ?? []) {
      const other = this.words[id]!;
      const edits = editDistance(word, other, bound);
      if (edits <= bound) out.push([other, edits]);
    }
    return out;
  }

  markDirty(kind: EntityKind, id: number): void {
    this.told = true;
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
    const now = currentGeneration(this.db);
    if (version !== this.dataVersion || now.purges !== this.purges || (now.generation !== this.generation && !this.told)) this.startBuild();
    else this.generation = now.generation;
    this.told = false;
    if (this.building && this.building.total <= SMALL_STORE) while (this.building) this.buildSlice();
    if (this.building) return;
    if (this.dirty.size === 0) return;
    this.changes++;
    for (const ref of this.dirty) {
      const [kind, id] = ref.split(':') as [EntityKind, string];
      const row = this.db.prepare(`${ENTITY_SQL[kind]} AND id = ?`).get(Number(id)) as EntityRow | undefined;
      this.remove(kind, Number(id));
      if (row) this.add(KINDS.indexOf(kind), row);
    }
    this.dirty.clear();
    this.mergeNewWords();
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
    this.entryKind = new Uint8List();
    this.entryId = new Int32List();
    this.entryName = new Int32List();
    this.entryFirstKey = new Int32List();
    this.entryOf = KINDS.map(() => new Int32List());
    this.live = 0;
    this.keyEntry = new Int32List();
    this.keyType = new Uint8List();
    this.keyLabel = new Int32List();
    this.keyWordStart = new Int32List();
    this.keyWordStart.push(0);
    this.keyWords = new Int32List();
    this.labelStart = new Int32List();
    this.labelStart.push(0);
    this.labelBytes = new Uint8List(1 << 16);
    this.words = [];
    this.wordIds = new Map();
    this.wordFlags = new Uint8List();
    this.wordSkeleton = new Int32List();
    this.skeletonIds = new Map();
    this.skeletons = [];
    this.sortedWords = new Int32Array(0);
    this.unsortedWords = [];
    this.postings = { start: new Int32Array(1), items: new Int32Array(0) };
    this.addedPostings = new Map();
    this.skeletonWords = { start: new Int32Array(1), items: new Int32Array(0) };
    this.addedSkeletonWords = new Map();
    this.near = undefined;
    this.exactHead = new Int32Array(0);
    this.exactNext = new Int32List();
    this.dirty.clear();
    const { total } = this.db
      .prepare(
        `SELECT (SELECT count(*) FROM actors WHERE deleted_at IS NULL) + (SELECT count(*) FROM places WHERE deleted_at IS NULL)
              + (SELECT count(*) FROM events WHERE deleted_at IS NULL) AS total`,
      )
      .get() as { total: number };
    this.building = { kind: 0, lastId: 0, lastTerm: '', total, finishing: undefined };
    this.pendingTerms.clear();
    this.dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    const { generation, purges } = currentGeneration(this.db);
    this.generation = generation;
    this.purges = purges;
    this.saving = undefined;
  }

  /**
   * Saves the index into the store a step at a time, each step one short
   * transaction (call it between calls until it returns false). Nothing to do
   * while the index is being built, when the store holds a snapshot of its
   * current names already, or when it is read-only; a write meanwhile ends
   * the save, and a later one starts again.
   */
  saveStep(): boolean {
    if (!this.saving) {
      if (this.db.readonly) return false;
      // Read before sync(): if another connection writes after this, sync() sees it and starts a build.
      const generation = currentGeneration(this.db);
      this.sync();
      if (!this.ready || generation.purges !== this.purges || generation.generation !== this.generation || snapshotIsCurrent(this.db))
        return false;
      this.saving = saveSnapshot(this.db, this.sections(), generation);
    }
    const step = this.saving.next();
    if (step.done) this.saving = undefined;
    return !step.done;
  }

  /** The index as named typed arrays and word lists, after sync() (words added since the build merged). */
  private sections(): Sections {
    return {
      scalars: Int32Array.of(this.live, this.near ? 1 : 0),
      entryKind: this.entryKind.view(),
      entryId: this.entryId.view(),
      entryName: this.entryName.view(),
      entryFirstKey: this.entryFirstKey.view(),
      ...Object.fromEntries(this.entryOf.map((list, kind) => [`entryOf${kind}`, list.view()])),
      keyEntry: this.keyEntry.view(),
      keyType: this.keyType.view(),
      keyLabel: this.keyLabel.view(),
      keyWordStart: this.keyWordStart.view(),
      keyWords: this.keyWords.view(),
      labelStart: this.labelStart.view(),
      labelBytes: this.labelBytes.view(),
      words: this.words,
      wordFlags: this.wordFlags.view(),
      wordSkeleton: this.wordSkeleton.view(),
      skeletons: this.skeletons,
      sortedWords: this.sortedWords,
      postingsStart: this.postings.start,
      postingsItems: this.postings.items,
      addedPostings: flattenLists(this.addedPostings),
      skeletonWordsStart: this.skeletonWords.start,
      skeletonWordsItems: this.skeletonWords.items,
      addedSkeletonWords: flattenLists(this.addedSkeletonWords),
      ...(this.near ? nearSections(this.near) : {}),
      exactHead: this.exactHead,
      exactNext: this.exactNext.view(),
    };
  }

  /**
   * Takes the index saved in the store, if it holds one of the names as they
   * are now (name-index-snapshot.ts); false (and nothing taken) otherwise.
   */
  private restore(): boolean {
    // Read before the snapshot: a write by another connection after it makes the next sync() build again.
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    let loaded: ReturnType<typeof loadSnapshot>;
    try {
      loaded = loadSnapshot(this.db);
      if (!loaded) return false;
      this.adopt(loaded.sections);
    } catch {
      return false;
    }
    this.dataVersion = dataVersion;
    this.purges = loaded.generation.purges;
    this.generation = loaded.generation.generation;
    this.building = undefined;
    this.changes++;
    return true;
  }

  /** Takes the sections of a snapshot as the index, after checking they hold together (throws if not). */
  private adopt(s: Sections): void {
    const i32 = (name: string): Int32Array<ArrayBuffer> => {
      const section = s[name];
      if (!(section instanceof Int32Array)) throw new Error(`the saved name index has no ${name}`);
      return section as Int32Array<ArrayBuffer>; // loadSnapshot's sections are views of one ArrayBuffer
    };
    const u8 = (name: string): Uint8Array<ArrayBuffer> => {
      const section = s[name];
      if (!(section instanceof Uint8Array)) throw new Error(`the saved name index has no ${name}`);
      return section as Uint8Array<ArrayBuffer>;
    };
    const list = (name: string): string[] => {
      const section = s[name];
      if (!Array.isArray(section)) throw new Error(`the saved name index has no ${name}`);
      return section;
    };
    const scalars = i32('scalars');
    const entries = i32('entryId').length;
    const keys = i32('keyEntry').length;
    const words = list('words');
    const holds =
      scalars.length === 2 &&
      [u8('entryKind'), i32('entryName'), i32('entryFirstKey')].every((a) => a.length === entries) &&
      [u8('keyType'), i32('keyLabel'), i32('exactNext')].every((a) => a.length === keys) &&
      i32('keyWordStart').length === keys + 1 &&
      i32('keyWordStart')[keys] === i32('keyWords').length &&
      i32('labelStart').at(-1) === u8('labelBytes').length &&
      [u8('wordFlags'), i32('wordSkeleton')].every((a) => a.length === words.length) &&
      i32('postingsStart').length <= words.length + 1 &&
      i32('postingsStart').at(-1) === i32('postingsItems').length &&
      i32('skeletonWordsStart').at(-1) === i32('skeletonWordsItems').length &&
      (i32('exactHead').length & (i32('exactHead').length - 1)) === 0;
    if (!holds) throw new Error('the saved name index does not hold together');
    this.entryKind = new Uint8List().adopt(u8('entryKind'));
    this.entryId = new Int32List().adopt(i32('entryId'));
    this.entryName = new Int32List().adopt(i32('entryName'));
    this.entryFirstKey = new Int32List().adopt(i32('entryFirstKey'));
    this.entryOf = KINDS.map((_kind, code) => new Int32List().adopt(i32(`entryOf${code}`)));
    this.live = scalars[0]!;
    this.keyEntry = new Int32List().adopt(i32('keyEntry'));
    this.keyType = new Uint8List().adopt(u8('keyType'));
    this.keyLabel = new Int32List().adopt(i32('keyLabel'));
    this.keyWordStart = new Int32List().adopt(i32('keyWordStart'));
    this.keyWords = new Int32List().adopt(i32('keyWords'));
    this.labelStart = new Int32List().adopt(i32('labelStart'));
    this.labelBytes = new Uint8List().adopt(u8('labelBytes'));
    this.words = words;
    this.wordIds = new Map(words.map((word, id) => [word, id]));
    this.wordFlags = new Uint8List().adopt(u8('wordFlags'));
    this.wordSkeleton = new Int32List().adopt(i32('wordSkeleton'));
    this.skeletons = list('skeletons');
    this.skeletonIds = new Map(this.skeletons.map((skeleton, id) => [skeleton, id]));
    this.sortedWords = i32('sortedWords');
    this.unsortedWords = [];
    this.postings = { start: i32('postingsStart'), items: i32('postingsItems') };
    this.addedPostings = unflattenLists(i32('addedPostings'));
    this.skeletonWords = { start: i32('skeletonWordsStart'), items: i32('skeletonWordsItems') };
    this.addedSkeletonWords = unflattenLists(i32('addedSkeletonWords'));
    this.near =
      scalars[1] === 1
        ? NearWords.fromParts({
            bits: i32('nearBits')[0]!,
            start: i32('nearStart'),
            wordIds: i32('nearWordIds'),
            fingerprints: u8('nearFingerprints'),
            added: i32('nearAdded'),
          })
        : undefined;
    this.exactHead = i32('exactHead');
    this.exactNext = new Int32List().adopt(i32('exactNext'));
    this.dirty.clear();
    this.pendingTerms.clear();
  }

  /** Reads the next SLICE_ROWS names into the index. Slices are counted in rows, not time: the same calls give the same answers. */
  private buildSlice(): void {
    const building = this.building!;
    let budget = SLICE_ROWS;
    while (budget > 0 && building.kind < BUILD_ORDER.length) {
      const kind = BUILD_ORDER[building.kind]!;
      const rows = this.db.prepare(`${ENTITY_SQL[kind]} AND id > ? ORDER BY id LIMIT ?`).all(building.lastId, budget) as EntityRow[];
      const code = KINDS.indexOf(kind);
      for (const row of rows) this.add(code, row);
      budget -= rows.length;
      if (rows.length > 0) building.lastId = rows.at(-1)!.id;
      if (budget > 0) {
        building.kind++;
        building.lastId = 0;
      }
    }
    if (building.kind < BUILD_ORDER.length) return;
    // Then the words of the search vocabulary, for the corrections of texts (spellingsNear).
    if (!building.finishing) {
      if (budget < SLICE_ROWS) return;
      const terms = cached(this.db, 'SELECT term FROM search_terms WHERE term > ? ORDER BY term LIMIT ?')
        .pluck()
        .all(building.lastTerm, VOCABULARY_SLICE) as string[];
      for (const term of terms) this.wordId(term, IN_TEXTS);
      if (terms.length === VOCABULARY_SLICE) building.lastTerm = terms.at(-1)!;
      else building.finishing = this.finishBuild();
      return;
    }
    // Then the lookups over everything read, a step per slice.
    if (!building.finishing.next().done) return;
    this.building = undefined;
    const pending = [...this.pendingTerms];
    this.pendingTerms.clear();
    this.addTerms(pending);
  }

  /**
   * Builds the lookups over every key read: sorted words, postings, skeletons,
   * the deletion index, exact names. Pauses after each step of about a slice's
   * work (FINISH_STEP keys or words), so that searches are answered between.
   */
  private *finishBuild(): Generator<void> {
    yield* this.sortNameWords();
    yield* this.buildPostings();
    this.groupSkeletonWords();
    yield;
    const wordFlags = this.wordFlags.view();
    const spelled: number[] = [...this.sortedWords];
    for (let id = 0; id < this.words.length; id++) if ((wordFlags[id]! & (IN_NAMES | IN_TEXTS)) === IN_TEXTS) spelled.push(id);
    this.near = yield* NearWords.build(this.words, spelled, FINISH_STEP / 10);
    yield* this.linkExactNames();
    this.trimLists();
  }

  /** The words of names sorted a first letter at a time: code-unit order, as one sort would give. */
  private *sortNameWords(): Generator<void> {
    const wordCount = this.words.length;
    const byFirst = new Map<number, string[]>();
    for (let id = 0; id < wordCount; id++) {
      if (!(this.wordFlags.get(id) & IN_NAMES)) continue;
      const word = this.words[id]!;
      const group = byFirst.get(word.charCodeAt(0));
      if (group) group.push(word);
      else byFirst.set(word.charCodeAt(0), [word]);
    }
    yield;
    const sorted = new Int32List(wordCount);
    let sinceStep = 0;
    for (const first of [...byFirst.keys()].sort((a, b) => a - b)) {
      const group = byFirst.get(first)!.sort();
      for (const word of group) sorted.push(this.wordIds.get(word)!);
      sinceStep += group.length;
      if (sinceStep >= FINISH_STEP / 2) {
        sinceStep = 0;
        yield;
      }
    }
    this.sortedWords = sorted.view().slice();
    this.unsortedWords = [];
    yield;
  }

  /** Postings: each distinct word of each name and alias, counted in one pass, placed in a second. */
  private *buildPostings(): Generator<void> {
    const wordCount = this.words.length;
    const keyCount = this.keyEntry.length;
    const keyWordStart = this.keyWordStart.view();
    const keyWords = this.keyWords.view();
    const keyType = this.keyType.view();
    const start = new Int32Array(wordCount + 1);
    const eachPosting = function* (visit: (word: number, k: number) => void): Generator<void> {
      for (let k = 0; k < keyCount; k++) {
        if (keyType[k] !== INITIALS) {
          const from = keyWordStart[k]!;
          const to = keyWordStart[k + 1]!;
          words: for (let at = from; at < to; at++) {
            for (let before = from; before < at; before++) if (keyWords[before] === keyWords[at]) continue words;
            visit(keyWords[at]!, k);
          }
        }
        if ((k + 1) % FINISH_STEP === 0) yield;
      }
    };
    yield* eachPosting((word) => start[word + 1]!++);
    for (let w = 0; w < wordCount; w++) start[w + 1]! += start[w]!;
    const next = start.slice(0, wordCount);
    const items = new Int32Array(start[wordCount]!);
    yield* eachPosting((word, k) => {
      items[next[word]!++] = k;
    });
    this.postings = { start, items };
    this.addedPostings = new Map();
    yield;
  }

  private groupSkeletonWords(): void {
    const wordCount = this.words.length;
    const wordSkeleton = this.wordSkeleton.view();
    const wordFlags = this.wordFlags.view();
    this.skeletonWords = groupPairs(this.skeletons.length, (emit) => {
      for (let id = 0; id < wordCount; id++) if (wordSkeleton[id]! >= 0 && wordFlags[id]! & IN_NAMES) emit(wordSkeleton[id]!, id);
    });
    this.addedSkeletonWords = new Map();
  }

  /** Exact names: a hash chain over the keys. */
  private *linkExactNames(): Generator<void> {
    const keyCount = this.keyEntry.length;
    let buckets = 16;
    while (buckets < keyCount) buckets *= 2;
    this.exactHead = new Int32Array(buckets).fill(-1);
    this.exactNext = new Int32List(keyCount);
    for (let k = 0; k < keyCount; k++) this.exactNext.push(-1);
    for (let k = keyCount - 1; k >= 0; k--) {
      this.linkExact(k);
      if (k % FINISH_STEP === 0) yield;
    }
  }

  /** The lists' spare room, kept for a build's growth, is given back. */
  private trimLists(): void {
    for (const list of [this.entryKind, this.entryId, this.entryName, this.entryFirstKey, this.keyEntry, this.keyType]) list.trim();
    for (const list of [
      this.keyLabel,
      this.keyWordStart,
      this.keyWords,
      this.labelStart,
      this.labelBytes,
      this.wordFlags,
      this.wordSkeleton,
    ])
      list.trim();
  }

  private linkExact(k: number): void {
    const bucket = this.compactHash(k) & (this.exactHead.length - 1);
    this.exactNext.set(k, this.exactHead[bucket]!);
    this.exactHead[bucket] = k;
  }

  /** stringHash of compactText(k), without making the string. */
  private compactHash(k: number): number {
    let h = FNV_OFFSET;
    for (let at = this.keyWordStart.get(k); at < this.keyWordStart.get(k + 1); at++) {
      const word = this.words[this.keyWords.get(at)]!;
      for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
    }
    return h >>> 0;
  }

  /** The words of a key run together ("khalifahaftar"): its exact form, whatever the spaces typed. */
  private compactText(k: number): string {
    let text = '';
    for (let at = this.keyWordStart.get(k); at < this.keyWordStart.get(k + 1); at++) text += this.words[this.keyWords.get(at)]!;
    return text;
  }

  private remove(kind: EntityKind, id: number): void {
    const byId = this.entryOf[KINDS.indexOf(kind)]!;
    const entry = id < byId.length ? byId.get(id) - 1 : -1;
    if (entry < 0) return;
    const end = entry + 1 < this.entryFirstKey.length ? this.entryFirstKey.get(entry + 1) : this.keyEntry.length;
    for (let k = this.entryFirstKey.get(entry); k < end; k++) this.keyEntry.set(k, REMOVED);
    byId.set(id, 0);
    this.live--;
  }

  /** The id of `word`, made if new; `flags` are added to its flags (IN_NAMES, IN_TEXTS; none for initials). */
  private wordId(word: string, flags: number): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.wordIds.set(word, id);
      this.wordFlags.push(isArabicScript(word) ? ARABIC : 0);
      this.wordSkeleton.push(UNREAD);
    }
    // Skeletons are for words of names: initials and words of texts only never need one.
    if (flags & IN_NAMES && this.wordSkeleton.get(id) === UNREAD) this.wordSkeleton.set(id, this.skeletonId(word));
    const before = this.wordFlags.get(id);
    if ((before & flags) !== flags) {
      this.wordFlags.set(id, before | flags);
      if (this.ready) {
        // New to names or texts after the build: into the lookups built over them.
        if (!(before & (IN_NAMES | IN_TEXTS)) && flags & (IN_NAMES | IN_TEXTS)) this.near!.add(id, word);
        if (flags & IN_NAMES && !(before & IN_NAMES)) {
          this.unsortedWords.push(id);
          const skeletonId = this.wordSkeleton.get(id);
          if (skeletonId >= 0) pushTo(this.addedSkeletonWords, skeletonId, id);
        }
      }
    }
    return id;
  }

  /** The id of the word's consonant skeleton, made if new; -1 when it has none long enough. */
  private skeletonId(word: string): number {
    const skeleton = consonantSkeleton(word);
    if (!skeleton || skeleton.length < MIN_SKELETON) return -1;
    let id = this.skeletonIds.get(skeleton);
    if (id === undefined) {
      id = this.skeletons.length;
      this.skeletonIds.set(skeleton, id);
      this.skeletons.push(skeleton);
    }
    return id;
  }

  private addLabel(label: string): number {
    const { written } = encoder.encodeInto(label, this.labelBytes.spare(label.length * 3));
    this.labelBytes.length += written;
    return this.labelStart.push(this.labelBytes.length) - 1;
  }

  private label(l: number): string {
    return decoder.decode(this.labelBytes.view().subarray(this.labelStart.get(l), this.labelStart.get(l + 1)));
  }

  private entityOf(entry: number): Label['entity'] {
    return { kind: KINDS[this.entryKind.get(entry)]!, id: this.entryId.get(entry), name: this.label(this.entryName.get(entry)) };
  }

  private add(kind: number, row: EntityRow): void {
    const entry = this.entryKind.push(kind);
    this.entryId.push(row.id);
    this.entryName.push(this.addLabel(row.name));
    this.entryFirstKey.push(this.keyEntry.length);
    const byId = this.entryOf[kind]!;
    if (row.id >= byId.length) {
      byId.reserve(row.id + 1);
      byId.length = row.id + 1;
    }
    byId.set(row.id, entry + 1);
    this.live++;
    const addKey = (type: number, label: number, text: string) => {
      if (!text) return;
      const k = this.keyEntry.push(entry);
      this.keyType.push(type);
      this.keyLabel.push(label);
      const flags = type === INITIALS ? 0 : IN_NAMES;
      const ids: number[] = [];
      for (const word of text.split(' ')) ids.push(this.wordId(word, flags));
      for (const id of ids) this.keyWords.push(id);
      this.keyWordStart.push(this.keyWords.length);
      if (!this.ready) return;
      // Added after the build: into the postings and the exact names now.
      if (type !== INITIALS) for (const id of new Set(ids)) pushTo(this.addedPostings, id, k);
      this.exactNext.push(-1);
      if (this.keyEntry.length > 2 * this.exactHead.length) this.rehashExact();
      else this.linkExact(k);
    };
    const nameLabel = this.entryName.get(entry);
    const nameText = foldName(row.name);
    addKey(NAME, nameLabel, nameText);
    for (const alias of JSON.parse(row.aliases) as string[]) addKey(ALIAS, this.addLabel(alias), foldName(alias));
    for (const initials of initialsOf(nameText.split(' '))) addKey(INITIALS, nameLabel, initials);
  }

  private rehashExact(): void {
    let buckets = 16;
    while (buckets < this.keyEntry.length) buckets *= 2;
    this.exactHead = new Int32Array(buckets).fill(-1);
    for (let k = this.keyEntry.length - 1; k >= 0; k--) this.linkExact(k);
  }

  /** Words that came to names after the build, merged into the sorted list once per sync. */
  private mergeNewWords(): void {
    if (this.unsortedWords.length === 0) return;
    const byWord = (a: number, b: number) => (this.words[a]! < this.words[b]! ? -1 : this.words[a]! > this.words[b]! ? 1 : 0);
    const fresh = this.unsortedWords.sort(byWord);
    const merged = new Int32Array(this.sortedWords.length + fresh.length);
    let i = 0;
    let j = 0;
    for (let at = 0; at < merged.length; at++) {
      merged[at] =
        j >= fresh.length || (i < this.sortedWords.length && byWord(this.sortedWords[i]!, fresh[j]!) <= 0)
          ? this.sortedWords[i++]!
          : fresh[j++]!;
    }
    this.sortedWords = merged;
    this.unsortedWords = [];
  }

  private postingCount(id: number): number {
    const base = id + 1 < this.postings.start.length ? this.postings.start[id + 1]! - this.postings.start[id]! : 0;
    return base + (this.addedPostings.get(id)?.length ?? 0);
  }

  private *postingsOf(id: number): Generator<number> {
    if (id + 1 < this.postings.start.length) {
      for (let at = this.postings.start[id]!; at < this.postings.start[id + 1]!; at++) yield this.postings.items[at]!;
    }
    const added = this.addedPostings.get(id);
    if (added) yield* added;
  }

  /** Keys holding any of the words `ids`, at most `cap` of them, in the order found. */
  private keysOf(ids: Iterable<number>, cap: number): number[] {
    if (this.keySeen.length < this.keyEntry.length) this.keySeen = new Uint8Array(this.keyEntry.length * 2);
    const seen = this.keySeen;
    const out: number[] = [];
    const { start, items } = this.postings;
    gather: for (const id of ids) {
      if (id + 1 < start.length) {
        for (let at = start[id]!; at < start[id + 1]!; at++) {
          const k = items[at]!;
          if (seen[k]) continue;
          seen[k] = 1;
          if (out.push(k) >= cap) break gather;
        }
      }
      for (const k of this.addedPostings.get(id) ?? []) {
        if (seen[k]) continue;
        seen[k] = 1;
        if (out.push(k) >= cap) break gather;
      }
    }
    for (const k of out) seen[k] = 0;
    return out;
  }

  /** The id of a word of names and aliases, or -1. */
  private nameWordId(word: string): number {
    const id = this.wordIds.get(word);
    return id !== undefined && this.wordFlags.get(id) & IN_NAMES ? id : -1;
  }

  private lowerBound(value: string): number {
    let lo = 0;
    let hi = this.sortedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.words[this.sortedWords[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private wordsWithPrefix(prefix: string, limit = MAX_PREFIX_WORDS): number[] {
    const out: number[] = [];
    for (let i = this.lowerBound(prefix); i < this.sortedWords.length && out.length < limit; i++) {
      const id = this.sortedWords[i]!;
      if (!this.words[id]!.startsWith(prefix)) break;
      out.push(id);
    }
    return out;
  }

  private keyWordIds(k: number): Int32Array {
    return this.keyWords.view().subarray(this.keyWordStart.get(k), this.keyWordStart.get(k + 1));
  }

  private keyWordStrings(k: number): string[] {
    return Array.from(this.keyWordIds(k), (id) => this.words[id]!);
  }

  /** Length of the folded key: its words and one space between each two. */
  private textLength(k: number): number {
    const ids = this.keyWordIds(k);
    let length = ids.length - 1;
    for (const id of ids) length += this.words[id]!.length;
    return length;
  }

  /** Keys whose words run together are `compact`, in key order. */
  private exactKeys(compact: string): number[] {
    if (this.exactHead.length === 0) return [];
    const out: number[] = [];
    for (let k = this.exactHead[stringHash(compact) & (this.exactHead.length - 1)]!; k >= 0; k = this.exactNext.get(k)) {
      if (this.compactText(k) === compact) out.push(k);
    }
    return out.sort((a, b) => a - b);
  }

  /** Words of names and aliases that may be `word` misspelt or inflected: within the bound, sharing its stem, or its Arabic form with an article. */
  private nearWords(word: string, bound: number): Map<number, number> {
    const edits = new Map<number, number>();
    // isSameWord, with the typed word's stem worked out once.
    const stem = stemOf(word);
    const sameWord = (other: string) => other === word || (Math.min(word.length, other.length) >= 4 && stemOf(other) === stem);
    for (const id of this.near?.candidates(word, bound) ?? []) {
      if (!(this.wordFlags.get(id) & IN_NAMES)) continue;
      const other = this.words[id]!;
      const distance = editDistance(word, other, bound);
      if (distance <= bound) edits.set(id, sameWord(other) ? 0 : distance);
    }
    const inflections = isArabicScript(word)
      ? [stem, ...ARABIC_PROCLITICS.map((clitic) => clitic + stem)].map((form) => this.nameWordId(form)).filter((id) => id >= 0)
      : stem.length >= 4
        ? this.wordsWithPrefix(stem, MAX_INFLECTIONS)
        : [];
    for (const id of inflections) if (!edits.has(id) && sameWord(this.words[id]!)) edits.set(id, 0);
    return new Map(
      [...edits].sort(
        (a, b) => a[1] - b[1] || (this.words[a[0]]! < this.words[b[0]]! ? -1 : this.words[a[0]]! > this.words[b[0]]! ? 1 : 0),
      ),
    );
  }

  /** Matches best first; none while the index is still being built (see ready). */
  search(query: string, options: { limit: number; kinds?: readonly EntityKind[] | undefined }): EntityMatch[] {
    this.sync();
    if (!this.ready) return [];
    const q = foldName(query);
    if (!q) return [];
    const qWords = q.split(' ');
    const kinds = options.kinds?.map((kind) => KINDS.indexOf(kind));
    const best = new Map<number, Candidate>();
    const floor = new ScoreFloor(options.limit);
    const consider: Consider = (k, score, explain) => {
      const entry = this.keyEntry.get(k);
      if (entry === REMOVED) return;
      if (kinds && !kinds.includes(this.entryKind.get(entry))) return;
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

    for (const k of this.exactKeys(qWords.join(''))) consider(k, SCORE[KEY_TYPES[this.keyType.get(k)]!]);

    // Every query word a whole word of the name, the name starting with the
    // query, or every query word starting a word of it. Every query word must
    // start a word of the name, so the rarest query word bounds the candidates.
    const wordChoices = qWords.map((w) => this.wordsWithPrefix(w));
    const breadth = wordChoices.map((ids) => ids.reduce((n, id) => n + this.postingCount(id), 0));
    const seedWords = wordChoices[breadth.indexOf(Math.min(...breadth))]!;
    const qIds = qWords.map((w) => this.nameWordId(w));
    const last = qWords.length - 1;
    const startsAWord = (w: string, ids: Int32Array) => {
      for (const id of ids) if (this.words[id]!.startsWith(w)) return true;
      return false;
    };
    for (const k of this.keysOf(seedWords, MAX_CANDIDATE_KEYS)) {
      if (this.keyEntry.get(k) === REMOVED) continue;
      const ids = this.keyWordIds(k);
      let score: number;
      let ratioWeight: number;
      const wholeWords = qIds.every((id) => id >= 0 && ids.includes(id));
      if (wholeWords) {
        // The words side by side, in the order typed ("Delgadillo Solís" in Julio Delgadillo Solís, not Solís Delgadillo) first.
        score = SCORE.wholeWords + (holdsRun(ids, qIds) ? IN_ORDER_BONUS : 0);
        ratioWeight = 0.02;
      } else if (ids.length > last && qWords.every((w, i) => (i < last ? this.words[ids[i]!] === w : this.words[ids[i]!]!.startsWith(w)))) {
        // The key's text starts with the query: its first words are the query's, its next starts with the last query word.
        score = SCORE.prefix;
        ratioWeight = 0.05;
      } else if (qWords.every((w) => startsAWord(w, ids))) {
        score = SCORE.wordPrefix;
        ratioWeight = 0.05;
      } else continue;
      const aliasPenalty = this.keyType.get(k) === ALIAS ? 0.01 : 0;
      score -= ratioWeight * (1 - q.length / this.textLength(k)) + aliasPenalty;
      consider(k, score, () => ({
        matchedWords: wholeWords ? qWords : Array.from(ids, (id) => this.words[id]!).filter((kw) => qWords.some((w) => kw.startsWith(w))),
      }));
    }

    this.otherScript(qWords, consider);
    if (q.length >= 3 && best.size < options.limit) this.fuzzy(qWords, consider, () => floor.value);

    return this.top(best, options.limit).map(([entry, { score, key, matchedWords, corrections }]) => ({
      entity: this.indexedEntity(entry),
      score,
      label: this.label(this.keyLabel.get(key)),
      keyType: KEY_TYPES[this.keyType.get(key)]!,
      matchedWords: matchedWords ?? this.keyWordStrings(key),
      corrections: corrections ?? new Map<string, string>(),
    }));
  }

  /** The `limit` best candidates: highest score, then shortest key, then first met. */
  private top(best: Map<number, Candidate>, limit: number): [number, Candidate][] {
    const lengths = new Map<number, number>();
    const lengthOf = (k: number) => lengths.get(k) ?? lengths.set(k, this.textLength(k)).get(k)!;
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

  private indexedEntity(entry: number): IndexedEntity {
    const entity = this.entityOf(entry);
    const row = cached(this.db, DETAIL_SQL[entity.kind]).get(entity.id) as { detail: string } | undefined;
    return { ...entity, detail: row?.detail ?? '' };
  }

  /**
   * Names in another script than the query's, every query word meeting a
   * word of the name through its consonant skeleton. A skeleton drops the
   * vowels, so this is a reading, not the name as typed: it ranks with the
   * corrected names (below every text that holds the words as typed), and
   * says which spelling it read the query as.
   */
  private otherScript(qWords: string[], consider: Consider): void {
    const queryArabic = qWords.some(isArabicScript);
    const otherScript = (id: number) => ((this.wordFlags.get(id) & ARABIC) !== 0) !== queryArabic;
    // Each query word's skeleton, and how many keys hold a word of it in the other script.
    const skeletons: number[] = [];
    const counts: number[] = [];
    for (const w of qWords) {
      const skeleton = consonantSkeleton(w);
      if (!skeleton || skeleton.length < MIN_SKELETON) return;
      if (!queryArabic && !telling(w, skeleton)) return;
      const id = this.skeletonIds.get(skeleton);
      if (id === undefined) return;
      let count = 0;
      for (const wordId of this.wordsOfSkeleton(id)) if (otherScript(wordId)) count += this.postingCount(wordId);
      if (count === 0) return;
      skeletons.push(id);
      counts.push(count);
    }
    // A Latin query meets an Arabic name only where the record has no Latin
    // name of that skeleton: "haftr" is a misspelt Haftar, corrected as such.
    const latinLike = new Set<number>();
    if (!queryArabic) {
      for (const skeleton of skeletons) {
        for (const wordId of this.wordsOfSkeleton(skeleton)) {
          if (this.wordFlags.get(wordId) & ARABIC) continue;
          for (const k of this.postingsOf(wordId)) if (this.keyEntry.get(k) !== REMOVED) latinLike.add(this.keyEntry.get(k));
        }
      }
    }
    // A key must meet every query word: the keys of the word with the fewest, each checked for the others.
    const fewest = skeletons[counts.indexOf(Math.min(...counts))]!;
    const keys = new Set<number>();
    for (const wordId of this.wordsOfSkeleton(fewest)) {
      if (!otherScript(wordId)) continue;
      for (const k of this.postingsOf(wordId)) if (!latinLike.has(this.keyEntry.get(k))) keys.add(k);
    }
    for (const k of [...keys].sort((a, b) => a - b)) {
      if (this.keyEntry.get(k) === REMOVED) continue;
      const ids = [...this.keyWordIds(k)];
      if (!skeletons.every((skeleton) => ids.some((id) => this.wordSkeleton.get(id) === skeleton && otherScript(id)))) continue;
      const matched = skeletons.map((skeleton) => ids.filter((id) => this.wordSkeleton.get(id) === skeleton));
      // An Arabic query meets a Latin name only through a word whose skeleton still tells it apart.
      if (queryArabic && skeletons.some((skeleton, i) => !matched[i]!.some((id) => telling(this.words[id]!, this.skeletons[skeleton]!))))
        continue;
      consider(k, CORRECTED_TOP, () => ({
        matchedWords: [...new Set(matched.flatMap((list) => list.map((id) => this.words[id]!)))],
        corrections: new Map(qWords.map((w, i) => [w, this.words[matched[i]![0]!]!])),
      }));
    }
  }

  private *wordsOfSkeleton(id: number): Generator<number> {
    const { start, items } = this.skeletonWords;
    if (id + 1 < start.length) for (let at = start[id]!; at < start[id + 1]!; at++) yield items[at]!;
    const added = this.addedSkeletonWords.get(id);
    if (added) yield* added;
  }

  /**
   * Names whose words are like the query's words, within the correction
   * bound. Each query word counts by its length and its likeness to the
   * closest word of the name; a name must cover at least half of the query.
   */
  private fuzzy(qWords: string[], consider: Consider, floor: () => number): void {
    const similar = qWords.map((w) => {
      // A word the index knows (whole or as a prefix) may still be a typo for
      // another word, but such readings rank below the word as written.
      const known = this.wordsWithPrefix(w, 50);
      const map = new Map<number, number>();
      const bound = correctionBound(w);
      // A short or common word typed as it stands in the index is taken as written.
      const exactId = this.nameWordId(w);
      const exactKeys = exactId >= 0 ? this.postingCount(exactId) : 0;
      if (bound > 0 && !(exactKeys > 0 && (w.length <= 3 || exactKeys > COMMON_WORD_KEYS / 10))) {
        const penalty = known.length > 0 ? KNOWN_WORD_PENALTY : 0;
        for (const [id, edits] of this.nearWords(w, bound)) map.set(id, Math.min(1, 0.1 + 0.2 * edits + penalty));
      }
      for (const id of known) map.set(id, this.words[id] === w ? 0 : 0.1);
      return map;
    });
    // Candidates come from the query words that narrow the search; words as
    // common as "national" or "of" only count towards the score.
    const breadth = similar.map((map) => [...map.keys()].reduce((n, id) => n + this.postingCount(id), 0));
    const narrow = similar.filter((_m, i) => breadth[i]! <= COMMON_WORD_KEYS);
    const sources = narrow.length > 0 ? narrow : [similar[breadth.indexOf(Math.min(...breadth))]!];
    const candidates = this.keysOf(
      sources.flatMap((map) => [...map.keys()]),
      MAX_CANDIDATE_KEYS,
    );
    // Each word met gets a slot: likeness[slot * n + i] is 1 - its distance from query word i (0: none).
    const n = qWords.length;
    if (this.wordMet.length < this.words.length) {
      this.wordMet = new Uint8Array(this.words.length * 2);
      this.wordSlot = new Int32Array(this.words.length * 2);
    }
    const wordMet = this.wordMet;
    const wordSlot = this.wordSlot;
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
      const order = this.mostPromising(
        qWords,
        similar,
        breadth.map((b) => b <= COMMON_WORD_KEYS),
        candidates,
      );
      this.scoreFuzzy(qWords, order, likeness, consider, floor);
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
  private mostPromising(
    qWords: string[],
    similar: Map<number, number>[],
    counted: boolean[],
    candidates: number[],
  ): { keys: number[]; ceilings: Float64Array } {
    const n = qWords.length;
    const total = qWords.reduce((sum, w) => sum + w.length, 0);
    if (this.keySlot.length < this.keyEntry.length) this.keySlot = new Int32Array(this.keyEntry.length * 2);
    const keySlot = this.keySlot;
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
        for (const k of this.postingsOf(id)) {
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
  private scoreFuzzy(
    qWords: string[],
    candidates: { keys: number[]; ceilings: Float64Array },
    likeness: number[],
    consider: Consider,
    floor: () => number,
  ): void {
    const n = qWords.length;
    const total = qWords.reduce((sum, w) => sum + w.length, 0);
    const wordMet = this.wordMet;
    const wordSlot = this.wordSlot;
    const keyWords = this.keyWords.view();
    const keyWordStart = this.keyWordStart.view();
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
      if (this.keyEntry.get(k) === REMOVED) continue;
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
          const word = this.words[id]!;
          matched.push(word);
          if (!word.startsWith(w)) corrections.set(w, word);
        });
        return { matchedWords: matched, corrections };
      });
    }
  }
}

function nearSections(near: NearWords): Sections {
  const { bits, start, wordIds, fingerprints, added } = near.parts();
  return { nearBits: Int32Array.of(bits), nearStart: start, nearWordIds: wordIds, nearFingerprints: fingerprints, nearAdded: added };
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

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

/** Called with the words written to the search vocabulary (terms.ts). */
export function markTermsWritten(db: Db, terms: Iterable<string>): void {
  indexes.get(db)?.addTerms(terms);
}

/** The store's name index if a search has made one and it is whole and current, for corrections of texts. */
export function readyEntityIndex(db: Db): EntityIndex | undefined {
  const index = indexes.get(db);
  index?.sync();
  return index?.ready ? index : undefined;
}

/**
 * Saves the store's name index into it, if a search has made one, it is
 * whole, and the store holds no snapshot of its current names (at close).
 */
export function saveEntityIndex(db: Db): void {
  const index = indexes.get(db);
  if (index) while (index.saveStep());
}

/** Called by the repositories on every change to an entity's names. */
export function markEntityDirty(db: Db, kind: EntityKind, id: number): void {
  indexes.get(db)?.markDirty(kind, id);
}
