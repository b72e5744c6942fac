// Actors and places: records with a name, a kind, aliases and a description,
// stored the same way apart from a place's coordinates. One implementation
// for both, driven by the columns each kind has.
import type { z } from 'zod';
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import type { Actor, Place } from '../shared/records.ts';
import type * as s from '../shared/schemas.ts';
import { aliasesOf, replaceAliases } from './aliases.ts';
import { getTrashableRow, listNamedRows, now, type Page } from './common.ts';
import { rowMapper, type RowOf } from './row-mapper.ts';

export type NamedKind = 'actor' | 'place';
type RecordOf<K extends NamedKind> = { actor: Actor; place: Place }[K];
type CreateInput<K extends NamedKind> = { actor: z.output<typeof s.actorCreate>; place: z.output<typeof s.placeCreate> }[K];

/** What creates an actor or a place: the API's input, and a seed key when the seed creates it. */
export type NamedInput<K extends NamedKind> = CreateInput<K> & { seedKey?: string | undefined };
/** What updates one: its id and any of its fields. */
export type NamedUpdate<K extends NamedKind> = { id: number } & Partial<CreateInput<K>>;

const COMMON = ['id', 'uuid', 'seedKey', 'name', 'kind', 'description', 'country', 'createdAt', 'updatedAt', 'deletedAt'] as const;

/** The columns each kind's analyst may write, beyond its aliases. */
const WRITABLE = {
  actor: ['name', 'kind', 'description', 'country'],
  place: ['name', 'kind', 'description', 'country', 'lat', 'lon', 'precision'],
} as const satisfies { [K in NamedKind]: readonly (keyof CreateInput<K>)[] };

const TABLE = { actor: 'actors', place: 'places' } as const;

type Row<K extends NamedKind> = RowOf<Omit<RecordOf<K>, 'aliases'>>;

const fromRow: { [K in NamedKind]: (row: Row<K>) => Omit<RecordOf<K>, 'aliases'> } = {
  actor: rowMapper<Actor>()(COMMON),
  place: rowMapper<Place>()([...COMMON, 'lat', 'lon', 'precision']),
};

function toRecords<K extends NamedKind>(db: Db, kind: K, rows: Row<K>[]): RecordOf<K>[] {
  const aliases = aliasesOf(
    db,
    kind,
    rows.map((r) => r.id),
  );
  const map: (row: Row<K>) => Omit<RecordOf<K>, 'aliases'> = fromRow[kind];
  return rows.map((row) => ({ ...map(row), aliases: aliases.get(row.id) ?? [] }) as RecordOf<K>);
}

export function listNamed<K extends NamedKind>(db: Db, kind: K, filter: Page & { kind?: string | undefined }): RecordOf<K>[] {
  return toRecords(db, kind, listNamedRows<Row<K>>(db, TABLE[kind], filter));
}

export function getNamed<K extends NamedKind>(db: Db, kind: K, id: number, includeTrashed = false): RecordOf<K> {
  return toRecords(db, kind, [getTrashableRow<Row<K>>(db, TABLE[kind], kind, id, includeTrashed)])[0]!;
}

export function createNamed<K extends NamedKind>(db: Db, kind: K, input: NamedInput<K>): RecordOf<K> {
  const columns: readonly string[] = WRITABLE[kind];
  const values = Object.fromEntries(columns.map((c) => [c, (input as Record<string, unknown>)[c]]));
  const info = cached(
    db,
    `INSERT INTO ${TABLE[kind]} (seed_key, ${columns.join(', ')}, created_at, updated_at)
       VALUES (@seedKey, ${columns.map((c) => `@${c}`).join(', ')}, @stamp, @stamp)`,
  ).run({ ...values, seedKey: input.seedKey ?? null, stamp: now() });
  const id = Number(info.lastInsertRowid);
  replaceAliases(db, kind, id, input.name, input.aliases);
  return getNamed(db, kind, id);
}

/** Fields left out keep their value; null clears a field that may be empty. */
export function updateNamed<K extends NamedKind>(db: Db, kind: K, input: NamedUpdate<K>): RecordOf<K> {
  const current = getNamed(db, kind, input.id) as unknown as Record<string, unknown>;
  const given = input as unknown as Record<string, unknown>;
  const columns: readonly string[] = WRITABLE[kind];
  const values = Object.fromEntries(columns.map((c) => [c, given[c] === undefined ? current[c] : given[c]]));
  cached(db, `UPDATE ${TABLE[kind]} SET ${columns.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @stamp WHERE id = @id`).run({
    ...values,
    stamp: now(),
    id: input.id,
  });
  replaceAliases(
    db,
    kind,
    input.id,
    values['name'] as string,
    (given['aliases'] ?? current['aliases']) as Parameters<typeof replaceAliases>[4],
  );
  return getNamed(db, kind, input.id);
}
