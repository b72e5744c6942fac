// What a merge of each kind of record touches: its table, its aliases, and
// the column that points at it from links, evidence and annotations.
import type { EntityKind } from '../vocabulary.ts';

export type MergeKind = Extract<EntityKind, 'actor' | 'place'>;

export interface MergeTables {
  table: 'actors' | 'places';
  aliasTable: 'actor_aliases' | 'place_aliases';
  /** The column naming the record in aliases, note_links, evidence and annotation_links. */
  column: 'actor_id' | 'place_id';
}

export const MERGE_TABLES: Record<MergeKind, MergeTables> = {
  actor: { table: 'actors', aliasTable: 'actor_aliases', column: 'actor_id' },
  place: { table: 'places', aliasTable: 'place_aliases', column: 'place_id' },
};
