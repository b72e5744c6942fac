import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { invalid, notFound } from '../shared/errors.ts';

export function now(): string {
  return new Date().toISOString();
}

type Table = 'actors' | 'places' | 'events' | 'relations' | 'sources' | 'notes' | 'annotations' | 'evidence';
const TRASHABLE = new Set<Table>(['actors', 'places', 'events', 'sources', 'notes']);

function isLive(db: Db, table: Table, id: number): boolean {
  const live = TRASHABLE.has(table) ? ' AND deleted_at IS NULL' : '';
  return cached(db, `SELECT 1 FROM ${table} WHERE id = ?${live}`).get(id) !== undefined;
}

/** Throws invalid_input naming `path` unless the referenced record exists and is not in the trash. */
export function requireReference(db: Db, table: Table, kind: string, id: number, path: string): void {
  if (!isLive(db, table, id)) throw invalid(path, `no ${kind} with id ${id}`);
}

/** `?` parameter holding ids for `IN (SELECT value FROM json_each(?))`. */
export function idsParam(ids: readonly number[]): string {
  return JSON.stringify(ids);
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export interface Page {
  limit?: number | undefined;
  offset?: number | undefined;
}

export function pageClause(page: Page, defaultLimit: number): { sql: string; params: number[] } {
  return { sql: ' LIMIT ? OFFSET ?', params: [page.limit ?? defaultLimit, page.offset ?? 0] };
}

/** Live actors or places, by name, optionally of one kind. */
export function listNamedRows<R>(db: Db, table: 'actors' | 'places', filter: Page & { kind?: string | undefined }): R[] {
  const page = pageClause(filter, 100_000);
  const kind = filter.kind === undefined ? '' : ' AND kind = ?';
  const params = filter.kind === undefined ? page.params : [filter.kind, ...page.params];
  return cached(db, `SELECT * FROM ${table} WHERE deleted_at IS NULL${kind} ORDER BY name COLLATE NOCASE, id${page.sql}`).all(
    ...params,
  ) as R[];
}

/** One row by id: not_found when it is missing, or in the trash unless `includeTrashed`. */
export function getTrashableRow<R extends { deleted_at: string | null }>(
  db: Db,
  table: 'actors' | 'places' | 'notes',
  kind: string,
  id: number,
  includeTrashed: boolean,
): R {
  const row = cached(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as R | undefined;
  if (!row || (row.deleted_at && !includeTrashed)) throw notFound(kind, id);
  return row;
}
