// The store as a STIX 2.1 bundle (OASIS STIX 2.1, section 2 and 4-5).
// Every object's id is a UUIDv5 of its record's UUID, so the same record gets
// the same STIX id in every export; created/modified come from the store; one
// identity (the analyst) is every object's created_by_ref.
//
// Mapping (README, Exchange formats):
// - actors: armed forces and armed groups -> threat-actor; coalitions ->
//   intrusion-set; states, organizations, communities and persons -> identity
//   (identity has no `aliases` property: x_fieldbook_aliases instead);
// - places -> location; events -> incident, with what STIX has no property
//   for in x_fieldbook_* properties (EDTF date and its bounds, ACLED event
//   type, fatalities, place and participants as refs);
// - relations -> relationship; sources -> report, whose object_refs are the
//   records its evidence and highlights support;
// - evidence, highlights and notes -> note; an evidence's Admiralty
//   credibility (1-6) -> confidence by STIX's own Admiralty scale (Appendix A).
import type { Db } from '../store/db.ts';
import { derivedUuid } from '../uuid.ts';
import type { ActorKind } from '../shared/vocabulary.ts';
import type { StixBundle, StixObject } from '../shared/exchange-results.ts';

/** STIX 2.1 Appendix A, Admiralty credibility -> confidence; 6 (cannot be judged) has none. */
export const ADMIRALTY_CONFIDENCE: Record<number, number | undefined> = { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: undefined };

const ACTOR_TYPE: Record<ActorKind, 'threat-actor' | 'intrusion-set' | 'identity'> = {
  'armed forces': 'threat-actor',
  'armed group': 'threat-actor',
  coalition: 'intrusion-set',
  state: 'identity',
  organization: 'identity',
  community: 'identity',
  person: 'identity',
};
const IDENTITY_CLASS: Partial<Record<ActorKind, string>> = {
  state: 'organization',
  organization: 'organization',
  community: 'group',
  person: 'individual',
};
/** Where a place is known only to a precision, roughly how far off its coordinates may be (ACLED geo_precision 1-3). */
const PRECISION_METERS: Record<number, number> = { 1: 5_000, 2: 25_000, 3: 100_000 };

const stixId = (type: string, uuid: string) => `${type}--${derivedUuid(uuid)}`;
/** A STIX timestamp (RFC 3339, UTC, Z) from a store stamp or an ISO day. */
const timestamp = (value: string) => (value.length === 10 ? `${value}T00:00:00.000Z` : new Date(value).toISOString());
const latest = (a: string, b: string) => (a > b ? a : b);

interface Named {
  id: number;
  uuid: string;
  created_at: string;
  updated_at: string;
}

type ActorRow = Named & { name: string; kind: ActorKind; description: string; country: string | null };
type PlaceRow = Named & {
  name: string;
  kind: string;
  description: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  precision: number | null;
};
type EventRow = Named & {
  title: string;
  date: string | null;
  date_min: string | null;
  date_max: string | null;
  type: string;
  sub_type: string | null;
  place_id: number | null;
  fatalities: number | null;
  summary: string;
};
type RelationRow = Named & {
  source_id: number;
  target_id: number;
  type: string;
  start: string | null;
  start_min: string | null;
  end: string | null;
  end_max: string | null;
  description: string;
};
type EvidenceRow = Named & {
  source_id: number;
  actor_id: number | null;
  place_id: number | null;
  event_id: number | null;
  relation_id: number | null;
  field: string | null;
  quote: string;
  credibility: number;
  comment: string;
};
type AnnotationRow = Named & { source_id: number; quote: string; comment: string; color: string };
type SourceRow = Named & {
  title: string;
  author: string | null;
  publisher: string | null;
  published_min: string | null;
  published: string | null;
  url: string | null;
  reliability: string;
  note: string;
  language: string | null;
};
type NoteRow = Named & { title: string; text: string };
type SubjectColumns = { actor_id: number | null; place_id: number | null; event_id: number | null; relation_id?: number | null };

