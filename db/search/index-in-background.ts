// A long source text is indexed a chunk per short transaction after the one
// that stores it (repo/source-index.ts). The process that owns the store
// drives that here: one chunk per turn of the event loop, so that every call
// arriving meanwhile (a search, another write) is answered between two chunks.
import { type IndexingState, indexingPending } from '../repo/source-index.ts';
import type { Db } from '../store/db.ts';

export interface SourceIndexer {
  /** Starts indexing if some text waits for it and it is not running already: after opening the store, and after each call. */
  wake(): void;
}

/**
 * `store`: the store open now (a restore replaces it); `indexChunk`: one chunk
 * in one transaction (the API's `search.indexSources`). A failure (a full
 * disk, a store moved away) stops it until the next wake; what was not
 * indexed stays marked, so nothing is lost.
 */
export function sourceIndexer(store: () => Db, indexChunk: () => IndexingState, onError: (error: Error) => void): SourceIndexer {
  let running = false;
  const step = () => {
    try {
      // The store may have been closed since this turn was scheduled: its next opening resumes.
      if (store().open && indexChunk().pending > 0) {
        setImmediate(step);
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
      if (running || !db.open || db.readonly || !indexingPending(db)) return;
      running = true;
      setImmediate(step);
    },
  };
}

/** Indexes every text still waiting, one chunk per transaction (a one-shot caller, the CLI, before it closes the store). */
export function finishIndexing(db: Db, indexChunk: () => IndexingState): void {
  if (!db.open || db.readonly) return;
  while (indexingPending(db) && indexChunk().pending > 0);
}
