// A source's text is indexed for full-text search in chunks: several
// sources_fts rows per source (rowid = source id * CHUNK_SLOTS + chunk
// number), each with the title, and each chunk's place in the text in
// source_chunks, so that a hit says which passage matched.
//
// A text of up to SOURCE_INDEXING.inlineChars is indexed in the transaction
// that stores it. A longer one would hold the write lock, and the store's
// thread, for seconds (a 45 MB text: 4 s): that transaction only marks it
// pending (source_indexing, with where indexing stands), and its chunks are
// indexed afterwards, one short transaction each (`search.indexSources`),
// driven by the process that owns the store between calls
// (server/store-service.ts) or by a one-shot caller (the CLI) before it exits.
// A store closed half-way resumes where it stood when it is next opened.
// Until then the source is listed and readable, and found by the words of the
// chunks indexed so far: never by words it does not hold.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { foldText } from '../shared/folding.ts';
import { type PreparedChunk, prepareChunk, type PreparedText } from './prepared-text.ts';
import { SOURCE_INDEXING } from './source-chunks.ts';
import { recordVocabulary, vocabularyOf } from './terms.ts';
import type { IndexingState } from '../shared/search-results.ts';

/** Chunk numbers per source in sources_fts rowids (see MIN_CHUNK_CHARS); ids up to 2^33 keep rowids exact in a JS number. */
export const CHUNK_SLOTS = 2 ** 20;

export const ftsRowid = (sourceId: number, chunk: number) => sourceId * CHUNK_SLOTS + chunk;

interface Pending {
  source_id: number;
  sha256: string;
  next_chunk: number;
  next_offset: number;
  next_char: number;
}

/** The text being indexed, kept between its chunks: reading a long body back costs a fifth of a second each time. */
const texts = new WeakMap<Db, { sourceId: number; sha256: string; text: string }>();

/** Removes everything the index holds of source `id` (its rows in sources_fts, its chunks, whether it is pending). */
export function dropSourceIndex(db: Db, id: number): void {
  cached(db, 'DELETE FROM sources_fts WHERE rowid >= ? AND rowid < ?').run(ftsRowid(id, 0), ftsRowid(id + 1, 0));
  cached(db, 'DELETE FROM source_chunks WHERE source_id = ?').run(id);
  cached(db, 'DELETE FROM source_indexing WHERE source_id = ?').run(id);
  if (texts.get(db)?.sourceId === id) texts.delete(db);
}

function writeChunk(db: Db, id: number, chunk: number, startChar: number, title: string, prepared: PreparedChunk): void {
  cached(db, 'INSERT INTO sources_fts (rowid, title, text) VALUES (?, ?, ?)').run(ftsRowid(id, chunk), title, prepared.folded);
  cached(db, 'INSERT INTO source_chunks (source_id, chunk, start, length) VALUES (?, ?, ?, ?)').run(id, chunk, startChar, prepared.chars);
  recordVocabulary(db, prepared.vocabulary);
}

export interface SourceText {
  title: string;
  text: string;
  sha256: string;
}

/**
 * Indexes a live source afresh (inside the caller's transaction): at once for
 * a short text (with `prepared`, its chunks folded before the transaction),
 * else marked pending, its first chunk indexed by the next indexNextChunk.
 */
export function indexSourceText(db: Db, id: number, source: SourceText, prepared?: PreparedText): void {
  dropSourceIndex(db, id);
  const title = foldText(source.title);
  recordVocabulary(db, vocabularyOf(source.title));
  const { text } = source;
  if (text.length > SOURCE_INDEXING.inlineChars) {
    indexSourceLater(db, id, source.sha256, text);
    return;
  }
  const chunks = prepared?.text === text && prepared.chunks ? prepared.chunks : undefined;
  let startChar = 0;
  for (let chunk = 0, start = 0; start < text.length; chunk++) {
    const piece = chunks?.[chunk] ?? prepareChunk(text, start);
    writeChunk(db, id, chunk, startChar, title, piece);
    startChar += piece.chars;
    start = piece.end;
  }
}

