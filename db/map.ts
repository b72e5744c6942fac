// What the map (#/map) draws, in one read: every place (with or without
// coordinates, with how many of the shown events happened there) and the
// events that match the address's actor, place and type filters. The text
// filter and the date range are applied in the renderer, with the timeline's
// own functions, so the two views cannot disagree.
import { listEvents } from './repo/events.ts';
import { listPlaces } from './repo/places.ts';
import type { Db } from './store/db.ts';
import type { EventType } from './shared/vocabulary.ts';
import type { MapData } from './shared/map-data.ts';

export interface MapFilter {
  actorId?: number | undefined;
  placeId?: number | undefined;
  type?: EventType | undefined;
}

export function mapData(db: Db, filter: MapFilter): MapData {
  const counts = new Map(
    (
      db
        .prepare('SELECT place_id, count(*) AS n FROM events WHERE deleted_at IS NULL AND place_id IS NOT NULL GROUP BY place_id')
        .all() as {
        place_id: number;
        n: number;
      }[]
    ).map((row) => [row.place_id, row.n]),
  );
  const places = listPlaces(db, {}).map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    country: p.country,
    lat: p.lat,
    lon: p.lon,
    precision: p.precision,
    eventCount: counts.get(p.id) ?? 0,
  }));
  return { places, events: listEvents(db, filter) };
}