/** A bundle being written: its objects so far, the analyst's identity, and the STIX id of each record written, by kind. */
interface StixExport {
  db: Db;
  identity: string;
  objects: StixObject[];
  refs: Record<'actor' | 'place' | 'event' | 'relation' | 'source', Map<number, string>>;
}

/** The properties every object of a record has. */
function common({ identity }: StixExport, type: string, row: Named) {
  return {
    type,
    spec_version: '2.1',
    id: stixId(type, row.uuid),
    created_by_ref: identity,
    created: timestamp(row.created_at),
    modified: timestamp(latest(row.updated_at, row.created_at)),
  };
}

/** The identity of the analyst, dated from the store's first actor. */
function analystObject(db: Db, identity: string, analystName: string): StixObject {
  const stampOf = db.prepare('SELECT min(created_at) AS created, max(updated_at) AS modified FROM actors').get() as {
    created: string | null;
    modified: string | null;
  };
  const firstStamp = timestamp(stampOf.created ?? new Date().toISOString());
  return {
    type: 'identity',
    spec_version: '2.1',
    id: identity,
    created: firstStamp,
    modified: firstStamp,
    name: analystName,
    identity_class: 'individual',
  };
}

function exportActors(bundle: StixExport): void {
  const { db } = bundle;
  const aliases = new Map<number, string[]>();
  for (const a of db.prepare('SELECT actor_id, name FROM actor_aliases ORDER BY id').all() as { actor_id: number; name: string }[])
    aliases.set(a.actor_id, [...(aliases.get(a.actor_id) ?? []), a.name]);
  for (const a of db.prepare('SELECT * FROM actors WHERE deleted_at IS NULL ORDER BY id').all() as ActorRow[]) {
    const type = ACTOR_TYPE[a.kind];
    const object: StixObject = { ...common(bundle, type, a), name: a.name, ...(a.description ? { description: a.description } : {}) };
    const names = aliases.get(a.id) ?? [];
    if (type === 'identity') {
      object['identity_class'] = IDENTITY_CLASS[a.kind] ?? 'unknown';
      if (names.length) object['x_fieldbook_aliases'] = names;
    } else if (names.length) object['aliases'] = names;
    if (type === 'threat-actor') object['threat_actor_types'] = [a.kind === 'armed forces' ? 'nation-state' : 'unknown'];
    object['x_fieldbook_kind'] = a.kind;
    if (a.country) object['x_fieldbook_country'] = a.country;
    bundle.refs.actor.set(a.id, object.id);
    bundle.objects.push(object);
  }
}

function exportPlaces(bundle: StixExport): void {
  for (const p of bundle.db.prepare('SELECT * FROM places WHERE deleted_at IS NULL ORDER BY id').all() as PlaceRow[]) {
    const object: StixObject = { ...common(bundle, 'location', p), name: p.name, ...(p.description ? { description: p.description } : {}) };
    if (p.lat !== null && p.lon !== null) {
      object['latitude'] = p.lat;
      object['longitude'] = p.lon;
      if (p.precision !== null) object['precision'] = PRECISION_METERS[p.precision];
    }
    if (p.country) object['country'] = p.country;
    if (p.lat === null && !p.country) object['region'] = 'unknown';
    object['x_fieldbook_kind'] = p.kind;
    bundle.refs.place.set(p.id, object.id);
    bundle.objects.push(object);
  }
}

function exportEvents(bundle: StixExport): void {
  const { db, refs } = bundle;
  const participants = db.prepare('SELECT actor_id, role FROM event_participants WHERE event_id = ? ORDER BY role, actor_id');
  for (const e of db.prepare('SELECT * FROM events WHERE deleted_at IS NULL ORDER BY id').all() as EventRow[]) {
    const object: StixObject = { ...common(bundle, 'incident', e), name: e.title, ...(e.summary ? { description: e.summary } : {}) };
    if (e.date !== null) object['x_fieldbook_date'] = e.date;
    if (e.date_min !== null) object['x_fieldbook_date_earliest'] = timestamp(e.date_min);
    if (e.date_max !== null) object['x_fieldbook_date_latest'] = timestamp(e.date_max);
    object['x_fieldbook_event_type'] = e.type;
    if (e.sub_type) object['x_fieldbook_sub_event_type'] = e.sub_type;
    if (e.fatalities !== null) object['x_fieldbook_fatalities'] = e.fatalities;
    const place = e.place_id === null ? undefined : refs.place.get(e.place_id);
    if (place) object['x_fieldbook_location_ref'] = place;
    const roles = (participants.all(e.id) as { actor_id: number; role: string }[]).flatMap((p) => {
      const ref = refs.actor.get(p.actor_id);
      return ref ? [{ actor_ref: ref, role: p.role }] : [];
    });
    if (roles.length) object['x_fieldbook_participants'] = roles;
    refs.event.set(e.id, object.id);
    bundle.objects.push(object);
  }
}

