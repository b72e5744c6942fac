// What the exchange methods (case file, ACLED, STIX, Markdown vault) return.

export interface AcledSummary {
  created: { events: number; actors: number; places: number };
  matched: { events: number; actors: number; places: number };
  skipped: { line: number; reason: string }[];
}

/** The tables a case file carries, in the order they are written back (parents before children). */
export const CASE_TABLES = [
  'sources',
  'actors',
  'actor_aliases',
  'places',
  'place_aliases',
  'events',
  'event_participants',
  'relations',
  'evidence',
  'annotations',
  'annotation_links',
  'notes',
  'note_links',
  'note_tags',
  'merges',
  'seed_log',
  'meta',
] as const;
export type CaseTable = (typeof CASE_TABLES)[number];

export type CaseCounts = Record<CaseTable, number>;

export interface CasePreview {
  counts: CaseCounts;
  exportedAt: string;
  /** Why the store cannot take this case file now; null when it can. */
  blocked: string | null;
}

export type ImportFormat = 'case' | 'acled' | 'stix';

export interface ImportRecord {
  id: number;
  format: ImportFormat;
  fileName: string | null;
  createdAt: string;
  undoneAt: string | null;
  /** Rows the import added, by table. */
  counts: Record<string, number>;
}

export interface VaultFile {
  /** A relative path with / separators, e.g. "Actors/Africa Corps.md". */
  path: string;
  content: string;
}

/** The record kinds a STIX bundle counts, as plurals. */
export type StixPlural = 'actors' | 'places' | 'events' | 'relations' | 'sources' | 'notes';

export interface StixSkip {
  id: string;
  type: string;
  name: string | null;
  reason: string;
}

export interface StixSummary {
  created: Record<StixPlural, number>;
  matched: Record<StixPlural, number>;
  /** Records matched by name or alias that take new aliases from the bundle. */
  merged: { kind: 'actor' | 'place'; id: number; name: string; aliases: string[] }[];
  skipped: StixSkip[];
  /** What is created, by kind and name, for the preview. */
  names: Record<StixPlural, string[]>;
}

export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** A case file as exchange.case.export returns it: the whole store, table by table (db/exchange/case-file.ts checks each row). */
export interface CaseFileJson {
  format: 'fieldbook-case';
  version: 1;
  /** The store schema (PRAGMA user_version) the file was written from. */
  storeVersion: number;
  exportedAt: string;
  tables: Record<CaseTable, Record<string, unknown>[]>;
}
