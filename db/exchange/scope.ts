// What an export holds, by its scope: everything; the selected notes with the
// records they mention; one actor with everything linked to it (its related
// actors, its events with their places and other participants, the sources
// with evidence on it or its events, the notes that mention it); or the
// events the timeline's filter keeps, with their places, participants and
// sources. A case file is the whole store or nothing.
import { ApiError } from '../shared/errors.ts';
import { listEvents } from '../repo/events.ts';
import type { Db } from '../store/db.ts';
import { derivedUuid } from '../uuid.ts';
import { inDateRange, matchesText } from '../shared/event-filter.ts';
import { everything, type Selection } from './markdown-vault.ts';
import type { ExportScope } from '../shared/exchange-schemas.ts';
import type { StixBundle, StixObject } from '../shared/exchange-results.ts';

function refuse(message: string): never {
  throw new ApiError('invalid_input', `scope: ${message}`, [{ path: 'scope', message }]);
}

const ids = (db: Db, sql: string, ...params: unknown[]) =>
  (db.prepare(sql).all(...params) as { id: number | null }[]).flatMap((r) => (r.id === null ? [] : [r.id]));
const inList = (values: Iterable<number>) => [...values].join(',') || 'NULL';
const sorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

/** The live records an export of `scope` holds. */
export function selectionOf(db: Db, scope: ExportScope): Selection {
  if (scope.kind === 'everything') return everything(db);
  if (scope.kind === 'notes') {
    const live = new Set(ids(db, `SELECT id FROM notes WHERE deleted_at IS NULL AND id IN (${inList(scope.ids)})`));
    const missing = scope.ids.find((id) => !live.has(id));
    if (missing !== undefined) refuse(`there is no note ${missing} (or it is in the trash)`);
    const links = `FROM note_links WHERE note_id IN (${inList(live)})`;
    return liveOnly(db, {
      note: sorted(live),
      actor: ids(db, `SELECT actor_id AS id ${links}`),
      place: ids(db, `SELECT place_id AS id ${links}`),
      event: ids(db, `SELECT event_id AS id ${links}`),
      source: [
        ...ids(db, `SELECT source_id AS id ${links}`),
        ...ids(
          db,
          `SELECT a.source_id AS id FROM note_links l JOIN annotations a ON a.id = l.annotation_id WHERE l.note_id IN (${inList(live)})`,
        ),
      ],
    });
  }
  if (scope.kind === 'actor') {
    const id = scope.id;
    if (!db.prepare('SELECT 1 FROM actors WHERE id = ? AND deleted_at IS NULL').get(id))
      refuse(`there is no actor ${id} (or it is in the trash)`);
    const events = ids(db, 'SELECT DISTINCT event_id AS id FROM event_participants WHERE actor_id = ?', id);
    return liveOnly(db, {
      actor: [
        id,
        ...ids(
          db,
          'SELECT target_id AS id FROM relations WHERE source_id = ? UNION SELECT source_id FROM relations WHERE target_id = ?',
          id,
          id,
        ),
        ...ids(db, `SELECT actor_id AS id FROM event_participants WHERE event_id IN (${inList(events)})`),
      ],
      event: events,
      place: ids(db, `SELECT place_id AS id FROM events WHERE id IN (${inList(events)})`),
      source: [
        ...ids(db, `SELECT source_id AS id FROM evidence WHERE actor_id = ? OR event_id IN (${inList(events)})`, id),
        ...ids(
          db,
          'SELECT a.source_id AS id FROM annotation_links l JOIN annotations a ON a.id = l.annotation_id WHERE l.actor_id = ?',
          id,
        ),
      ],
      note: ids(db, 'SELECT note_id AS id FROM note_links WHERE actor_id = ?', id),
    });
  }
  const { filter } = scope;
  const events = listEvents(db, {
    limit: 1_000_000,
    ...(filter.actor === null ? {} : { actorId: filter.actor }),
    ...(filter.place === null ? {} : { placeId: filter.place }),
    ...(filter.type === null ? {} : { type: filter.type }),
  }).filter((e) => matchesText(e, filter.text) && inDateRange(e, filter));
  const eventIds = events.map((e) => e.id);
  return liveOnly(db, {
    event: eventIds,
    place: events.flatMap((e) => (e.place ? [e.place.id] : [])),
    actor: events.flatMap((e) => e.participants.map((p) => p.actorId)),
    source: ids(db, `SELECT source_id AS id FROM evidence WHERE event_id IN (${inList(eventIds)})`),
    note: [],
  });
}

