// The name index's tables (name-index.ts): records, their keys (names,
// aliases, initials) as runs of word ids, the labels as written, the distinct
// words with their flags and consonant skeletons, and the lookups built over
// them (name-lookups-build.ts) with what was added since. Typed arrays, not
// objects, so that a million records fit in a few hundred bytes each. This
// module writes the tables; name-lookups.ts reads them.
import { foldName } from '../shared/folding.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { Int32List, Uint8List } from './int-list.ts';
import type { NearWords } from './near-words.ts';
import { consonantSkeleton, isArabicScript, MIN_SKELETON } from './spelling.ts';
import { WordIds } from './word-ids.ts';

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

export const KINDS: readonly EntityKind[] = ['actor', 'place', 'event'];
export const KEY_TYPES: readonly KeyType[] = ['name', 'alias', 'initials'];
export const NAME = 0;
export const ALIAS = 1;
export const INITIALS = 2;
/** keyEntry of a key whose record was removed or re-read. */
export const REMOVED = -1;
/** wordFlags bits: a word of names and aliases; in Arabic script; a word of the search vocabulary (terms.ts). */
export const IN_NAMES = 1;
export const ARABIC = 2;
export const IN_TEXTS = 4;
/** wordSkeleton of a word whose skeleton was never needed. */
const UNREAD = -2;

