// Merging a duplicate actor, place or event into the record that survives:
// names become aliases (events have none), every link moves, the duplicate
// goes to the trash, and the merge log keeps what undo needs (db/merge/undo.ts).
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { ApiError, invalid } from '../shared/errors.ts';
import type { MergeRecord } from '../shared/records.ts';
import { touched } from '../search/indexer.ts';
import { now } from '../repo/common.ts';
import { foldName } from '../shared/folding.ts';
import type { AliasKind, ParticipantRole } from '../shared/vocabulary.ts';
import { MERGE_TABLES, type MergeKind } from './kinds.ts';
import { type EventParticipantKey, type MergeChanges, type ParticipantKey, type RemovedRelation, toRecord, writeMerge } from './log.ts';
import { repointNotes } from './notes.ts';
import { readRows } from './rows.ts';

interface RecordRow {
  id: number;
  name: string;
  updated_at: string;
  deleted_at: string | null;
}

function requireLive(db: Db, kind: MergeKind, id: number, field: 'survivorId' | 'mergedId'): RecordRow {
  const { table, name } = MERGE_TABLES[kind];
  const row = cached(db, `SELECT id, ${name} AS name, updated_at, deleted_at FROM ${table} WHERE id = ?`).get(id) as RecordRow | undefined;
  const problem = !row ? `no ${kind} with id ${id}` : row.deleted_at !== null ? `the ${kind} with id ${id} is in the trash` : null;
  if (problem) throw new ApiError('not_found', `${field}: ${problem}`, [{ path: field, message: problem }]);
  return row!;
}

/** The merged record's name and aliases, as aliases of the survivor: none twice, none the survivor's own name. */
function addAliases(db: Db, kind: MergeKind, survivor: RecordRow, merged: RecordRow): MergeChanges['aliases'] {
  const { aliasTable, column } = MERGE_TABLES[kind];
  if (aliasTable === null) return [];
  const existing = cached(db, `SELECT name FROM ${aliasTable} WHERE ${column} = ?`).all(survivor.id) as { name: string }[];
  const seen = new Set([foldName(survivor.name), ...existing.map((a) => foldName(a.name))]);
  const mergedAliases = cached(db, `SELECT name, kind FROM ${aliasTable} WHERE ${column} = ? ORDER BY id`).all(merged.id) as {
    name: string;
    kind: AliasKind;
  }[];
  const insert = cached(db, `INSERT INTO ${aliasTable} (${column}, name, kind) VALUES (?, ?, ?)`);
  const added: MergeChanges['aliases'] = [];
  for (const alias of [{ name: merged.name, kind: 'alias' as AliasKind }, ...mergedAliases]) {
    const key = foldName(alias.name);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push({ id: Number(insert.run(survivor.id, alias.name, alias.kind).lastInsertRowid), name: alias.name });
  }
  return added;
}

/**
 * The merged actor's relations: re-pointed at the survivor, except one
 * between the two (deleted, with its evidence) and an exact duplicate of a
 * survivor's relation (deleted, its evidence moved to the one kept).
 */