/** The selection without duplicates and without records in the trash. */
function liveOnly(db: Db, selection: Selection): Selection {
  const table = { note: 'notes', actor: 'actors', place: 'places', event: 'events', source: 'sources' } as const;
  const out = {} as Selection;
  for (const kind of Object.keys(table) as (keyof Selection)[])
    out[kind] = ids(db, `SELECT id FROM ${table[kind]} WHERE deleted_at IS NULL AND id IN (${inList(selection[kind])}) ORDER BY id`);
  return out;
}

/** The events a scope holds, for the ACLED-style CSV. */
export const eventsOf = (selection: Selection) => new Set(selection.event);

/**
 * The part of a whole-store STIX bundle a selection holds: its records, the
 * relations between its actors, the evidence on its records from its sources,
 * its sources' highlights; references to anything left out are dropped (a
 * report or note left with none refers to the analyst, as in a full export).
 */
export function scopeBundle(db: Db, bundle: StixBundle, selection: Selection): StixBundle {
  const uuids = (table: string, list: number[]) =>
    (db.prepare(`SELECT uuid FROM ${table} WHERE id IN (${inList(list)})`).all() as { uuid: string }[]).map((r) => derivedUuid(r.uuid));
  const actors = inList(selection.actor);
  const relations = ids(db, `SELECT id FROM relations WHERE source_id IN (${actors}) AND target_id IN (${actors})`);
  const kept = new Set([
    ...uuids('notes', selection.note),
    ...uuids('actors', selection.actor),
    ...uuids('places', selection.place),
    ...uuids('events', selection.event),
    ...uuids('sources', selection.source),
    ...uuids('relations', relations),
    ...uuids(
      'evidence',
      ids(
        db,
        `SELECT id FROM evidence WHERE source_id IN (${inList(selection.source)})
           AND (actor_id IN (${actors}) OR place_id IN (${inList(selection.place)}) OR event_id IN (${inList(selection.event)})
                OR relation_id IN (${inList(relations)}))`,
      ),
    ),
    ...uuids('annotations', ids(db, `SELECT id FROM annotations WHERE source_id IN (${inList(selection.source)})`)),
  ]);
  const analyst = bundle.objects[0]!.id;
  const objects = bundle.objects.filter((o) => o.id === analyst || kept.has(o.id.slice(o.id.indexOf('--') + 2)));
  const present = new Set(objects.map((o) => o.id));
  const scoped = objects.map((o): StixObject => {
    const copy: StixObject = { ...o };
    for (const key of ['object_refs'] as const) {
      if (!Array.isArray(copy[key])) continue;
      const refs = (copy[key] as string[]).filter((r) => present.has(r));
      copy[key] = refs.length ? refs : [analyst];
    }
    if (typeof copy['x_fieldbook_location_ref'] === 'string' && !present.has(copy['x_fieldbook_location_ref']))
      delete copy['x_fieldbook_location_ref'];
    if (Array.isArray(copy['x_fieldbook_participants'])) {
      const roles = (copy['x_fieldbook_participants'] as { actor_ref: string }[]).filter((p) => present.has(p.actor_ref));
      if (roles.length) copy['x_fieldbook_participants'] = roles;
      else delete copy['x_fieldbook_participants'];
    }
    return copy;
  });
  // An evidence note must still point at its claim: one whose subject was left out goes too.
  const complete = scoped.filter(
    (o) => o.type !== 'note' || !('x_fieldbook_credibility' in o) || (o['object_refs'] as string[]).length === 2,
  );
  return { ...bundle, objects: complete };
}
