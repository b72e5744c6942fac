// Undoing an exchange import (case file, ACLED CSV, STIX bundle) as a whole.
// An import runs in one transaction; the rows it added to the record tables
// are those past each table's last rowid before it ran, and each is logged
// with a digest of its content. Undo deletes exactly those rows, after
// checking that none was edited or deleted since and that nothing added later
// (evidence, a note's mention, a merge) hangs on them: if so it refuses, with
// the reason, and changes nothing.
import { createHash } from 'node:crypto';
import { ApiError, notFound } from '../shared/errors.ts';
import { now } from '../repo/common.ts';
import { forgetWordsOf, touched } from '../search/indexer.ts';
import { isLongSource } from '../search/source-index.ts';
import { SOURCE_INDEXING } from '../search/source-chunks.ts';
import { sweepVocabularyLater } from '../search/vocabulary-sweep.ts';
import type { Db } from '../store/db.ts';
import { markScrubPending } from '../store/scrub.ts';
import { CASE_TABLES, type CaseTable, type ImportFormat, type ImportRecord } from '../shared/exchange-results.ts';

/** The tables an import adds rows to, parents before children: undo deletes in the reverse order. */
type Tracked = Exclude<CaseTable, 'seed_log' | 'meta'>;
const TRACKED = CASE_TABLES.filter((t): t is Tracked => t !== 'seed_log' && t !== 'meta');

/** What each record table's row is called in a refusal, and its title column. */
const NAMED: Partial<Record<Tracked, { noun: string; title: string }>> = {
  sources: { noun: 'source', title: 'title' },
  actors: { noun: 'actor', title: 'name' },
  places: { noun: 'place', title: 'name' },
  events: { noun: 'event', title: 'title' },
  relations: { noun: 'relation', title: 'type' },
  notes: { noun: 'note', title: 'title' },
  evidence: { noun: 'evidence', title: 'quote' },
  annotations: { noun: 'highlight', title: 'quote' },
  actor_aliases: { noun: 'alias', title: 'name' },
  place_aliases: { noun: 'alias', title: 'name' },
};

type Created = Partial<Record<Tracked, [rowid: number, digest: string][]>>;

const digestOf = (row: unknown) => createHash('sha256').update(JSON.stringify(row)).digest('base64url').slice(0, 22);
/**
 * What a row's digest covers: every column, but a source's text through its
 * sha256 (which changes with it): reading and hashing a 45 MB text on import
 * and again on undo held each transaction for over a second. Digests logged
 * before hold the text itself: whyNot accepts those too (wholeRow).
 */
function digestColumns(db: Db, table: Tracked): string {
  if (table !== 'sources') return 'rowid AS _rowid, *';
  const columns = db.prepare('SELECT name FROM pragma_table_info(?) WHERE name <> ?').pluck().all(table, 'body') as string[];
  return `rowid AS _rowid, ${columns.map((c) => `"${c}"`).join(', ')}`;
}
const rowsAfter = (db: Db, table: Tracked, after: number) =>
  db.prepare(`SELECT ${digestColumns(db, table)} FROM ${table} WHERE rowid > ? ORDER BY rowid`).all(after) as ({
    _rowid: number;
  } & Record<string, unknown>)[];

/**
 * Runs `apply` (inside the caller's transaction) and logs every row it added,
 * so that exchange.undoImport can take the import back; returns its result
 * with `importId`, or null when it added nothing.
 */
