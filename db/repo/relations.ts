import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { parseEdtf } from '../shared/edtf.ts';
import { invalid, notFound } from '../shared/errors.ts';
import type { Relation, RelationDetail } from '../shared/records.ts';
import type { RelationType } from '../shared/vocabulary.ts';
import { now, type Page, pageClause, requireReference } from './common.ts';
import { evidenceFor } from './evidence.ts';
import type { z } from 'zod';
import type * as s from '../shared/schemas.ts';
import { rowMapper, type RowOf } from './row-mapper.ts';

const FLAT = ['id', 'uuid', 'seedKey', 'type', 'start', 'end', 'startMin', 'endMax', 'description', 'createdAt', 'updatedAt'] as const;
const fromRow = rowMapper<Relation>()(FLAT);
type Row = RowOf<Relation, (typeof FLAT)[number]> & { source_id: number; source_name: string; target_id: number; target_name: string };

// A relation is shown only while both of its actors are out of the trash.
const SELECT = `SELECT r.*, a.name AS source_name, b.name AS target_name FROM relations r
                JOIN actors a ON a.id = r.source_id AND a.deleted_at IS NULL
                JOIN actors b ON b.id = r.target_id AND b.deleted_at IS NULL`;

function toRelation(r: Row): Relation {
  return {
    ...fromRow(r),
    source: { id: r.source_id, name: r.source_name },
    target: { id: r.target_id, name: r.target_name },
  };
}

export function listRelations(db: Db, filter: Page & { actorId?: number | undefined; type?: RelationType | undefined }): Relation[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.actorId !== undefined) {
    where.push('(r.source_id = ? OR r.target_id = ?)');
    params.push(filter.actorId, filter.actorId);
  }
  if (filter.type !== undefined) {
    where.push('r.type = ?');
    params.push(filter.type);
  }
  const page = pageClause(filter, 100_000);
  const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const rows = cached(db, `${SELECT}${clause} ORDER BY a.name COLLATE NOCASE, r.type, b.name COLLATE NOCASE${page.sql}`).all(
    ...params,
    ...page.params,
  ) as Row[];
  return rows.map(toRelation);
}

export function getRelation(db: Db, id: number): Relation {
  const row = cached(db, `${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('relation', id);
  return toRelation(row);
}

export function getRelationDetail(db: Db, id: number): RelationDetail {
  return { ...getRelation(db, id), evidence: evidenceFor(db, 'relation', id) };
}

/** What creates a relation: the API's input, and a seed key when the seed creates it. */
export type RelationInput = z.output<typeof s.relationCreate> & { seedKey?: string | undefined };

function bounds(start: string | null, end: string | null): { startMin: string | null; endMax: string | null } {
  const startMin = start === null ? null : parseEdtf(start).min;
  const endMax = end === null ? null : parseEdtf(end).max;
  if (startMin && endMax && endMax < startMin) throw invalid('end', 'the relation cannot end before it starts');
  return { startMin, endMax };
}

function checkActors(db: Db, sourceId: number, targetId: number): void {
  requireReference(db, 'actors', 'actor', sourceId, 'sourceId');
  requireReference(db, 'actors', 'actor', targetId, 'targetId');
  if (sourceId === targetId) throw invalid('targetId', 'an actor cannot be related to itself');
}

export function createRelation(db: Db, input: RelationInput): Relation {
  checkActors(db, input.sourceId, input.targetId);
  const { startMin, endMax } = bounds(input.start, input.end);
  const stamp = now();
  const info = cached(
    db,
    `INSERT INTO relations (seed_key, source_id, target_id, type, start, start_min, "end", end_max, description, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.seedKey ?? null,
    input.sourceId,
    input.targetId,
    input.type,
    input.start,
    startMin,
    input.end,
    endMax,
    input.description,
    stamp,
    stamp,
  );
  return getRelation(db, Number(info.lastInsertRowid));
}

export function updateRelation(db: Db, input: { id: number } & Partial<Omit<RelationInput, 'seedKey'>>): Relation {
  const current = getRelation(db, input.id);
  const sourceId = input.sourceId ?? current.source.id;
  const targetId = input.targetId ?? current.target.id;
  checkActors(db, sourceId, targetId);
  const start = input.start === undefined ? current.start : input.start;
  const end = input.end === undefined ? current.end : input.end;
  const { startMin, endMax } = bounds(start, end);
  cached(
    db,
    `UPDATE relations SET source_id = ?, target_id = ?, type = ?, start = ?, start_min = ?, "end" = ?, end_max = ?,
       description = ?, updated_at = ? WHERE id = ?`,
  ).run(
    sourceId,
    targetId,
    input.type ?? current.type,
    start,
    startMin,
    end,
    endMax,
    input.description ?? current.description,
    now(),
    input.id,
  );
  return getRelation(db, input.id);
}
