// Undoing a merge: every change in its log reversed, in one transaction.
// Rows the analyst changed or deleted since the merge keep their later state;
// undo refuses only what it cannot reverse exactly: a purged record, a later
// merge still in place, a rewritten note edited since (unless asked to leave
// such notes as they are).
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { ApiError } from '../shared/errors.ts';
import type { MergeHistoryEntry, MergeRecord, MergeUndoStatus } from '../shared/records.ts';
import { touched } from '../search/indexer.ts';
import { now } from '../repo/common.ts';
import { MERGE_TABLES, type MergeKind } from './kinds.ts';
import { laterMerge, type MergeEntry, markUndone, readMerge, readMerges, type RemovedRelation, toRecord } from './log.ts';
import { editedNotes, restoreNotes } from './notes.ts';
import { insertRow } from './rows.ts';

function conflict(message: string): ApiError {
  return new ApiError('conflict', `id: ${message}`, [{ path: 'id', message }]);
}

function exists(db: Db, table: string, id: unknown): boolean {
  return cached(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
}

function quoteList(notes: readonly { id: number; title: string }[]): string {
  return notes.map((n) => `"${n.title}" (id ${n.id})`).join(', ');
}

/** Whether merge `entry` can be undone now; if not, why, and what can still be done. */
export function undoStatus(db: Db, entry: MergeEntry): MergeUndoStatus {
  const { kind, survivor, merged } = entry;
  const status = (blocked: string | null, extra: Partial<MergeUndoStatus> = {}): MergeUndoStatus => ({
    blocked,
    laterMerge: null,
    editedNotes: [],
    ...extra,
  });
  if (entry.undoneAt !== null) return status(`merge ${entry.id} was already undone on ${entry.undoneAt}`);
  const later = laterMerge(db, entry);
  if (later) {
    return status(
      `merge ${later.id} ("${later.merged.name}" into "${later.survivor.name}") came later and involves the same ${kind}s: undo it first`,
      { laterMerge: { id: later.id, survivor: later.survivor.name, merged: later.merged.name } },
    );
  }
  const { table } = MERGE_TABLES[kind];
  for (const [role, record] of [
    ['surviving', survivor],
    ['merged', merged],
  ] as const) {
    if (!exists(db, table, record.id)) {
      return status(`the ${role} ${kind} "${record.name}" (id ${record.id}) has been purged since the merge, so it cannot be undone`);
    }
  }
  const edited = editedNotes(db, kind, entry.changes.notes, merged.id, survivor.id);
  if (edited.length > 0) {
    const which = edited.length === 1 ? `the note ${quoteList(edited)} has` : `the notes ${quoteList(edited)} have`;
    return status(
      `${which} been edited since the merge, so undoing it exactly would lose that edit; undo it leaving ` +
        `${edited.length === 1 ? 'that note' : 'those notes'} as ${edited.length === 1 ? 'it is' : 'they are'} ` +
        `(${edited.length === 1 ? 'its' : 'their'} mentions keep naming "${survivor.name}"), or undo the edit first`,
      { editedNotes: edited },
    );
  }
  return status(null);
}

/** Puts back a relation the merge deleted, with its evidence; skipped when an actor it linked has been purged since. */
function restoreRelation(db: Db, removed: RemovedRelation): void {
  const { row } = removed;
  if (!exists(db, 'actors', row['source_id']) || !exists(db, 'actors', row['target_id'])) return;
  const id = insertRow(db, 'relations', row);
  for (const evidence of removed.evidence) {
    if (exists(db, 'sources', evidence['source_id'])) insertRow(db, 'evidence', evidence, { relation_id: id });
  }
  const moveBack = cached(db, 'UPDATE evidence SET relation_id = ? WHERE id = ? AND relation_id = ?');
  for (const evidenceId of removed.movedEvidence) moveBack.run(id, evidenceId, removed.keptId);
}

function restoreActorLinks(db: Db, entry: MergeEntry): void {
  const { changes, survivor, merged } = entry;
  for (const removed of changes.removedRelations) restoreRelation(db, removed);
  for (const { id, column } of changes.relations) {
    cached(db, `UPDATE relations SET ${column} = ? WHERE id = ? AND ${column} = ?`).run(merged.id, id, survivor.id);
  }
  const moveRole = cached(db, 'UPDATE event_participants SET actor_id = ? WHERE event_id = ? AND actor_id = ? AND role = ?');
  for (const p of changes.participants) {
    // The survivor may have been given the same role since (events.update): then both keep it.
    const taken = cached(db, 'SELECT 1 FROM event_participants WHERE event_id = ? AND actor_id = ? AND role = ?').get(
      p.eventId,
      merged.id,
      p.role,
    );
    if (!taken) moveRole.run(merged.id, p.eventId, survivor.id, p.role);
  }
  const addRole = cached(
    db,
    'INSERT OR IGNORE INTO event_participants (event_id, actor_id, role) SELECT id, ?, ? FROM events WHERE id = ?',
  );
  for (const p of changes.removedParticipants) addRole.run(merged.id, p.role, p.eventId);
}

/** An event merge: the merged event's participants go back to it (a role the survivor had anyway stays there too). */
function restoreEventParticipants(db: Db, entry: MergeEntry): void {
  const { changes, survivor, merged } = entry;
  const back = cached(db, 'UPDATE OR IGNORE event_participants SET event_id = ? WHERE event_id = ? AND actor_id = ? AND role = ?');
  for (const p of changes.eventParticipants ?? []) back.run(merged.id, survivor.id, p.actorId, p.role);
  const add = cached(db, 'INSERT OR IGNORE INTO event_participants (event_id, actor_id, role) SELECT ?, id, ? FROM actors WHERE id = ?');
  for (const p of changes.removedEventParticipants ?? []) add.run(merged.id, p.role, p.actorId);
}

function restoreLinks(db: Db, kind: MergeKind, entry: MergeEntry): void {
  const { changes, survivor, merged } = entry;
  const { column } = MERGE_TABLES[kind];
  const moveEvidence = cached(db, `UPDATE evidence SET ${column} = ? WHERE id = ? AND ${column} = ?`);
  for (const id of changes.evidence) moveEvidence.run(merged.id, id, survivor.id);

  const moveLink = cached(db, `UPDATE OR IGNORE annotation_links SET ${column} = ? WHERE annotation_id = ? AND ${column} = ?`);
  for (const annotationId of changes.annotationLinks) moveLink.run(merged.id, annotationId, survivor.id);
  for (const { rowid, annotationId } of changes.removedAnnotationLinks) {
    if (!exists(db, 'annotations', annotationId)) continue;
    // Under its old rowid when free, so the annotation lists its links in the old order.
    const free = cached(db, 'SELECT 1 FROM annotation_links WHERE rowid = ?').get(rowid) === undefined;
    cached(db, `INSERT OR IGNORE INTO annotation_links (rowid, annotation_id, ${column}) VALUES (?, ?, ?)`).run(
      free ? rowid : null,
      annotationId,
      merged.id,
    );
  }

  const moveEvent = cached(db, 'UPDATE events SET place_id = ? WHERE id = ? AND place_id = ?');
  for (const id of changes.events) moveEvent.run(merged.id, id, survivor.id);
}

/** Removes the aliases the merge gave the survivor (by id, or by name when an edit has since rewritten the alias rows). */
function removeAddedAliases(db: Db, kind: MergeKind, entry: MergeEntry): void {
  const { aliasTable, column } = MERGE_TABLES[kind];
  if (aliasTable === null) return;
  for (const alias of entry.changes.aliases) {
    const byId = cached(db, `DELETE FROM ${aliasTable} WHERE id = ? AND ${column} = ? AND name = ?`).run(
      alias.id,
      entry.survivor.id,
      alias.name,
    );
    if (byId.changes === 0) cached(db, `DELETE FROM ${aliasTable} WHERE ${column} = ? AND name = ?`).run(entry.survivor.id, alias.name);
  }
}

export interface UndoOptions {
  /** Leave the notes edited since the merge as they are (their mentions keep naming the survivor) and undo the rest. */
  keepEditedNotes?: boolean | undefined;
}

/** Undoes merge `id` in the caller's transaction, or refuses (conflict) saying why. */
export function undoMerge(
  db: Db,
  id: number,
  options: UndoOptions = {},
): { merge: MergeRecord; notesKept: { id: number; title: string }[] } {
  const entry = readMerge(db, id);
  const status = undoStatus(db, entry);
  const onlyNotes = status.editedNotes.length > 0 && options.keepEditedNotes === true;
  if (status.blocked !== null && !onlyNotes) throw conflict(status.blocked);
  const { kind, survivor, merged, changes } = entry;
  const { table } = MERGE_TABLES[kind];
  const kept = new Set(status.editedNotes.map((n) => n.id));

  if (kind === 'actor') restoreActorLinks(db, entry);
  if (kind === 'event') restoreEventParticipants(db, entry);
  restoreLinks(db, kind, entry);
  restoreNotes(
    db,
    kind,
    changes.notes.filter((n) => !kept.has(n.id)),
    merged.id,
    survivor.id,
  );
  removeAddedAliases(db, kind, entry);
  // The survivor's edit time goes back too, unless it has been edited since.
  cached(db, `UPDATE ${table} SET updated_at = ? WHERE id = ? AND updated_at = ?`).run(
    changes.survivorUpdatedAt,
    survivor.id,
    entry.createdAt,
  );
  cached(db, `UPDATE ${table} SET deleted_at = ? WHERE id = ?`).run(changes.mergedDeletedAt, merged.id);
  touched(db, kind, survivor.id);
  touched(db, kind, merged.id);

  const undoneAt = now();
  markUndone(db, id, undoneAt);
  return { merge: toRecord({ ...entry, undoneAt }), notesKept: status.editedNotes };
}

/** The merge log, newest first, each with whether it can be undone now. */
export function mergeHistory(db: Db, filter: { limit?: number | undefined }): MergeHistoryEntry[] {
  return readMerges(db, filter).map((entry) => ({ ...toRecord(entry), undo: undoStatus(db, entry) }));
}