/** Whether source `id` holds a text longer than one indexed in the transaction that stores it (SOURCE_INDEXING.inlineChars). */
export function isLongSource(db: Db, id: number): boolean {
  const row = cached(db, 'SELECT coalesce(chars, length(body)) AS chars FROM sources WHERE id = ?').get(id) as
    { chars: number } | undefined;
  return row !== undefined && row.chars > SOURCE_INDEXING.inlineChars;
}

/** Marks source `id` for indexing a chunk per transaction; `text`, when the caller holds it, saves reading it back. */
function indexSourceLater(db: Db, id: number, sha256: string, text?: string): void {
  cached(db, 'INSERT INTO source_indexing (source_id, sha256, next_chunk, next_offset, next_char) VALUES (?, ?, 0, 0, 0)').run(id, sha256);
  if (text !== undefined) texts.set(db, { sourceId: id, sha256, text });
}

/**
 * Re-indexes source `id` as stored (or drops it from the index when it is
 * gone or in the trash). A long text is not read back here (a fifth of a
 * second at 45 MB, in the caller's transaction: restoring it from the trash,
 * restoring a case file): its first chunk reads it.
 */
export function reindexStoredSource(db: Db, id: number): void {
  const row = cached(
    db,
    'SELECT title, sha256, coalesce(chars, length(body)) AS chars FROM sources WHERE id = ? AND deleted_at IS NULL',
  ).get(id) as { title: string; sha256: string; chars: number } | undefined;
  if (!row) {
    dropSourceIndex(db, id);
    return;
  }
  if (row.chars > SOURCE_INDEXING.inlineChars) {
    dropSourceIndex(db, id);
    recordVocabulary(db, vocabularyOf(row.title));
    indexSourceLater(db, id, row.sha256);
    return;
  }
  const { body } = cached(db, 'SELECT body FROM sources WHERE id = ?').get(id) as { body: string };
  indexSourceText(db, id, { title: row.title, text: body, sha256: row.sha256 });
}

function textOf(db: Db, pending: Pending): string | undefined {
  const kept = texts.get(db);
  if (kept?.sourceId === pending.source_id && kept.sha256 === pending.sha256) return kept.text;
  const row = cached(db, 'SELECT body, sha256 FROM sources WHERE id = ? AND deleted_at IS NULL').get(pending.source_id) as
    { body: string; sha256: string } | undefined;
  if (row?.sha256 !== pending.sha256) return undefined;
  texts.set(db, { sourceId: pending.source_id, sha256: row.sha256, text: row.body });
  return row.body;
}

/** Indexes the next chunk of the first pending source, inside the caller's transaction. */
export function indexNextChunk(db: Db): IndexingState {
  const pending = cached(
    db,
    'SELECT source_id, sha256, next_chunk, next_offset, next_char FROM source_indexing ORDER BY source_id LIMIT 1',
  ).get() as Pending | undefined;
  if (!pending) return { pending: 0 };
  const id = pending.source_id;
  const text = textOf(db, pending);
  if (text === undefined) {
    // Every change to a source's text re-marks it: a marker that no longer matches its source is stale.
    dropSourceIndex(db, id);
    return pendingCount(db);
  }
  const { title } = cached(db, 'SELECT title FROM sources WHERE id = ?').get(id) as { title: string };
  const piece = prepareChunk(text, pending.next_offset);
  writeChunk(db, id, pending.next_chunk, pending.next_char, foldText(title), piece);
  if (piece.end >= text.length) {
    cached(db, 'DELETE FROM source_indexing WHERE source_id = ?').run(id);
    texts.delete(db);
  } else {
    cached(db, 'UPDATE source_indexing SET next_chunk = ?, next_offset = ?, next_char = ? WHERE source_id = ?').run(
      pending.next_chunk + 1,
      piece.end,
      pending.next_char + piece.chars,
      id,
    );
  }
  return pendingCount(db);
}

/** How many sources still wait to be indexed. */
export function pendingCount(db: Db): IndexingState {
  return { pending: (cached(db, 'SELECT count(*) AS n FROM source_indexing').get() as { n: number }).n };
}

/** Whether some source's text still waits to be indexed (a read: cheap enough to ask after every call). */
export function indexingPending(db: Db): boolean {
  return cached(db, 'SELECT 1 FROM source_indexing LIMIT 1').get() !== undefined;
}
