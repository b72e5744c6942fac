// records_fts: each actor, place and event by its name and by what it is
// about, kept in line with the store by the indexer (indexer.ts) in the same
// transaction as every write that changes either.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { markEntityDirty } from './name-index.ts';
import { recordTerms } from './terms.ts';
import { edtfInWords } from '../shared/edtf-words.ts';
import { foldText } from '../shared/folding.ts';
import type { EntityKind } from '../shared/vocabulary.ts';

const KIND_CODE: Record<EntityKind, number> = { actor: 1, place: 2, event: 3 };
const KIND_OF_CODE: Record<number, EntityKind> = { 1: 'actor', 2: 'place', 3: 'event' };

export function entityRowid(kind: EntityKind, id: number): number {
  return id * 4 + KIND_CODE[kind];
}

export function entityFromRowid(rowid: number): { kind: EntityKind; id: number } {
  const code = rowid % 4;
  const kind = KIND_OF_CODE[code];
  if (!kind) throw new Error(`records_fts rowid ${rowid} has no kind`);
  return { kind, id: (rowid - code) / 4 };
}

/** What a record is about, besides its name: the text its search hits quote. */
const ABOUT_SQL: Record<EntityKind, string> = {
  actor: `SELECT name, NULL AS date, concat_ws(' · ',
            (SELECT group_concat(name, ' · ') FROM actor_aliases WHERE actor_id = actors.id), nullif(description, '')) AS about
          FROM actors WHERE id = ? AND deleted_at IS NULL`,
  place: `SELECT name, NULL AS date, concat_ws(' · ',
            (SELECT group_concat(name, ' · ') FROM place_aliases WHERE place_id = places.id), nullif(description, '')) AS about
          FROM places WHERE id = ? AND deleted_at IS NULL`,
  event: `SELECT e.title AS name, e.date, concat_ws(' · ', e.type, e.sub_type, nullif(e.summary, ''),
            (SELECT concat_ws(' · ', p.name, (SELECT group_concat(name, ' · ') FROM place_aliases WHERE place_id = p.id))
               FROM places p WHERE p.id = e.place_id AND p.deleted_at IS NULL),
            (SELECT group_concat(concat_ws(' · ', a.name, (SELECT group_concat(name, ' · ') FROM actor_aliases WHERE actor_id = a.id)), ' · ')
               FROM event_participants ep JOIN actors a ON a.id = ep.actor_id
               WHERE ep.event_id = e.id AND a.deleted_at IS NULL)) AS about
          FROM events e WHERE e.id = ? AND e.deleted_at IS NULL`,
};

/** The record's name and what it is about, as written (undefined when it is gone or trashed). */
export function recordAbout(db: Db, kind: EntityKind, id: number): { name: string; about: string } | undefined {
  const row = cached(db, ABOUT_SQL[kind]).get(id) as { name: string; date: string | null; about: string | null } | undefined;
  if (!row) return undefined;
  const date = kind === 'event' ? edtfInWords(row.date) : '';
  return { name: row.name, about: [date, row.about ?? ''].filter(Boolean).join(' · ') };
}

/** Brings the record's row in records_fts in line with the store (removing it when the record is gone or trashed). */
export function indexRecord(db: Db, kind: EntityKind, id: number): void {
  markEntityDirty(db, kind, id);
  const rowid = entityRowid(kind, id);
  cached(db, 'DELETE FROM records_fts WHERE rowid = ?').run(rowid);
  const record = recordAbout(db, kind, id);
  if (!record) return;
  cached(db, 'INSERT INTO records_fts (rowid, name, about) VALUES (?, ?, ?)').run(rowid, foldText(record.name), foldText(record.about));
  recordTerms(db, record.name, record.about);
}

/** The events about an actor or place: an event is about its place and participants, by their names and aliases. */
export function eventsAbout(db: Db, kind: 'actor' | 'place', id: number): number[] {
  const sql =
    kind === 'actor' ? 'SELECT DISTINCT event_id FROM event_participants WHERE actor_id = ?' : 'SELECT id FROM events WHERE place_id = ?';
  return cached(db, sql).pluck().all(id) as number[];
}
