// What a merge of each kind of record touches: its table, its name column,
// its aliases (events have none), and the column that points at it from
// links, evidence and annotations.
import type { EntityKind } from '../shared/vocabulary.ts';

export type MergeKind = EntityKind;

export interface MergeTables {
  table: 'actors' | 'places' | 'events';
  /** The column holding the record's name. */
  name: 'name' | 'title';
  aliasTable: 'actor_aliases' | 'place_aliases' | null;
  /** The column naming the record in aliases, note_links, evidence and annotation_links. */
  column: 'actor_id' | 'place_id' | 'event_id';
}

export const MERGE_TABLES: Record<MergeKind, MergeTables> = {
  actor: { table: 'actors', name: 'name', aliasTable: 'actor_aliases', column: 'actor_id' },
  place: { table: 'places', name: 'name', aliasTable: 'place_aliases', column: 'place_id' },
  event: { table: 'events', name: 'title', aliasTable: null, column: 'event_id' },
};
