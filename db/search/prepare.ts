// The name index is built in slices (name-index.ts), so that opening a large
// store never waits for it: searches answer from the store meanwhile. The
// process that owns the store drives the build between calls, and when calls
// pause tidies the indexes (segment-merge.ts, then the name index saved into
// the store); a one-shot caller (the CLI) finishes the build before searching.
import type { Db } from '../store/db.ts';
import { entityIndexFor } from './name-index.ts';
import { mergeSegmentsStep } from './segment-merge.ts';
import type { SearchReadiness } from '../shared/search-results.ts';

/** Builds `slices` more slices of the name index, or all of it when `slices` is undefined. */
export function prepareSearch(db: Db, slices: number | undefined): SearchReadiness {
  const index = entityIndexFor(db);
  if (slices === undefined) index.complete();
  else for (let i = 0; i < slices && index.rebuilding; i++) index.buildMore();
  return searchReadiness(db);
}

/** How far the name index is built, building nothing: while it is not ready, names are found only as typed or as prefixes. */
export function searchReadiness(db: Db): SearchReadiness {
  const index = entityIndexFor(db);
  return { ready: index.ready, rebuilding: index.rebuilding, names: index.size };
}

/**
 * The next step of the work that keeps the search indexes quick to open and
 * to query, done when calls pause: merging a full-text index's segments
 * (segment-merge.ts), then saving the whole name index into the store; `more`:
 * whether another step is to come.
 */
export function tidySearchIndexes(db: Db): { more: boolean } {
  return { more: mergeSegmentsStep(db) || entityIndexFor(db).saveStep() };
}

/** Between two steps of tidying: the write lock is free meanwhile, for calls and other writers. */
const TIDY_PAUSE_MS = 20;
/** Calls pause this long before the indexes are tidied (saving the name index is a few seconds of work at a million names). */
export const TIDY_IDLE_MS = 10_000;

export interface SearchIndexKeeper {
  /** After opening the store and after each call: builds the name index if it is not whole, and tidies the indexes once calls pause. */
  wake(): void;
}

/**
 * Keeps the name index whole, and the search indexes tidy, for the process
 * that owns the store: `prepare` (one slice per turn of the event loop, so
 * calls in between are answered) until the index is ready, after opening
 * and whenever it has to be read again (another program wrote, a purge);
 * then, once no call has come for `idleMs`, `tidy` (one short transaction a
 * step: merging segments, saving the name index's parts, see
 * tidySearchIndexes) until nothing is left. The timers do not keep the
 * process alive; an error ends the run quietly (searches still answer from
 * the store, and a store without a current snapshot builds its index at its
 * next opening), and the next wake tries again.
 */
export function searchIndexKeeper(
  prepare: () => SearchReadiness | Promise<SearchReadiness>,
  tidy: () => { more: boolean } | Promise<{ more: boolean }>,
  idleMs = TIDY_IDLE_MS,
): SearchIndexKeeper {
  let building = false;
  let tidying = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const tidyStep = () => {
    Promise.resolve()
      .then(tidy)
      .then((state) => {
        if (state.more) setTimeout(tidyStep, TIDY_PAUSE_MS).unref();
        else tidying = false;
      })
      .catch(() => (tidying = false));
  };
  const tidyWhenIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (tidying) return;
      tidying = true;
      tidyStep();
    }, idleMs).unref();
  };
  const buildStep = () => {
    Promise.resolve()
      .then(prepare)
      .then((state) => {
        if (!state.ready || state.rebuilding) {
          setTimeout(buildStep, 0).unref();
          return;
        }
        building = false;
        tidyWhenIdle();
      })
      .catch(() => (building = false));
  };
  return {
    wake() {
      if (building) return;
      building = true;
      setTimeout(buildStep, 0).unref();
    },
  };
}
