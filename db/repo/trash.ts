import type { Db } from '../store/open.ts';
import { cached } from '../store/statements.ts';
import { ApiError, notFound } from '../errors.ts';
import type { TrashEntry } from '../records.ts';
import { now } from './common.ts';
import { reindexEntity } from './entity-index.ts';
import { reindexNote } from './notes.ts';
import { reindexSource } from './sources.ts';

export type TrashKind = TrashEntry['kind'];

const TABLE: Record<TrashKind, { table: string; title: string }> = {
  note: { table: 'notes', title: 'title' },
  actor: { table: 'actors', title: 'name' },
  place: { table: 'places', title: 'name' },
  event: { table: 'events', title: 'title' },
  source: { table: 'sources', title: 'title' },
};

function reindex(db: Db, kind: TrashKind, id: number): void {
  if (kind === 'note') reindexNote(db, id);
  else if (kind === 'source') reindexSource(db, id);
  else reindexEntity(db, kind, id);
}

/** Moves a record to the trash: hidden everywhere, its links kept, restorable. */
export function moveToTrash(db: Db, kind: TrashKind, id: number): { id: number } {
  const info = cached(db, `UPDATE ${TABLE[kind].table} SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`).run(now(), id);
  if (info.changes === 0) throw notFound(kind, id);
  reindex(db, kind, id);
  return { id };
}

export function restoreFromTrash(db: Db, kind: TrashKind, id: number): { id: number } {
  const info = cached(db, `UPDATE ${TABLE[kind].table} SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL`).run(id);
  if (info.changes === 0)
    throw new ApiError('not_found', `no ${kind} with id ${id} in the trash`, [{ path: 'id', message: 'not in the trash' }]);
  reindex(db, kind, id);
  return { id };
}

/** Deletes a trashed record for good, with everything that hangs on it (aliases, links, evidence). */
export function purgeFromTrash(db: Db, kind: TrashKind, id: number): { id: number } {
  const info = cached(db, `DELETE FROM ${TABLE[kind].table} WHERE id = ? AND deleted_at IS NOT NULL`).run(id);
  if (info.changes === 0)
    throw new ApiError('not_found', `no ${kind} with id ${id} in the trash`, [{ path: 'id', message: 'not in the trash' }]);
  return { id };
}

export function listTrash(db: Db): TrashEntry[] {
  const parts = (Object.keys(TABLE) as TrashKind[]).map(
    (kind) =>
      `SELECT '${kind}' AS kind, id, ${TABLE[kind].title} AS title, deleted_at AS deletedAt FROM ${TABLE[kind].table} WHERE deleted_at IS NOT NULL`,
  );
  return cached(db, `${parts.join(' UNION ALL ')} ORDER BY deletedAt DESC`).all() as TrashEntry[];
}

export function emptyTrash(db: Db): { purged: number } {
  let purged = 0;
  for (const { table } of Object.values(TABLE)) {
    purged += cached(db, `DELETE FROM ${table} WHERE deleted_at IS NOT NULL`).run().changes;
  }
  return { purged };
}
