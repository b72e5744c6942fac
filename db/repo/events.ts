import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { parseEdtf } from '../shared/edtf.ts';
import { invalid, notFound } from '../shared/errors.ts';
import type { EventDetail, EventRecord, Participant } from '../shared/records.ts';
import type { EventType, ParticipantRole } from '../shared/vocabulary.ts';
import { groupBy, idsParam, now, type Page, pageClause, requireReference } from './common.ts';
import { touched } from '../search/indexer.ts';
import { linksTo } from './record-links.ts';
import type { z } from 'zod';
import type * as s from '../shared/schemas.ts';
import { rowMapper, type RowOf } from './row-mapper.ts';

const FLAT = [
  'id',
  'uuid',
  'seedKey',
  'title',
  'date',
  'dateMin',
  'dateMax',
  'type',
  'subType',
  'fatalities',
  'summary',
  'createdAt',
  'updatedAt',
  'deletedAt',
] as const;
const fromRow = rowMapper<EventRecord>()(FLAT);
type Row = RowOf<EventRecord, (typeof FLAT)[number]> & { place_id: number | null; place_name: string | null };

const SELECT = `SELECT e.*, p.name AS place_name FROM events e
                LEFT JOIN places p ON p.id = e.place_id AND p.deleted_at IS NULL`;
// Undated events and events with an unknown year sort last.
const ORDER = ` ORDER BY e.date_min IS NULL, e.date_min, e.date_max, e.id`;

function participantsOf(db: Db, ids: readonly number[]): Map<number, Participant[]> {
  const rows = cached(
    db,
    `SELECT ep.event_id AS owner, ep.actor_id AS actorId, a.name, ep.role
       FROM event_participants ep JOIN actors a ON a.id = ep.actor_id AND a.deleted_at IS NULL
       WHERE ep.event_id IN (SELECT value FROM json_each(?))
       ORDER BY ep.role, a.name`,
  ).all(idsParam(ids)) as (Participant & { owner: number })[];
  const grouped = groupBy(rows, (r) => r.owner);
  return new Map(ids.map((id) => [id, (grouped.get(id) ?? []).map(({ actorId, name, role }) => ({ actorId, name, role }))]));
}

function toEvents(db: Db, rows: Row[]): EventRecord[] {
  const participants = participantsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...fromRow(r),
    place: r.place_id !== null && r.place_name !== null ? { id: r.place_id, name: r.place_name } : null,
    participants: participants.get(r.id) ?? [],
  }));
}

export interface EventFilter extends Page {
  actorId?: number | undefined;
  placeId?: number | undefined;
  type?: EventType | undefined;
}

export function listEvents(db: Db, filter: EventFilter): EventRecord[] {
  const where = ['e.deleted_at IS NULL'];
  const params: (string | number)[] = [];
  if (filter.actorId !== undefined) {
    where.push('e.id IN (SELECT event_id FROM event_participants WHERE actor_id = ?)');
    params.push(filter.actorId);
  }
  if (filter.placeId !== undefined) {
    where.push('e.place_id = ?');
    params.push(filter.placeId);
  }
  if (filter.type !== undefined) {
    where.push('e.type = ?');
    params.push(filter.type);
  }
  const page = pageClause(filter, 100_000);
  const rows = cached(db, `${SELECT} WHERE ${where.join(' AND ')}${ORDER}${page.sql}`).all(...params, ...page.params) as Row[];
  return toEvents(db, rows);
}

/** The events an actor took part in, each with the actor's role. */
export function eventsOfActor(db: Db, actorId: number): (EventRecord & { role: ParticipantRole })[] {
  const roles = cached(db, 'SELECT event_id, role FROM event_participants WHERE actor_id = ?').all(actorId) as {
    event_id: number;
    role: ParticipantRole;
  }[];
  const events = new Map(listEvents(db, { actorId }).map((e) => [e.id, e]));
  return roles.flatMap((r) => {
    const event = events.get(r.event_id);
    return event ? [{ ...event, role: r.role }] : [];
  });
}

export function getEvent(db: Db, id: number, includeTrashed = false): EventRecord {
  const row = cached(db, `${SELECT} WHERE e.id = ?`).get(id) as Row | undefined;
  if (!row || (row.deleted_at && !includeTrashed)) throw notFound('event', id);
  return toEvents(db, [row])[0]!;
}

export function getEventDetail(db: Db, id: number): EventDetail {
  return {
    ...getEvent(db, id),
    ...linksTo(db, 'event', id),
  };
}

/** What creates an event: the API's input, and a seed key when the seed creates it. */
export type EventInput = z.output<typeof s.eventCreate> & { seedKey?: string | undefined };

function replaceParticipants(db: Db, id: number, participants: EventInput['participants']): void {
  cached(db, 'DELETE FROM event_participants WHERE event_id = ?').run(id);
  const insert = cached(db, 'INSERT OR IGNORE INTO event_participants (event_id, actor_id, role) VALUES (?, ?, ?)');
  participants.forEach((p, i) => {
    requireReference(db, 'actors', 'actor', p.actorId, `participants.${i}.actorId`);
    insert.run(id, p.actorId, p.role);
  });
}

function dateRange(date: string | null): { min: string | null; max: string | null } {
  if (date === null) return { min: null, max: null };
  try {
    return parseEdtf(date);
  } catch (error) {
    throw invalid('date', (error as Error).message);
  }
}

export function createEvent(db: Db, input: EventInput): EventRecord {
  if (input.placeId !== null) requireReference(db, 'places', 'place', input.placeId, 'placeId');
  const range = dateRange(input.date);
  const stamp = now();
  const info = cached(
    db,
    `INSERT INTO events (seed_key, title, date, date_min, date_max, type, sub_type, place_id, fatalities, summary, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.seedKey ?? null,
    input.title,
    input.date,
    range.min,
    range.max,
    input.type,
    input.subType,
    input.placeId,
    input.fatalities,
    input.summary,
    stamp,
    stamp,
  );
  const id = Number(info.lastInsertRowid);
  replaceParticipants(db, id, input.participants);
  touched(db, 'event', id);
  return getEvent(db, id);
}

export function updateEvent(db: Db, input: { id: number } & Partial<Omit<EventInput, 'seedKey'>>): EventRecord {
  const current = getEvent(db, input.id);
  if (input.placeId !== undefined && input.placeId !== null) requireReference(db, 'places', 'place', input.placeId, 'placeId');
  const date = input.date === undefined ? current.date : input.date;
  const range = dateRange(date);
  // Read the column itself: the record hides a place that is in the trash, but the link stays.
  const { place_id: currentPlaceId } = cached(db, 'SELECT place_id FROM events WHERE id = ?').get(input.id) as {
    place_id: number | null;
  };
  const keep = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);
  cached(
    db,
    `UPDATE events SET title = ?, date = ?, date_min = ?, date_max = ?, type = ?, sub_type = ?, place_id = ?,
       fatalities = ?, summary = ?, updated_at = ? WHERE id = ?`,
  ).run(
    input.title ?? current.title,
    date,
    range.min,
    range.max,
    input.type ?? current.type,
    keep(input.subType, current.subType),
    keep(input.placeId, currentPlaceId),
    keep(input.fatalities, current.fatalities),
    input.summary ?? current.summary,
    now(),
    input.id,
  );
  if (input.participants) replaceParticipants(db, input.id, input.participants);
  touched(db, 'event', input.id);
  return getEvent(db, input.id);
}
