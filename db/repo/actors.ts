import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import type { Actor, ActorDetail } from '../shared/records.ts';
import type { ActorKind } from '../shared/vocabulary.ts';
import { type AliasInput, aliasesOf, replaceAliases } from './aliases.ts';
import { annotationsLinkedTo } from './annotations.ts';
import { backlinksTo } from './backlinks.ts';
import { getTrashableRow, listNamedRows, now, type Page } from './common.ts';
import { eventsOfActor } from './events.ts';
import { evidenceFor } from './evidence.ts';
import { listRelations } from './relations.ts';

interface Row {
  id: number;
  uuid: string;
  seed_key: string | null;
  name: string;
  kind: ActorKind;
  description: string;
  country: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

function toActors(db: Db, rows: Row[]): Actor[] {
  const aliases = aliasesOf(
    db,
    'actor',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    uuid: r.uuid,
    seedKey: r.seed_key,
    name: r.name,
    kind: r.kind,
    description: r.description,
    country: r.country,
    aliases: aliases.get(r.id) ?? [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  }));
}

export function listActors(db: Db, filter: Page & { kind?: ActorKind | undefined }): Actor[] {
  return toActors(db, listNamedRows<Row>(db, 'actors', filter));
}

export function getActor(db: Db, id: number, includeTrashed = false): Actor {
  return toActors(db, [getTrashableRow<Row>(db, 'actors', 'actor', id, includeTrashed)])[0]!;
}

export function getActorDetail(db: Db, id: number): ActorDetail {
  return {
    ...getActor(db, id),
    relations: listRelations(db, { actorId: id }),
    events: eventsOfActor(db, id),
    evidence: evidenceFor(db, 'actor', id),
    backlinks: backlinksTo(db, 'actor', id),
    annotations: annotationsLinkedTo(db, 'actor', id),
  };
}

export interface ActorInput {
  name: string;
  kind: ActorKind;
  description: string;
  country: string | null;
  aliases: AliasInput[];
  seedKey?: string;
}

export function createActor(db: Db, input: ActorInput): Actor {
  const stamp = now();
  const info = cached(
    db,
    `INSERT INTO actors (seed_key, name, kind, description, country, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(input.seedKey ?? null, input.name, input.kind, input.description, input.country, stamp, stamp);
  const id = Number(info.lastInsertRowid);
  replaceAliases(db, 'actor', id, input.name, input.aliases);
  return getActor(db, id);
}

export function updateActor(db: Db, input: { id: number } & Partial<Omit<ActorInput, 'seedKey'>>): Actor {
  const current = getActor(db, input.id);
  const name = input.name ?? current.name;
  cached(db, 'UPDATE actors SET name = ?, kind = ?, description = ?, country = ?, updated_at = ? WHERE id = ?').run(
    name,
    input.kind ?? current.kind,
    input.description ?? current.description,
    input.country === undefined ? current.country : input.country,
    now(),
    input.id,
  );
  replaceAliases(db, 'actor', input.id, name, input.aliases ?? current.aliases);
  return getActor(db, input.id);
}