function moveRelations(db: Db, survivorId: number, mergedId: number): Pick<MergeChanges, 'relations' | 'removedRelations'> {
  const moved: MergeChanges['relations'] = [];
  const removed: RemovedRelation[] = [];
  for (const row of readRows(db, 'relations', 'source_id = ? OR target_id = ?', mergedId, mergedId)) {
    const column = row['source_id'] === mergedId ? 'source_id' : 'target_id';
    const source = column === 'source_id' ? survivorId : (row['source_id'] as number);
    const target = column === 'target_id' ? survivorId : (row['target_id'] as number);
    if (source === target) {
      const evidence = readRows(db, 'evidence', 'relation_id = ?', row['id']);
      cached(db, 'DELETE FROM evidence WHERE relation_id = ?').run(row['id']);
      cached(db, 'DELETE FROM relations WHERE id = ?').run(row['id']);
      removed.push({ row, evidence, keptId: null, movedEvidence: [] });
      continue;
    }
    const duplicate = cached(
      db,
      `SELECT id FROM relations WHERE source_id = ? AND target_id = ? AND type = ? AND start IS ? AND "end" IS ?
         AND description = ? AND id <> ? ORDER BY id LIMIT 1`,
    ).get(source, target, row['type'], row['start'], row['end'], row['description'], row['id']) as { id: number } | undefined;
    if (duplicate) {
      const movedEvidence = (
        cached(db, 'SELECT id FROM evidence WHERE relation_id = ? ORDER BY id').all(row['id']) as { id: number }[]
      ).map((e) => e.id);
      cached(db, 'UPDATE evidence SET relation_id = ? WHERE relation_id = ?').run(duplicate.id, row['id']);
      cached(db, 'DELETE FROM relations WHERE id = ?').run(row['id']);
      removed.push({ row, evidence: [], keptId: duplicate.id, movedEvidence });
      continue;
    }
    cached(db, `UPDATE relations SET ${column} = ? WHERE id = ?`).run(survivorId, row['id']);
    moved.push({ id: row['id'] as number, column });
  }
  return { relations: moved, removedRelations: removed };
}

/**
 * The event roles of the merged record move to the survivor: an actor's roles
 * (`column` actor_id; `other` is then the event), or an event's participants
 * (`column` event_id; `other` the actor). A role the survivor already has with
 * that other record is not doubled: the merged one's is removed.
 */
function moveRoles(
  db: Db,
  column: 'actor_id' | 'event_id',
  survivorId: number,
  mergedId: number,
): { moved: { other: number; role: ParticipantRole }[]; removed: { other: number; role: ParticipantRole }[] } {
  const otherColumn = column === 'actor_id' ? 'event_id' : 'actor_id';
  const rows = cached(db, `SELECT ${otherColumn} AS other, role FROM event_participants WHERE ${column} = ? ORDER BY other, role`).all(
    mergedId,
  ) as { other: number; role: ParticipantRole }[];
  const moved: { other: number; role: ParticipantRole }[] = [];
  const removed: { other: number; role: ParticipantRole }[] = [];
  for (const { other, role } of rows) {
    const has = cached(db, `SELECT 1 FROM event_participants WHERE ${column} = ? AND ${otherColumn} = ? AND role = ?`).get(
      survivorId,
      other,
      role,
    );
    if (has) {
      cached(db, `DELETE FROM event_participants WHERE ${column} = ? AND ${otherColumn} = ? AND role = ?`).run(mergedId, other, role);
      removed.push({ other, role });
    } else {
      cached(db, `UPDATE event_participants SET ${column} = ? WHERE ${column} = ? AND ${otherColumn} = ? AND role = ?`).run(
        survivorId,
        mergedId,
        other,
        role,
      );
      moved.push({ other, role });
    }
  }
  return { moved, removed };
}

/** An actor merge: the merged actor's event roles move to the survivor. */
function moveParticipants(db: Db, survivorId: number, mergedId: number): Pick<MergeChanges, 'participants' | 'removedParticipants'> {
  const { moved, removed } = moveRoles(db, 'actor_id', survivorId, mergedId);
  const keys = (list: typeof moved): ParticipantKey[] => list.map(({ other, role }) => ({ eventId: other, role }));
  return { participants: keys(moved), removedParticipants: keys(removed) };
}

/** An event merge: the merged event's participants join the survivor. */
function moveEventParticipants(
  db: Db,
  survivorId: number,
  mergedId: number,
): Pick<MergeChanges, 'eventParticipants' | 'removedEventParticipants'> {
  const { moved, removed } = moveRoles(db, 'event_id', survivorId, mergedId);
  const keys = (list: typeof moved): EventParticipantKey[] => list.map(({ other, role }) => ({ actorId: other, role }));
  return { eventParticipants: keys(moved), removedEventParticipants: keys(removed) };
}

