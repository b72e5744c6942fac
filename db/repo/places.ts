import type { Db } from '../store/db.ts';
import type { Place, PlaceDetail } from '../shared/records.ts';
import type { PlaceKind } from '../shared/vocabulary.ts';
import type { Page } from './common.ts';
import { createNamed, getNamed, listNamed, type NamedInput, type NamedUpdate, updateNamed } from './named-records.ts';
import { listEvents } from './events.ts';
import { linksTo } from './record-links.ts';

export const listPlaces = (db: Db, filter: Page & { kind?: PlaceKind | undefined }): Place[] => listNamed(db, 'place', filter);

export const getPlace = (db: Db, id: number, includeTrashed = false): Place => getNamed(db, 'place', id, includeTrashed);

export function getPlaceDetail(db: Db, id: number): PlaceDetail {
  return {
    ...getPlace(db, id),
    events: listEvents(db, { placeId: id }),
    ...linksTo(db, 'place', id),
  };
}

export type PlaceInput = NamedInput<'place'>;

export const createPlace = (db: Db, input: PlaceInput): Place => createNamed(db, 'place', input);

export const updatePlace = (db: Db, input: NamedUpdate<'place'>): Place => updateNamed(db, 'place', input);
