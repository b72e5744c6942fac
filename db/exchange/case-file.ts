// The case file: one self-contained, versioned JSON file holding a whole
// store (source texts, highlights, evidence, notes, aliases, relations,
// participants, the merge log, the trash). Rows keep their ids, so the merge
// log's references stay true; restoring goes into an empty store only, where
// every id is free, and gives the same store record for record. Full-text
// indexes and the search vocabulary are derived, so they are rebuilt, not
// carried.
import { z } from 'zod';
import { ApiError } from '../shared/errors.ts';
import { now } from '../repo/common.ts';
import { codePoints } from '../search/source-chunks.ts';
import { rebuildIndexes } from '../search/indexer.ts';
import { SWEEP_KEY } from '../search/vocabulary-sweep.ts';
import { LATEST_VERSION } from '../store/migrations.ts';
import type { Db } from '../store/db.ts';
import {
  ACTOR_KINDS,
  ALIAS_KINDS,
  EVENT_TYPES,
  HIGHLIGHT_COLORS,
  PARTICIPANT_ROLES,
  PLACE_KINDS,
  RELATION_TYPES,
  RELIABILITY_GRADES,
} from '../shared/vocabulary.ts';

import { CASE_FILE_FORMAT } from '../shared/exchange-kind.ts';
import { CASE_TABLES, type CaseCounts, type CasePreview, type CaseTable } from '../shared/exchange-results.ts';

export { CASE_FILE_FORMAT };
/** Raise when the shape of `tables` changes; a reader refuses a newer version. */
export const CASE_FILE_VERSION = 1;

const id = z.number().int().positive();
const ref = id.nullable();
const text = z.string();
const optText = z.string().nullable();
const stamp = z.string().min(1);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lowercase UUID');
const rowid = { _rowid: id };
const int = z.number().int();

/** Every table the case file carries, in an order where each row's references come first. */
const TABLES = {
  sources: z.strictObject({
    id,
    uuid,
    seed_key: optText,
    title: text,
    author: optText,
    publisher: optText,
    published: optText,
    published_min: optText,
    published_max: optText,
    language: optText,
    url: optText,
    reliability: z.enum(RELIABILITY_GRADES),
    note: text,
    body: text,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    created_at: stamp,
    updated_at: stamp,
    deleted_at: optText,
  }),
  actors: z.strictObject({
    id,
    uuid,
    seed_key: optText,
    name: text,
    kind: z.enum(ACTOR_KINDS),
    description: text,
    country: optText,
    created_at: stamp,
    updated_at: stamp,
    deleted_at: optText,
  }),
  actor_aliases: z.strictObject({ id, actor_id: id, name: text, kind: z.enum(ALIAS_KINDS) }),
  places: z.strictObject({
    id,
    uuid,
    seed_key: optText,
    name: text,
    kind: z.enum(PLACE_KINDS),
    description: text,
    country: optText,
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    precision: int.nullable(),
    created_at: stamp,
    updated_at: stamp,
    deleted_at: optText,
  }),
  place_aliases: z.strictObject({ id, place_id: id, name: text, kind: z.enum(ALIAS_KINDS) }),
  events: z.strictObject({
    id,
    uuid,
    seed_key: optText,
    title: text,
    date: optText,
    date_min: optText,
    date_max: optText,
    type: z.enum(EVENT_TYPES),
    sub_type: optText,
    place_id: ref,
    fatalities: int.nullable(),
    summary: text,
    created_at: stamp,
    updated_at: stamp,
    deleted_at: optText,
  }),
  event_participants: z.strictObject({ ...rowid, event_id: id, actor_id: id, role: z.enum(PARTICIPANT_ROLES) }),
  relations: z.strictObject({
    id,
    uuid,
    seed_key: optText,
    source_id: id,
    target_id: id,
    type: z.enum(RELATION_TYPES),
    start: optText,
    start_min: optText,
    end: optText,
    end_max: optText,
    description: text,
    created_at: stamp,
    updated_at: stamp,
  }),
  evidence: z.strictObject({
    id,
    uuid,
    source_id: id,
    actor_id: ref,
    place_id: ref,
    event_id: ref,
    relation_id: ref,
    field: optText,
    quote: text,
    prefix: text,
    suffix: text,
    start: int,
    end: int,
    credibility: int,
    comment: text,
    created_at: stamp,
    orphaned_at: optText,
  }),
  annotations: z.strictObject({
    id,
    uuid,
    source_id: id,
    quote: text,
    prefix: text,
    suffix: text,
    start: int,
    end: int,
    comment: text,
    color: z.enum(HIGHLIGHT_COLORS),
    created_at: stamp,
    updated_at: stamp,
    orphaned_at: optText,
  }),
  annotation_links: z.strictObject({ ...rowid, annotation_id: id, actor_id: ref, place_id: ref, event_id: ref }),
  notes: z.strictObject({ id, uuid, title: text, body: text, text, created_at: stamp, updated_at: stamp, deleted_at: optText }),
  note_links: z.strictObject({
    ...rowid,
    note_id: id,
    position: int,
    actor_id: ref,
    place_id: ref,
    event_id: ref,
    source_id: ref,
    annotation_id: ref,
    target_note_id: ref,
    context: text,
  }),
  note_tags: z.strictObject({ ...rowid, note_id: id, tag: text }),
  merges: z.strictObject({
    id,
    kind: z.enum(['actor', 'place']),
    survivor_id: id,
    survivor_name: text,
    merged_id: id,
    merged_name: text,
    changes: text,
    created_at: stamp,
    undone_at: optText,
  }),
  seed_log: z.strictObject({ ...rowid, kind: text, key: text, applied_at: stamp }),
  meta: z.strictObject({ ...rowid, key: text, value: text }),
} as const satisfies Record<CaseTable, z.ZodObject>;

