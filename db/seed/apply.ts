import type { Db } from '../store/db.ts';
import { createActor } from '../repo/actors.ts';
import { now } from '../repo/common.ts';
import { createEvent } from '../repo/events.ts';
import { createEvidence, type SubjectKind } from '../repo/evidence.ts';
import { createPlace } from '../repo/places.ts';
import { createRelation } from '../repo/relations.ts';
import { createSource, sha256 } from '../repo/sources.ts';
import type { LoadedSeed, SeedEvidence } from './data.ts';
import { seedEvidenceUuid, seedUuid } from '../uuid.ts';

export interface SeedResult {
  added: { sources: number; actors: number; places: number; events: number; relations: number; evidence: number };
}

type SeedKind = 'source' | 'actor' | 'place' | 'event' | 'relation';
const TABLE: Record<SeedKind, string> = {
  source: 'sources',
  actor: 'actors',
  place: 'places',
  event: 'events',
  relation: 'relations',
};

/**
 * Adds every seed record that was never applied to this store. A record
 * applied once is never re-created, even if the analyst has since deleted
 * it, so seeding twice changes nothing. Runs in one transaction.
 */
export function applySeed(db: Db, seed: LoadedSeed): SeedResult {
  const added = { sources: 0, actors: 0, places: 0, events: 0, relations: 0, evidence: 0 };
  const wasApplied = (kind: SeedKind, key: string) =>
    db.prepare('SELECT 1 FROM seed_log WHERE kind = ? AND key = ?').get(kind, key) !== undefined;
  const markApplied = (kind: SeedKind, key: string) =>
    db.prepare('INSERT INTO seed_log (kind, key, applied_at) VALUES (?, ?, ?)').run(kind, key, now());
  const idOf = (kind: SeedKind, key: string): number | undefined =>
    (db.prepare(`SELECT id FROM ${TABLE[kind]} WHERE seed_key = ?`).get(key) as { id: number } | undefined)?.id;
  // A key applied once but gone now was deleted by the analyst: what hangs on it is skipped, not re-created.
  const find = (kind: SeedKind, key: string, by: string): number | undefined => {
    const id = idOf(kind, key);
    if (id === undefined && !wasApplied(kind, key)) throw new Error(`seed: ${by} refers to unknown ${kind} "${key}"`);
    return id;
  };
  // A seed record's UUID is derived from its key: the same on every machine.
  const stampUuid = (kind: SeedKind, id: number, key: string) =>
    db.prepare(`UPDATE ${TABLE[kind]} SET uuid = ? WHERE id = ?`).run(seedUuid(kind, key), id);
  const addEvidence = (kind: SubjectKind, id: number, key: string, items: SeedEvidence[], by: string) => {
    const used = new Set<string>();
    for (const item of items) {
      const sourceId = find('source', item.source, by);
      if (sourceId === undefined) continue;
      const evidence = createEvidence(db, {
        subject: { kind, id },
        sourceId,
        quote: item.quote,
        credibility: item.credibility,
        field: item.field,
        comment: item.comment ?? '',
      });
      // From the quote as stored (anchored), as migration 7 derives it for stores seeded before UUIDs.
      const uuid = seedEvidenceUuid({ kind, key }, item.source, evidence.quote);
      if (!used.has(uuid)) db.prepare('UPDATE evidence SET uuid = ? WHERE id = ?').run(uuid, evidence.id);
      used.add(uuid);
      added.evidence++;
    }
  };

  db.transaction(() => {
    const { data } = seed;
    for (const source of data.sources) {
      if (wasApplied('source', source.key)) continue;
      const text = seed.documents.get(source.key)!;
      // The analyst may have imported the same document before the seed reached this store.
      const existing = db.prepare('SELECT id FROM sources WHERE sha256 = ?').get(sha256(text)) as { id: number } | undefined;
      if (existing) db.prepare('UPDATE sources SET seed_key = ? WHERE id = ? AND seed_key IS NULL').run(source.key, existing.id);
      else {
        const { id } = createSource(db, {
          title: source.title,
          text,
          author: source.author,
          publisher: source.publisher,
          published: source.published,
          language: source.language,
          url: null,
          reliability: source.reliability,
          note: source.note,
          seedKey: source.key,
          uuid: seedUuid('source', source.key),
        });
        added.sources++;
      }
      markApplied('source', source.key);
    }
    for (const actor of data.actors) {
      if (wasApplied('actor', actor.key)) continue;
      const { id } = createActor(db, { ...actor, seedKey: actor.key });
      stampUuid('actor', id, actor.key);
      addEvidence('actor', id, actor.key, actor.evidence, `actor "${actor.key}"`);
      markApplied('actor', actor.key);
      added.actors++;
    }
    for (const place of data.places) {
      if (wasApplied('place', place.key)) continue;
      const { id } = createPlace(db, { ...place, seedKey: place.key });
      stampUuid('place', id, place.key);
      addEvidence('place', id, place.key, place.evidence, `place "${place.key}"`);
      markApplied('place', place.key);
      added.places++;
    }
    for (const event of data.events) {
      if (wasApplied('event', event.key)) continue;
      const by = `event "${event.key}"`;
      const { id } = createEvent(db, {
        title: event.title,
        date: event.date,
        type: event.type,
        subType: event.subType,
        placeId: event.place === null ? null : (find('place', event.place, by) ?? null),
        fatalities: event.fatalities,
        summary: event.summary,
        participants: event.participants.flatMap((p) => {
          const actorId = find('actor', p.actor, by);
          return actorId === undefined ? [] : [{ actorId, role: p.role }];
        }),
        seedKey: event.key,
      });
      stampUuid('event', id, event.key);
      addEvidence('event', id, event.key, event.evidence, by);
      markApplied('event', event.key);
      added.events++;
    }
    for (const relation of data.relations) {
      if (wasApplied('relation', relation.key)) continue;
      const by = `relation "${relation.key}"`;
      const sourceId = find('actor', relation.from, by);
      const targetId = find('actor', relation.to, by);
      markApplied('relation', relation.key);
      if (sourceId === undefined || targetId === undefined) continue;
      const { id } = createRelation(db, {
        sourceId,
        targetId,
        type: relation.type,
        start: relation.start,
        end: relation.end,
        description: relation.description,
        seedKey: relation.key,
      });
      stampUuid('relation', id, relation.key);
      addEvidence('relation', id, relation.key, relation.evidence, by);
      added.relations++;
    }
    db.prepare("INSERT INTO meta (key, value) VALUES ('seed_hash', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
      seed.hash,
    );
  }).immediate();
  return { added };
}

/** True when this exact seed was already applied, so opening the store can skip seeding. */
export function seedIsCurrent(db: Db, seed: { hash: string }): boolean {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'seed_hash'").get() as { value: string } | undefined;
  return row?.value === seed.hash;
}
