// Reading the name index's tables (name-tables.ts): postings, words by
// prefix, exact names, spellings near a word, the keys' words.
import { editDistance, isArabicScript, stemOf } from './spelling.ts';
import { INITIALS, IN_NAMES, NAME, REMOVED, stringHash, type Label, type NameTables } from './name-tables.ts';

const MAX_PREFIX_WORDS = 3000;
/** Words sharing a typed word's stem looked at as its inflections (the stem as a prefix). */
const MAX_INFLECTIONS = 200;
const ARABIC_PROCLITICS = ['ال', 'وال', 'بال', 'فال', 'كال', 'لل'];

export function postingCount(t: NameTables, id: number): number {
  const base = id + 1 < t.postings.start.length ? t.postings.start[id + 1]! - t.postings.start[id]! : 0;
  return base + (t.addedPostings.get(id)?.length ?? 0);
}

export function* postingsOf(t: NameTables, id: number): Generator<number> {
  if (id + 1 < t.postings.start.length) {
    for (let at = t.postings.start[id]!; at < t.postings.start[id + 1]!; at++) yield t.postings.items[at]!;
  }
  const added = t.addedPostings.get(id);
  if (added) yield* added;
}

/** Keys holding any of the words `ids`, at most `cap` of them, in the order found. */
export function keysOf(t: NameTables, ids: Iterable<number>, cap: number): number[] {
  if (t.keySeen.length < t.keyEntry.length) t.keySeen = new Uint8Array(t.keyEntry.length * 2);
  const seen = t.keySeen;
  const out: number[] = [];
  const { start, items } = t.postings;
  gather: for (const id of ids) {
    if (id + 1 < start.length) {
      for (let at = start[id]!; at < start[id + 1]!; at++) {
        const k = items[at]!;
        if (seen[k]) continue;
        seen[k] = 1;
        if (out.push(k) >= cap) break gather;
      }
    }
    for (const k of t.addedPostings.get(id) ?? []) {
      if (seen[k]) continue;
      seen[k] = 1;
      if (out.push(k) >= cap) break gather;
    }
  }
  for (const k of out) seen[k] = 0;
  return out;
}

/** The id of a word of names and aliases, or -1. */
export function nameWordId(t: NameTables, word: string): number {
  const id = t.wordIds.get(word);
  return id !== undefined && t.wordFlags.get(id) & IN_NAMES ? id : -1;
}

export function lowerBound(t: NameTables, value: string): number {
  let lo = 0;
  let hi = t.sortedWords.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.words[t.sortedWords[mid]!]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function wordsWithPrefix(t: NameTables, prefix: string, limit = MAX_PREFIX_WORDS): number[] {
  const out: number[] = [];
  for (let i = lowerBound(t, prefix); i < t.sortedWords.length && out.length < limit; i++) {
    const id = t.sortedWords[i]!;
    if (!t.words[id]!.startsWith(prefix)) break;
    out.push(id);
  }
  return out;
}

export function keyWordIds(t: NameTables, k: number): Int32Array {
  return t.keyWords.view().subarray(t.keyWordStart.get(k), t.keyWordStart.get(k + 1));
}

export function keyWordStrings(t: NameTables, k: number): string[] {
  return Array.from(keyWordIds(t, k), (id) => t.words[id]!);
}

/** Length of the folded key: its words and one space between each two. */
export function textLength(t: NameTables, k: number): number {
  const ids = keyWordIds(t, k);
  let length = ids.length - 1;
  for (const id of ids) length += t.words[id]!.length;
  return length;
}

/** Keys whose words run together are `compact`, in key order. */
export function exactKeys(t: NameTables, compact: string): number[] {
  if (t.exactHead.length === 0) return [];
  const out: number[] = [];
  for (let k = t.exactHead[stringHash(compact) & (t.exactHead.length - 1)]!; k >= 0; k = t.exactNext.get(k)) {
    if (t.compactText(k) === compact) out.push(k);
  }
  return out.sort((a, b) => a - b);
}

/** Words of names and aliases that may be `word` misspelt or inflected: within the bound, sharing its stem, or its Arabic form with an article. */
export function nearWords(t: NameTables, word: string, bound: number): Map<number, number> {
  const edits = new Map<number, number>();
  // isSameWord, with the typed word's stem worked out once.
  const stem = stemOf(word);
  const sameWord = (other: string) => other === word || (Math.min(word.length, other.length) >= 4 && stemOf(other) === stem);
  for (const id of t.near?.candidates(word, bound) ?? []) {
    if (!(t.wordFlags.get(id) & IN_NAMES)) continue;
    const other = t.words[id]!;
    const distance = editDistance(word, other, bound);
    if (distance <= bound) edits.set(id, sameWord(other) ? 0 : distance);
  }
  const inflections = isArabicScript(word)
    ? [stem, ...ARABIC_PROCLITICS.map((clitic) => clitic + stem)].map((form) => nameWordId(t, form)).filter((id) => id >= 0)
    : stem.length >= 4
      ? wordsWithPrefix(t, stem, MAX_INFLECTIONS)
      : [];
  for (const id of inflections) if (!edits.has(id) && sameWord(t.words[id]!)) edits.set(id, 0);
  return new Map(
    [...edits].sort((a, b) => a[1] - b[1] || (t.words[a[0]]! < t.words[b[0]]! ? -1 : t.words[a[0]]! > t.words[b[0]]! ? 1 : 0)),
  );
}

export function* wordsOfSkeleton(t: NameTables, id: number): Generator<number> {
  const { start, items } = t.skeletonWords;
  if (id + 1 < start.length) for (let at = start[id]!; at < start[id + 1]!; at++) yield items[at]!;
  const added = t.addedSkeletonWords.get(id);
  if (added) yield* added;
}

/** Every name and alias as written, with its record (call complete() first). */
export function* labels(t: NameTables): Generator<Label> {
  let entity: Label['entity'] | undefined;
  let entityEntry = -1;
  for (let k = 0; k < t.keyEntry.length; k++) {
    const entry = t.keyEntry.get(k);
    const type = t.keyType.get(k);
    if (entry === REMOVED || type === INITIALS) continue;
    if (entry !== entityEntry) {
      entity = t.entityOf(entry);
      entityEntry = entry;
    }
    yield { entity: entity!, type: type === NAME ? 'name' : 'alias', label: t.label(t.keyLabel.get(k)) };
  }
}

/**
 * How many names and aliases hold `word` (with `asPrefix`, a word starting
 * with it), counted up to `cap` (call sync() first).
 */
export function keysHolding(t: NameTables, word: string, asPrefix: boolean, cap: number): number {
  if (!asPrefix) {
    const id = nameWordId(t, word);
    return id < 0 ? 0 : Math.min(cap, postingCount(t, id));
  }
  let count = 0;
  for (let i = lowerBound(t, word); i < t.sortedWords.length && count < cap; i++) {
    const id = t.sortedWords[i]!;
    if (!t.words[id]!.startsWith(word)) break;
    count += postingCount(t, id);
  }
  return Math.min(cap, count);
}

/**
 * Every word of names and aliases or of the search vocabulary within
 * `bound` edits of `word` (Damerau-Levenshtein), as [word, edits] (call
 * sync() first; empty while the index is being built).
 */
export function spellingsNear(t: NameTables, word: string, bound: number): [string, number][] {
  const out: [string, number][] = [];
  for (const id of t.near?.candidates(word, bound) ?? []) {
    const other = t.words[id]!;
    const edits = editDistance(word, other, bound);
    if (edits <= bound) out.push([other, edits]);
  }
  return out;
}
