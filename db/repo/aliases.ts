import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { ApiError } from '../shared/errors.ts';
import type { Alias } from '../shared/records.ts';
import { foldName } from '../shared/folding.ts';
import { groupBy, idsParam } from './common.ts';
import { touched } from '../search/indexer.ts';
import type { z } from 'zod';
import type * as s from '../shared/schemas.ts';

export type AliasOwner = 'actor' | 'place';
const TABLE: Record<AliasOwner, { table: string; column: string }> = {
  actor: { table: 'actor_aliases', column: 'actor_id' },
  place: { table: 'place_aliases', column: 'place_id' },
};

export type AliasInput = z.output<typeof s.aliasInput>;

export function aliasesOf(db: Db, owner: AliasOwner, ids: readonly number[]): Map<number, Alias[]> {
  const { table, column } = TABLE[owner];
  const rows = cached(
    db,
    `SELECT id, ${column} AS owner, name, kind FROM ${table}
       WHERE ${column} IN (SELECT value FROM json_each(?)) ORDER BY id`,
  ).all(idsParam(ids)) as (Alias & { owner: number })[];
  const grouped = groupBy(rows, (r) => r.owner);
  return new Map(ids.map((id) => [id, (grouped.get(id) ?? []).map(({ id: aliasId, name, kind }) => ({ id: aliasId, name, kind }))]));
}

/** Aliases without repeats (by folded name) and without the record's own name. */
function distinctAliases(ownName: string, aliases: readonly AliasInput[]): AliasInput[] {
  const seen = new Set([foldName(ownName)]);
  return aliases.filter((a) => {
    const key = foldName(a.name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function replaceAliases(db: Db, owner: AliasOwner, id: number, ownName: string, aliases: readonly AliasInput[]): void {
  const { table, column } = TABLE[owner];
  cached(db, `DELETE FROM ${table} WHERE ${column} = ?`).run(id);
  const insert = cached(db, `INSERT INTO ${table} (${column}, name, kind) VALUES (?, ?, ?)`);
  for (const alias of distinctAliases(ownName, aliases)) insert.run(id, alias.name, alias.kind);
  touched(db, owner, id);
}

export function addAlias(db: Db, owner: AliasOwner, id: number, ownName: string, alias: AliasInput): Alias {
  const { table, column } = TABLE[owner];
  const existing = (cached(db, `SELECT name FROM ${table} WHERE ${column} = ?`).all(id) as { name: string }[]).map((r) => foldName(r.name));
  const key = foldName(alias.name);
  if (key === foldName(ownName) || existing.includes(key)) {
    throw new ApiError('conflict', `name: "${alias.name}" is already a name of this ${owner}`, [
      { path: 'name', message: 'already a name of this record' },
    ]);
  }
  const info = cached(db, `INSERT INTO ${table} (${column}, name, kind) VALUES (?, ?, ?)`).run(id, alias.name, alias.kind);
  touched(db, owner, id);
  return { id: Number(info.lastInsertRowid), name: alias.name, kind: alias.kind };
}

export function removeAlias(db: Db, owner: AliasOwner, id: number, aliasId: number): void {
  const { table, column } = TABLE[owner];
  const info = cached(db, `DELETE FROM ${table} WHERE id = ? AND ${column} = ?`).run(aliasId, id);
  if (info.changes === 0) {
    throw new ApiError('not_found', `aliasId: this ${owner} has no alias with id ${aliasId}`, [
      { path: 'aliasId', message: `no alias with id ${aliasId}` },
    ]);
  }
  touched(db, owner, id);
}
