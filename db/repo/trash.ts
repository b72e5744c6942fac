import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { ApiError, notFound } from '../shared/errors.ts';
import type { MergeRecord, TrashEntry } from '../shared/records.ts';
import { undoMerge } from '../merge/undo.ts';
import { now } from './common.ts';
import { forgetDeletedRelations } from './deleted-relations.ts';
import { forgetWordsOf, touched } from '../search/indexer.ts';
import { markScrubPending } from '../store/scrub.ts';
import { SOURCE_INDEXING } from '../search/source-chunks.ts';
import { sweepVocabularyLater } from '../search/vocabulary-sweep.ts';
import { isLongSource } from '../search/source-index.ts';

export type TrashKind = TrashEntry['kind'];

const TABLE: Record<TrashKind, { table: string; title: string }> = {
  note: { table: 'notes', title: 'title' },
  actor: { table: 'actors', title: 'name' },
  place: { table: 'places', title: 'name' },
  event: { table: 'events', title: 'title' },
  source: { table: 'sources', title: 'title' },
};

/** Moves a record to the trash: hidden everywhere, its links kept, restorable. */
export function moveToTrash(db: Db, kind: TrashKind, id: number): { id: number } {
  const info = cached(db, `UPDATE ${TABLE[kind].table} SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`).run(now(), id);
  if (info.changes === 0) throw notFound(kind, id);
  touched(db, kind, id);
  return { id };
}

/** The merge that put an actor or place in the trash, still in place: the record was merged, not deleted. */
function mergeThatTrashed(db: Db, kind: TrashKind, id: number): { id: number } | undefined {
  if (kind !== 'actor' && kind !== 'place' && kind !== 'event') return undefined;
  return cached(
    db,
    `SELECT m.id FROM merges m JOIN ${TABLE[kind].table} t ON t.id = m.merged_id
       WHERE m.kind = ? AND m.merged_id = ? AND m.undone_at IS NULL AND t.deleted_at = m.created_at`,
  ).get(kind, id) as { id: number } | undefined;
}

/**
 * Takes a record out of the trash. One that a merge put there comes back by
 * undoing that merge (its names, links and evidence return to it), or not at
 * all, with the reason (a conflict).
 */
export function restoreFromTrash(db: Db, kind: TrashKind, id: number): { id: number; merge: MergeRecord | null } {
  const merge = mergeThatTrashed(db, kind, id);
  if (merge) return { id, merge: undoMerge(db, merge.id).merge };
  const info = cached(db, `UPDATE ${TABLE[kind].table} SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL`).run(id);
  if (info.changes === 0)
    throw new ApiError('not_found', `no ${kind} with id ${id} in the trash`, [{ path: 'id', message: 'not in the trash' }]);
  touched(db, kind, id);
  return { id, merge: null };
}

/** Every text a trashed record holds, with what goes with it when it is purged (aliases, a source's highlights). */
const TEXT_SQL: Record<TrashKind, string> = {
  note: 'SELECT title, text FROM notes WHERE id = @id',
  // A long text is left to the sweep (search/vocabulary-sweep.ts): splitting 45 MB into words here took seconds.
  source: `SELECT title, CASE WHEN coalesce(chars, length(body)) > @inline THEN '' ELSE body END AS text FROM sources WHERE id = @id
           UNION ALL SELECT quote, comment FROM annotations WHERE source_id = @id`,
  actor: `SELECT name AS title, description AS text FROM actors WHERE id = @id
          UNION ALL SELECT name, '' FROM actor_aliases WHERE actor_id = @id`,
  place: `SELECT name AS title, description AS text FROM places WHERE id = @id
          UNION ALL SELECT name, '' FROM place_aliases WHERE place_id = @id`,
  event: 'SELECT title, summary AS text FROM events WHERE id = @id',
};

