// The name index's tables (name-tables.ts) as the named sections a
// snapshot saves (name-index-snapshot.ts), and back.
import { Int32List, Uint8List } from './int-list.ts';
import { flattenLists, NearWords, unflattenLists } from './near-words.ts';
import type { Sections } from './name-index-snapshot.ts';
import { KINDS, NameTables } from './name-tables.ts';
import { WordIds } from './word-ids.ts';

/** The tables as named typed arrays and word lists (after name-index.ts sync(): words added since the build merged). */
export function tablesToSections(t: NameTables): Sections {
  return {
    scalars: Int32Array.of(t.live, t.near ? 1 : 0),
    entryKind: t.entryKind.view(),
    entryId: t.entryId.view(),
    entryName: t.entryName.view(),
    entryFirstKey: t.entryFirstKey.view(),
    ...Object.fromEntries(t.entryOf.map((list, kind) => [`entryOf${kind}`, list.view()])),
    keyEntry: t.keyEntry.view(),
    keyType: t.keyType.view(),
    keyLabel: t.keyLabel.view(),
    keyWordStart: t.keyWordStart.view(),
    keyWords: t.keyWords.view(),
    labelStart: t.labelStart.view(),
    labelBytes: t.labelBytes.view(),
    words: t.words,
    wordIdsHead: t.wordIds.parts().head,
    wordIdsNext: t.wordIds.parts().next,
    wordFlags: t.wordFlags.view(),
    wordSkeleton: t.wordSkeleton.view(),
    skeletons: t.skeletons,
    sortedWords: t.sortedWords,
    postingsStart: t.postings.start,
    postingsItems: t.postings.items,
    addedPostings: flattenLists(t.addedPostings),
    skeletonWordsStart: t.skeletonWords.start,
    skeletonWordsItems: t.skeletonWords.items,
    addedSkeletonWords: flattenLists(t.addedSkeletonWords),
    ...(t.near ? nearSections(t.near) : {}),
    exactHead: t.exactHead,
    exactNext: t.exactNext.view(),
  };
}

/** The tables saved as `s`, after checking that they hold together (throws if not). */
export function tablesFromSections(s: Sections): NameTables {
  const t = new NameTables();
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
  t.entryKind = new Uint8List().adopt(u8('entryKind'));
  t.entryId = new Int32List().adopt(i32('entryId'));
  t.entryName = new Int32List().adopt(i32('entryName'));
  t.entryFirstKey = new Int32List().adopt(i32('entryFirstKey'));
  t.entryOf = KINDS.map((_kind, code) => new Int32List().adopt(i32(`entryOf${code}`)));
  t.live = scalars[0]!;
  t.keyEntry = new Int32List().adopt(i32('keyEntry'));
  t.keyType = new Uint8List().adopt(u8('keyType'));
  t.keyLabel = new Int32List().adopt(i32('keyLabel'));
  t.keyWordStart = new Int32List().adopt(i32('keyWordStart'));
  t.keyWords = new Int32List().adopt(i32('keyWords'));
  t.labelStart = new Int32List().adopt(i32('labelStart'));
  t.labelBytes = new Uint8List().adopt(u8('labelBytes'));
  t.words = words;
  t.wordIds = WordIds.fromParts(words, i32('wordIdsHead'), i32('wordIdsNext'));
  t.wordFlags = new Uint8List().adopt(u8('wordFlags'));
  t.wordSkeleton = new Int32List().adopt(i32('wordSkeleton'));
  t.skeletons = list('skeletons');
  t.skeletonIds = new Map(t.skeletons.map((skeleton, id) => [skeleton, id]));
  t.sortedWords = i32('sortedWords');
  t.unsortedWords = [];
  t.postings = { start: i32('postingsStart'), items: i32('postingsItems') };
  t.addedPostings = unflattenLists(i32('addedPostings'));
  t.skeletonWords = { start: i32('skeletonWordsStart'), items: i32('skeletonWordsItems') };
  t.addedSkeletonWords = unflattenLists(i32('addedSkeletonWords'));
  t.near =
    scalars[1] === 1
      ? NearWords.fromParts({
          bits: i32('nearBits')[0]!,
          start: i32('nearStart'),
          wordIds: i32('nearWordIds'),
          fingerprints: u8('nearFingerprints'),
          added: i32('nearAdded'),
        })
      : undefined;
  t.exactHead = i32('exactHead');
  t.exactNext = new Int32List().adopt(i32('exactNext'));
  t.built = true;
  return t;
}

function nearSections(near: NearWords): Sections {
  const { bits, start, wordIds, fingerprints, added } = near.parts();
  return { nearBits: Int32Array.of(bits), nearStart: start, nearWordIds: wordIds, nearFingerprints: fingerprints, nearAdded: added };
}
