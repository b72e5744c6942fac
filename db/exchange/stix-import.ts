// A STIX 2.1 bundle in (from Fieldbook or another platform: OpenCTI, MISP).
// threat-actor, intrusion-set and identity become actors; location places;
// relationship relations between actors; report sources; note notes; an
// incident Fieldbook exported comes back as its event. Each object is matched
// first by UUID (its own, or the one a Fieldbook export derived from a
// record's), then (actors and places) by folded name and alias in the store,
// by name alone among the bundle's own objects; a match is left as it is, gaining only the bundle's new aliases. What Fieldbook has no
// field for is kept visibly: an object's extra properties in the description
// of the record made from it, and every object that maps to no record in one
// note of the import, which mentions the records it touches.
import { ApiError } from '../shared/errors.ts';
import { parseEdtf } from '../shared/edtf.ts';
import type { DocNode } from '../shared/schemas.ts';
import { addAlias } from '../repo/aliases.ts';
import { createActor } from '../repo/actors.ts';
import { createEvent } from '../repo/events.ts';
import { createNote } from '../repo/notes.ts';
import { createPlace } from '../repo/places.ts';
import { createRelation } from '../repo/relations.ts';
import { createSource } from '../repo/sources.ts';
import type { Db } from '../store/db.ts';
import { foldName } from '../shared/folding.ts';
import { derivedUuid } from '../uuid.ts';
import {
  ACTOR_KINDS,
  type ActorKind,
  EVENT_TYPES,
  type EventType,
  PARTICIPANT_ROLES,
  type ParticipantRole,
  PLACE_KINDS,
  type PlaceKind,
  RELATION_TYPES,
  RELIABILITY_GRADES,
  type RelationType,
  type Reliability,
} from '../shared/vocabulary.ts';
import { nameIndex } from './acled.ts';
import type { StixObject, StixPlural, StixSkip, StixSummary } from '../shared/exchange-results.ts';

type Kind = 'actor' | 'place' | 'event' | 'relation' | 'source' | 'note';
const PLURAL: Record<Kind, StixPlural> = {
  actor: 'actors',
  place: 'places',
  event: 'events',
  relation: 'relations',
  source: 'sources',
  note: 'notes',
};

/** Where an object of the bundle lands: a record already in the store, or one this import creates. */
type Target = { kind: Kind; id: number; name: string } | { kind: Kind; planned: string; name: string };

interface Planned {
  stixId: string;
  uuid: string;
  kind: Kind;
  name: string;
  object: StixObject;
}

export interface StixPlan {
  bundleId: string;
  objects: Map<string, StixObject>;
  targets: Map<string, Target>;
  create: Planned[];
  merge: { kind: 'actor' | 'place'; id: number; name: string; aliases: string[] }[];
  matched: Record<StixPlural, number>;
  skipped: StixSkip[];
  /** Skipped objects that are content (not the bundle's author or its markings): listed in the import's note. */
  unmapped: StixSkip[];
}

function refuse(message: string): never {
  throw new ApiError('invalid_input', message, [{ path: 'file', message }]);
}

