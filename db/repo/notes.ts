import type { Db } from '../store/db.ts';
import { notFound } from '../shared/errors.ts';
import { excerptOf, readDocument } from '../notes/note-document.ts';
import type { Note, NoteLink, NoteSummary } from '../shared/records.ts';
import type { DocNode } from '../shared/schemas.ts';
import { recordTerms } from '../search/terms.ts';
import { cached } from '../store/statements.ts';
import { foldText } from '../shared/folding.ts';
import type { LinkTargetKind, NoteSort } from '../shared/vocabulary.ts';
import { backlinksTo, LINK_COLUMN } from './backlinks.ts';
import { getTrashableRow, groupBy, idsParam, now, type Page, pageClause } from './common.ts';

interface Row {
  id: number;
  uuid: string;
  title: string;
  body: string;
  text: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const EMPTY_DOC: DocNode = { type: 'doc', content: [{ type: 'paragraph' }] };

function tagsOf(db: Db, ids: readonly number[]): Map<number, string[]> {
  const rows = cached(db, 'SELECT note_id, tag FROM note_tags WHERE note_id IN (SELECT value FROM json_each(?)) ORDER BY tag').all(
    idsParam(ids),
  ) as { note_id: number; tag: string }[];
  const grouped = groupBy(rows, (r) => r.note_id);
  return new Map(ids.map((id) => [id, (grouped.get(id) ?? []).map((r) => r.tag)]));
}

function toSummaries(db: Db, rows: Row[]): NoteSummary[] {
  const tags = tagsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    uuid: r.uuid,
    title: r.title,
    excerpt: excerptOf(r.title, r.text),
    tags: tags.get(r.id) ?? [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  }));
}

const NOTE_ORDER: Record<NoteSort, string> = {
  updated: 'updated_at DESC, id DESC',
  created: 'created_at DESC, id DESC',
  title: "title = '', title COLLATE NOCASE, updated_at DESC, id DESC",
  tag: "first_tag IS NULL, first_tag, title = '', title COLLATE NOCASE, id DESC",
};