export function logImport<R extends object>(
  db: Db,
  format: ImportFormat,
  fileName: string | undefined,
  apply: () => R,
): R & { importId: number | null } {
  const before = Object.fromEntries(
    TRACKED.map((t) => [t, (db.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM ${t}`).get() as { n: number }).n]),
  ) as Record<Tracked, number>;
  const result = apply();
  const created: Created = {};
  for (const table of TRACKED) {
    const rows = rowsAfter(db, table, before[table]);
    if (rows.length) created[table] = rows.map((row) => [row._rowid, digestOf(row)]);
  }
  if (Object.keys(created).length === 0) return { ...result, importId: null };
  const info = db
    .prepare('INSERT INTO exchange_imports (format, file_name, created, created_at) VALUES (?, ?, ?, ?)')
    .run(format, fileName ?? null, JSON.stringify(created), now());
  return { ...result, importId: Number(info.lastInsertRowid) };
}

function refuse(reason: string): never {
  throw new ApiError('conflict', `this import cannot be undone: ${reason}. Nothing was changed.`, [{ path: 'id', message: reason }]);
}

const describeRow = (db: Db, table: Tracked, rowid: number): string => {
  const named = NAMED[table];
  if (!named) return `a row of ${table}`;
  const row = db.prepare(`SELECT ${named.title} AS title FROM ${table} WHERE rowid = ?`).get(rowid) as { title: string } | undefined;
  const title = row ? String(row.title) : '';
  return `${named.noun} ${rowid}${title ? ` ("${title.length > 60 ? `${title.slice(0, 59)}…` : title}")` : ''}`;
};

/** Rows derived from a source (its search index, search/source-index.ts): not something built on it, and they go with it. */
const DERIVED_TABLES = new Set(['source_chunks', 'source_indexing']);

/** Why the import's rows cannot all be taken back now; null when they can. */
function whyNot(db: Db, created: Created): string | null {
  const ids = Object.fromEntries(Object.entries(created).map(([t, rows]) => [t, new Set(rows.map(([id]) => id))])) as Partial<
    Record<Tracked, Set<number>>
  >;
  for (const [table, rows] of Object.entries(created) as [Tracked, [number, string][]][]) {
    const select = db.prepare(`SELECT ${digestColumns(db, table)} FROM ${table} WHERE rowid = ?`);
    const wholeRow = db.prepare(`SELECT rowid AS _rowid, * FROM ${table} WHERE rowid = ?`);
    for (const [rowid, digest] of rows) {
      const row = select.get(rowid);
      if (!row) return `${NAMED[table]?.noun ?? 'a row'} ${rowid} it added is gone (deleted since)`;
      if (digestOf(row) !== digest && (table !== 'sources' || digestOf(wholeRow.get(rowid)) !== digest))
        return `${describeRow(db, table, rowid)} was edited since the import`;
    }
  }
  // Rows added since that refer to what the import added (a foreign key into one of its rows).
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    if (DERIVED_TABLES.has(name)) continue;
    const keys = db.prepare(`SELECT "table" AS parent, "from" AS col FROM pragma_foreign_key_list(?)`).all(name) as {
      parent: Tracked;
      col: string;
    }[];
    for (const { parent, col } of keys) {
      const parents = ids[parent];
      if (!parents?.size) continue;
      const own = ids[name as Tracked] ?? new Set<number>();
      const list = [...parents].join(',');
      const later = (
        db.prepare(`SELECT rowid AS id, "${col}" AS parent FROM "${name}" WHERE "${col}" IN (${list})`).all() as {
          id: number;
          parent: number;
        }[]
      ).find((r) => !own.has(r.id));
      if (later) return `${describeRow(db, parent, later.parent)} has ${name.replace(/_/g, ' ')} added since the import`;
    }
  }
  for (const kind of ['actor', 'place'] as const) {
    const added = ids[`${kind}s`];
    if (!added?.size) continue;
    const list = [...added].join(',');
    const merge = db
      .prepare(`SELECT id, survivor_name FROM merges WHERE kind = ? AND (survivor_id IN (${list}) OR merged_id IN (${list}))`)
      .get(kind) as { id: number; survivor_name: string } | undefined;
    if (merge && !ids.merges?.has(merge.id)) return `a ${kind} it added was merged since (into ${merge.survivor_name})`;
  }
  return null;
}

/**
 * Every text a deleted row held, for the search vocabulary to forget. A long
 * source text is not read here (45 MB: seconds to read and split into words
 * in the undo's transaction): its words are forgotten afterwards, by a sweep
 * of the vocabulary in short transactions (search/vocabulary-sweep.ts).
 */
const TEXTS: Partial<Record<Tracked, string>> = {
  sources: "title, CASE WHEN coalesce(chars, length(body)) > ? THEN '' ELSE body END", // ? = SOURCE_INDEXING.inlineChars
  actors: 'name, description',
  places: 'name, description',
  events: 'title, summary',
  notes: 'title, text',
  annotations: 'quote, comment',
  actor_aliases: "name, ''",
  place_aliases: "name, ''",
};

/** Takes back exactly what import `id` added, or refuses with the reason. */
export function undoImport(db: Db, id: number): ImportRecord {
  const log = db.prepare('SELECT * FROM exchange_imports WHERE id = ?').get(id) as
    | { id: number; format: ImportFormat; file_name: string | null; created: string; created_at: string; undone_at: string | null }
    | undefined;
  if (!log) throw notFound('import', id);
  if (log.undone_at) refuse(`it was undone already (${log.undone_at})`);
  const created = JSON.parse(log.created) as Created;
  const reason = whyNot(db, created);
  if (reason) refuse(reason);
  const texts: string[] = [];
  let sweep = false;
  const owners: { kind: 'actor' | 'place'; id: number }[] = [];
  for (const table of [...TRACKED].reverse()) {
    const rows = created[table];
    if (!rows?.length) continue;
    const list = rows.map(([rowid]) => rowid).join(',');
    if (TEXTS[table])
      for (const row of db
        .prepare(`SELECT ${TEXTS[table]} FROM ${table} WHERE rowid IN (${list})`)
        .raw()
        .all(...(table === 'sources' ? [SOURCE_INDEXING.inlineChars] : [])) as string[][])
        texts.push(...row.filter((t) => typeof t === 'string'));
    if (table === 'sources' && rows.some(([rowid]) => isLongSource(db, rowid))) sweep = true;
    if (table === 'actor_aliases' || table === 'place_aliases') {
      const column = table === 'actor_aliases' ? 'actor_id' : 'place_id';
      for (const { owner } of db.prepare(`SELECT DISTINCT ${column} AS owner FROM ${table} WHERE rowid IN (${list})`).all() as {
        owner: number;
      }[])
        owners.push({ kind: table === 'actor_aliases' ? 'actor' : 'place', id: owner });
    }
    db.prepare(`DELETE FROM ${table} WHERE rowid IN (${list})`).run();
  }
  for (const [rowid] of created.annotations ?? []) touched(db, 'annotation', rowid);
  for (const [rowid] of created.notes ?? []) touched(db, 'note', rowid);
  for (const [rowid] of created.sources ?? []) touched(db, 'source', rowid);
  for (const kind of ['actor', 'place', 'event'] as const) for (const [rowid] of created[`${kind}s`] ?? []) touched(db, kind, rowid);
  for (const owner of owners) touched(db, owner.kind, owner.id);
  forgetWordsOf(db, texts);
  markScrubPending(db);
  if (sweep) sweepVocabularyLater(db);
  db.prepare('UPDATE exchange_imports SET undone_at = ? WHERE id = ?').run(now(), id);
  return importRecord(db, id);
}

function importRecord(db: Db, id: number): ImportRecord {
  const row = db.prepare('SELECT * FROM exchange_imports WHERE id = ?').get(id) as {
    id: number;
    format: ImportFormat;
    file_name: string | null;
    created: string;
    created_at: string;
    undone_at: string | null;
  };
  const created = JSON.parse(row.created) as Created;
  return {
    id: row.id,
    format: row.format,
    fileName: row.file_name,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
    counts: Object.fromEntries(Object.entries(created).map(([t, rows]) => [t, rows.length])),
  };
}
