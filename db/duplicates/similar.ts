// records.similar: the existing actors, places or events a new one may
// duplicate, found before it is created. Candidates come from the name index
// (exact, corrected and other-script hits); each is then held to the strict
// test of likeness.ts against its name and every alias.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { aliasesOf } from '../repo/aliases.ts';
import { entityIndexFor } from '../search/name-index.ts';
import { likeness, namesIn, prepareName, scriptMatchStands } from './likeness.ts';
import type { SimilarReason, SimilarRecord } from '../shared/duplicates.ts';
import type { z } from 'zod';
import type * as s from '../shared/schemas.ts';

export type SimilarInput = z.output<typeof s.recordsSimilar>;

const CANDIDATES_PER_NAME = 25;
const RANK: Record<SimilarReason, number> = { same: 0, passage: 1, spelling: 2, script: 3 };

interface Candidate {
  id: number;
  name: string;
  detail: string;
}

/** Live events whose evidence overlaps the passage. */
function eventsCitingPassage(db: Db, passage: NonNullable<SimilarInput['passage']>): (Candidate & { quote: string })[] {
  return cached(
    db,
    `SELECT ev.id, ev.title AS name, coalesce(ev.date, 'undated') || ' · ' || ev.type AS detail, min(e.quote) AS quote
       FROM evidence e JOIN events ev ON ev.id = e.event_id AND ev.deleted_at IS NULL
       WHERE e.source_id = ? AND e.start < ? AND e."end" > ? AND e.orphaned_at IS NULL
       GROUP BY ev.id ORDER BY ev.id`,
  ).all(passage.sourceId, passage.end, passage.start) as (Candidate & { quote: string })[];
}

export function similarRecords(db: Db, input: SimilarInput): SimilarRecord[] {
  const typed = [...new Set([...namesIn(input.name), ...input.aliases.flatMap(namesIn)])];
  const index = entityIndexFor(db);
  index.complete();
  const candidates = new Map<number, Candidate>();
  for (const name of typed) {
    for (const match of index.search(name, { limit: CANDIDATES_PER_NAME, kinds: [input.kind] })) {
      const { id, name: recordName, detail } = match.entity;
      if (id !== input.excludeId) candidates.set(id, { id, name: recordName, detail });
    }
  }
  const aliases = input.kind === 'event' ? new Map<number, { name: string }[]>() : aliasesOf(db, input.kind, [...candidates.keys()]);
  const prepared = typed.map((name) => ({ name, p: prepareName(name) }));
  const found: SimilarRecord[] = [];
  for (const record of candidates.values()) {
    const labels = [
      { label: record.name, as: 'name' as const },
      ...(aliases.get(record.id) ?? []).map((a) => ({ label: a.name, as: 'alias' as const })),
    ];
    const names = labels.flatMap((l) => namesIn(l.label).map((variant) => ({ ...l, other: prepareName(variant) })));
    const own = names.map((n) => n.other);
    let best: SimilarRecord | undefined;
    for (const { label, as, other } of names) {
      for (const { name, p } of prepared) {
        const reason = likeness(p, other);
        if (reason === 'script' && !p.arabic && !scriptMatchStands(p, own)) continue;
        if (reason && (!best || RANK[reason] < RANK[best.reason])) {
          best = { kind: input.kind, ...record, reason, matched: label, matchedAs: as, typed: name };
        }
      }
    }
    if (best) found.push(best);
  }
  if (input.kind === 'event' && input.passage) {
    for (const { quote, ...event } of eventsCitingPassage(db, input.passage)) {
      if (event.id === input.excludeId) continue;
      const at = found.findIndex((f) => f.id === event.id);
      if (at >= 0 && found[at]!.reason === 'same') continue;
      if (at >= 0) found.splice(at, 1);
      found.push({ kind: 'event', ...event, reason: 'passage', matched: quote, matchedAs: 'evidence', typed: input.name });
    }
  }
  return found.sort((a, b) => RANK[a.reason] - RANK[b.reason] || a.name.localeCompare(b.name));
}
