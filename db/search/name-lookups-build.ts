// Building the lookups over the name index's tables once every name is read
// (name-index.ts drives it a step per slice): sorted words, postings,
// skeleton groups, the deletion index, the exact-name chains. Each step is
// about FINISH_STEP keys or words of work, so that searches are answered between.
import { Int32List } from './int-list.ts';
import { NearWords } from './near-words.ts';
import { IN_NAMES, IN_TEXTS, INITIALS, type Groups, type NameTables } from './name-tables.ts';

/** Keys (or a tenth as many words, for the deletion index) per step. */
const FINISH_STEP = 50_000;

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

/**
 * Builds the lookups over every key read: sorted words, postings, skeletons,
 * the deletion index, exact names. Pauses after each step of about a slice's
 * work (FINISH_STEP keys or words), so that searches are answered between.
 */
export function* buildLookups(t: NameTables): Generator<void> {
  yield* sortNameWords(t);
  yield* buildPostings(t);
  groupSkeletonWords(t);
  yield;
  const wordFlags = t.wordFlags.view();
  const spelled: number[] = [...t.sortedWords];
  for (let id = 0; id < t.words.length; id++) if ((wordFlags[id]! & (IN_NAMES | IN_TEXTS)) === IN_TEXTS) spelled.push(id);
  t.near = yield* NearWords.build(t.words, spelled, FINISH_STEP / 10);
  yield* linkExactNames(t);
  t.trimLists();
}

/** The words of names sorted a first letter at a time: code-unit order, as one sort would give. */
export function* sortNameWords(t: NameTables): Generator<void> {
  const wordCount = t.words.length;
  const byFirst = new Map<number, string[]>();
  for (let id = 0; id < wordCount; id++) {
    if (!(t.wordFlags.get(id) & IN_NAMES)) continue;
    const word = t.words[id]!;
    const group = byFirst.get(word.charCodeAt(0));
    if (group) group.push(word);
    else byFirst.set(word.charCodeAt(0), [word]);
  }
  yield;
  const sorted = new Int32List(wordCount);
  let sinceStep = 0;
  for (const first of [...byFirst.keys()].sort((a, b) => a - b)) {
    const group = byFirst.get(first)!.sort();
    for (const word of group) sorted.push(t.wordIds.get(word)!);
    sinceStep += group.length;
    if (sinceStep >= FINISH_STEP / 2) {
      sinceStep = 0;
      yield;
    }
  }
  t.sortedWords = sorted.view().slice();
  t.unsortedWords = [];
  yield;
}

/** Postings: each distinct word of each name and alias, counted in one pass, placed in a second. */
export function* buildPostings(t: NameTables): Generator<void> {
  const wordCount = t.words.length;
  const keyCount = t.keyEntry.length;
  const keyWordStart = t.keyWordStart.view();
  const keyWords = t.keyWords.view();
  const keyType = t.keyType.view();
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
  t.postings = { start, items };
  t.addedPostings = new Map();
  yield;
}

export function groupSkeletonWords(t: NameTables): void {
  const wordCount = t.words.length;
  const wordSkeleton = t.wordSkeleton.view();
  const wordFlags = t.wordFlags.view();
  t.skeletonWords = groupPairs(t.skeletons.length, (emit) => {
    for (let id = 0; id < wordCount; id++) if (wordSkeleton[id]! >= 0 && wordFlags[id]! & IN_NAMES) emit(wordSkeleton[id]!, id);
  });
  t.addedSkeletonWords = new Map();
}

/** Exact names: a hash chain over the keys. */
export function* linkExactNames(t: NameTables): Generator<void> {
  const keyCount = t.keyEntry.length;
  let buckets = 16;
  while (buckets < keyCount) buckets *= 2;
  t.exactHead = new Int32Array(buckets).fill(-1);
  t.exactNext = new Int32List(keyCount);
  for (let k = 0; k < keyCount; k++) t.exactNext.push(-1);
  for (let k = keyCount - 1; k >= 0; k--) {
    t.linkExact(k);
    if (k % FINISH_STEP === 0) yield;
  }
}
