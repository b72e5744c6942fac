// Words within one or two edits of a typed word, found through deletions
// (SymSpell): two words are within d edits (Damerau-Levenshtein with adjacent
// transpositions) only if deleting at most d letters from each of them gives
// the same string. Every indexed word's deletions are hashed into buckets;
// a typed word's own deletions are looked up there. The candidates are a
// superset: the caller measures each (editDistance), which also drops the
// rare hash collision. Unlike q-grams, this misses no spelling within the
// bound ("pacthouge" shares no trigram with "patchogue", two swaps away).

/** The most edits a correction may need (spelling.ts: 2 for words of 6 letters and more). */
export const MAX_EDITS = 2;

/**
 * Deletions of this length or more are indexed; of length 3, only those of a
 * single letter (the shortest word corrected has 4 letters and 1 edit).
 */
const MIN_VARIANT = 4;
const HASH_BASE = 0x01000193;
const MAX_WORD = 64;

function mix(hash: number, length: number): number {
  let h = (hash ^ Math.imul(length, 0x9e3779b9)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const powers = new Int32Array(MAX_WORD + 1);
powers[0] = 1;
for (let i = 1; i <= MAX_WORD; i++) powers[i] = Math.imul(powers[i - 1]!, HASH_BASE);
const prefix = new Int32Array(MAX_WORD + 1);

/**
 * Calls `visit` with the hash of `word` and of every string made by deleting
 * up to `deletes` of its letters (a few hashes twice, for doubled letters).
 * Polynomial hashes of the prefixes make each deletion a few multiplications.
 */
function forEachDeletion(word: string, deletes: number, visit: (hash: number) => void): void {
  const n = Math.min(word.length, MAX_WORD);
  for (let k = 0; k < n; k++) prefix[k + 1] = Math.imul(prefix[k]!, HASH_BASE) + word.charCodeAt(k);
  const whole = prefix[n]!;
  const sub = (from: number, to: number) => prefix[to]! - Math.imul(prefix[from]!, powers[to - from]!);
  const keep = (length: number, deleted: number) => length >= MIN_VARIANT || (length === MIN_VARIANT - 1 && deleted <= 1);
  if (keep(n, 0)) visit(mix(whole, n));
  if (deletes < 1) return;
  for (let i = 0; i < n; i++) {
    if (keep(n - 1, 1) && (i === 0 || word.charCodeAt(i) !== word.charCodeAt(i - 1)))
      visit(mix(Math.imul(prefix[i]!, powers[n - 1 - i]!) + sub(i + 1, n), n - 1));
    if (deletes < 2 || !keep(n - 2, 2)) continue;
    for (let j = i + 1; j < n; j++) {
      const left = Math.imul(prefix[i]!, powers[j - i - 1]!) + sub(i + 1, j);
      visit(mix(Math.imul(left, powers[n - 1 - j]!) + sub(j + 1, n), n - 2));
    }
  }
}

/** Deletions to index for a word: none under 3 letters (never a correction), 1 for 3 letters, 2 from 4. */
function indexedDeletes(word: string): number {
  return word.length < MIN_VARIANT - 1 ? -1 : word.length === MIN_VARIANT - 1 ? 1 : MAX_EDITS;
}

export class NearWords {
  private readonly bits: number;
  /** Bucket b holds entries [start[b], start[b + 1]). */
  private readonly start: Int32Array;
  private readonly wordIds: Int32Array;
  /** The high byte of each entry's hash: most collisions in a bucket never reach the caller. */
  private readonly fingerprints: Uint8Array;
  /** Words added after the build: full hash → word ids. */
  private readonly added = new Map<number, number[]>();

  private constructor(bits: number, start: Int32Array, wordIds: Int32Array, fingerprints: Uint8Array) {
    this.bits = bits;
    this.start = start;
    this.wordIds = wordIds;
    this.fingerprints = fingerprints;
  }

  /** Indexes `ids` (ids of `words`) at once. */
  static of(words: readonly string[], ids: ArrayLike<number>): NearWords {
    const steps = NearWords.build(words, ids);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Indexes `ids` (ids of `words`), pausing after each `chunk` words so that
   * a caller can build it a slice at a time. The deletions are counted in
   * one pass and placed in a second, so no list of pairs is ever held.
   */
  static *build(words: readonly string[], ids: ArrayLike<number>, chunk = 20000): Generator<void, NearWords> {
    // The buckets are sized from the words' lengths (a few deletions of doubled letters are not indexed).
    let estimate = 0;
    for (let i = 0; i < ids.length; i++) {
      const n = Math.min(words[ids[i]!]!.length, MAX_WORD);
      const deletes = indexedDeletes(words[ids[i]!]!);
      if (deletes >= 0) estimate += 1 + (deletes >= 1 ? n : 0) + (deletes >= 2 && n - 2 >= MIN_VARIANT ? (n * (n - 1)) / 2 : 0);
    }
    const bits = Math.max(4, Math.min(24, Math.ceil(Math.log2(Math.max(1, estimate / 2)))));
    const mask = (1 << bits) - 1;
    const start = new Int32Array(mask + 2);
    const tally = (hash: number) => start[(hash & mask) + 1]!++;
    for (let i = 0; i < ids.length; i++) {
      const word = words[ids[i]!]!;
      const deletes = indexedDeletes(word);
      if (deletes >= 0) forEachDeletion(word, deletes, tally);
      if ((i + 1) % chunk === 0) yield;
    }
    for (let b = 0; b <= mask; b++) start[b + 1]! += start[b]!;
    const next = start.slice(0, mask + 1);
    const wordIds = new Int32Array(start[mask + 1]!);
    const fingerprints = new Uint8Array(start[mask + 1]!);
    let id = 0;
    const place = (hash: number) => {
      const at = next[hash & mask]!++;
      wordIds[at] = id;
      fingerprints[at] = hash >>> 24;
    };
    for (let i = 0; i < ids.length; i++) {
      id = ids[i]!;
      const word = words[id]!;
      const deletes = indexedDeletes(word);
      if (deletes >= 0) forEachDeletion(word, deletes, place);
      if ((i + 1) % chunk === 0) yield;
    }
    return new NearWords(bits, start, wordIds, fingerprints);
  }

  /** The index as typed arrays, to save (name-index-snapshot.ts); `added` flattened as hash, count, ids…. */
  parts(): { bits: number; start: Int32Array; wordIds: Int32Array; fingerprints: Uint8Array; added: Int32Array } {
    return { bits: this.bits, start: this.start, wordIds: this.wordIds, fingerprints: this.fingerprints, added: flattenLists(this.added) };
  }

  /** An index saved with parts(). */
  static fromParts(parts: {
    bits: number;
    start: Int32Array;
    wordIds: Int32Array;
    fingerprints: Uint8Array;
    added: Int32Array;
  }): NearWords {
    const { bits, start, wordIds, fingerprints } = parts;
    if (
      bits < 4 ||
      bits > 24 ||
      start.length !== (1 << bits) + 1 ||
      wordIds.length !== fingerprints.length ||
      start.at(-1) !== wordIds.length
    )
      throw new Error('the saved deletion index does not hold together');
    const near = new NearWords(bits, start, wordIds, fingerprints);
    for (const [hash, ids] of unflattenLists(parts.added)) near.added.set(hash >>> 0, ids);
    return near;
  }

  /** How many deletions are indexed (for memory figures). */
  get entries(): number {
    return this.wordIds.length;
  }

  /** Indexes a word added after the build. */
  add(id: number, word: string): void {
    const deletes = indexedDeletes(word);
    if (deletes < 0) return;
    forEachDeletion(word, deletes, (hash) => {
      const list = this.added.get(hash);
      if (!list) this.added.set(hash, [id]);
      else if (list.at(-1) !== id) list.push(id);
    });
  }

  /** Ids of the indexed words that may be within `edits` of `word` (a superset: measure them). */
  candidates(word: string, edits: number): Set<number> {
    const out = new Set<number>();
    const mask = (1 << this.bits) - 1;
    forEachDeletion(word, Math.min(edits, MAX_EDITS), (hash) => {
      const bucket = hash & mask;
      const fingerprint = hash >>> 24;
      for (let at = this.start[bucket]!; at < this.start[bucket + 1]!; at++) {
        if (this.fingerprints[at] === fingerprint) out.add(this.wordIds[at]!);
      }
      for (const id of this.added.get(hash) ?? []) out.add(id);
    });
    return out;
  }
}

/** Lists by number as one array: key, count, the items; and back. */
export function flattenLists(map: ReadonlyMap<number, readonly number[]>): Int32Array {
  let size = 0;
  for (const list of map.values()) size += 2 + list.length;
  const out = new Int32Array(size);
  let at = 0;
  for (const [key, list] of map) {
    out[at++] = key;
    out[at++] = list.length;
    for (const item of list) out[at++] = item;
  }
  return out;
}

export function unflattenLists(flat: Int32Array): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let at = 0; at < flat.length;) {
    const key = flat[at]!;
    const count = flat[at + 1]!;
    if (count < 0 || at + 2 + count > flat.length) throw new Error('a saved list runs past its end');
    map.set(key, Array.from(flat.subarray(at + 2, at + 2 + count)));
    at += 2 + count;
  }
  return map;
}
