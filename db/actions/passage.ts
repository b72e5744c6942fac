// Workflows that take several writes, each one API command in one
// transaction (DESIGN.md, Layout): a record made from a passage with the
// passage as its evidence, and names added to a record with the passage that
// names it. A failure at any step leaves the store as it was.
import type { Db } from '../store/db.ts';
import type { Alias, Evidence } from '../shared/records.ts';
import { createActor, getActor, type ActorInput } from '../repo/actors.ts';
import { addAlias, removeAlias } from '../repo/aliases.ts';
import { createEvent } from '../repo/events.ts';
import { createEvidence, deleteEvidence, getEvidence } from '../repo/evidence.ts';
import { createPlace, getPlace } from '../repo/places.ts';
import { ApiError, invalid } from '../shared/errors.ts';
import { foldName } from '../shared/folding.ts';
import type { NamesWithEvidence, RecordFromPassage } from '../shared/records.ts';
import type { z } from 'zod';
import type * as s from '../shared/schemas.ts';

/** A passage of a source, cited as evidence. */
export type PassageInput = z.output<typeof s.passageEvidence>;

type EventInput = Parameters<typeof createEvent>[1];
type PlaceInput = Parameters<typeof createPlace>[1];

export type RecordFromPassageInput =
  | { kind: 'actor'; actor: ActorInput; evidence: PassageInput }
  | { kind: 'place'; place: PlaceInput; evidence: PassageInput }
  | { kind: 'event'; event: EventInput; evidence: PassageInput };

/** An error from the evidence step, its issue paths under `evidence.` as the caller wrote them. */
function underEvidence(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const issues = error.issues.map((i) => ({ ...i, path: `evidence.${i.path === 'subject.id' ? 'subject' : i.path}` }));
  return new ApiError(error.code, `evidence: ${error.message}`, issues);
}

function cite(db: Db, subject: { kind: 'actor' | 'place' | 'event'; id: number }, passage: PassageInput): Evidence {
  try {
    return createEvidence(db, { subject, ...passage });
  } catch (error) {
    throw underEvidence(error);
  }
}

/** `records.createFromPassage`: a new actor, place or event, the passage its evidence. */
export function createFromPassage(db: Db, input: RecordFromPassageInput): RecordFromPassage {
  switch (input.kind) {
    case 'actor': {
      const record = createActor(db, input.actor);
      return { kind: 'actor', record, evidence: cite(db, { kind: 'actor', id: record.id }, input.evidence) };
    }
    case 'place': {
      const record = createPlace(db, input.place);
      return { kind: 'place', record, evidence: cite(db, { kind: 'place', id: record.id }, input.evidence) };
    }
    case 'event': {
      const record = createEvent(db, input.event);
      return { kind: 'event', record, evidence: cite(db, { kind: 'event', id: record.id }, input.evidence) };
    }
  }
}

export type NamesWithEvidenceInput = z.output<typeof s.aliasAddWithEvidence>;

/**
 * `aliases.addWithEvidence`: names become aliases of an actor or place
 * (those it already has, folded, are skipped) and the passage naming it
 * becomes evidence, its field "alias" when a name was new, else "name".
 */
export function addNamesWithEvidence(db: Db, input: NamesWithEvidenceInput): NamesWithEvidence {
  const { owner } = input;
  const record = owner.kind === 'actor' ? getActor(db, owner.id) : getPlace(db, owner.id);
  const known = new Set([record.name, ...record.aliases.map((a) => a.name)].map(foldName));
  const added: Alias[] = [];
  for (const name of input.names) {
    const key = foldName(name.name);
    if (known.has(key)) continue;
    known.add(key);
    added.push(addAlias(db, owner.kind, owner.id, record.name, name));
  }
  const evidence = input.evidence
    ? cite(db, owner, { ...input.evidence, field: input.evidence.field ?? (added.length > 0 ? 'alias' : 'name') })
    : null;
  return { added, evidence };
}

/** `aliases.removeWithEvidence`: takes back what addWithEvidence added (its undo), all or nothing. */
export function removeNamesWithEvidence(
  db: Db,
  input: { owner: { kind: 'actor' | 'place'; id: number }; aliasIds: number[]; evidenceId: number | null },
): { removed: number } {
  const { owner } = input;
  if (owner.kind === 'actor') getActor(db, owner.id);
  else getPlace(db, owner.id);
  if (input.evidenceId !== null) {
    const evidence = getEvidence(db, input.evidenceId);
    if (evidence.subject.kind !== owner.kind || evidence.subject.id !== owner.id) {
      throw invalid('evidenceId', `evidence ${input.evidenceId} is not evidence for this ${owner.kind}`);
    }
    deleteEvidence(db, input.evidenceId);
  }
  for (const aliasId of input.aliasIds) removeAlias(db, owner.kind, owner.id, aliasId);
  return { removed: input.aliasIds.length + (input.evidenceId === null ? 0 : 1) };
}