/** The store's own bookkeeping in meta that describes this file, not the case. */
const LOCAL_META = ['scrub_pending', SWEEP_KEY];

const tablesSchema = z.strictObject(
  Object.fromEntries(CASE_TABLES.map((t) => [t, z.array(TABLES[t])])) as { [T in CaseTable]: z.ZodArray<(typeof TABLES)[T]> },
);

export const caseFileSchema = z.strictObject({
  format: z.literal(CASE_FILE_FORMAT),
  version: z.literal(CASE_FILE_VERSION),
  /** The store schema (PRAGMA user_version) the file was written from. */
  storeVersion: int,
  exportedAt: stamp,
  tables: tablesSchema,
});
export type CaseFile = z.output<typeof caseFileSchema>;
type Row = Record<string, unknown>;

const hasIdColumn = (table: CaseTable) => 'id' in TABLES[table].shape;

/** The whole store as a case file. */
export function exportCaseFile(db: Db): CaseFile {
  const tables = {} as Record<CaseTable, Row[]>;
  for (const table of CASE_TABLES) {
    const columns = Object.keys(TABLES[table].shape)
      .filter((c) => c !== '_rowid')
      .map((c) => `"${c}"`);
    const select = hasIdColumn(table) ? columns.join(', ') : `rowid AS _rowid, ${columns.join(', ')}`;
    const where = table === 'meta' ? ` WHERE key NOT IN (${LOCAL_META.map(() => '?').join(', ')})` : '';
    tables[table] = db.prepare(`SELECT ${select} FROM ${table}${where} ORDER BY rowid`).all(...(where ? LOCAL_META : [])) as Row[];
  }
  return {
    format: CASE_FILE_FORMAT,
    version: CASE_FILE_VERSION,
    storeVersion: db.pragma('user_version', { simple: true }) as number,
    exportedAt: now(),
    tables: tables as CaseFile['tables'],
  };
}

function refuse(message: string): never {
  throw new ApiError('invalid_input', message, [{ path: 'file', message }]);
}

/** Whether `value` (parsed JSON) claims to be a case file, whatever its version: for recognising a file by its content. */
export function looksLikeCaseFile(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === CASE_FILE_FORMAT;
}

