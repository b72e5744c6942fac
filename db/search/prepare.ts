// The name index is built in slices (name-index.ts), so that opening a large
// store never waits for it: searches answer from the store meanwhile. The
// process that owns the store drives the build between calls; a one-shot
// caller (the CLI) finishes it before searching.
import type { Db } from '../store/db.ts';
import { entityIndexFor } from './name-index.ts';
import type { SearchReadiness } from '../shared/search-results.ts';

/** Builds `slices` more slices of the name index, or all of it when `slices` is undefined. */
export function prepareSearch(db: Db, slices: number | undefined): SearchReadiness {
  const index = entityIndexFor(db);
  if (slices === undefined) index.complete();
  else for (let i = 0; i < slices && !index.ready; i++) index.buildMore();
  return { ready: index.ready, names: index.size };
}

/** Saves the next part of the whole name index into the store; `saving`: whether more is to come. */
export function saveSearchIndex(db: Db): { saving: boolean } {
  return { saving: entityIndexFor(db).saveStep() };
}

/**
 * Drives `prepare` (one slice per turn of the event loop, so calls in between
 * are answered) until the index is ready. The timers do not keep the process
 * alive; an error ends the warm-up quietly, as searches still answer from the store.
 */
export function prepareSearchInBackground(
  prepare: () => SearchReadiness | Promise<SearchReadiness>,
  then: () => void = () => undefined,
): void {
  const step = () => {
    Promise.resolve()
      .then(prepare)
      .then((state) => {
        if (!state.ready) setTimeout(step, 0).unref();
        else then();
      })
      .catch(() => undefined);
  };
  setTimeout(step, 0).unref();
}

/** Between two parts of a save of the name index: the write lock is free meanwhile, for calls and other writers. */
const SAVE_PAUSE_MS = 20;

/**
 * Drives `save` (one part of the name index per short transaction, see
 * name-index-snapshot.ts) until nothing is left to save. A failure (a full
 * disk) ends it quietly: the store then opens without a snapshot, and builds the index.
 */
export function saveSearchIndexInBackground(save: () => { saving: boolean } | Promise<{ saving: boolean }>): void {
  const step = () => {
    Promise.resolve()
      .then(save)
      .then((state) => {
        if (state.saving) setTimeout(step, SAVE_PAUSE_MS).unref();
      })
      .catch(() => undefined);
  };
  setTimeout(step, 0).unref();
}