/** Relations between live actors. */
function exportRelations(bundle: StixExport): void {
  const { refs } = bundle;
  for (const r of bundle.db.prepare('SELECT * FROM relations ORDER BY id').all() as RelationRow[]) {
    const source = refs.actor.get(r.source_id);
    const target = refs.actor.get(r.target_id);
    if (!source || !target) continue;
    const object: StixObject = {
      ...common(bundle, 'relationship', r),
      relationship_type: r.type.replace(/ /g, '-'),
      source_ref: source,
      target_ref: target,
    };
    if (r.description) object['description'] = r.description;
    if (r.start_min) object['start_time'] = timestamp(r.start_min);
    // stop_time must come after start_time; the EDTF end is kept exactly in x_fieldbook_end.
    if (r.end_max && (!r.start_min || r.end_max > r.start_min)) object['stop_time'] = `${r.end_max}T23:59:59.999Z`;
    if (r.start) object['x_fieldbook_start'] = r.start;
    if (r.end) object['x_fieldbook_end'] = r.end;
    refs.relation.set(r.id, object.id);
    bundle.objects.push(object);
  }
}

/** The STIX id of the record a claim or link is about (undefined when that record is not in the bundle). */
function subjectRef({ refs }: StixExport, row: SubjectColumns): string | undefined {
  return row.actor_id !== null
    ? refs.actor.get(row.actor_id)
    : row.place_id !== null
      ? refs.place.get(row.place_id)
      : row.event_id !== null
        ? refs.event.get(row.event_id)
        : row.relation_id != null
          ? refs.relation.get(row.relation_id)
          : undefined;
}

/** Evidence and highlights, with the records each source supports (its report's object_refs) and each highlight's links. */
function claims(bundle: StixExport) {
  const { db } = bundle;
  const evidence = db.prepare('SELECT *, created_at AS updated_at FROM evidence ORDER BY id').all() as EvidenceRow[];
  const annotations = db.prepare('SELECT * FROM annotations ORDER BY id').all() as AnnotationRow[];
  const links = db.prepare('SELECT actor_id, place_id, event_id FROM annotation_links WHERE annotation_id = ? ORDER BY rowid');
  const supported = new Map<number, Set<string>>();
  const support = (sourceId: number, ref: string | undefined) => {
    if (ref) supported.set(sourceId, (supported.get(sourceId) ?? new Set()).add(ref));
  };
  for (const e of evidence) support(e.source_id, subjectRef(bundle, e));
  const annotationLinks = new Map(
    annotations.map((a) => [
      a.id,
      (links.all(a.id) as { actor_id: number | null; place_id: number | null; event_id: number | null }[])
        .map((row) => subjectRef(bundle, row))
        .filter((r): r is string => r !== undefined),
    ]),
  );
  for (const a of annotations) for (const ref of annotationLinks.get(a.id) ?? []) support(a.source_id, ref);
  return { evidence, annotations, annotationLinks, supported };
}

