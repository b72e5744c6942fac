import type { Db } from '../store/db.ts';
import { createActor } from '../repo/actors.ts';
import { now } from '../repo/common.ts';
import { createEvent } from '../repo/events.ts';
import { createEvidence, type SubjectKind } from '../repo/evidence.ts';
import { createPlace } from '../repo/places.ts';
import { createRelation } from '../repo/relations.ts';
import { createSource, sha256 } from '../repo/sources.ts';
import { writeIndexed } from '../search/indexer.ts';
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

/** Seeding a store: what is added is counted in `added`. */
interface Seeding {
  db: Db;
  seed: LoadedSeed;
  added: SeedResult['added'];
}

function wasApplied(db: Db, kind: SeedKind, key: string): boolean {
  return db.prepare('SELECT 1 FROM seed_log WHERE kind = ? AND key = ?').get(kind, key) !== undefined;
}

function markApplied(db: Db, kind: SeedKind, key: string): void {
  db.prepare('INSERT INTO seed_log (kind, key, applied_at) VALUES (?, ?, ?)').run(kind, key, now());
}

/**
 * The id of the record seeded as `key`. A key applied once but gone now was
 * deleted by the analyst: undefined, and what hangs on it is skipped, not re-created.
 */
function find(db: Db, kind: SeedKind, key: string, by: string): number | undefined {
  const id = (db.prepare(`SELECT id FROM ${TABLE[kind]} WHERE seed_key = ?`).get(key) as { id: number } | undefined)?.id;
  if (id === undefined && !wasApplied(db, kind, key)) throw new Error(`seed: ${by} refers to unknown ${kind} "${key}"`);
  return id;
}

/** A seed record's UUID is derived from its key: the same on every machine. */
function stampUuid(db: Db, kind: SeedKind, id: number, key: string): void {
  db.prepare(`UPDATE ${TABLE[kind]} SET uuid = ? WHERE id = ?`).run(seedUuid(kind, key), id);
}

function addEvidence({ db, added }: Seeding, kind: SubjectKind, id: number, key: string, items: SeedEvidence[], by: string): void {
  const used = new Set<string>();
  for (const item of items) {
    const sourceId = find(db, 'source', item.source, by);
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
}

function seedSources({ db, seed, added }: Seeding): void {
  for (const source of seed.data.sources) {
    if (wasApplied(db, 'source', source.key)) continue;
    const text = seed.documents.get(source.key)!;
    // The analyst may have imported the same document before the seed reached this store.
    const existing = db.prepare('SELECT id FROM sources WHERE sha256 = ?').get(sha256(text)) as { id: number } | undefined;
    if (existing) db.prepare('UPDATE sources SET seed_key = ? WHERE id = ? AND seed_key IS NULL').run(source.key, existing.id);
    else {
      createSource(db, {
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
    markApplied(db, 'source', source.key);
  }
}

/** Seeds record `key` of `kind` unless it was seeded before: `create` makes it, then it gets its UUID and evidence. */
function seedRecord(
  seeding: Seeding,
  kind: 'actor' | 'place' | 'event',
  key: string,
  evidence: SeedEvidence[],
  create: (by: string) => { id: number },
): void {
  const { db, added } = seeding;
  if (wasApplied(db, kind, key)) return;
  const by = `${kind} "${key}"`;
  const { id } = create(by);
  stampUuid(db, kind, id, key);
  addEvidence(seeding, kind, id, key, evidence, by);
  markApplied(db, kind, key);
  added[`${kind}s`]++;
}

function seedActorsAndPlaces(seeding: Seeding): void {
  const { db, seed } = seeding;
  for (const actor of seed.data.actors) {
    seedRecord(seeding, 'actor', actor.key, actor.evidence, () => createActor(db, { ...actor, seedKey: actor.key }));
  }
  for (const place of seed.data.places) {
    seedRecord(seeding, 'place', place.key, place.evidence, () => createPlace(db, { ...place, seedKey: place.key }));
  }
}

function seedEvents(seeding: Seeding): void {
  const { db, seed } = seeding;
  for (const event of seed.data.events) {
    seedRecord(seeding, 'event', event.key, event.evidence, (by) =>
      createEvent(db, {
        title: event.title,
        date: event.date,
        type: event.type,
        subType: event.subType,
        placeId: event.place === null ? null : (find(db, 'place', event.place, by) ?? null),
        fatalities: event.fatalities,
        summary: event.summary,
        participants: event.participants.flatMap((p) => {
          const actorId = find(db, 'actor', p.actor, by);
          return actorId === undefined ? [] : [{ actorId, role: p.role }];
        }),
        seedKey: event.key,
      }),
    );
  }
}

function seedRelations(seeding: Seeding): void {
  const { db, seed, added } = seeding;
  for (const relation of seed.data.relations) {
    if (wasApplied(db, 'relation', relation.key)) continue;
    const by = `relation "${relation.key}"`;
    const sourceId = find(db, 'actor', relation.from, by);
    const targetId = find(db, 'actor', relation.to, by);
    markApplied(db, 'relation', relation.key);
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
    stampUuid(db, 'relation', id, relation.key);
    addEvidence(seeding, 'relation', id, relation.key, relation.evidence, by);
    added.relations++;
  }
}

/**
 * Adds every seed record that was never applied to this store. A record
 * applied once is never re-created, even if the analyst has since deleted
 * it, so seeding twice changes nothing. Runs in one transaction.
 */
export function applySeed(db: Db, seed: LoadedSeed): SeedResult {
  const seeding: Seeding = { db, seed, added: { sources: 0, actors: 0, places: 0, events: 0, relations: 0, evidence: 0 } };
  db.transaction(() => {
    // In this order: evidence cites sources, events name actors and places, relations link actors.
    writeIndexed(db, () => {
      seedSources(seeding);
      seedActorsAndPlaces(seeding);
      seedEvents(seeding);
      seedRelations(seeding);
    });
    db.prepare("INSERT INTO meta (key, value) VALUES ('seed_hash', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
      seed.hash,
    );
  }).immediate();
  return { added: seeding.added };
}

/** True when this exact seed was already applied, so opening the store can skip seeding. */
export function seedIsCurrent(db: Db, seed: { hash: string }): boolean {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'seed_hash'").get() as { value: string } | undefined;
  return row?.value === seed.hash;
}
