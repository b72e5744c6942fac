import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import type { Backlink } from '../shared/records.ts';
import type { LinkTargetKind } from '../shared/vocabulary.ts';

export const LINK_COLUMN: Record<LinkTargetKind, string> = {
  actor: 'actor_id',
  place: 'place_id',
  event: 'event_id',
  source: 'source_id',
  annotation: 'annotation_id',
  note: 'target_note_id',
};

/** Notes (not in the trash) that mention the record, newest first, one entry per mention. */
export function backlinksTo(db: Db, kind: LinkTargetKind, id: number): Backlink[] {
  return cached(
    db,
    `SELECT n.id AS noteId, n.title AS noteTitle, l.context, n.updated_at AS updatedAt
       FROM note_links l JOIN notes n ON n.id = l.note_id
       WHERE l.${LINK_COLUMN[kind]} = ? AND n.deleted_at IS NULL
       ORDER BY n.updated_at DESC, l.position`,
  ).all(id) as Backlink[];
}
