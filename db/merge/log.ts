// The merge log: one row per merge, holding every change it made, so that
// undo can put each back exactly.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { ApiError } from '../shared/errors.ts';
import type { MergeRecord } from '../shared/records.ts';
import type { ParticipantRole } from '../shared/vocabulary.ts';
import type { MergeKind } from './kinds.ts';
import type { Row } from './rows.ts';

/** A note whose mentions of the merged record were pointed at the survivor. */
export interface NoteChange {
  id: number;
  /** The body before the merge, exactly as stored. */
  body: string;
  /** Positions (in note_links) of the links that moved. */
  positions: number[];
  /** Mention chips rewritten in the body. */
  mentions: number;
}

/** A relation the merge deleted: it linked the two records, or duplicated one of the survivor's. */
export interface RemovedRelation {
  row: Row;
  /** Evidence deleted with it (a relation between the two records has nowhere to go). */
  evidence: Row[];
  /** The survivor's relation it duplicated, which took its evidence. */
  keptId: number | null;
  movedEvidence: number[];
}

export interface ParticipantKey {
  eventId: number;
  role: ParticipantRole;
}

export interface EventParticipantKey {
  actorId: number;
  role: ParticipantRole;
}

export interface MergeChanges {
  survivorUpdatedAt: string;
  mergedDeletedAt: string | null;
  /** Alias rows added to the survivor. */
  aliases: { id: number; name: string }[];
  notes: NoteChange[];
  /** Relations re-pointed, by the column that named the merged actor. */
  relations: { id: number; column: 'source_id' | 'target_id' }[];
  removedRelations: RemovedRelation[];
  participants: ParticipantKey[];
  /** Roles the survivor already had in the event: the merged actor's row was deleted. */
  removedParticipants: ParticipantKey[];
  /** Event merges: the merged event's participants moved to the survivor (absent in older logs). */
  eventParticipants?: EventParticipantKey[];
  /** Event merges: roles the surviving event already had, deleted from the merged one. */
  removedEventParticipants?: EventParticipantKey[];
  evidence: number[];
  /** Annotations whose link moved to the survivor. */
  annotationLinks: number[];
  /** Annotations already linked to the survivor: the merged record's link was deleted. */
  removedAnnotationLinks: { rowid: number; annotationId: number }[];
  /** Events whose place moved (place merges). */
  events: number[];
}

interface MergeRow {
  id: number;
  kind: MergeKind;
  survivor_id: number;
  survivor_name: string;
  merged_id: number;
  merged_name: string;
  changes: string;
  created_at: string;
  undone_at: string | null;
}

export interface MergeEntry {
  id: number;
  kind: MergeKind;
  survivor: { id: number; name: string };
  merged: { id: number; name: string };
  changes: MergeChanges;
  createdAt: string;
  undoneAt: string | null;
}

function toEntry(row: MergeRow): MergeEntry {
  return {
    id: row.id,
    kind: row.kind,
    survivor: { id: row.survivor_id, name: row.survivor_name },
    merged: { id: row.merged_id, name: row.merged_name },
    changes: JSON.parse(row.changes) as MergeChanges,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
  };
}

export function toRecord(entry: MergeEntry): MergeRecord {
  const c = entry.changes;
  const duplicates = c.removedRelations.filter((r) => r.keptId !== null).length;
  return {
    id: entry.id,
    kind: entry.kind,
    survivor: entry.survivor,
    merged: entry.merged,
    moved: {
      noteLinks: c.notes.reduce((n, note) => n + note.positions.length, 0),
      mentions: c.notes.reduce((n, note) => n + note.mentions, 0),
      relations: c.relations.length + duplicates,
      participants:
        c.participants.length +
        c.removedParticipants.length +
        (c.eventParticipants?.length ?? 0) +
        (c.removedEventParticipants?.length ?? 0),
      evidence: c.evidence.length,
      annotationLinks: c.annotationLinks.length + c.removedAnnotationLinks.length,
      aliases: c.aliases.length,
      events: c.events.length,
    },
    removedRelations: c.removedRelations.length - duplicates,
    aliasNames: c.aliases.map((a) => a.name),
    createdAt: entry.createdAt,
    undoneAt: entry.undoneAt,
  };
}

export function writeMerge(db: Db, entry: Omit<MergeEntry, 'id' | 'undoneAt'>): MergeEntry {
  const info = cached(
    db,
    `INSERT INTO merges (kind, survivor_id, survivor_name, merged_id, merged_name, changes, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.kind,
    entry.survivor.id,
    entry.survivor.name,
    entry.merged.id,
    entry.merged.name,
    JSON.stringify(entry.changes),
    entry.createdAt,
  );
  return { ...entry, id: Number(info.lastInsertRowid), undoneAt: null };
}

export function readMerge(db: Db, id: number): MergeEntry {
  const row = cached(db, 'SELECT * FROM merges WHERE id = ?').get(id) as MergeRow | undefined;
  if (!row) throw new ApiError('not_found', `no merge with id ${id}`, [{ path: 'id', message: `no merge with id ${id}` }]);
  return toEntry(row);
}

export function markUndone(db: Db, id: number, at: string): void {
  cached(db, 'UPDATE merges SET undone_at = ? WHERE id = ?').run(at, id);
}

/** The newest merge still in place, after `entry`, that involves either of its records: it must be undone first. */
export function laterMerge(db: Db, entry: MergeEntry): MergeEntry | undefined {
  const ids = [entry.survivor.id, entry.merged.id];
  const row = cached(
    db,
    `SELECT * FROM merges WHERE kind = ? AND id > ? AND undone_at IS NULL
       AND (survivor_id IN (?, ?) OR merged_id IN (?, ?)) ORDER BY id DESC LIMIT 1`,
  ).get(entry.kind, entry.id, ...ids, ...ids) as MergeRow | undefined;
  return row && toEntry(row);
}

/** The newest merges first. */
export function readMerges(db: Db, filter: { limit?: number | undefined }): MergeEntry[] {
  const rows = cached(db, 'SELECT * FROM merges ORDER BY id DESC LIMIT ?').all(filter.limit ?? 50) as MergeRow[];
  return rows.map(toEntry);
}
