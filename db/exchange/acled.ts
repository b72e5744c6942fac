// Events as an ACLED-style CSV, out and in. ACLED's columns come first, with
// ACLED's names; two Fieldbook columns follow (the title, and the EDTF date
// exactly), so a file that went out comes back whole, while a file from ACLED
// itself (without them) still reads. Events are matched by UUID
// (event_id_cnty), actors and places by UUID-free name or alias, folded; what
// is not found is created, and importing the same file twice changes nothing.
import { ApiError } from '../shared/errors.ts';
import { parseEdtf } from '../shared/edtf.ts';
import type { EventRecord } from '../shared/records.ts';
import { createActor } from '../repo/actors.ts';
import { createEvent, listEvents } from '../repo/events.ts';
import { createPlace } from '../repo/places.ts';
import type { Db } from '../store/db.ts';
import { foldName } from '../shared/folding.ts';
import { derivedUuid, isUuid } from '../uuid.ts';
import { type ActorKind, EVENT_TYPES, type EventType, type ParticipantRole } from '../shared/vocabulary.ts';
import { csvText, parseCsv, unguardField } from '../shared/spreadsheet-csv.ts';
import { looksLikeAcled } from '../shared/exchange-kind.ts';
import type { AcledSummary } from '../shared/exchange-results.ts';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'actor2',
  'assoc_actor_2',
  'interaction',
  'country',
  'admin1',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'timestamp',
] as const;
/** Fieldbook's own, after ACLED's: what ACLED's columns cannot hold exactly. */
export const FIELDBOOK_COLUMNS = ['fieldbook_title', 'fieldbook_date'] as const;
const REQUIRED = ['event_id_cnty', 'event_date', 'time_precision', 'event_type', 'actor1', 'location'] as const;

type Column = (typeof ACLED_COLUMNS)[number] | (typeof FIELDBOOK_COLUMNS)[number];

const DISORDER: Record<EventType, string> = {
  Battles: 'Political violence',
  'Explosions/Remote violence': 'Political violence',
  'Violence against civilians': 'Political violence',
  Protests: 'Demonstrations',
  Riots: 'Demonstrations',
  'Strategic developments': 'Strategic developments',
};

/** ACLED's inter codes (1 state forces, 2 rebel groups, 4 identity militias, 8 external/other forces), by actor kind. */
const INTER: Record<ActorKind, number> = {
  state: 1,
  'armed forces': 1,
  'armed group': 2,
  coalition: 2,
  community: 4,
  organization: 8,
  person: 8,
};
const KIND_OF_INTER: Record<string, ActorKind> = { '1': 'armed forces', '2': 'armed group', '3': 'armed group', '4': 'community' };

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string | null) => (code === null ? '' : (regions.of(code) ?? code));
let countryCodes: Map<string, string> | undefined;
function countryCode(name: string): string | null {
  if (!countryCodes) {
    countryCodes = new Map();
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const named = regions.of(code);
        if (named && named !== code) countryCodes.set(foldName(named), code);
      }
  }
  const folded = foldName(name);
  return countryCodes.get(folded) ?? (/^[a-z]{2}$/.test(folded) ? folded.toUpperCase() : null);
}

const DAY_MS = 86_400_000;

/**
 * ACLED's time_precision: 1 the day is known, 2 within a week, 3 within a
 * month or more. event_date is the earliest day the date can mean.
 */
export function timePrecision(date: string | null, min: string | null, max: string | null): 1 | 2 | 3 {
  if (date === null || min === null || max === null) return 3;
  if (min === max && !/[~?%]/.test(date)) return 1;
  return Date.parse(max) - Date.parse(min) < 7 * DAY_MS ? 2 : 3;
}

/** An EDTF date from ACLED's event_date and time_precision: the day, the day approximately, or its month. */
export function edtfFromAcled(day: string, precision: string): string | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : /^\d{1,2} \w+ \d{4}$/.test(day) ? isoOf(day) : null;
  if (iso === null) return null;
  if (precision === '2') return `${iso}~`;
  if (precision === '3') return iso.slice(0, 7);
  return iso;
}

function isoOf(text: string): string | null {
  const ms = Date.parse(`${text} UTC`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

interface SourceCitation {
  event_id: number;
  title: string;
}

function citationsOf(db: Db): Map<number, string[]> {
  const rows = db
    .prepare(
      `SELECT DISTINCT e.event_id, s.title FROM evidence e JOIN sources s ON s.id = e.source_id
       WHERE e.event_id IS NOT NULL AND s.deleted_at IS NULL ORDER BY e.event_id, s.title`,
    )
    .all() as SourceCitation[];
  const byEvent = new Map<number, string[]>();
  for (const row of rows) byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), row.title]);
  return byEvent;
}

