// The work left after the commands that is done a short transaction at a
// time, between calls (search/index-in-background.ts drives it): sweeping the
// search vocabulary after a long text was purged (vocabulary-sweep.ts), then
// indexing long source texts a chunk at a time (source-index.ts).
import { indexingPending, indexNextChunk, pendingCount } from './source-index.ts';
import type { Db } from '../store/db.ts';
import type { IndexingState } from '../shared/search-results.ts';
import { sweepPending, sweepStep } from './vocabulary-sweep.ts';

/** One step, inside the caller's transaction (`search.indexSources`); `pending`: the sources still to index, plus 1 while a sweep is due. */
export function nextBackgroundStep(db: Db): IndexingState {
  const state = sweepStep(db) ? pendingCount(db) : indexNextChunk(db);
  return { pending: state.pending + (sweepPending(db) ? 1 : 0) };
}

/** Whether some work waits (a read: cheap enough to ask after every call). */
export function backgroundWorkPending(db: Db): boolean {
  return sweepPending(db) || indexingPending(db);
}