function moveAnnotationLinks(
  db: Db,
  kind: MergeKind,
  survivorId: number,
  mergedId: number,
): Pick<MergeChanges, 'annotationLinks' | 'removedAnnotationLinks'> {
  const { column } = MERGE_TABLES[kind];
  const rows = cached(db, `SELECT rowid, annotation_id FROM annotation_links WHERE ${column} = ? ORDER BY rowid`).all(mergedId) as {
    rowid: number;
    annotation_id: number;
  }[];
  const moved: number[] = [];
  const removed: MergeChanges['removedAnnotationLinks'] = [];
  for (const { rowid, annotation_id: annotationId } of rows) {
    if (cached(db, `SELECT 1 FROM annotation_links WHERE annotation_id = ? AND ${column} = ?`).get(annotationId, survivorId)) {
      cached(db, 'DELETE FROM annotation_links WHERE rowid = ?').run(rowid);
      removed.push({ rowid, annotationId });
    } else {
      cached(db, `UPDATE annotation_links SET ${column} = ? WHERE rowid = ?`).run(survivorId, rowid);
      moved.push(annotationId);
    }
  }
  return { annotationLinks: moved, removedAnnotationLinks: removed };
}

/** Re-points every row of `table` whose `column` names the merged record; returns their ids. */
function moveIds(db: Db, table: 'evidence' | 'events', column: string, survivorId: number, mergedId: number): number[] {
  const ids = (cached(db, `SELECT id FROM ${table} WHERE ${column} = ? ORDER BY id`).all(mergedId) as { id: number }[]).map((r) => r.id);
  cached(db, `UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(survivorId, mergedId);
  return ids;
}

/**
 * Merges record `mergedId` into `survivorId` (both live, of `kind`), in the
 * caller's transaction, and logs every change for merges.undo.
 */
export function mergeRecords(db: Db, kind: MergeKind, survivorId: number, mergedId: number): { merge: MergeRecord } {
  if (survivorId === mergedId) throw invalid('mergedId', `a ${kind} cannot be merged into itself`);
  const survivor = requireLive(db, kind, survivorId, 'survivorId');
  const merged = requireLive(db, kind, mergedId, 'mergedId');
  const { table, column } = MERGE_TABLES[kind];
  const stamp = now();

  const aliases = addAliases(db, kind, survivor, merged);
  const notes = repointNotes(db, kind, mergedId, survivorId);
  const relations = kind === 'actor' ? moveRelations(db, survivorId, mergedId) : { relations: [], removedRelations: [] };
  const participants = kind === 'actor' ? moveParticipants(db, survivorId, mergedId) : { participants: [], removedParticipants: [] };
  const evidence = moveIds(db, 'evidence', column, survivorId, mergedId);
  const annotationLinks = moveAnnotationLinks(db, kind, survivorId, mergedId);
  const events = kind === 'place' ? moveIds(db, 'events', 'place_id', survivorId, mergedId) : [];
  const eventParticipants = kind === 'event' ? moveEventParticipants(db, survivorId, mergedId) : {};

  cached(db, `UPDATE ${table} SET updated_at = ? WHERE id = ?`).run(stamp, survivorId);
  cached(db, `UPDATE ${table} SET deleted_at = ? WHERE id = ?`).run(stamp, mergedId);
  touched(db, kind, survivorId);
  touched(db, kind, mergedId);

  const changes: MergeChanges = {
    survivorUpdatedAt: survivor.updated_at,
    mergedDeletedAt: merged.deleted_at,
    aliases,
    notes,
    ...relations,
    ...participants,
    evidence,
    ...annotationLinks,
    events,
    ...eventParticipants,
  };
  const entry = writeMerge(db, {
    kind,
    survivor: { id: survivorId, name: survivor.name },
    merged: { id: mergedId, name: merged.name },
    changes,
    createdAt: stamp,
  });
  return { merge: toRecord(entry) };
}
