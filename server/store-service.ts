// The owner of the store, run off the thread that serves the UI (a worker
// thread under `serve`, a utility process under Electron): it opens the
// store, answers API calls one message each, makes the daily backups, warms
// the search index up, and listens on the control socket. A long call here
// (an import, a merge, building the name index) leaves the shell free to
// draw windows and answer everything else.
import { callHostMethod, callMethod } from '../db/api.ts';
import { ApiError } from '../db/shared/errors.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import { LiveStore } from '../db/live-store.ts';
import { searchIndexKeeper, type SearchIndexKeeper } from '../db/search/prepare.ts';
import { sourceIndexer } from '../db/search/index-in-background.ts';
import { configureSourceIndexing, type SourceIndexing } from '../db/search/source-chunks.ts';
import { scheduleDailyBackups } from '../db/store/backup.ts';
import type { Db } from '../db/store/db.ts';
import { startControlSocket } from './control.ts';
import type { FromService, MessageEnd, ToService } from './store-messages.ts';
import { reportUncaughtErrors } from './uncaught.ts';
import type { SearchReadiness } from '../db/shared/search-results.ts';
import type { IndexingState } from '../db/shared/search-results.ts';

export interface ServiceOptions {
  dataDir: string;
  /** Smaller chunks for long source texts (tests); see db/search/source-chunks.ts. */
  indexing?: Partial<SourceIndexing>;
}

/**
 * Builds the name index of `db` between calls, and tidies the search indexes
 * (merging segments, saving the name index into the store) when calls pause
 * (db/search/prepare.ts). Not while an import's worker writes (its commits
 * would restart the build at every chunk): searches answer from the store
 * meanwhile, and the import's end wakes it again.
 */
const searchKeeperFor = (db: Db, importing: () => boolean): SearchIndexKeeper =>
  searchIndexKeeper(
    () =>
      db.open && !importing()
        ? (callMethod(db, 'search.prepare', { slices: 1 }) as SearchReadiness)
        : { ready: true, rebuilding: false, names: 0 },
    () => (db.open && !importing() ? (callMethod(db, 'search.tidyIndexes', {}) as { more: boolean }) : { more: false }),
  );

/**
 * Runs the service on `channel`. After 'failed' or 'closed' it does nothing
 * more: its owner ends the thread or process (ending it here could drop that
 * last message).
 */
export async function runStoreService(channel: MessageEnd<FromService, ToService>, options: ServiceOptions): Promise<void> {
  const log = (line: string) => channel.post({ type: 'log', line });
  const stopReporting = reportUncaughtErrors(options.dataDir, log);
  if (options.indexing) configureSourceIndexing(options.indexing);
  let store: LiveStore;
  let lastIndexingError: string | undefined;
  // Long source texts are indexed after they are stored, a chunk between two calls (db/search/source-index.ts).
  const indexer = sourceIndexer(
    () => store.db,
    () => callMethod(store.db, 'search.indexSources', {}) as IndexingState,
    (error) => {
      // Tried again after each call: said once, not at every try.
      if (error.message !== lastIndexingError) log(`fieldbook: indexing a source for search stopped: ${error.message}`);
      lastIndexingError = error.message;
    },
    () => store.importing, // an import's worker indexes what it stored
  );
  let searchKeeper: SearchIndexKeeper | undefined;
  try {
    store = new LiveStore(openFieldbook(options.dataDir), {
      onReopen: (db) => {
        searchKeeper = searchKeeperFor(db, () => store.importing);
        searchKeeper.wake();
        indexer.wake();
      },
      onImported: () => {
        indexer.wake();
        searchKeeper?.wake();
      },
    });
  } catch (error) {
    channel.post({ type: 'failed', message: (error as Error).message });
    stopReporting();
    return;
  }
  const stopControl = await startControlSocket(options.dataDir, store, (message) => log(`fieldbook: ${message}`));
  searchKeeper = searchKeeperFor(store.db, () => store.importing);
  searchKeeper.wake();
  indexer.wake();
  const stopBackups = scheduleDailyBackups(
    () => callHostMethod(store, 'backups.create', { daily: true }),
    (error) => log(`fieldbook: the daily backup failed: ${error.message}`),
  );

  channel.onMessage((message) => {
    if (message.type === 'close') {
      stopBackups();
      void Promise.all([stopControl(), store.stopImports()]).then(() => {
        store.close();
        stopReporting();
        channel.post({ type: 'closed' });
      });
      return;
    }
    const { id, method, input } = message;
    const settled = callHostMethod(store, method, input).finally(() => {
      indexer.wake();
      searchKeeper?.wake(); // the name index built again if it must be, and saved once calls pause
    });
    settled.then(
      (result) => channel.post({ type: 'reply', id, ok: true, result }),
      (error: unknown) =>
        channel.post({
          type: 'reply',
          id,
          ok: false,
          error: error instanceof ApiError ? error.toJSON() : null,
          message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        }),
    );
  });
  channel.post({ type: 'ready', file: store.fieldbook.file, warnings: store.fieldbook.warnings });
}
