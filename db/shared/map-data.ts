import type { GeoPrecision, PlaceKind } from './vocabulary.ts';
import type { EventRecord } from './records.ts';
// What map.data and the gazetteer return.

export interface MapPlace {
  id: number;
  name: string;
  kind: PlaceKind;
  country: string | null;
  lat: number | null;
  lon: number | null;
  precision: GeoPrecision | null;
  /** Events (all of them, whatever the filters) that happened there. */
  eventCount: number;
}

export interface MapData {
  places: MapPlace[];
  events: EventRecord[];
}

export interface GazetteerCity {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lon: number;
  population: number;
}
