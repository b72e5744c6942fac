// Where a source's text is cut into the chunks it is indexed in
// (db/search/source-index.ts): at a line break or a space, so that no word is
// split between two chunks. Pure: the same text and size give the same cuts.

export interface SourceIndexing {
  /** Longest chunk, in UTF-16 units: one chunk is indexed in one short transaction. */
  chunkChars: number;
  /** Longest text indexed in the transaction that stores it; a longer one is indexed in chunks afterwards. */
  inlineChars: number;
  /**
   * How long the write lock is left free between two chunks, so that a
   * writer waiting meanwhile gets it before the next chunk (back to back,
   * chunks starved another process's writes for 4.7 s at 45 MB). A writer
   * waiting on SQLite's busy timeout tries again after 1, 2, 5, 10, 15, 20,
   * 25, 25, 25, 50, 50 ms, then every 100 ms: one that began to wait during
   * a chunk (which takes less than 0.2 s) tries again within 50 ms of its end.
   */
  pauseMs: number;
}

/** Sizes measured on a 45 MB text: a chunk of 128k characters takes some 20-40 ms to fold, index and commit. */
export const SOURCE_INDEXING: SourceIndexing = { chunkChars: 128 * 1024, inlineChars: 1024 * 1024, pauseMs: 60 };

/** Chunks are cut in their second half: at least 64 characters each, so a text of 50 MB (the most a source holds) fits in 2^20 chunks. */
export const MIN_CHUNK_CHARS = 128;

/** Other sizes (tests: many chunks of a short text, no pause); the thread keeps them until changed again. */
export function configureSourceIndexing(sizes: Partial<SourceIndexing>): void {
  const next = { ...SOURCE_INDEXING, ...sizes };
  if (!Number.isInteger(next.chunkChars) || next.chunkChars < MIN_CHUNK_CHARS)
    throw new RangeError(`chunkChars must be a whole number of at least ${MIN_CHUNK_CHARS}`);
  if (!Number.isInteger(next.inlineChars) || next.inlineChars < 0) throw new RangeError('inlineChars must be a whole number');
  if (!Number.isInteger(next.pauseMs) || next.pauseMs < 0) throw new RangeError('pauseMs must be a whole number');
  Object.assign(SOURCE_INDEXING, next);
}

/** The end (exclusive, in UTF-16 units) of the chunk of `text` that starts at `start`, at most `size` long. */
export function chunkEnd(text: string, start: number, size: number): number {
  const limit = start + size;
  if (limit >= text.length) return text.length;
  // Cut in the second half of the chunk: after the last line break there, else after the last space.
  const floor = start + Math.floor(size / 2);
  const newline = text.lastIndexOf('\n', limit - 1);
  if (newline >= floor) return newline + 1;
  for (let at = limit - 1; at >= floor; at--) if (isSpace(text.charCodeAt(at))) return at + 1;
  // One long run without a space: cut anywhere but inside a surrogate pair.
  return isLowSurrogate(text.charCodeAt(limit)) ? limit - 1 : limit;
}

/** Characters of text[start, end) as SQLite counts them (code points): what substr() takes. */
export function codePoints(text: string, start: number, end: number): number {
  let count = end - start;
  for (let at = start; at < end - 1; at++) {
    if (isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1))) {
      count--;
      at++;
    }
  }
  return count;
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 13 || code === 0xa0 || code === 0x3000;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
