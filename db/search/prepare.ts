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

/** Between two parts of a save of the name index: the write lock is free meanwhile, for calls and other writers. */
const SAVE_PAUSE_MS = 20;
/** Calls pause this long before the name index is saved (a save is a few seconds of work at a million names). */
export const SAVE_IDLE_MS = 10_000;

export interface SearchIndexKeeper {
  /** After opening the store and after each call: builds the name index if it is not whole, and saves it once calls pause. */
  wake(): void;
}

/**
 * Keeps the name index whole and saved for the process that owns the store:
 * `prepare` (one slice per turn of the event loop, so calls in between are
 * answered) until the index is ready, after opening and whenever it has to
 * be read again (another program wrote, a purge); then, once no call has
 * come for `idleMs`, `save` (one part per short transaction, see
 * name-index-snapshot.ts) until nothing is left to save. The timers do not
 * keep the process alive; an error ends the run quietly (searches still
 * answer from the store, and a store without a current snapshot builds its
 * index at its next opening), and the next wake tries again.
 */
export function searchIndexKeeper(
  prepare: () => SearchReadiness | Promise<SearchReadiness>,
  save: () => { saving: boolean } | Promise<{ saving: boolean }>,
  idleMs = SAVE_IDLE_MS,
): SearchIndexKeeper {
  let building = false;
  let saving = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const saveStep = () => {
    Promise.resolve()
      .then(save)
      .then((state) => {
        if (state.saving) setTimeout(saveStep, SAVE_PAUSE_MS).unref();
        else saving = false;
      })
      .catch(() => (saving = false));
  };
  const saveWhenIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (saving) return;
      saving = true;
      saveStep();
    }, idleMs).unref();
  };
  const buildStep = () => {
    Promise.resolve()
      .then(prepare)
      .then((state) => {
        if (!state.ready) {
          setTimeout(buildStep, 0).unref();
          return;
        }
        building = false;
        saveWhenIdle();
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
