// Controlled vocabularies of the data model (see DESIGN.md, Data model).

export const ACTOR_KINDS = ['state', 'armed forces', 'armed group', 'organization', 'person', 'coalition', 'community'] as const;
export const ALIAS_KINDS = ['alias', 'acronym', 'other spelling', 'previous name', 'transliteration'] as const;
export const PLACE_KINDS = ['city', 'town', 'site', 'border', 'region', 'country', 'sea'] as const;
/** ACLED geo_precision: 1 the exact site, 2 near it or a small area, 3 only the wider region. */
export const GEO_PRECISIONS = [1, 2, 3] as const;
/** ACLED event_type. */
export const EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
] as const;
/** ACLED actor1/actor2 and their associates, plus a mediator for brokered agreements. */
export const PARTICIPANT_ROLES = ['actor1', 'assoc_actor1', 'actor2', 'assoc_actor2', 'mediator'] as const;
export const RELATION_TYPES = ['allied with', 'part of', 'rebranded as', 'fights', 'supports', 'commands'] as const;
/** NATO Admiralty code: source reliability A (completely reliable) to F (cannot be judged). */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
/** NATO Admiralty code: information credibility 1 (confirmed) to 6 (cannot be judged). */
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const ENTITY_KINDS = ['actor', 'place', 'event'] as const;
/** How the Notes list can be sorted: by last edit or creation (newest first), by title, by first tag. */
export const NOTE_SORTS = ['updated', 'created', 'title', 'tag'] as const;
export const LINK_TARGET_KINDS = ['actor', 'place', 'event', 'source', 'annotation', 'note'] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];
export type AliasKind = (typeof ALIAS_KINDS)[number];
export type PlaceKind = (typeof PLACE_KINDS)[number];
export type GeoPrecision = (typeof GEO_PRECISIONS)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export type RelationType = (typeof RELATION_TYPES)[number];
export type Reliability = (typeof RELIABILITY_GRADES)[number];
export type Credibility = (typeof CREDIBILITY_GRADES)[number];
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];
export type EntityKind = (typeof ENTITY_KINDS)[number];
export type NoteSort = (typeof NOTE_SORTS)[number];
export type LinkTargetKind = (typeof LINK_TARGET_KINDS)[number];
