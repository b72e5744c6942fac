// A source's text made ready for the transaction that stores it (api.ts's
// prepare step, outside the write lock): its digest, and, for a text short
// enough to be indexed in that same transaction, its chunks folded with their
// vocabulary. A longer text is indexed in chunks after it is stored
// (db/repo/source-index.ts), each folded then.
import { createHash } from 'node:crypto';
import { foldText } from '../text.ts';
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

export function prepareText(text: string): PreparedText {
  const prepared: PreparedText = { text, sha256: sha256(text), chars: codePoints(text, 0, text.length) };
  if (text.length <= SOURCE_INDEXING.inlineChars) prepared.chunks = prepareChunks(text);
  return prepared;
}
