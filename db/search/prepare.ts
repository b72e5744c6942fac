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

/**
 * Drives `prepare` (one slice per turn of the event loop, so calls in between
 * are answered) until the index is ready. The timers do not keep the process
 * alive; an error ends the warm-up quietly, as searches still answer from the store.
 */
export function prepareSearchInBackground(prepare: () => SearchReadiness | Promise<SearchReadiness>): void {
  const step = () => {
    Promise.resolve()
      .then(prepare)
      .then((state) => {
        if (!state.ready) setTimeout(step, 0).unref();
      })
      .catch(() => undefined);
  };
  setTimeout(step, 0).unref();
}
