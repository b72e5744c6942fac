// Migration 7's data step: a UUID for every record already in the store.
// Seed records get the UUID derived from their seed key (the same on every
// machine); the rest a random one.
import { randomUUID } from 'node:crypto';
import { seedEvidenceUuid, seedUuid, type SeedRecordKind } from '../uuid.ts';
import type { Db } from './db.ts';

export const UUID_TABLES = ['sources', 'actors', 'places', 'events', 'relations', 'evidence', 'annotations', 'notes'] as const;
export type UuidTable = (typeof UUID_TABLES)[number];

const SEEDED: [UuidTable, SeedRecordKind][] = [
  ['sources', 'source'],
  ['actors', 'actor'],
  ['places', 'place'],
  ['events', 'event'],
  ['relations', 'relation'],
];

/** Per table: a random v4 UUID in plain SQL, for the triggers that stamp a new row. */
export const RANDOM_UUID_SQL = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
  || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

export function fillUuids(db: Db): void {
  for (const [table, kind] of SEEDED) {
    const set = db.prepare(`UPDATE ${table} SET uuid = ? WHERE id = ?`);
    for (const row of db.prepare(`SELECT id, seed_key FROM ${table} WHERE uuid IS NULL`).all() as {
      id: number;
      seed_key: string | null;
    }[]) {
      set.run(row.seed_key === null ? randomUUID() : seedUuid(kind, row.seed_key), row.id);
    }
  }
  // Seed claims: derived from their subject's and source's seed keys and the quote, once per store.
  const claims = db
    .prepare(
      `SELECT e.id, e.quote, s.seed_key AS source_key,
              CASE WHEN e.actor_id IS NOT NULL THEN 'actor' WHEN e.place_id IS NOT NULL THEN 'place'
                   WHEN e.event_id IS NOT NULL THEN 'event' ELSE 'relation' END AS kind,
              coalesce(a.seed_key, p.seed_key, ev.seed_key, r.seed_key) AS subject_key
       FROM evidence e JOIN sources s ON s.id = e.source_id
       LEFT JOIN actors a ON a.id = e.actor_id LEFT JOIN places p ON p.id = e.place_id
       LEFT JOIN events ev ON ev.id = e.event_id LEFT JOIN relations r ON r.id = e.relation_id
       WHERE e.uuid IS NULL ORDER BY e.id`,
    )
    .all() as { id: number; quote: string; source_key: string | null; kind: SeedRecordKind; subject_key: string | null }[];
  const setEvidence = db.prepare('UPDATE evidence SET uuid = ? WHERE id = ?');
  const used = new Set<string>();
  for (const claim of claims) {
    const derived =
      claim.source_key !== null && claim.subject_key !== null
        ? seedEvidenceUuid({ kind: claim.kind, key: claim.subject_key }, claim.source_key, claim.quote)
        : null;
    const uuid = derived !== null && !used.has(derived) ? derived : randomUUID();
    used.add(uuid);
    setEvidence.run(uuid, claim.id);
  }
  for (const table of ['annotations', 'notes'] as const) {
    const set = db.prepare(`UPDATE ${table} SET uuid = ? WHERE id = ?`);
    for (const { id } of db.prepare(`SELECT id FROM ${table} WHERE uuid IS NULL`).all() as { id: number }[]) set.run(randomUUID(), id);
  }
}

/** The schema step: the column, a unique index, and a trigger giving every new row a random UUID unless it came with one. */
export function uuidSchemaSql(): string {
  return UUID_TABLES.map(
    (table) => `
ALTER TABLE ${table} ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);
CREATE UNIQUE INDEX ${table}_by_uuid ON ${table}(uuid);
CREATE TRIGGER ${table}_uuid AFTER INSERT ON ${table} WHEN NEW.uuid IS NULL
BEGIN
  UPDATE ${table} SET uuid = ${RANDOM_UUID_SQL} WHERE id = NEW.id;
END;`,
  ).join('\n');
}
