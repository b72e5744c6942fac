import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { anchorQuote } from '../anchor.ts';
import { notFound } from '../shared/errors.ts';
import type { Annotation, EntityRef } from '../shared/records.ts';
import { touched } from '../search/indexer.ts';
import type { EntityKind, HighlightColor } from '../shared/vocabulary.ts';
import { groupBy, idsParam, now, type Page, pageClause, requireReference } from './common.ts';
import type { z } from 'zod';
import type * as s from '../shared/schemas.ts';
import { rowMapper, type RowOf } from './row-mapper.ts';

const ENTITY_COLUMN: Record<EntityKind, string> = { actor: 'actor_id', place: 'place_id', event: 'event_id' };
const ENTITY_TABLE = { actor: 'actors', place: 'places', event: 'events' } as const;

const FLAT = ['id', 'uuid', 'quote', 'prefix', 'suffix', 'start', 'end', 'comment', 'color', 'createdAt', 'updatedAt'] as const;
const fromRow = rowMapper<Annotation>()(FLAT);
type Row = RowOf<Annotation, (typeof FLAT)[number]> & { source_id: number; source_title: string; source_trashed: 0 | 1; orphaned: 0 | 1 };

const SELECT = `SELECT a.id, a.uuid, a.source_id, s.title AS source_title, s.deleted_at IS NOT NULL AS source_trashed, a.quote, a.prefix, a.suffix, a.start, a."end",
                       a.comment, a.color, a.created_at, a.updated_at, a.orphaned_at IS NOT NULL AS orphaned
                FROM annotations a JOIN sources s ON s.id = a.source_id`;

function linksOf(db: Db, ids: readonly number[]): Map<number, EntityRef[]> {
  const rows = cached(
    db,
    `SELECT l.annotation_id AS owner,
              CASE WHEN l.actor_id IS NOT NULL THEN 'actor' WHEN l.place_id IS NOT NULL THEN 'place' ELSE 'event' END AS kind,
              coalesce(l.actor_id, l.place_id, l.event_id) AS id,
              coalesce(ac.name, pl.name, ev.title) AS name
       FROM annotation_links l
       LEFT JOIN actors ac ON ac.id = l.actor_id
       LEFT JOIN places pl ON pl.id = l.place_id
       LEFT JOIN events ev ON ev.id = l.event_id
       WHERE l.annotation_id IN (SELECT value FROM json_each(?))
       ORDER BY l.rowid`,
  ).all(idsParam(ids)) as (EntityRef & { owner: number })[];
  const grouped = groupBy(rows, (r) => r.owner);
  return new Map(ids.map((id) => [id, (grouped.get(id) ?? []).map(({ kind, id: refId, name }) => ({ kind, id: refId, name }))]));
}

function toAnnotations(db: Db, rows: Row[]): Annotation[] {
  const links = linksOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...fromRow(r),
    source: { id: r.source_id, title: r.source_title, trashed: r.source_trashed === 1 },
    links: links.get(r.id) ?? [],
    orphaned: r.orphaned === 1,
  }));
}

export function listAnnotations(db: Db, filter: Page & { sourceId?: number | undefined }): Annotation[] {
  const page = pageClause(filter, 10_000);
  const where = filter.sourceId === undefined ? '' : ' WHERE a.source_id = ?';
  const params = filter.sourceId === undefined ? page.params : [filter.sourceId, ...page.params];
  const rows = cached(db, `${SELECT}${where} ORDER BY a.source_id, a.start${page.sql}`).all(...params) as Row[];
  return toAnnotations(db, rows);
}

export function annotationsLinkedTo(db: Db, kind: EntityKind, id: number): Annotation[] {
  const rows = cached(
    db,
    `${SELECT} WHERE a.id IN (SELECT annotation_id FROM annotation_links WHERE ${ENTITY_COLUMN[kind]} = ?)
       ORDER BY a.source_id, a.start`,
  ).all(id) as Row[];
  return toAnnotations(db, rows);
}

export function getAnnotation(db: Db, id: number): Annotation {
  const rows = cached(db, `${SELECT} WHERE a.id = ?`).all(id) as Row[];
  const [annotation] = toAnnotations(db, rows);
  if (!annotation) throw notFound('annotation', id);
  return annotation;
}

function replaceLinks(db: Db, id: number, links: readonly { kind: EntityKind; id: number }[]): void {
  cached(db, 'DELETE FROM annotation_links WHERE annotation_id = ?').run(id);
  const seen = new Set<string>();
  links.forEach((link, i) => {
    const key = `${link.kind}:${link.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    requireReference(db, ENTITY_TABLE[link.kind], link.kind, link.id, `links.${i}.id`);
    cached(db, `INSERT INTO annotation_links (annotation_id, ${ENTITY_COLUMN[link.kind]}) VALUES (?, ?)`).run(id, link.id);
  });
}

export type AnnotationInput = z.output<typeof s.annotationCreate>;

export function createAnnotation(db: Db, input: AnnotationInput): Annotation {
  requireReference(db, 'sources', 'source', input.sourceId, 'sourceId');
  const { body } = cached(db, 'SELECT body FROM sources WHERE id = ?').get(input.sourceId) as { body: string };
  const anchor = anchorQuote(body, input.quote, input.start);
  const stamp = now();
  const info = cached(
    db,
    `INSERT INTO annotations (source_id, quote, prefix, suffix, start, "end", comment, color, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(input.sourceId, anchor.quote, anchor.prefix, anchor.suffix, anchor.start, anchor.end, input.comment, input.color, stamp, stamp);
  const id = Number(info.lastInsertRowid);
  replaceLinks(db, id, input.links);
  touched(db, 'annotation', id);
  return getAnnotation(db, id);
}

export function updateAnnotation(
  db: Db,
  input: {
    id: number;
    comment?: string | undefined;
    color?: HighlightColor | undefined;
    links?: { kind: EntityKind; id: number }[] | undefined;
  },
): Annotation {
  const current = getAnnotation(db, input.id);
  cached(db, 'UPDATE annotations SET comment = ?, color = ?, updated_at = ? WHERE id = ?').run(
    input.comment ?? current.comment,
    input.color ?? current.color,
    now(),
    input.id,
  );
  if (input.links) replaceLinks(db, input.id, input.links);
  touched(db, 'annotation', input.id);
  return getAnnotation(db, input.id);
}

export function deleteAnnotation(db: Db, id: number): { id: number } {
  const info = cached(db, 'DELETE FROM annotations WHERE id = ?').run(id);
  if (info.changes === 0) throw notFound('annotation', id);
  touched(db, 'annotation', id);
  return { id };
}