function initialsOf(words: string[]): string[] {
  if (words.length < 2) return [];
  const all = words.map((w) => w[0]).join('');
  const content = words.filter((w) => !STOPWORDS.has(w));
  const significant = content.length >= 2 ? content.map((w) => w[0]).join('') : all;
  return [...new Set([all, significant])];
}

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a of a string: buckets of the exact-name table. */
export function stringHash(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Offsets into `items` of each group: group g holds items [start[g], start[g + 1]). */
export interface Groups {
  start: Int32Array;
  items: Int32Array;
}

/** A record's row as the index reads it (name-index.ts). */
export interface EntityRow {
  id: number;
  name: string;
  aliases: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class NameTables {
  // Records ("entries"): kind, id, the label of their name, their first key (an entry's keys are consecutive).
  entryKind = new Uint8List();
  entryId = new Int32List();
  entryName = new Int32List();
  entryFirstKey = new Int32List();
  /** Per kind, record id → entry + 1 (0: not indexed). */
  entryOf: Int32List[] = KINDS.map(() => new Int32List());
  live = 0;

  // Keys: names, aliases and initials. A key's words are keyWords[keyWordStart[k] .. keyWordStart[k + 1]).
  keyEntry = new Int32List();
  keyType = new Uint8List();
  keyLabel = new Int32List();
  keyWordStart = new Int32List();
  keyWords = new Int32List();

  /** Labels as written, UTF-8: label l is labelBytes[labelStart[l] .. labelStart[l + 1]). */
  labelStart = new Int32List();
  labelBytes = new Uint8List(1 << 16);

  /** Distinct folded words of names, aliases and initials, by id. */
  words: string[] = [];
  wordIds = new WordIds(this.words);
  wordFlags = new Uint8List();
  /** Consonant skeleton id of each word of names (-1: none long enough; UNREAD: not a word of names). */
  wordSkeleton = new Int32List();
  skeletonIds = new Map<string, number>();
  skeletons: string[] = [];

  // Built when a build completes; words and keys added later go to the `added` maps.
  /** Ids of the words of names and aliases, in code-unit order of the words. */
  sortedWords = new Int32Array(0);
  /** Words of names and aliases waiting to be merged into sortedWords. */
  unsortedWords: number[] = [];
  /** Word id → keys holding it (may hold removed keys: filtered on read). */
  postings: Groups = { start: new Int32Array(1), items: new Int32Array(0) };
  addedPostings = new Map<number, number[]>();
  /** Skeleton id → words of names and aliases with that skeleton. */
  skeletonWords: Groups = { start: new Int32Array(1), items: new Int32Array(0) };
  addedSkeletonWords = new Map<number, number[]>();
  near: NearWords | undefined;
  /** Keys by the hash of their words run together ("khalifahaftar"): a chain per bucket through exactNext. */
  exactHead = new Int32Array(0);
  exactNext = new Int32List();

  // Scratch space of queries, reused and left cleared: a flag and a slot per key, a flag and a slot per word.
  keySeen = new Uint8Array(0);
  keySlot = new Int32Array(0);
  wordMet = new Uint8Array(0);
  wordSlot = new Int32Array(0);

  /** Whether the lookups over the tables are built (name-lookups-build.ts): words and keys added since go to the `added` maps too. */
  built = false;

  constructor() {
    this.keyWordStart.push(0);
    this.labelStart.push(0);
  }

  linkExact(k: number): void {
    const bucket = this.compactHash(k) & (this.exactHead.length - 1);
    this.exactNext.set(k, this.exactHead[bucket]!);
    this.exactHead[bucket] = k;
  }

  /** stringHash of compactText(k), without making the string. */
  compactHash(k: number): number {
    let h = FNV_OFFSET;
    for (let at = this.keyWordStart.get(k); at < this.keyWordStart.get(k + 1); at++) {
      const word = this.words[this.keyWords.get(at)]!;
      for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
    }
    return h >>> 0;
  }

  /** The words of a key run together ("khalifahaftar"): its exact form, whatever the spaces typed. */
  compactText(k: number): string {
    let text = '';
    for (let at = this.keyWordStart.get(k); at < this.keyWordStart.get(k + 1); at++) text += this.words[this.keyWords.get(at)]!;
    return text;
  }

  remove(kind: EntityKind, id: number): void {
    const byId = this.entryOf[KINDS.indexOf(kind)]!;
    const entry = id < byId.length ? byId.get(id) - 1 : -1;
    if (entry < 0) return;
    const end = entry + 1 < this.entryFirstKey.length ? this.entryFirstKey.get(entry + 1) : this.keyEntry.length;
    for (let k = this.entryFirstKey.get(entry); k < end; k++) this.keyEntry.set(k, REMOVED);
    byId.set(id, 0);
    this.live--;
  }

  /** The id of `word`, made if new; `flags` are added to its flags (IN_NAMES, IN_TEXTS; none for initials). */
  wordId(word: string, flags: number): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.wordIds.add(id);
      this.wordFlags.push(isArabicScript(word) ? ARABIC : 0);
      this.wordSkeleton.push(UNREAD);
    }
    // Skeletons are for words of names: initials and words of texts only never need one.
    if (flags & IN_NAMES && this.wordSkeleton.get(id) === UNREAD) this.wordSkeleton.set(id, this.skeletonId(word));
    const before = this.wordFlags.get(id);
    if ((before & flags) !== flags) {
      this.wordFlags.set(id, before | flags);
      if (this.built) {
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
  skeletonId(word: string): number {
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

  addLabel(label: string): number {
    const { written } = encoder.encodeInto(label, this.labelBytes.spare(label.length * 3));
    this.labelBytes.length += written;
    return this.labelStart.push(this.labelBytes.length) - 1;
  }

  label(l: number): string {
    return decoder.decode(this.labelBytes.view().subarray(this.labelStart.get(l), this.labelStart.get(l + 1)));
  }

  entityOf(entry: number): Label['entity'] {
    return { kind: KINDS[this.entryKind.get(entry)]!, id: this.entryId.get(entry), name: this.label(this.entryName.get(entry)) };
  }

  add(kind: number, row: EntityRow): void {
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
      if (!this.built) return;
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

  rehashExact(): void {
    let buckets = 16;
    while (buckets < this.keyEntry.length) buckets *= 2;
    this.exactHead = new Int32Array(buckets).fill(-1);
    for (let k = this.keyEntry.length - 1; k >= 0; k--) this.linkExact(k);
  }

  /** Words that came to names after the build, merged into the sorted list once per sync. */
  mergeNewWords(): void {
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

  /** The lists' spare room, kept for a build's growth, is given back. */
  trimLists(): void {
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
}

export function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
