// What points at an actor, a place or an event from elsewhere, as its page
// shows it: the evidence for it, the notes that mention it and the highlights
// linked to it.
import type { Db } from '../store/db.ts';
import type { Annotation, Backlink, Evidence } from '../shared/records.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { annotationsLinkedTo } from './annotations.ts';
import { backlinksTo } from './backlinks.ts';
import { evidenceFor } from './evidence.ts';

export function linksTo(db: Db, kind: EntityKind, id: number): { evidence: Evidence[]; backlinks: Backlink[]; annotations: Annotation[] } {
  return {
    evidence: evidenceFor(db, kind, id),
    backlinks: backlinksTo(db, kind, id),
    annotations: annotationsLinkedTo(db, kind, id),
  };
}
