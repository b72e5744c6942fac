// A long source text is indexed a chunk per short transaction after the one
// that stores it (source-index.ts). The process that owns the store
// drives that here: one chunk per transaction, with a pause between two
// (afterChunk), so that every call arriving meanwhile (a search, another
// write) is answered between two chunks, and another process writing gets
// the lock too.
import { backgroundWorkPending } from './background-work.ts';
import type { Db } from '../store/db.ts';
import { SOURCE_INDEXING } from './source-chunks.ts';
import type { IndexingState } from '../shared/search-results.ts';

/** Runs `next` after the pause between two chunks (SOURCE_INDEXING.pauseMs): calls and other writers come first. */
export function afterChunk(next: () => void): void {
  if (SOURCE_INDEXING.pauseMs > 0) setTimeout(next, SOURCE_INDEXING.pauseMs);
  else setImmediate(next);
}

export interface SourceIndexer {
  /** Starts indexing if some text waits for it and it is not running already: after opening the store, and after each call. */
  wake(): void;
}

/**
 * `store`: the store open now (a restore replaces it); `indexChunk`: one chunk
 * in one transaction (the API's `search.indexSources`); `elsewhere`: whether
 * another thread is indexing meanwhile (an import's worker, which indexes
 * what it stored): it then waits for the next wake. A failure (a full disk, a
 * store moved away) stops it until the next wake; what was not indexed stays
 * marked, so nothing is lost.
 */
export function sourceIndexer(
  store: () => Db,
  indexChunk: () => IndexingState,
  onError: (error: Error) => void,
  elsewhere: () => boolean = () => false,
): SourceIndexer {
  let running = false;
  const step = () => {
    try {
      // The store may have been closed since this turn was scheduled: its next opening resumes.
      if (store().open && !elsewhere() && indexChunk().pending > 0) {
        afterChunk(step);
        return;
      }
    } catch (error) {
      onError(error as Error);
    }
    running = false;
  };
  return {
    wake() {
      const db = store();
      if (running || !db.open || db.readonly || elsewhere() || !backgroundWorkPending(db)) return;
      running = true;
      setImmediate(step);
    },
  };
}

/** Indexes every text still waiting, one chunk per transaction (a one-shot caller, the CLI, before it closes the store). */
export async function finishIndexing(db: Db, indexChunk: () => IndexingState): Promise<void> {
  if (!db.open || db.readonly || !backgroundWorkPending(db)) return;
  while (indexChunk().pending > 0) await new Promise<void>((resolve) => afterChunk(resolve));
}