function namesIn(event: EventRecord, role: ParticipantRole): string {
  return event.participants
    .filter((p) => p.role === role)
    .map((p) => p.name)
    .join('; ');
}

/** The live events (those in `only`, when given) as an ACLED-style CSV (RFC 4180, spreadsheet-safe). */
export function exportAcled(db: Db, only?: ReadonlySet<number>): { fileName: string; content: string; events: number } {
  const events = listEvents(db, { limit: 1_000_000 }).filter((e) => !only || only.has(e.id));
  const citations = citationsOf(db);
  const places = new Map(
    (
      db.prepare('SELECT id, country, lat, lon, precision FROM places').all() as {
        id: number;
        country: string | null;
        lat: number | null;
        lon: number | null;
        precision: number | null;
      }[]
    ).map((p) => [p.id, p]),
  );
  const kinds = new Map((db.prepare('SELECT id, kind FROM actors').all() as { id: number; kind: ActorKind }[]).map((a) => [a.id, a.kind]));
  const inter = (event: EventRecord, role: ParticipantRole) => {
    const first = event.participants.find((p) => p.role === role);
    return first ? INTER[kinds.get(first.actorId) ?? 'armed group'] : 0;
  };
  const rows = events.map((event) => {
    const place = event.place ? places.get(event.place.id) : undefined;
    const codes = [inter(event, 'actor1'), inter(event, 'actor2')].sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b));
    const values: Record<Column, string | number | null> = {
      event_id_cnty: event.uuid,
      event_date: event.dateMin ?? '',
      year: event.dateMin ? Number(event.dateMin.slice(0, 4)) : '',
      time_precision: timePrecision(event.date, event.dateMin, event.dateMax),
      disorder_type: DISORDER[event.type],
      event_type: event.type,
      sub_event_type: event.subType ?? '',
      actor1: namesIn(event, 'actor1'),
      assoc_actor_1: namesIn(event, 'assoc_actor1'),
      actor2: namesIn(event, 'actor2'),
      assoc_actor_2: namesIn(event, 'assoc_actor2'),
      interaction: codes[0] ? Number(`${codes[0]}${codes[1]}`) : '',
      country: countryName(place?.country ?? null),
      admin1: '',
      location: event.place?.name ?? '',
      latitude: place?.lat ?? '',
      longitude: place?.lon ?? '',
      geo_precision: place?.precision ?? '',
      source: (citations.get(event.id) ?? []).join('; '),
      source_scale: '',
      notes: event.summary,
      fatalities: event.fatalities ?? '',
      timestamp: Math.floor(Date.parse(event.updatedAt) / 1000),
      fieldbook_title: event.title,
      fieldbook_date: event.date ?? '',
    };
    return [...ACLED_COLUMNS, ...FIELDBOOK_COLUMNS].map((c) => values[c]);
  });
  return {
    fileName: 'fieldbook-events-acled.csv',
    content: csvText([[...ACLED_COLUMNS, ...FIELDBOOK_COLUMNS], ...rows]),
    events: events.length,
  };
}

function refuse(message: string): never {
  throw new ApiError('invalid_input', message, [{ path: 'file', message }]);
}

export { looksLikeAcled };

interface RecordRef {
  id: number | null;
  name: string;
}

export interface AcledPlanRow {
  line: number;
  uuid: string;
  title: string;
  date: string | null;
  type: EventType;
  subType: string | null;
  place: { ref: RecordRef; country: string | null; lat: number | null; lon: number | null; precision: 1 | 2 | 3 | null } | null;
  participants: { ref: RecordRef; role: ParticipantRole; kind: ActorKind }[];
  fatalities: number | null;
  summary: string;
}

export interface AcledPlan {
  create: AcledPlanRow[];
  /** Events already in the store (same UUID): left as they are. */
  matched: { line: number; id: number; title: string }[];
  skipped: { line: number; reason: string }[];
  newActors: string[];
  newPlaces: string[];
  matchedActors: number;
  matchedPlaces: number;
}

