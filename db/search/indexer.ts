// The one writer of every index derived from the records: the full-text
// indexes (notes_fts, sources_fts with source_chunks, annotations_fts,
// records_fts), the search vocabulary (terms.ts) and, through them, the
// in-memory name index (name-index.ts). Repositories only say what a write
// touched (`touched`, and `forgetWordsOf` for texts deleted for good); the
// command wrapper (callMethod, db/api.ts) runs each command through
// `writeIndexed`, which brings the indexes in line with the rows just before
// the command's transaction commits. Indexing reads the rows as they are by
// then, so a record touched twice is indexed once, and one touched then
// deleted is only taken out. Migrations and a case-file restore rebuild whole
// kinds with `rebuildIndexes`. A long source text is only marked pending here
// and indexed a chunk per transaction afterwards (source-index.ts).
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { foldText } from '../shared/folding.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import type { PreparedText } from './prepared-text.ts';
import { eventsAbout, indexRecord } from './record-index.ts';
import { indexSourceText, reindexStoredSource, type SourceText } from './source-index.ts';
import { forgetTerms, recordTerms } from './terms.ts';

export type IndexedKind = 'note' | 'source' | 'annotation' | EntityKind;

/** A source's title and text as the command just wrote them (with `prepared`, its chunks folded before the transaction): not read back. */
export type LiveSourceText = SourceText & { prepared?: PreparedText | undefined };

interface Marks {
  notes: Set<number>;
  sources: Map<number, LiveSourceText | undefined>;
  annotations: Set<number>;
  records: Record<EntityKind, Set<number>>;
  /** Texts deleted for good: their words leave the vocabulary unless a live text still holds them. */
  forgotten: string[];
}

const marksOf = new WeakMap<Db, Marks>();
/** How deep writeIndexed calls are nested on each store (a command calling another). */
const depthOf = new WeakMap<Db, number>();

function marks(db: Db): Marks {
  let current = marksOf.get(db);
  if (!current) {
    current = {
      notes: new Set(),
      sources: new Map(),
      annotations: new Set(),
      records: { actor: new Set(), place: new Set(), event: new Set() },
      forgotten: [],
    };
    marksOf.set(db, current);
  }
  return current;
}

/** Says that this write changed record `id` of `kind` (created, edited, trashed, restored or deleted it). */
export function touched(db: Db, kind: 'source', id: number, live?: LiveSourceText): void;
export function touched(db: Db, kind: IndexedKind, id: number): void;
export function touched(db: Db, kind: IndexedKind, id: number, live?: LiveSourceText): void {
  const current = marks(db);
  if (kind === 'note') current.notes.add(id);
  else if (kind === 'source') current.sources.set(id, live);
  else if (kind === 'annotation') current.annotations.add(id);
  else current.records[kind].add(id);
}

/** Says that `texts` were deleted for good (purged, an import undone): their words no live text holds leave the vocabulary. */
export function forgetWordsOf(db: Db, texts: readonly string[]): void {
  const { forgotten } = marks(db);
  for (const text of texts) forgotten.push(text);
}

function hasMarks(current: Marks | undefined): current is Marks {
  if (!current) return false;
  const { notes, sources, annotations, records, forgotten } = current;
  return notes.size + sources.size + annotations.size + records.actor.size + records.place.size + records.event.size + forgotten.length > 0;
}

/**
 * Runs `write` (inside the caller's transaction), then brings every index in
 * line with what it touched. When `write` throws, its transaction rolls back:
 * the marks of the outermost write go with it.
 */
export function writeIndexed<R>(db: Db, write: () => R): R {
  const depth = depthOf.get(db) ?? 0;
  depthOf.set(db, depth + 1);
  try {
    const result = write();
    flushIndex(db);
    return result;
  } catch (error) {
    if (depth === 0) marksOf.delete(db);
    throw error;
  } finally {
    depthOf.set(db, depth);
  }
}