/** An FTS5 query that every word of `text` starts a word of the note: "bord"* "liby"*; null when it has no words. */
function filterQuery(text: string): string | null {
  const words = foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

export function listNotes(
  db: Db,
  filter: Page & { tag?: string | undefined; query?: string | undefined; sort?: NoteSort | undefined },
): NoteSummary[] {
  const page = pageClause(filter, 1_000);
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.tag !== undefined) {
    where.push(' AND id IN (SELECT note_id FROM note_tags WHERE tag = ?)');
    params.push(filter.tag.toLowerCase().replace(/^#/, ''));
  }
  const words = filter.query === undefined ? null : filterQuery(filter.query);
  if (words !== null) {
    where.push(' AND id IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?)');
    params.push(words);
  }
  const rows = cached(
    db,
    `SELECT id, uuid, title, '' AS body, substr(text, 1, 1000) AS text, created_at, updated_at, deleted_at,
            (SELECT min(tag) FROM note_tags WHERE note_id = notes.id) AS first_tag
       FROM notes WHERE deleted_at IS NULL${where.join('')} ORDER BY ${NOTE_ORDER[filter.sort ?? 'updated']}${page.sql}`,
  ).all(...params, ...page.params) as Row[];
  return toSummaries(db, rows);
}

/** Every tag of a live note, with how many notes carry it: most used first. */
export function listTags(db: Db): { tag: string; count: number }[] {
  return cached(
    db,
    `SELECT t.tag AS tag, count(*) AS count FROM note_tags t JOIN notes n ON n.id = t.note_id
       WHERE n.deleted_at IS NULL GROUP BY t.tag ORDER BY count DESC, t.tag`,
  ).all() as { tag: string; count: number }[];
}

/** Outgoing links with the current name of each target, so renamed records show their new name. */
function linksOf(db: Db, id: number): NoteLink[] {
  const rows = cached(
    db,
    `SELECT CASE WHEN l.actor_id IS NOT NULL THEN 'actor' WHEN l.place_id IS NOT NULL THEN 'place'
                   WHEN l.event_id IS NOT NULL THEN 'event' WHEN l.source_id IS NOT NULL THEN 'source'
                   WHEN l.annotation_id IS NOT NULL THEN 'annotation' ELSE 'note' END AS kind,
              coalesce(l.actor_id, l.place_id, l.event_id, l.source_id, l.annotation_id, l.target_note_id) AS id,
              coalesce(a.name, p.name, e.title, s.title, sa.title, n.title) AS name,
              l.context,
              coalesce(a.deleted_at, p.deleted_at, e.deleted_at, s.deleted_at, sa.deleted_at, n.deleted_at) IS NOT NULL AS trashed
       FROM note_links l
       LEFT JOIN actors a ON a.id = l.actor_id
       LEFT JOIN places p ON p.id = l.place_id
       LEFT JOIN events e ON e.id = l.event_id
       LEFT JOIN sources s ON s.id = l.source_id
       LEFT JOIN annotations an ON an.id = l.annotation_id
       LEFT JOIN sources sa ON sa.id = an.source_id
       LEFT JOIN notes n ON n.id = l.target_note_id
       WHERE l.note_id = ? ORDER BY l.position`,
  ).all(id) as (Omit<NoteLink, 'trashed'> & { trashed: number })[];
  return rows.map((row) => ({ ...row, trashed: row.trashed === 1 }));
}

export function getNote(db: Db, id: number, includeTrashed = false): Note {
  const row = getTrashableRow<Row>(db, 'notes', 'note', id, includeTrashed);
  return {
    ...toSummaries(db, [row])[0]!,
    body: JSON.parse(row.body) as DocNode,
    text: row.text,
    links: linksOf(db, id),
    backlinks: backlinksTo(db, 'note', id),
  };
}

const TARGET_TABLE: Record<LinkTargetKind, string> = {
  actor: 'actors',
  place: 'places',
  event: 'events',
  source: 'sources',
  annotation: 'annotations',
  note: 'notes',
};

/** Rebuilds the note's links, tags and index entry from its saved body. */
function deriveFromBody(db: Db, id: number, title: string, body: DocNode): string {
  const content = readDocument(body);
  cached(db, 'DELETE FROM note_links WHERE note_id = ?').run(id);
  let position = 0;
  for (const mention of content.mentions) {
    // A mention of a record that no longer exists stays in the text but links nowhere.
    if (cached(db, `SELECT 1 FROM ${TARGET_TABLE[mention.kind]} WHERE id = ?`).get(mention.id) === undefined) continue;
    cached(db, `INSERT INTO note_links (note_id, position, ${LINK_COLUMN[mention.kind]}, context) VALUES (?, ?, ?, ?)`).run(
      id,
      position++,
      mention.id,
      mention.context,
    );
  }
  cached(db, 'DELETE FROM note_tags WHERE note_id = ?').run(id);
  const insertTag = cached(db, 'INSERT INTO note_tags (note_id, tag) VALUES (?, ?)');
  for (const tag of content.tags) insertTag.run(id, tag);
  writeIndexEntry(db, id, { title, text: content.text });
  recordTerms(db, title, content.text);
  return content.text;
}

export function createNote(db: Db, input: { title: string; body?: DocNode | undefined }): Note {
  const body = input.body ?? EMPTY_DOC;
  const stamp = now();
  const info = cached(db, 'INSERT INTO notes (title, body, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    input.title,
    JSON.stringify(body),
    '',
    stamp,
    stamp,
  );
  const id = Number(info.lastInsertRowid);
  const text = deriveFromBody(db, id, input.title, body);
  cached(db, 'UPDATE notes SET text = ? WHERE id = ?').run(text, id);
  return getNote(db, id);
}

export function updateNote(db: Db, input: { id: number; title?: string | undefined; body?: DocNode | undefined }): Note {
  const row = cached(db, 'SELECT title, body FROM notes WHERE id = ? AND deleted_at IS NULL').get(input.id) as
    { title: string; body: string } | undefined;
  if (!row) throw notFound('note', input.id);
  const title = input.title ?? row.title;
  const body = input.body ?? (JSON.parse(row.body) as DocNode);
  const text = deriveFromBody(db, input.id, title, body);
  cached(db, 'UPDATE notes SET title = ?, body = ?, text = ?, updated_at = ? WHERE id = ?').run(
    title,
    JSON.stringify(body),
    text,
    now(),
    input.id,
  );
  return getNote(db, input.id);
}

export function reindexNote(db: Db, id: number): void {
  const row = cached(db, 'SELECT title, text FROM notes WHERE id = ? AND deleted_at IS NULL').get(id) as
    { title: string; text: string } | undefined;
  writeIndexEntry(db, id, row);
  // A sweep of the vocabulary (search/vocabulary-sweep.ts) forgets the words of a note in the trash: restored, it brings them back.
  if (row) recordTerms(db, row.title, row.text);
}

/** The note's row in notes_fts, replaced by `entry` folded, or removed when there is none. */
function writeIndexEntry(db: Db, id: number, entry: { title: string; text: string } | undefined): void {
  cached(db, 'DELETE FROM notes_fts WHERE rowid = ?').run(id);
  if (entry) cached(db, 'INSERT INTO notes_fts (rowid, title, text) VALUES (?, ?, ?)').run(id, foldText(entry.title), foldText(entry.text));
}