/** Reads a case file's text, refusing with a clear message what is not one Fieldbook can restore. */
export function parseCaseFile(content: string): CaseFile {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    refuse(`this is not a case file: it is not valid JSON (${(error as Error).message})`);
  }
  if (!looksLikeCaseFile(value)) refuse(`this is not a Fieldbook case file (it has no "format": "${CASE_FILE_FORMAT}")`);
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && version > CASE_FILE_VERSION) {
    refuse(
      `this case file was written by a newer Fieldbook (case file version ${version}; this one reads up to version ${CASE_FILE_VERSION}). Update Fieldbook to restore it.`,
    );
  }
  const parsed = caseFileSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    refuse(`this case file is damaged or incomplete, so nothing was restored (${first.join('; ')})`);
  }
  if (parsed.data.storeVersion > LATEST_VERSION) {
    refuse(
      `this case file comes from a newer store (schema ${parsed.data.storeVersion}; this Fieldbook knows up to ${LATEST_VERSION}). Update Fieldbook to restore it.`,
    );
  }
  return parsed.data;
}

/** Source texts' lengths counted before the transaction (countSourceChars), by row of the parsed file. */
const countedChars = new WeakMap<object, number>();

/**
 * Counts the characters of every source text in `file`, outside the write
 * lock (the API's prepare step): 0.3 s for a 45 MB text, which restoring
 * would otherwise spend holding it.
 */
export function countSourceChars(file: CaseFile): CaseFile {
  for (const row of file.tables.sources) countedChars.set(row, codePoints(row.body, 0, row.body.length));
  return file;
}

const RECORD_TABLES: CaseTable[] = ['sources', 'actors', 'places', 'events', 'relations', 'evidence', 'annotations', 'notes', 'merges'];

/** What makes the store not empty, in words; null when it is empty. */
function notEmpty(db: Db): string | null {
  const held = RECORD_TABLES.flatMap((t) => {
    const { n } = db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number };
    return n > 0 ? [`${n} ${t}`] : [];
  });
  return held.length
    ? `a case file restores a whole store, so it goes into an empty one, and this store holds ${held.join(', ')}. ` +
        'Import it into a new data folder instead (fieldbook import FILE --data NEW_FOLDER).'
    : null;
}

const countsOf = (file: CaseFile) => Object.fromEntries(CASE_TABLES.map((t) => [t, file.tables[t].length])) as CaseCounts;

/** What restoring would write, and whether it can; writes nothing. */
export function previewCaseFile(db: Db, file: CaseFile): CasePreview {
  return { counts: countsOf(file), exportedAt: file.exportedAt, blocked: notEmpty(db) };
}

/** Restores a case file into this (empty) store; the caller runs it in one transaction. */
export function restoreCaseFile(db: Db, file: CaseFile): { created: CaseCounts } {
  const blocked = notEmpty(db);
  if (blocked) refuse(blocked);
  // Seeding bookkeeping of an empty store gives way to the case file's.
  db.prepare('DELETE FROM seed_log').run();
  for (const table of CASE_TABLES) {
    const columns = Object.keys(TABLES[table].shape);
    const names = columns.map((c) => (c === '_rowid' ? 'rowid' : `"${c}"`));
    const upsert = table === 'meta' ? ' ON CONFLICT (key) DO UPDATE SET value = excluded.value' : '';
    // A source's length is kept beside its text (chars), counted here rather than read back from a long text.
    const counted = table === 'sources' ? ', chars' : '';
    const insert = db.prepare(
      `INSERT INTO ${table} (${names.join(', ')}${counted}) VALUES (${columns.map(() => '?').join(', ')}${counted && ', ?'})${upsert}`,
    );
    for (const row of file.tables[table] as Row[]) {
      const values = columns.map((c) => row[c]);
      if (counted) values.push(countedChars.get(row) ?? codePoints(row['body'] as string, 0, (row['body'] as string).length));
      insert.run(...values);
    }
  }
  // Long source texts are not read back here: marked pending, they are indexed a chunk at a time afterwards.
  rebuildIndexes(db);
  return { created: countsOf(file) };
}