/** Indexes what was touched since the last flush, in one transaction (the caller's, when there is one). */
function flushIndex(db: Db): void {
  const current = marksOf.get(db);
  if (!hasMarks(current)) return;
  marksOf.delete(db);
  db.transaction(() => {
    for (const [id, live] of current.sources) indexSource(db, id, live);
    for (const id of current.notes) indexNote(db, id);
    for (const id of current.annotations) indexAnnotation(db, id);
    indexRecords(db, current.records);
    forgetWords(db, current.forgotten);
  })();
}

/** Texts handed to forgetTerms at once: emptying a large trash forgets more texts than a call can take as arguments. */
const FORGET_BATCH = 10_000;

function forgetWords(db: Db, texts: readonly string[]): void {
  for (let start = 0; start < texts.length; start += FORGET_BATCH) forgetTerms(db, ...texts.slice(start, start + FORGET_BATCH));
}

/**
 * For a read of the indexes inside a write (a search, whether a source is
 * still being indexed): indexes first what the write touched so far.
 */
export function catchUpIndex(db: Db): void {
  if (!db.readonly && hasMarks(marksOf.get(db))) flushIndex(db);
}

const LIVE_SQL: Record<IndexedKind, string> = {
  note: 'SELECT id FROM notes WHERE deleted_at IS NULL',
  source: 'SELECT id FROM sources WHERE deleted_at IS NULL',
  annotation: 'SELECT id FROM annotations',
  actor: 'SELECT id FROM actors WHERE deleted_at IS NULL',
  place: 'SELECT id FROM places WHERE deleted_at IS NULL',
  event: 'SELECT id FROM events WHERE deleted_at IS NULL',
};

/**
 * Indexes every record of `kinds` (all by default) afresh, inside the
 * caller's transaction: migrations, a case-file restore. Long source texts
 * are marked pending and indexed in chunks afterwards, as after any write.
 */
export function rebuildIndexes(db: Db, kinds: readonly IndexedKind[] = Object.keys(LIVE_SQL) as IndexedKind[]): void {
  for (const kind of kinds) for (const id of db.prepare(LIVE_SQL[kind]).pluck().all() as number[]) touched(db, kind, id);
  flushIndex(db);
}

/** The source's title and text in sources_fts (in chunks), or nothing of it when it is gone or in the trash. */
function indexSource(db: Db, id: number, live: LiveSourceText | undefined): void {
  // The text as the command wrote it: any later write to the source in the command touched it again, without it.
  // Only whether the row is still there is asked (a rolled-back write): reading a column after a long body costs 25 ms.
  if (live && cached(db, 'SELECT 1 FROM sources WHERE id = ?').get(id) !== undefined) {
    indexSourceText(db, id, live, live.prepared);
    return;
  }
  reindexStoredSource(db, id);
}

function indexNote(db: Db, id: number): void {
  cached(db, 'DELETE FROM notes_fts WHERE rowid = ?').run(id);
  const row = cached(db, 'SELECT title, text FROM notes WHERE id = ? AND deleted_at IS NULL').get(id) as
    { title: string; text: string } | undefined;
  if (!row) return;
  cached(db, 'INSERT INTO notes_fts (rowid, title, text) VALUES (?, ?, ?)').run(id, foldText(row.title), foldText(row.text));
  recordTerms(db, row.title, row.text);
}

/** A highlight stays indexed while its source is in the trash (search leaves it out); it goes when it is deleted. */
function indexAnnotation(db: Db, id: number): void {
  cached(db, 'DELETE FROM annotations_fts WHERE rowid = ?').run(id);
  const row = cached(db, 'SELECT quote, comment FROM annotations WHERE id = ?').get(id) as { quote: string; comment: string } | undefined;
  if (!row) return;
  cached(db, 'INSERT INTO annotations_fts (rowid, quote, comment) VALUES (?, ?, ?)').run(id, foldText(row.quote), foldText(row.comment));
  recordTerms(db, row.quote, row.comment);
}

/** Each record touched, and each event about an actor or place touched (by their names), indexed once. */
function indexRecords(db: Db, records: Marks['records']): void {
  const events = new Set(records.event);
  for (const kind of ['actor', 'place'] as const) {
    for (const id of records[kind]) {
      indexRecord(db, kind, id);
      for (const event of eventsAbout(db, kind, id)) events.add(event);
    }
  }
  for (const id of events) indexRecord(db, 'event', id);
}
