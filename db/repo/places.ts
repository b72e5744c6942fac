import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import type { Place, PlaceDetail } from '../shared/records.ts';
import type { GeoPrecision, PlaceKind } from '../shared/vocabulary.ts';
import { type AliasInput, aliasesOf, replaceAliases } from './aliases.ts';
import { annotationsLinkedTo } from './annotations.ts';
import { backlinksTo } from './backlinks.ts';
import { getTrashableRow, listNamedRows, now, type Page } from './common.ts';
import { listEvents } from './events.ts';
import { evidenceFor } from './evidence.ts';

interface Row {
  id: number;
  uuid: string;
  seed_key: string | null;
  name: string;
  kind: PlaceKind;
  description: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  precision: GeoPrecision | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

function toPlaces(db: Db, rows: Row[]): Place[] {
  const aliases = aliasesOf(
    db,
    'place',
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
    lat: r.lat,
    lon: r.lon,
    precision: r.precision,
    aliases: aliases.get(r.id) ?? [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  }));
}

export function listPlaces(db: Db, filter: Page & { kind?: PlaceKind | undefined }): Place[] {
  return toPlaces(db, listNamedRows<Row>(db, 'places', filter));
}

export function getPlace(db: Db, id: number, includeTrashed = false): Place {
  return toPlaces(db, [getTrashableRow<Row>(db, 'places', 'place', id, includeTrashed)])[0]!;
}

export function getPlaceDetail(db: Db, id: number): PlaceDetail {
  return {
    ...getPlace(db, id),
    events: listEvents(db, { placeId: id }),
    evidence: evidenceFor(db, 'place', id),
    backlinks: backlinksTo(db, 'place', id),
    annotations: annotationsLinkedTo(db, 'place', id),
  };
}

export interface PlaceInput {
  name: string;
  kind: PlaceKind;
  description: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  precision: GeoPrecision | null;
  aliases: AliasInput[];
  seedKey?: string;
}

export function createPlace(db: Db, input: PlaceInput): Place {
  const stamp = now();
  const info = cached(
    db,
    `INSERT INTO places (seed_key, name, kind, description, country, lat, lon, precision, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.seedKey ?? null,
    input.name,
    input.kind,
    input.description,
    input.country,
    input.lat,
    input.lon,
    input.precision,
    stamp,
    stamp,
  );
  const id = Number(info.lastInsertRowid);
  replaceAliases(db, 'place', id, input.name, input.aliases);
  return getPlace(db, id);
}

export function updatePlace(db: Db, input: { id: number } & Partial<Omit<PlaceInput, 'seedKey'>>): Place {
  const current = getPlace(db, input.id);
  const name = input.name ?? current.name;
  const pick = <K extends 'country' | 'lat' | 'lon' | 'precision'>(key: K) =>
    input[key] === undefined ? current[key] : (input[key] as Place[K]);
  cached(
    db,
    `UPDATE places SET name = ?, kind = ?, description = ?, country = ?, lat = ?, lon = ?, precision = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    name,
    input.kind ?? current.kind,
    input.description ?? current.description,
    pick('country'),
    pick('lat'),
    pick('lon'),
    pick('precision'),
    now(),
    input.id,
  );
  replaceAliases(db, 'place', input.id, name, input.aliases ?? current.aliases);
  return getPlace(db, input.id);
}
