import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { anchorQuote } from '../anchor.ts';
import { ApiError, notFound } from '../shared/errors.ts';
import type { Evidence, EvidenceSubject } from '../shared/records.ts';
import { now, requireReference } from './common.ts';
import type { z } from 'zod';
import type * as s from '../shared/schemas.ts';
import { rowMapper, type RowOf } from './row-mapper.ts';

export type SubjectKind = EvidenceSubject['kind'];
export const SUBJECT_COLUMN: Record<SubjectKind, string> = {
  actor: 'actor_id',
  place: 'place_id',
  event: 'event_id',
  relation: 'relation_id',
};
const SUBJECT_TABLE = { actor: 'actors', place: 'places', event: 'events', relation: 'relations' } as const;

const SELECT = `
  SELECT e.id, e.uuid, e.source_id, s.title AS source_title, s.deleted_at IS NOT NULL AS source_trashed, e.field, e.quote, e.prefix, e.suffix, e.start, e."end",
         e.credibility, e.comment, e.created_at, e.orphaned_at IS NOT NULL AS orphaned,
         CASE WHEN e.actor_id IS NOT NULL THEN 'actor' WHEN e.place_id IS NOT NULL THEN 'place'
              WHEN e.event_id IS NOT NULL THEN 'event' ELSE 'relation' END AS subject_kind,
         coalesce(e.actor_id, e.place_id, e.event_id, e.relation_id) AS subject_id,
         coalesce(a.name, p.name, ev.title, ra.name || ' ' || r.type || ' ' || rb.name) AS subject_name
  FROM evidence e
  JOIN sources s ON s.id = e.source_id
  LEFT JOIN actors a ON a.id = e.actor_id
  LEFT JOIN places p ON p.id = e.place_id
  LEFT JOIN events ev ON ev.id = e.event_id
  LEFT JOIN relations r ON r.id = e.relation_id
  LEFT JOIN actors ra ON ra.id = r.source_id
  LEFT JOIN actors rb ON rb.id = r.target_id`;

const FLAT = ['id', 'uuid', 'field', 'quote', 'prefix', 'suffix', 'start', 'end', 'credibility', 'comment', 'createdAt'] as const;
const fromRow = rowMapper<Evidence>()(FLAT);
type Row = RowOf<Evidence, (typeof FLAT)[number]> & {
  source_id: number;
  source_title: string;
  source_trashed: 0 | 1;
  orphaned: 0 | 1;
  subject_kind: SubjectKind;
  subject_id: number;
  subject_name: string;
};

function toEvidence(r: Row): Evidence {
  return {
    ...fromRow(r),
    source: { id: r.source_id, title: r.source_title, trashed: r.source_trashed === 1 },
    subject: { kind: r.subject_kind, id: r.subject_id, name: r.subject_name },
    orphaned: r.orphaned === 1,
  };
}

export function evidenceFor(db: Db, kind: SubjectKind, id: number): Evidence[] {
  const rows = cached(db, `${SELECT} WHERE e.${SUBJECT_COLUMN[kind]} = ? ORDER BY s.id, e.start`).all(id) as Row[];
  return rows.map(toEvidence);
}

export function evidenceFromSource(db: Db, sourceId: number): Evidence[] {
  return (cached(db, `${SELECT} WHERE e.source_id = ? ORDER BY e.start`).all(sourceId) as Row[]).map(toEvidence);
}

export function getEvidence(db: Db, id: number): Evidence {
  const row = cached(db, `${SELECT} WHERE e.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('evidence', id);
  return toEvidence(row);
}

export type EvidenceInput = z.output<typeof s.evidenceCreate>;

export function createEvidence(db: Db, input: EvidenceInput): Evidence {
  requireReference(db, SUBJECT_TABLE[input.subject.kind], input.subject.kind, input.subject.id, 'subject.id');
  requireReference(db, 'sources', 'source', input.sourceId, 'sourceId');
  const { body } = cached(db, 'SELECT body FROM sources WHERE id = ?').get(input.sourceId) as { body: string };
  const anchor = anchorQuote(body, input.quote, input.start);
  refuseSamePassage(db, input.subject, input.sourceId, anchor);
  const info = cached(
    db,
    `INSERT INTO evidence (source_id, ${SUBJECT_COLUMN[input.subject.kind]}, field, quote, prefix, suffix, start, "end", credibility, comment, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.sourceId,
    input.subject.id,
    input.field,
    anchor.quote,
    anchor.prefix,
    anchor.suffix,
    anchor.start,
    anchor.end,
    input.credibility,
    input.comment,
    now(),
  );
  return getEvidence(db, Number(info.lastInsertRowid));
}

/** The same passage twice as evidence for one record (a double click, a second "Add as evidence") is a silent duplicate: refused. */
function refuseSamePassage(db: Db, subject: { kind: SubjectKind; id: number }, sourceId: number, at: { start: number; end: number }): void {
  const existing = cached(
    db,
    `SELECT id FROM evidence WHERE ${SUBJECT_COLUMN[subject.kind]} = ? AND source_id = ? AND start = ? AND "end" = ?`,
  ).get(subject.id, sourceId, at.start, at.end) as { id: number } | undefined;
  if (!existing) return;
  const { subject: named } = getEvidence(db, existing.id);
  throw new ApiError('conflict', `this passage is already evidence for “${named.name}”; nothing was added`, [
    { path: 'quote', message: 'already evidence for this record' },
  ]);
}

export function updateEvidence(
  db: Db,
  input: { id: number; credibility?: number | undefined; field?: string | null | undefined; comment?: string | undefined },
): Evidence {
  const current = getEvidence(db, input.id);
  cached(db, 'UPDATE evidence SET credibility = ?, field = ?, comment = ? WHERE id = ?').run(
    input.credibility ?? current.credibility,
    input.field === undefined ? current.field : input.field,
    input.comment ?? current.comment,
    input.id,
  );
  return getEvidence(db, input.id);
}

export function deleteEvidence(db: Db, id: number): { id: number } {
  const info = cached(db, 'DELETE FROM evidence WHERE id = ?').run(id);
  if (info.changes === 0) throw notFound('evidence', id);
  return { id };
}