/** Live actors or places by folded name and alias. */
export function nameIndex(db: Db, table: 'actors' | 'places'): Map<string, number> {
  const aliasTable = table === 'actors' ? 'actor_aliases' : 'place_aliases';
  const column = table === 'actors' ? 'actor_id' : 'place_id';
  const index = new Map<string, number>();
  for (const row of db.prepare(`SELECT id, name FROM ${table} WHERE deleted_at IS NULL ORDER BY id`).all() as {
    id: number;
    name: string;
  }[])
    if (!index.has(foldName(row.name))) index.set(foldName(row.name), row.id);
  const aliases = db
    .prepare(
      `SELECT a.${column} AS id, a.name FROM ${aliasTable} a JOIN ${table} t ON t.id = a.${column} AND t.deleted_at IS NULL ORDER BY a.id`,
    )
    .all() as { id: number; name: string }[];
  for (const row of aliases) if (!index.has(foldName(row.name))) index.set(foldName(row.name), row.id);
  return index;
}

const number = (text: string): number | null => (text.trim() === '' || Number.isNaN(Number(text)) ? null : Number(text));

/** A row's value in `column`, trimmed and unguarded ('' when the file has no such column). */
type FieldReader = (column: Column) => string;

/** The CSV's rows under its header (lower-cased), refusing a file that is not CSV or lacks a required column. */
function readAcledTable(content: string): { header: string[]; rows: string[][] } {
  let table: string[][];
  try {
    table = parseCsv(content);
  } catch (error) {
    refuse(`this is not a readable CSV file (${(error as Error).message})`);
  }
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) refuse(`this CSV lacks the ACLED columns an event needs: ${missing.join(', ')}`);
  return { header, rows: table.slice(1) };
}

/** Actors or places named in the file: found in the store (matched) or new (each new name listed once). */
interface NameResolver {
  index: Map<string, number>;
  seen: Set<string>;
  created: string[];
  matched: Set<number>;
}

function resolveName(resolver: NameResolver, name: string): RecordRef {
  const key = foldName(name);
  const id = resolver.index.get(key) ?? null;
  if (id === null && !resolver.seen.has(key)) resolver.created.push(name);
  else if (id !== null) resolver.matched.add(id);
  resolver.seen.add(key);
  return { id, name };
}

interface AcledPlanning {
  plan: AcledPlan;
  header: string[];
  actors: NameResolver;
  places: NameResolver;
  seenEvents: Set<string>;
  eventByUuid: ReturnType<Db['prepare']>;
}