function exportSources(bundle: StixExport, supported: Map<number, Set<string>>): void {
  for (const s of bundle.db.prepare('SELECT * FROM sources WHERE deleted_at IS NULL ORDER BY id').all() as SourceRow[]) {
    const object: StixObject = {
      ...common(bundle, 'report', s),
      name: s.title,
      published: timestamp(s.published_min ?? s.created_at),
      report_types: ['threat-report'],
      object_refs: [...(supported.get(s.id) ?? [bundle.identity])],
      x_fieldbook_reliability: s.reliability,
    };
    if (s.note) object['description'] = s.note;
    if (s.published) object['x_fieldbook_published'] = s.published;
    if (s.author) object['x_fieldbook_author'] = s.author;
    if (s.publisher) object['x_fieldbook_publisher'] = s.publisher;
    if (s.language) object['x_fieldbook_language'] = s.language;
    if (s.url) object['external_references'] = [{ source_name: s.publisher ?? 'source', url: s.url }];
    bundle.refs.source.set(s.id, object.id);
    bundle.objects.push(object);
  }
}

/** Each evidence as a note on its record and its source's report, then each highlight as a note on the report. */
function exportClaims(bundle: StixExport, { evidence, annotations, annotationLinks }: ReturnType<typeof claims>): void {
  const { refs, objects } = bundle;
  for (const e of evidence) {
    const report = refs.source.get(e.source_id);
    const subject = subjectRef(bundle, e);
    if (!report || !subject) continue;
    const confidence = ADMIRALTY_CONFIDENCE[e.credibility];
    objects.push({
      ...common(bundle, 'note', e),
      content: e.quote,
      ...(e.comment ? { abstract: e.comment } : {}),
      object_refs: [subject, report],
      ...(confidence === undefined ? {} : { confidence }),
      x_fieldbook_credibility: e.credibility,
      ...(e.field ? { x_fieldbook_field: e.field } : {}),
    });
  }
  for (const a of annotations) {
    const report = refs.source.get(a.source_id);
    if (!report) continue;
    objects.push({
      ...common(bundle, 'note', a),
      content: a.comment ? `${a.quote}\n\n${a.comment}` : a.quote,
      object_refs: [report, ...(annotationLinks.get(a.id) ?? [])],
      x_fieldbook_quote: a.quote,
      x_fieldbook_color: a.color,
    });
  }
}

/** Notes, with refs to what they mention. */
function exportNotes(bundle: StixExport): void {
  const { db, refs } = bundle;
  const noteLinks = db.prepare('SELECT actor_id, place_id, event_id, source_id FROM note_links WHERE note_id = ? ORDER BY position');
  for (const n of db.prepare('SELECT * FROM notes WHERE deleted_at IS NULL ORDER BY id').all() as NoteRow[]) {
    const linked = (
      noteLinks.all(n.id) as { actor_id: number | null; place_id: number | null; event_id: number | null; source_id: number | null }[]
    )
      .map((l) => (l.source_id !== null ? refs.source.get(l.source_id) : subjectRef(bundle, l)))
      .filter((r): r is string => r !== undefined);
    bundle.objects.push({
      ...common(bundle, 'note', n),
      ...(n.title ? { abstract: n.title } : {}),
      content: n.text || n.title || '(empty note)',
      object_refs: [...new Set(linked.length ? linked : [bundle.identity])],
    });
  }
}

export function exportStix(db: Db, options: { analyst?: string } = {}): StixBundle {
  const analystName = options.analyst ?? 'Fieldbook analyst';
  const identity = `identity--${derivedUuid(`fieldbook-analyst:${analystName}`)}`;
  const bundle: StixExport = {
    db,
    identity,
    objects: [analystObject(db, identity, analystName)],
    refs: { actor: new Map(), place: new Map(), event: new Map(), relation: new Map(), source: new Map() },
  };
  // In this order: each kind refers to records of the kinds written before it.
  exportActors(bundle);
  exportPlaces(bundle);
  exportEvents(bundle);
  exportRelations(bundle);
  const gathered = claims(bundle);
  exportSources(bundle, gathered.supported);
  exportClaims(bundle, gathered);
  exportNotes(bundle);
  const { objects } = bundle;
  return {
    type: 'bundle',
    id: `bundle--${derivedUuid(
      `bundle:${identity}:${objects.length}:${objects
        .map((o) => o['modified'])
        .sort()
        .at(-1)}`,
    )}`,
    objects,
  };
}