const STIX_ID = /^([a-z0-9-]+)--([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
const uuidOf = (stixId: string) => STIX_ID.exec(stixId)![2]!;

/** Reads a bundle's text, refusing what is not a STIX 2.1 bundle. */
export function parseStixBundle(content: string): { id: string; objects: StixObject[] } {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    refuse(`this is not a STIX bundle: it is not valid JSON (${(error as Error).message})`);
  }
  const bundle = value as { type?: unknown; id?: unknown; objects?: unknown; spec_version?: unknown };
  if (typeof value !== 'object' || value === null || bundle.type !== 'bundle' || typeof bundle.id !== 'string')
    refuse('this is not a STIX bundle (it has no "type": "bundle" and bundle id)');
  if (bundle.spec_version !== undefined)
    refuse(`this is a STIX ${String(bundle.spec_version)} bundle; Fieldbook reads STIX 2.1 (export it as STIX 2.1 from its platform)`);
  if (!Array.isArray(bundle.objects)) refuse('this STIX bundle has no "objects" list');
  const seen = new Set<string>();
  for (const [i, o] of (bundle.objects as unknown[]).entries()) {
    const object = o as { type?: unknown; id?: unknown; spec_version?: unknown };
    if (typeof o !== 'object' || o === null || typeof object.type !== 'string' || typeof object.id !== 'string')
      refuse(`object ${i + 1} of this STIX bundle has no type or id; nothing was imported`);
    const match = STIX_ID.exec(object.id as string);
    if (!match || match[1] !== object.type)
      refuse(`"${String(object.id).slice(0, 80)}" is not a STIX identifier of its type; nothing was imported`);
    if (object.spec_version !== '2.1')
      refuse(
        `${String(object.id)} is STIX ${object.spec_version === undefined ? '2.0 (it has no spec_version)' : String(object.spec_version)}; Fieldbook reads STIX 2.1`,
      );
    if (seen.has(object.id as string)) refuse(`${String(object.id)} is in the bundle twice; nothing was imported`);
    seen.add(object.id as string);
  }
  return { id: bundle.id, objects: bundle.objects as StixObject[] };
}

/** Every record of `table` by its UUID and by the UUID a Fieldbook export derives from it, with whether it is in the trash. */
function uuidIndex(db: Db, table: string, title: string): Map<string, { id: number; name: string; trashed: boolean }> {
  const trashed = ['relations', 'evidence', 'annotations'].includes(table) ? '0' : 'deleted_at IS NOT NULL';
  const index = new Map<string, { id: number; name: string; trashed: boolean }>();
  for (const row of db.prepare(`SELECT id, uuid, ${title} AS name, ${trashed} AS trashed FROM ${table}`).all() as {
    id: number;
    uuid: string;
    name: string;
    trashed: number;
  }[]) {
    const entry = { id: row.id, name: row.name, trashed: row.trashed === 1 };
    index.set(row.uuid, entry);
    index.set(derivedUuid(row.uuid), entry);
  }
  return index;
}

const ACTOR_TYPES = new Set(['threat-actor', 'intrusion-set', 'identity']);
/** STIX relationship types that say what one of Fieldbook's relation types says. */
const RELATIONSHIP_TYPES: Record<string, RelationType> = {
  ...Object.fromEntries(RELATION_TYPES.map((t) => [t.replace(/ /g, '-'), t])),
  'cooperates-with': 'allied with',
  'attributed-to': 'part of',
};
/** Properties a record takes in; the rest of an object's properties are kept in words in its description. */
const COMMON = [
  'type',
  'spec_version',
  'id',
  'created_by_ref',
  'created',
  'modified',
  'name',
  'description',
  'object_marking_refs',
  'granular_markings',
  'lang',
  'revoked',
  'extensions',
];
const TAKEN: Record<string, string[]> = {
  'threat-actor': ['aliases', 'threat_actor_types'],
  'intrusion-set': ['aliases'],
  identity: ['identity_class', 'x_fieldbook_aliases'],
  location: ['latitude', 'longitude', 'precision', 'country', 'city', 'region'],
  relationship: ['relationship_type', 'source_ref', 'target_ref', 'start_time', 'stop_time'],
  report: ['published', 'report_types', 'object_refs', 'external_references'],
  note: ['content', 'abstract', 'object_refs', 'authors', 'confidence'],
  incident: [],
};

/** An object's properties Fieldbook has no field for, in words ("goals: x; first_seen: y"). */
function extras(object: StixObject): string {
  const taken = new Set([...COMMON, ...(TAKEN[object.type] ?? [])]);
  return Object.entries(object)
    .filter(([key]) => !taken.has(key) && !key.startsWith('x_fieldbook_'))
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

const nameOf = (o: StixObject): string | null =>
  text(o['name']) ?? text(o['abstract']) ?? text(o['city']) ?? text(o['region']) ?? text(o['country']) ?? null;

type UuidIndex = Map<string, { id: number; name: string; trashed: boolean }>;

/** Every record a bundle's object may be, by UUID, for each table that can hold one. */
function uuidIndexes(db: Db) {
  return {
    actors: uuidIndex(db, 'actors', 'name'),
    places: uuidIndex(db, 'places', 'name'),
    events: uuidIndex(db, 'events', 'title'),
    relations: uuidIndex(db, 'relations', "type || ''"),
    sources: uuidIndex(db, 'sources', 'title'),
    notes: uuidIndex(db, 'notes', 'title'),
    evidence: uuidIndex(db, 'evidence', 'quote'),
    annotations: uuidIndex(db, 'annotations', 'quote'),
  } satisfies Record<string, UuidIndex>;
}

/** The store's indexes a plan is made against, and the plan as it grows. */
interface StixPlanning {
  db: Db;
  plan: StixPlan;
  byUuid: ReturnType<typeof uuidIndexes>;
  byName: Record<'actor' | 'place', Map<string, number>>;
  /** Folded names of the actors and places this import creates, to the STIX id of the first. */
  plannedByName: Record<'actor' | 'place', Map<string, string>>;
}

/** Skips an object; `content` says it is listed in the import's note of what was not imported. */
function skip(plan: StixPlan, o: StixObject, reason: string, content = true): void {
  const entry = { id: o.id, type: o.type, name: nameOf(o), reason };
  plan.skipped.push(entry);
  if (content) plan.unmapped.push(entry);
}

/** Whether the object is a record in the store by UUID (matched, or skipped when that record is in the trash). */
function matchByUuid(planning: StixPlanning, o: StixObject, kind: Kind, tables: (keyof StixPlanning['byUuid'])[]): boolean {
  const { plan } = planning;
  for (const table of tables) {
    const found = planning.byUuid[table].get(uuidOf(o.id));
    if (!found) continue;
    if (found.trashed) {
      skip(plan, o, `it is ${kind} ${found.id} ("${found.name}"), which is in the trash: restore it first to import into it`, false);
      return true;
    }
    plan.targets.set(o.id, { kind, id: found.id, name: found.name });
    plan.matched[PLURAL[kind]]++;
    return true;
  }
  return false;
}

function planCreate(plan: StixPlan, o: StixObject, kind: Kind, name: string): void {
  plan.create.push({ stixId: o.id, uuid: uuidOf(o.id), kind, name, object: o });
  plan.targets.set(o.id, { kind, planned: o.id, name });
}

/** The folded name and aliases of an actor or place in the store. */
function namesOf(db: Db, table: 'actors' | 'places', id: number): Set<string> {
  return new Set(
    (
      db
        .prepare(
          `SELECT name FROM ${table} WHERE id = ? UNION ALL SELECT name FROM ${table === 'actors' ? 'actor_aliases' : 'place_aliases'} WHERE ${table === 'actors' ? 'actor_id' : 'place_id'} = ?`,
        )
        .all(id, id) as { name: string }[]
    ).map((r) => foldName(r.name)),
  );
}

/** An actor or place: by UUID, then by name or alias (in the store, then earlier in the bundle), else created. */
function planNamed(planning: StixPlanning, o: StixObject, kind: 'actor' | 'place', aliases: string[]): void {
  const { db, plan } = planning;
  if (matchByUuid(planning, o, kind, [PLURAL[kind] as 'actors' | 'places'])) return;
  const name = nameOf(o);
  if (name === null) return skip(plan, o, `a ${o.type} without a name`);
  const keys = [name, ...aliases].map(foldName).filter((k) => k !== '');
  const storeId = keys.map((k) => planning.byName[kind].get(k)).find((id) => id !== undefined);
  if (storeId !== undefined) {
    const table = PLURAL[kind] as 'actors' | 'places';
    const current = db.prepare(`SELECT name FROM ${table} WHERE id = ?`).get(storeId) as { name: string };
    plan.targets.set(o.id, { kind, id: storeId, name: current.name });
    plan.matched[table]++;
    const known = namesOf(db, table, storeId);
    const fresh = [name, ...aliases].filter((n) => {
      const key = foldName(n);
      if (key === '' || known.has(key)) return false;
      known.add(key);
      return true;
    });
    if (fresh.length) plan.merge.push({ kind, id: storeId, name: current.name, aliases: fresh });
    return;
  }
  // Two objects of one bundle are one record only under the same name: the exporter kept them apart, and one's
  // alias may well be the other's name (Africa Corps, "formerly the Wagner Group", beside the Wagner Group).
  const earlier = planning.plannedByName[kind].get(foldName(name));
  if (earlier !== undefined) {
    plan.targets.set(o.id, plan.targets.get(earlier)!);
    return skip(plan, o, `the same ${kind} as ${earlier} in this bundle (same name)`, false);
  }
  planning.plannedByName[kind].set(foldName(name), o.id);
  planCreate(plan, o, kind, name);
}

/** Actors from threat-actors, intrusion-sets and identities (not the identities that authored the bundle's objects). */
function planActors(planning: StixPlanning, objects: StixObject[]): void {
  const authors = new Set(objects.map((o) => o['created_by_ref']).filter((r): r is string => typeof r === 'string'));
  for (const o of objects) {
    if (!ACTOR_TYPES.has(o.type)) continue;
    if (o.type === 'identity' && authors.has(o.id)) {
      skip(planning.plan, o, 'the author of objects in the bundle (created_by_ref), not a record', false);
      continue;
    }
    planNamed(planning, o, 'actor', [...strings(o['aliases']), ...strings(o['x_fieldbook_aliases'])]);
  }
}

function planEvents(planning: StixPlanning, objects: StixObject[]): void {
  for (const o of objects) {
    if (o.type !== 'incident' || matchByUuid(planning, o, 'event', ['events'])) continue;
    if (!EVENT_TYPES.includes(o['x_fieldbook_event_type'] as EventType))
      skip(planning.plan, o, 'an incident without an ACLED event type (x_fieldbook_event_type), which every Fieldbook event needs');
    else planCreate(planning.plan, o, 'event', nameOf(o) ?? 'Incident');
  }
}

/** Relations from relationships between two actors (already planned), unless the store has the same one. */
function planRelations(planning: StixPlanning, objects: StixObject[]): void {
  const { db, plan } = planning;
  const actorTarget = (ref: unknown) => {
    const target = typeof ref === 'string' ? plan.targets.get(ref) : undefined;
    return target?.kind === 'actor' ? target : undefined;
  };
  for (const o of objects) {
    if (o.type !== 'relationship' || matchByUuid(planning, o, 'relation', ['relations'])) continue;
    const type = RELATIONSHIP_TYPES[String(o['relationship_type'])];
    const source = actorTarget(o['source_ref']);
    const target = actorTarget(o['target_ref']);
    if (!type) skip(plan, o, `"${String(o['relationship_type'])}" is not a relation Fieldbook records between actors`);
    else if (!source || !target) skip(plan, o, 'it does not link two actors');
    else if (sameTarget(source, target)) skip(plan, o, 'it links an actor to itself');
    else if ('id' in source && 'id' in target && relationExists(db, source.id, target.id, type)) {
      plan.matched.relations++;
      plan.skipped.push({ id: o.id, type: o.type, name: null, reason: 'the same relation is already in the store' });
    } else planCreate(plan, o, 'relation', `${source.name} ${type} ${target.name}`);
  }
}

/** Sources from reports; notes from notes (a note may be an evidence or a highlight a Fieldbook export wrote). */
function planSourcesAndNotes(planning: StixPlanning, objects: StixObject[]): void {
  for (const o of objects) {
    if (o.type !== 'report' || matchByUuid(planning, o, 'source', ['sources'])) continue;
    planCreate(planning.plan, o, 'source', nameOf(o) ?? 'STIX report');
  }
  for (const o of objects) {
    if (o.type !== 'note' || matchByUuid(planning, o, 'note', ['notes', 'evidence', 'annotations'])) continue;
    if (!text(o['content'])) skip(planning.plan, o, 'a note without content');
    else planCreate(planning.plan, o, 'note', noteTitle(o));
  }
}

const HANDLED = new Set(['threat-actor', 'intrusion-set', 'identity', 'location', 'incident', 'relationship', 'report', 'note']);

/** What importing the bundle would do; reads the store, writes nothing. */
export function planStix(db: Db, content: string): StixPlan {
  const bundle = parseStixBundle(content);
  const plan: StixPlan = {
    bundleId: bundle.id,
    objects: new Map(bundle.objects.map((o) => [o.id, o])),
    targets: new Map(),
    create: [],
    merge: [],
    matched: { actors: 0, places: 0, events: 0, relations: 0, sources: 0, notes: 0 },
    skipped: [],
    unmapped: [],
  };
  const planning: StixPlanning = {
    db,
    plan,
    byUuid: uuidIndexes(db),
    byName: { actor: nameIndex(db, 'actors'), place: nameIndex(db, 'places') },
    plannedByName: { actor: new Map(), place: new Map() },
  };
  // In this order: a relation or event refers to actors and places planned before it.
  planActors(planning, bundle.objects);
  for (const o of bundle.objects) if (o.type === 'location') planNamed(planning, o, 'place', []);
  planEvents(planning, bundle.objects);
  planRelations(planning, bundle.objects);
  planSourcesAndNotes(planning, bundle.objects);
  for (const o of bundle.objects) {
    if (HANDLED.has(o.type)) continue;
    const bookkeeping = o.type === 'marking-definition' || o.type === 'extension-definition' || o.type === 'language-content';
    skip(plan, o, `Fieldbook has no record for a STIX ${o.type}`, !bookkeeping);
  }
  // The note of what was not imported is made once per bundle: importing the bundle again finds it.
  if (db.prepare('SELECT 1 FROM notes WHERE uuid = ?').get(unmappedUuid(plan))) plan.unmapped = [];
  return plan;
}

const unmappedUuid = (plan: StixPlan) => derivedUuid(`stix-unmapped:${plan.bundleId}`);

const sameTarget = (a: Target, b: Target) =>
  'id' in a && 'id' in b ? a.id === b.id : 'planned' in a && 'planned' in b && a.planned === b.planned;

function relationExists(db: Db, sourceId: number, targetId: number, type: RelationType): boolean {
  return (
    db.prepare('SELECT 1 FROM relations WHERE source_id = ? AND target_id = ? AND type = ?').get(sourceId, targetId, type) !== undefined
  );
}

function noteTitle(o: StixObject): string {
  const title = text(o['abstract']) ?? text(o['content'])!.split('\n', 1)[0]!;
  return title.length > 120 ? `${title.slice(0, 119)}…` : title;
}

export function summariseStix(plan: StixPlan): StixSummary {
  const zero = () => ({ actors: 0, places: 0, events: 0, relations: 0, sources: 0, notes: 0 });
  const created = zero();
  const names: Record<StixPlural, string[]> = { actors: [], places: [], events: [], relations: [], sources: [], notes: [] };
  for (const p of plan.create) {
    created[PLURAL[p.kind]]++;
    names[PLURAL[p.kind]].push(p.name);
  }
  if (plan.unmapped.length) {
    created.notes++;
    names.notes.push(unmappedTitle(plan));
  }
  return { created, matched: plan.matched, merged: plan.merge, skipped: plan.skipped, names };
}

const unmappedTitle = (plan: StixPlan) => `Not imported from STIX ${plan.bundleId}`;

/** An EDTF day from a STIX timestamp. */
const dayOf = (value: unknown): string | null =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
const validEdtf = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  try {
    return parseEdtf(value).edtf;
  } catch {
    return null;
  }
};

function describe(o: StixObject, base: string): string {
  const more = extras(o);
  const origin = `From STIX ${o.id}${more ? `: ${more}` : ''}`;
  return base ? `${base}\n\n${origin}` : origin;
}

function actorKind(o: StixObject): ActorKind {
  if (ACTOR_KINDS.includes(o['x_fieldbook_kind'] as ActorKind)) return o['x_fieldbook_kind'] as ActorKind;
  if (o.type === 'identity') {
    const byClass: Record<string, ActorKind> = {
      individual: 'person',
      group: 'community',
      class: 'community',
      organization: 'organization',
    };
    return byClass[String(o['identity_class'])] ?? 'organization';
  }
  if (o.type === 'threat-actor' && strings(o['threat_actor_types']).includes('nation-state')) return 'armed forces';
  return 'armed group';
}

function placeKind(o: StixObject): PlaceKind {
  if (PLACE_KINDS.includes(o['x_fieldbook_kind'] as PlaceKind)) return o['x_fieldbook_kind'] as PlaceKind;
  if (text(o['city'])) return 'city';
  if (typeof o['latitude'] === 'number') return 'site';
  if (text(o['country']) && !text(o['region']) && !text(o['name'])) return 'country';
  return 'region';
}

/** A paragraph of text and mentions. */
function paragraph(...parts: (string | { kind: Kind; id: number; name: string })[]): DocNode {
  const content = parts
    .filter((p) => p !== '')
    .map((p) =>
      typeof p === 'string' ? { type: 'text', text: p } : { type: 'mention', attrs: { kind: p.kind, id: p.id, label: p.name } },
    );
  return { type: 'paragraph', ...(content.length ? { content } : {}) } as DocNode;
}

/** A planned record resolved to its id (made earlier in this import, or in the store already). */
type Resolved = { kind: Kind; id: number; name: string };

/** Carrying out a plan: the store, the plan, and the ids of the records made so far, by STIX id. */
interface Applying {
  db: Db;
  plan: StixPlan;
  ids: Map<string, number>;
}

function resolve({ plan, ids }: Applying, ref: unknown): Resolved | undefined {
  const target = typeof ref === 'string' ? plan.targets.get(ref) : undefined;
  if (!target) return undefined;
  if ('id' in target) return target;
  const id = ids.get(target.planned);
  return id === undefined ? undefined : { kind: target.kind, id, name: target.name };
}

/** An object of the bundle in words, for a reference that is no record. */
function label(plan: StixPlan, ref: string): string {
  const o = plan.objects.get(ref);
  const name = o ? nameOf(o) : null;
  return name ? `${o!.type} “${name}” (${ref})` : ref;
}

/** Kinds a note can mention; a relation is named in words instead. */
const MENTIONABLE: ReadonlySet<Kind> = new Set<Kind>(['actor', 'place', 'event', 'source', 'note']);

/** References as a paragraph's parts: a mention for each record a note can mention, the object in words otherwise. */
function refParts(applying: Applying, refs: string[]): (string | Resolved)[] {
  return refs.flatMap((ref, i) => {
    const target = resolve(applying, ref);
    const part = target && MENTIONABLE.has(target.kind) ? target : target ? `relation “${target.name}”` : label(applying.plan, ref);
    return [i ? ', ' : '', part];
  });
}

/** Gives the record the object's UUID, unless another record has it. */
function setUuid(db: Db, table: string, id: number, uuid: string): void {
  if (!db.prepare(`SELECT 1 FROM ${table} WHERE uuid = ?`).get(uuid)) db.prepare(`UPDATE ${table} SET uuid = ? WHERE id = ?`).run(uuid, id);
}

const countryOf = (value: unknown) => {
  const country = text(value);
  return country && /^[A-Z]{2}$/i.test(country) ? country.toUpperCase() : null;
};

function actorFrom({ db }: Applying, { object: o, name }: Planned): number {
  const aliases = [...strings(o['aliases']), ...strings(o['x_fieldbook_aliases'])].map((alias) => ({
    name: alias,
    kind: 'alias' as const,
  }));
  return createActor(db, {
    name,
    kind: actorKind(o),
    description: describe(o, text(o['description']) ?? ''),
    country: countryOf(o['x_fieldbook_country']),
    aliases,
  }).id;
}

function placeFrom({ db }: Applying, { object: o, name }: Planned): number {
  const lat = typeof o['latitude'] === 'number' ? o['latitude'] : null;
  const lon = typeof o['longitude'] === 'number' ? o['longitude'] : null;
  const meters = typeof o['precision'] === 'number' ? o['precision'] : null;
  return createPlace(db, {
    name,
    kind: placeKind(o),
    description: describe(o, text(o['description']) ?? ''),
    country: countryOf(o['country']),
    lat: lat !== null && lon !== null ? lat : null,
    lon: lat !== null && lon !== null ? lon : null,
    precision: meters === null || lat === null ? null : meters <= 5_000 ? 1 : meters <= 25_000 ? 2 : 3,
    aliases: [],
  }).id;
}

function eventFrom(applying: Applying, { object: o, name }: Planned): number {
  const place = resolve(applying, o['x_fieldbook_location_ref']);
  const participants = (Array.isArray(o['x_fieldbook_participants']) ? o['x_fieldbook_participants'] : []).flatMap((entry) => {
    const { actor_ref: ref, role } = entry as { actor_ref?: unknown; role?: unknown };
    const actor = resolve(applying, ref);
    return actor?.kind === 'actor' && PARTICIPANT_ROLES.includes(role as ParticipantRole)
      ? [{ actorId: actor.id, role: role as ParticipantRole }]
      : [];
  });
  return createEvent(applying.db, {
    title: name,
    date: validEdtf(o['x_fieldbook_date']),
    type: o['x_fieldbook_event_type'] as EventType,
    subType: text(o['x_fieldbook_sub_event_type']),
    placeId: place?.kind === 'place' ? place.id : null,
    fatalities: Number.isSafeInteger(o['x_fieldbook_fatalities']) ? (o['x_fieldbook_fatalities'] as number) : null,
    summary: describe(o, text(o['description']) ?? ''),
    participants,
  }).id;
}

function relationFrom(applying: Applying, { object: o }: Planned): number {
  const start = validEdtf(o['x_fieldbook_start']) ?? dayOf(o['start_time']);
  const end = validEdtf(o['x_fieldbook_end']) ?? dayOf(o['stop_time']);
  return createRelation(applying.db, {
    sourceId: resolve(applying, o['source_ref'])!.id,
    targetId: resolve(applying, o['target_ref'])!.id,
    type: RELATIONSHIP_TYPES[String(o['relationship_type'])]!,
    start,
    end: start && end && end < start ? null : end,
    description: describe(o, text(o['description']) ?? ''),
  }).id;
}

function sourceFrom(applying: Applying, { object: o, name }: Planned): number {
  const refs = strings(o['object_refs']);
  const links = (Array.isArray(o['external_references']) ? o['external_references'] : []) as {
    url?: unknown;
    source_name?: unknown;
  }[];
  const url = links.map((l) => text(l.url)).find((u) => u !== null && /^https?:\/\//.test(u)) ?? null;
  const published = validEdtf(o['x_fieldbook_published']) ?? dayOf(o['published']);
  const reliability = RELIABILITY_GRADES.includes(o['x_fieldbook_reliability'] as Reliability)
    ? (o['x_fieldbook_reliability'] as Reliability)
    : 'F';
  const about = refs.map((ref) => resolve(applying, ref)?.name ?? label(applying.plan, ref)).join(', ');
  return createSource(applying.db, {
    title: name,
    // A report carries no document text: the source holds what the report says of itself, and its id keeps it unique.
    text: [name, text(o['description']), about ? `About: ${about}` : null, `STIX ${o.id}`].filter(Boolean).join('\n\n'),
    author: text(o['x_fieldbook_author']),
    publisher: text(o['x_fieldbook_publisher']),
    published,
    language: text(o['x_fieldbook_language']) ?? text(o['lang']),
    url,
    reliability,
    note: describe(o, ''),
  }).id;
}

function noteFrom(applying: Applying, { object: o, name }: Planned): number {
  const refs = strings(o['object_refs']);
  const body: DocNode = {
    type: 'doc',
    content: [
      ...text(o['content'])!
        .split(/\n\s*\n/)
        .map((para) => paragraph(para.trim())),
      ...(refs.length ? [paragraph('About: ', ...refParts(applying, refs))] : []),
      paragraph(describe(o, '')),
    ],
  } as DocNode;
  return createNote(applying.db, { title: name, body }).id;
}

/** How each kind of record is made from its object, in the order they are made (a later kind refers to earlier ones). */
const MAKE: [Kind, (applying: Applying, planned: Planned) => number][] = [
  ['actor', actorFrom],
  ['place', placeFrom],
  ['event', eventFrom],
  ['relation', relationFrom],
  ['source', sourceFrom],
  ['note', noteFrom],
];

/** The note of the objects that map to no record, mentioning the records they refer to. */
function writeUnmappedNote(applying: Applying): void {
  const { db, plan } = applying;
  const lines = plan.unmapped.map((u) => {
    const o = plan.objects.get(u.id)!;
    const links = [o['source_ref'], o['target_ref'], ...strings(o['object_refs'])].filter((r): r is string => typeof r === 'string');
    const mentioned = links.length ? [' · ', ...refParts(applying, links)] : [];
    return paragraph(`${label(plan, u.id)}: ${u.reason}`, ...mentioned, extras(o) ? ` (${extras(o)})` : '');
  });
  const note = createNote(db, {
    title: unmappedTitle(plan),
    body: {
      type: 'doc',
      content: [paragraph(`What this bundle holds that Fieldbook has no record for, kept here with the records it concerns.`), ...lines],
    } as DocNode,
  });
  setUuid(db, 'notes', note.id, unmappedUuid(plan));
}

/** Carries out the plan; the caller runs it in one transaction. */
export function applyStix(db: Db, plan: StixPlan): StixSummary {
  const applying: Applying = { db, plan, ids: new Map() };
  for (const [kind, make] of MAKE)
    for (const p of plan.create.filter((c) => c.kind === kind)) {
      const id = make(applying, p);
      applying.ids.set(p.stixId, id);
      setUuid(db, PLURAL[kind], id, p.uuid);
    }
  for (const m of plan.merge) {
    for (const alias of m.aliases) addAlias(db, m.kind, m.id, m.name, { name: alias, kind: 'alias' });
  }
  if (plan.unmapped.length) writeUnmappedNote(applying);
  return summariseStix(plan);
}
