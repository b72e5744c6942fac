// A source's text made ready for the transaction that stores it (api.ts's
// prepare step, outside the write lock): its digest and length, and, for a
// text short enough to be indexed in that same transaction, its chunks folded
// with their vocabulary. A longer text is indexed in chunks after it is
// stored (db/search/source-index.ts), each folded then. The import sandbox
// measures the text it read in its own thread and hands that over here.
import { createHash } from 'node:crypto';
import { foldText } from '../shared/folding.ts';
import { chunkEnd, codePoints, SOURCE_INDEXING } from './source-chunks.ts';
import { vocabularyOf } from './terms.ts';

export interface PreparedChunk {
  /** Where the chunk starts and ends in the text (UTF-16 units). */
  start: number;
  end: number;
  /** Its length in characters as SQLite counts them. */
  chars: number;
  folded: string;
  vocabulary: Set<string>;
}

export interface PreparedText {
  text: string;
  sha256: string;
  /** Its length in characters as SQLite counts them. */
  chars: number;
  /** The chunks, folded: only for a text indexed in the transaction that stores it. */
  chunks?: PreparedChunk[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** One chunk of `text` from `start`, folded, with its vocabulary. */
export function prepareChunk(text: string, start: number): PreparedChunk {
  const end = chunkEnd(text, start, SOURCE_INDEXING.chunkChars);
  const piece = text.slice(start, end);
  return { start, end, chars: codePoints(text, start, end), folded: foldText(piece), vocabulary: vocabularyOf(piece) };
}

/** Every chunk of `text`, folded. */
export function prepareChunks(text: string): PreparedChunk[] {
  const chunks: PreparedChunk[] = [];
  for (let start = 0; start < text.length; start = chunks.at(-1)!.end) chunks.push(prepareChunk(text, start));
  return chunks;
}

/** The digest and length of a text, worked out in another thread (the import sandbox) for the next prepareText of it. */
let handedOver: { text: string; sha256: string; chars: number } | undefined;

/** Keeps what the import sandbox measured of the text it read, for the next prepareText of that same text (one at a time). */
export function handOverTextDigest(measured: { text: string; sha256: string; chars: number }): void {
  handedOver = measured;
}

/** What the import sandbox sends with a text it read: its digest and length, so the store's thread need not read 45 MB for them. */
export function measureText(text: string): { sha256: string; chars: number } {
  return { sha256: sha256(text), chars: codePoints(text, 0, text.length) };
}

export function prepareText(text: string): PreparedText {
  const ready = handedOver;
  handedOver = undefined;
  // The same string object, compared in constant time: the sandbox's reply is what is stored.
  const measured = ready?.text === text ? ready : measureText(text);
  const prepared: PreparedText = { text, sha256: measured.sha256, chars: measured.chars };
  if (text.length <= SOURCE_INDEXING.inlineChars) prepared.chunks = prepareChunks(text);
  return prepared;
}