/**
 * Deletes a trashed record for good, with everything that hangs on it
 * (aliases, links, evidence, a source's highlights), and the words of its
 * text that nothing else holds; the scrub (store/scrub.ts) then clears them
 * from the full-text indexes and the WAL. The words of a long source text
 * are forgotten afterwards, by a sweep of the vocabulary in short
 * transactions (search/vocabulary-sweep.ts).
 */
function purge(db: Db, kind: TrashKind, id: number): number {
  const params = kind === 'source' ? { id, inline: SOURCE_INDEXING.inlineChars } : { id };
  const long = kind === 'source' && isLongSource(db, id);
  const texts = (cached(db, TEXT_SQL[kind]).all(params) as { title: string; text: string }[]).flatMap((r) => [r.title, r.text]);
  // A source's highlights go with it: their index rows too.
  if (kind === 'source')
    for (const annotation of cached(db, 'SELECT id FROM annotations WHERE source_id = ?').pluck().all(id) as number[])
      touched(db, 'annotation', annotation);
  const changes = cached(db, `DELETE FROM ${TABLE[kind].table} WHERE id = ? AND deleted_at IS NOT NULL`).run(id).changes;
  if (changes > 0) {
    touched(db, kind, id);
    forgetWordsOf(db, texts);
    markScrubPending(db);
    if (long) sweepVocabularyLater(db);
  }
  return changes;
}

export function purgeFromTrash(db: Db, kind: TrashKind, id: number): { id: number } {
  const trashed = cached(db, `SELECT 1 FROM ${TABLE[kind].table} WHERE id = ? AND deleted_at IS NOT NULL`).get(id);
  if (!trashed || purge(db, kind, id) === 0)
    throw new ApiError('not_found', `no ${kind} with id ${id} in the trash`, [{ path: 'id', message: 'not in the trash' }]);
  return { id };
}

interface TrashRow extends Omit<TrashEntry, 'mergedInto'> {
  mergeId: number | null;
  survivorId: number | null;
  survivorName: string | null;
}

/**
 * The trash rows of one kind; an actor or place a merge put there comes with
 * that merge and its survivor (named as it is now: it may have been renamed).
 */
function trashRowsSql(kind: TrashKind): string {
  const { table, title } = TABLE[kind];
  const base = `SELECT '${kind}' AS kind, t.id, t.${title} AS title, t.deleted_at AS deletedAt`;
  if (kind !== 'actor' && kind !== 'place' && kind !== 'event') {
    return `${base}, NULL AS mergeId, NULL AS survivorId, NULL AS survivorName FROM ${table} t WHERE t.deleted_at IS NOT NULL`;
  }
  return `${base}, m.id AS mergeId, m.survivor_id AS survivorId, coalesce(s.${title}, m.survivor_name) AS survivorName
    FROM ${table} t
    LEFT JOIN merges m ON m.kind = '${kind}' AND m.merged_id = t.id AND m.undone_at IS NULL AND m.created_at = t.deleted_at
    LEFT JOIN ${table} s ON s.id = m.survivor_id
    WHERE t.deleted_at IS NOT NULL`;
}

export function listTrash(db: Db): TrashEntry[] {
  const parts = (Object.keys(TABLE) as TrashKind[]).map(trashRowsSql);
  const rows = cached(db, `${parts.join(' UNION ALL ')} ORDER BY deletedAt DESC`).all() as TrashRow[];
  return rows.map(({ mergeId, survivorId, survivorName, ...entry }) => ({
    ...entry,
    mergedInto: mergeId === null ? null : { mergeId, id: survivorId!, name: survivorName! },
  }));
}

export function emptyTrash(db: Db): { purged: number } {
  let purged = 0;
  for (const kind of Object.keys(TABLE) as TrashKind[]) {
    const ids = cached(db, `SELECT id FROM ${TABLE[kind].table} WHERE deleted_at IS NOT NULL`).all() as { id: number }[];
    for (const { id } of ids) purged += purge(db, kind, id);
  }
  forgetDeletedRelations(db);
  return { purged };
}
