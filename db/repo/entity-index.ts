import type { Db } from '../store/open.ts';
import { cached } from '../store/statements.ts';
import { markEntityDirty } from '../search/entity-index.ts';
import { foldText } from '../text.ts';
import type { EntityKind } from '../vocabulary.ts';

const KIND_CODE: Record<EntityKind, number> = { actor: 1, place: 2, event: 3 };

export function entityRowid(kind: EntityKind, id: number): number {
  return id * 4 + KIND_CODE[kind];
}

export function entityFromRowid(rowid: number): { kind: EntityKind; id: number } {
  const code = rowid % 4;
  const kind = (Object.keys(KIND_CODE) as EntityKind[]).find((k) => KIND_CODE[k] === code);
  if (!kind) throw new Error(`entities_fts rowid ${rowid} has no kind`);
  return { kind, id: (rowid - code) / 4 };
}

const NAME_SQL: Record<EntityKind, string> = {
  actor: `SELECT name, (SELECT group_concat(name, ' | ') FROM actor_aliases WHERE actor_id = actors.id) AS aliases
          FROM actors WHERE id = ? AND deleted_at IS NULL`,
  place: `SELECT name, (SELECT group_concat(name, ' | ') FROM place_aliases WHERE place_id = places.id) AS aliases
          FROM places WHERE id = ? AND deleted_at IS NULL`,
  event: `SELECT title AS name, NULL AS aliases FROM events WHERE id = ? AND deleted_at IS NULL`,
};

/** Brings the entity's row in entities_fts in line with the store (removing it when the entity is gone or trashed). */
export function reindexEntity(db: Db, kind: EntityKind, id: number): void {
  markEntityDirty(db, kind, id);
  const rowid = entityRowid(kind, id);
  cached(db, 'DELETE FROM entities_fts WHERE rowid = ?').run(rowid);
  const row = cached(db, NAME_SQL[kind]).get(id) as { name: string; aliases: string | null } | undefined;
  if (!row) return;
  cached(db, 'INSERT INTO entities_fts (rowid, name, aliases) VALUES (?, ?, ?)').run(
    rowid,
    foldText(row.name),
    foldText(row.aliases ?? ''),
  );
}
