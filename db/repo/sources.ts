import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { parseEdtf } from '../shared/edtf.ts';
import { ApiError, notFound } from '../shared/errors.ts';
import type { Source, SourceDetail } from '../shared/records.ts';
import { type PreparedText, sha256 } from '../search/prepared-text.ts';
import { codePoints } from '../search/source-chunks.ts';
import { catchUpIndex, touched } from '../search/indexer.ts';
import type { Reliability } from '../shared/vocabulary.ts';
import { now, type Page, pageClause } from './common.ts';

interface Row {
  id: number;
  uuid: string;
  seed_key: string | null;
  title: string;
  author: string | null;
  publisher: string | null;
  published: string | null;
  published_min: string | null;
  published_max: string | null;
  language: string | null;
  url: string | null;
  reliability: Reliability;
  note: string;
  sha256: string;
  length: number;
  annotation_count: number;
  indexing: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const SELECT = `SELECT id, uuid, seed_key, title, author, publisher, published, published_min, published_max, language, url,
                       reliability, note, sha256, coalesce(chars, length(body)) AS length, created_at, updated_at, deleted_at,
                       (SELECT count(*) FROM annotations a WHERE a.source_id = sources.id) AS annotation_count,
                       EXISTS (SELECT 1 FROM source_indexing i WHERE i.source_id = sources.id) AS indexing
                FROM sources`;

function toSource(r: Row): Source {
  return {
    id: r.id,
    uuid: r.uuid,
    seedKey: r.seed_key,
    title: r.title,
    author: r.author,
    publisher: r.publisher,
    published: r.published,
    publishedMin: r.published_min,
    publishedMax: r.published_max,
    language: r.language,
    url: r.url,
    reliability: r.reliability,
    note: r.note,
    sha256: r.sha256,
    length: r.length,
    annotationCount: r.annotation_count,
    indexing: r.indexing === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

export { sha256 };

/** The live sources, read from the index sources_listing (migration 12): never past a long text in its row. */
export const LIST_SQL = `${SELECT} WHERE deleted_at IS NULL ORDER BY published_min IS NULL, published_min, title`;

export function listSources(db: Db, filter: Page): Source[] {
  catchUpIndex(db); // whether each source is still being indexed
  const page = pageClause(filter, 100_000);
  const rows = cached(db, `${LIST_SQL}${page.sql}`).all(...page.params) as Row[];
  return rows.map(toSource);
}

export function getSource(db: Db, id: number, includeTrashed = false): Source {
  catchUpIndex(db); // whether it is still being indexed
  const row = cached(db, `${SELECT} WHERE id = ?`).get(id) as Row | undefined;
  if (!row || (row.deleted_at && !includeTrashed)) throw notFound('source', id);
  return toSource(row);
}

export function getSourceDetail(db: Db, id: number): SourceDetail {
  const source = getSource(db, id);
  const { body } = cached(db, 'SELECT body FROM sources WHERE id = ?').get(id) as { body: string };
  return { ...source, text: body };
}

export interface SourceInput {
  title: string;
  text: string;
  author: string | null;
  publisher: string | null;
  published: string | null;
  language: string | null;
  url: string | null;
  reliability: Reliability;
  note: string;
  seedKey?: string;
  /** A seed source's derived UUID; otherwise a random one. */
  uuid?: string;
}

/** Throws a conflict naming `text` when another source (trashed ones included) already holds a text with this hash. */
export function refuseDuplicateText(db: Db, hash: string, exceptId = 0): void {
  const duplicate = cached(db, 'SELECT id, title FROM sources WHERE sha256 = ? AND id <> ?').get(hash, exceptId) as
    { id: number; title: string } | undefined;
  if (duplicate) {
    throw new ApiError('conflict', `text: the same text is already stored as source ${duplicate.id} ("${duplicate.title}")`, [
      { path: 'text', message: `duplicate of source ${duplicate.id}` },
    ]);
  }
}

export function createSource(db: Db, input: SourceInput, prepared?: PreparedText): Source {
  const known = prepared?.text === input.text ? prepared : undefined;
  const hash = known?.sha256 ?? sha256(input.text);
  refuseDuplicateText(db, hash);
  const range = input.published === null ? { min: null, max: null } : parseEdtf(input.published);
  const stamp = now();
  const info = cached(
    db,
    // The UUID is given here, not left to the table's trigger: its UPDATE would write a long text a second time.
    `INSERT INTO sources (uuid, seed_key, title, author, publisher, published, published_min, published_max, language, url,
                            reliability, note, body, chars, sha256, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.uuid ?? randomUUID(),
    input.seedKey ?? null,
    input.title,
    input.author,
    input.publisher,
    input.published,
    range.min,
    range.max,
    input.language,
    input.url,
    input.reliability,
    input.note,
    input.text,
    known?.chars ?? codePoints(input.text, 0, input.text.length),
    hash,
    stamp,
    stamp,
  );
  const id = Number(info.lastInsertRowid);
  touched(db, 'source', id, { title: input.title, text: input.text, sha256: hash, prepared: known });
  return getSource(db, id);
}

/** Metadata only: the text changes through updateSourceText (source-text.ts), which re-anchors highlights and evidence. */
export function updateSource(db: Db, input: { id: number } & Partial<Omit<SourceInput, 'text' | 'seedKey'>>): Source {
  const current = getSource(db, input.id);
  const keep = <K extends 'author' | 'publisher' | 'published' | 'language' | 'url'>(key: K) =>
    input[key] === undefined ? current[key] : input[key];
  const published = keep('published');
  const range = published === null ? { min: null, max: null } : parseEdtf(published);
  cached(
    db,
    `UPDATE sources SET title = ?, author = ?, publisher = ?, published = ?, published_min = ?, published_max = ?,
       language = ?, url = ?, reliability = ?, note = ?, updated_at = ? WHERE id = ?`,
  ).run(
    input.title ?? current.title,
    keep('author'),
    keep('publisher'),
    published,
    range.min,
    range.max,
    keep('language'),
    keep('url'),
    input.reliability ?? current.reliability,
    input.note ?? current.note,
    now(),
    input.id,
  );
  // The index holds the title and the text: other fields do not change it.
  if (input.title !== undefined && input.title !== current.title) touched(db, 'source', input.id);
  return getSource(db, input.id);
}
