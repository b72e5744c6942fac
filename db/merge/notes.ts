// Notes that mention a merged record: their mention chips are pointed at the
// survivor and their links re-derived (and given back on undo). A note's
// updated_at is kept: what the analyst wrote did not change.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { LINK_COLUMN } from '../repo/backlinks.ts';
import { updateNote } from '../repo/notes.ts';
import type { DocNode } from '../shared/schemas.ts';
import type { MergeKind } from './kinds.ts';
import type { NoteChange } from './log.ts';
import { repointMentions } from './mentions.ts';

interface NoteRow {
  title: string;
  body: string;
  updated_at: string;
  deleted_at: string | null;
}

function readNote(db: Db, id: number): NoteRow | undefined {
  return cached(db, 'SELECT title, body, updated_at, deleted_at FROM notes WHERE id = ?').get(id) as NoteRow | undefined;
}

/**
 * Writes `body` to the note. A live note goes through the notes repository,
 * which re-derives its links, tags and index entry; a note in the trash keeps
 * its derived rows, so its links at `positions` are re-pointed directly.
 */
function writeBody(db: Db, kind: MergeKind, id: number, body: string, link: { from: number; to: number; positions: number[] }): void {
  const note = readNote(db, id)!;
  if (note.deleted_at === null) {
    updateNote(db, { id, body: JSON.parse(body) as DocNode });
  } else {
    const column = LINK_COLUMN[kind];
    const move = cached(db, `UPDATE note_links SET ${column} = ? WHERE note_id = ? AND position = ? AND ${column} = ?`);
    for (const position of link.positions) move.run(link.to, id, position, link.from);
  }
  cached(db, 'UPDATE notes SET body = ?, updated_at = ? WHERE id = ?').run(body, note.updated_at, id);
}

/** Points every note's mentions of `from` at `to`; returns what changed, for undo. */
export function repointNotes(db: Db, kind: MergeKind, from: number, to: number): NoteChange[] {
  const links = cached(db, `SELECT note_id, position FROM note_links WHERE ${LINK_COLUMN[kind]} = ? ORDER BY note_id, position`).all(
    from,
  ) as { note_id: number; position: number }[];
  const positions = new Map<number, number[]>();
  for (const l of links) {
    const list = positions.get(l.note_id);
    if (list) list.push(l.position);
    else positions.set(l.note_id, [l.position]);
  }

  const changes: NoteChange[] = [];
  for (const [id, notePositions] of positions) {
    const before = readNote(db, id)!.body;
    const { doc, count } = repointMentions(JSON.parse(before) as DocNode, kind, from, to);
    writeBody(db, kind, id, JSON.stringify(doc), { from, to, positions: notePositions });
    changes.push({ id, body: before, positions: notePositions, mentions: count });
  }
  return changes;
}

/** The body the merge left in the note: undo can give the old one back only while the note still holds it. */
function bodyAfterMerge(kind: MergeKind, change: NoteChange, from: number, to: number): string {
  return JSON.stringify(repointMentions(JSON.parse(change.body) as DocNode, kind, from, to).doc);
}

/** The notes the merge rewrote that have been edited since (undo cannot give them their old body without losing the edit). Notes purged since are no obstacle. */
export function editedNotes(
  db: Db,
  kind: MergeKind,
  changes: readonly NoteChange[],
  from: number,
  to: number,
): { id: number; title: string }[] {
  const edited: { id: number; title: string }[] = [];
  for (const change of changes) {
    const note = readNote(db, change.id);
    if (note && note.body !== bodyAfterMerge(kind, change, from, to)) edited.push({ id: change.id, title: note.title || 'Untitled' });
  }
  return edited;
}

/** Gives each note its body from before the merge (and its links back to `from`). */
export function restoreNotes(db: Db, kind: MergeKind, changes: readonly NoteChange[], from: number, to: number): void {
  for (const change of changes) {
    if (!readNote(db, change.id)) continue;
    writeBody(db, kind, change.id, change.body, { from: to, to: from, positions: change.positions });
  }
}
