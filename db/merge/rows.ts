// Whole rows saved into the merge log and put back by undo, column by column
// as the table has them now (a column added by a later migration takes its default).
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';

export type Row = Record<string, unknown>;
export type RowTable = 'relations' | 'evidence';

export function readRows(db: Db, table: RowTable, where: string, ...params: unknown[]): Row[] {
  return cached(db, `SELECT * FROM ${table} WHERE ${where} ORDER BY id`).all(...params) as Row[];
}

function columnsOf(db: Db, table: RowTable): Set<string> {
  const rows = cached(db, 'SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

/**
 * Inserts a saved row again, under its old id when that is free (SQLite may
 * have handed the id to a newer row meanwhile) and a new one otherwise.
 * Returns the id it got.
 */
export function insertRow(db: Db, table: RowTable, row: Row, overrides: Row = {}): number {
  const values: Row = { ...row, ...overrides };
  const idFree = cached(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(values['id']) === undefined;
  const known = columnsOf(db, table);
  const columns = Object.keys(values).filter((c) => known.has(c) && (c !== 'id' || idFree));
  const sql = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  const info = cached(db, sql).run(...columns.map((c) => values[c]));
  return Number(info.lastInsertRowid);
}
