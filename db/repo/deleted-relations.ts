// Removing a relation deletes it and the evidence that supports it; what was
// removed is kept until the trash is emptied, so that Undo puts back the
// same relation with the same evidence (relations.restore), not a bare copy.
// Kept in `meta`, one entry per removed relation, owner-only like the rest.
import { ApiError, notFound } from '../shared/errors.ts';
import { insertRow, readRows, type Row } from '../merge/rows.ts';
import type { RelationDetail } from '../shared/records.ts';
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { getRelationDetail } from './relations.ts';

const PREFIX = 'deleted-relation:';

interface Removed {
  relation: Row;
  evidence: Row[];
}

export function deleteRelation(db: Db, id: number): { id: number } {
  const [relation] = readRows(db, 'relations', 'id = ?', id);
  if (!relation) throw notFound('relation', id);
  const removed: Removed = { relation, evidence: readRows(db, 'evidence', 'relation_id = ?', id) };
  cached(db, 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(`${PREFIX}${id}`, JSON.stringify(removed));
  cached(db, 'DELETE FROM relations WHERE id = ?').run(id);
  return { id };
}

const isLiveActor = (db: Db, id: unknown) => cached(db, 'SELECT 1 FROM actors WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
const isSource = (db: Db, id: unknown) => cached(db, 'SELECT 1 FROM sources WHERE id = ?').get(id) !== undefined;

/** Puts back relation `id` as it was removed, with its evidence (the passages of sources still stored). */
export function restoreRelation(db: Db, id: number): RelationDetail {
  const saved = cached(db, 'SELECT value FROM meta WHERE key = ?').get(`${PREFIX}${id}`) as { value: string } | undefined;
  if (!saved) {
    throw new ApiError('not_found', `relation ${id} was not removed, or the trash was emptied since: there is nothing to put back`, [
      { path: 'id', message: 'no removed relation with this id' },
    ]);
  }
  const { relation, evidence } = JSON.parse(saved.value) as Removed;
  for (const end of ['source_id', 'target_id'] as const) {
    if (!isLiveActor(db, relation[end])) {
      throw new ApiError('conflict', `relation ${id} cannot be put back: actor ${String(relation[end])} is in the trash or gone`, [
        { path: 'id', message: 'one of its actors is not live' },
      ]);
    }
  }
  const restoredId = insertRow(db, 'relations', relation);
  for (const row of evidence) if (isSource(db, row['source_id'])) insertRow(db, 'evidence', row, { relation_id: restoredId });
  cached(db, 'DELETE FROM meta WHERE key = ?').run(`${PREFIX}${id}`);
  return getRelationDetail(db, restoredId);
}

/** Emptying the trash forgets removed relations too (their quotes included). */
export function forgetDeletedRelations(db: Db): void {
  cached(db, "DELETE FROM meta WHERE key LIKE 'deleted-relation:%'").run();
}
