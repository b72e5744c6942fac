import type { Db } from '../store/db.ts';
import type { Actor, ActorDetail } from '../shared/records.ts';
import type { ActorKind } from '../shared/vocabulary.ts';
import type { Page } from './common.ts';
import { createNamed, getNamed, listNamed, type NamedInput, type NamedUpdate, updateNamed } from './named-records.ts';
import { eventsOfActor } from './events.ts';
import { linksTo } from './record-links.ts';
import { listRelations } from './relations.ts';

export const listActors = (db: Db, filter: Page & { kind?: ActorKind | undefined }): Actor[] => listNamed(db, 'actor', filter);

export const getActor = (db: Db, id: number, includeTrashed = false): Actor => getNamed(db, 'actor', id, includeTrashed);

export function getActorDetail(db: Db, id: number): ActorDetail {
  return {
    ...getActor(db, id),
    relations: listRelations(db, { actorId: id }),
    events: eventsOfActor(db, id),
    ...linksTo(db, 'actor', id),
  };
}

export type ActorInput = NamedInput<'actor'>;

export const createActor = (db: Db, input: ActorInput): Actor => createNamed(db, 'actor', input);

export const updateActor = (db: Db, input: NamedUpdate<'actor'>): Actor => updateNamed(db, 'actor', input);