/** The row's EDTF date (null when it has none), or why it is not a date. */
function rowDate(get: FieldReader): { date: string | null } | { reason: string } {
  const date = get('fieldbook_date') || edtfFromAcled(get('event_date'), get('time_precision'));
  if (get('event_date') !== '' && date === null) return { reason: `"${get('event_date')}" is not a date` };
  try {
    return { date: date === null ? null : parseEdtf(date).edtf };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

/** The actors of each role; the interaction code's digits say what kind a new actor is. */
function rowParticipants(get: FieldReader, actors: NameResolver): AcledPlanRow['participants'] {
  const interKind = (digit: string | undefined) => KIND_OF_INTER[digit ?? ''] ?? 'armed group';
  const interaction = get('interaction');
  const roles: [Column, ParticipantRole, ActorKind][] = [
    ['actor1', 'actor1', interKind(interaction[0])],
    ['assoc_actor_1', 'assoc_actor1', interKind(interaction[0])],
    ['actor2', 'actor2', interKind(interaction[1])],
    ['assoc_actor_2', 'assoc_actor2', interKind(interaction[1])],
  ];
  return roles.flatMap(([column, role, kind]) =>
    get(column)
      .split(';')
      .map((n) => n.trim())
      .filter((n) => n !== '')
      .map((name) => ({ ref: resolveName(actors, name), role, kind })),
  );
}

function rowPlace(get: FieldReader, places: NameResolver): AcledPlanRow['place'] {
  const location = get('location');
  if (!location) return null;
  const lat = number(get('latitude'));
  const lon = number(get('longitude'));
  const precision = number(get('geo_precision'));
  return {
    ref: resolveName(places, location),
    country: countryCode(get('country')),
    lat: lat !== null && lon !== null ? lat : null,
    lon: lat !== null && lon !== null ? lon : null,
    precision: precision === 1 || precision === 2 || precision === 3 ? precision : null,
  };
}

/** Plans one row (file line `line`): an event to create, one already in the store, or a row skipped and why. */
function planRow(planning: AcledPlanning, get: FieldReader, line: number): void {
  const { plan } = planning;
  const skip = (reason: string) => void plan.skipped.push({ line, reason });
  const idText = get('event_id_cnty');
  if (idText === '') return skip('no event_id_cnty');
  const uuid = isUuid(idText) ? idText.toLowerCase() : derivedUuid(`acled:${idText}`);
  if (planning.seenEvents.has(uuid)) return skip(`event ${idText} is in the file twice`);
  planning.seenEvents.add(uuid);
  const existing = planning.eventByUuid.get(uuid) as { id: number; title: string } | undefined;
  if (existing) return void plan.matched.push({ line, ...existing });
  const type = get('event_type') as EventType;
  if (!EVENT_TYPES.includes(type)) return skip(`"${type}" is not an ACLED event type`);
  const dated = rowDate(get);
  if ('reason' in dated) return skip(dated.reason);
  const location = get('location');
  const participants = rowParticipants(get, planning.actors);
  const foreign = !planning.header.includes('fieldbook_title');
  const cited = get('source');
  const summary = foreign && cited ? `${get('notes')}\n\nSource (ACLED): ${cited}`.trim() : get('notes');
  plan.create.push({
    line,
    uuid,
    title: get('fieldbook_title') || `${get('sub_event_type') || type}${location ? ` in ${location}` : ''}`,
    date: dated.date,
    type,
    subType: get('sub_event_type') || null,
    place: rowPlace(get, planning.places),
    participants,
    fatalities: number(get('fatalities')),
    summary,
  });
}

/** What importing the CSV would do; reads the store, writes nothing. */
export function planAcled(db: Db, content: string): AcledPlan {
  const { header, rows } = readAcledTable(content);
  const plan: AcledPlan = { create: [], matched: [], skipped: [], newActors: [], newPlaces: [], matchedActors: 0, matchedPlaces: 0 };
  const planning: AcledPlanning = {
    plan,
    header,
    actors: { index: nameIndex(db, 'actors'), seen: new Set(), created: plan.newActors, matched: new Set() },
    places: { index: nameIndex(db, 'places'), seen: new Set(), created: plan.newPlaces, matched: new Set() },
    seenEvents: new Set(),
    eventByUuid: db.prepare('SELECT id, title FROM events WHERE uuid = ?'),
  };
  rows.forEach((fields, i) => planRow(planning, (column) => unguardField((fields[header.indexOf(column)] ?? '').trim()), i + 2));
  plan.matchedActors = planning.actors.matched.size;
  plan.matchedPlaces = planning.places.matched.size;
  return plan;
}

export function summarise(plan: AcledPlan): AcledSummary {
  return {
    created: { events: plan.create.length, actors: plan.newActors.length, places: plan.newPlaces.length },
    matched: { events: plan.matched.length, actors: plan.matchedActors, places: plan.matchedPlaces },
    skipped: plan.skipped,
  };
}

/** Carries out the plan; the caller runs it in one transaction. */
export function applyAcled(db: Db, plan: AcledPlan): AcledSummary {
  const actorIds = new Map<string, number>();
  const placeIds = new Map<string, number>();
  for (const row of plan.create) {
    let placeId: number | null = null;
    if (row.place) {
      const key = foldName(row.place.ref.name);
      placeId = row.place.ref.id ?? placeIds.get(key) ?? null;
      if (placeId === null) {
        placeId = createPlace(db, {
          name: row.place.ref.name,
          kind: row.place.precision === 3 ? 'region' : 'town',
          description: '',
          country: row.place.country,
          lat: row.place.lat,
          lon: row.place.lon,
          precision: row.place.precision,
          aliases: [],
        }).id;
        placeIds.set(key, placeId);
      }
    }
    const participants = row.participants.map((p) => {
      const key = foldName(p.ref.name);
      let actorId = p.ref.id ?? actorIds.get(key) ?? null;
      if (actorId === null) {
        actorId = createActor(db, { name: p.ref.name, kind: p.kind, description: '', country: null, aliases: [] }).id;
        actorIds.set(key, actorId);
      }
      return { actorId, role: p.role };
    });
    const event = createEvent(db, {
      title: row.title,
      date: row.date,
      type: row.type,
      subType: row.subType,
      placeId,
      fatalities: row.fatalities,
      summary: row.summary,
      participants,
    });
    db.prepare('UPDATE events SET uuid = ? WHERE id = ?').run(row.uuid, event.id);
  }
  return summarise(plan);
}
