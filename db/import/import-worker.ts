// The thread that imports a file for the running app (see import-in-worker.ts):
// with its own connection to the store, it reads the file (in the sandbox,
// sandbox.ts), stores the source in one transaction, then indexes its text a
// chunk per transaction. The store's own thread only waits for the replies,
// answering other calls meanwhile; the write lock is held by one short
// transaction at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { callMethod, importSource } from '../api.ts';
import { ApiError } from '../shared/errors.ts';
import { afterChunk } from '../search/index-in-background.ts';
import { configureSourceIndexing, type SourceIndexing } from '../search/source-chunks.ts';
import { storeFileIdentity } from '../store/identity.ts';
import type { Db } from '../store/db.ts';
import { openStore } from '../store/open.ts';
import type { ToImportWorker } from './import-in-worker.ts';
import type { IndexingState } from '../shared/search-results.ts';

const port = parentPort!;
const { file, identity, indexing, input, content } = workerData as {
  file: string;
  /** The file the store's thread has open: another one at that path now is not written to. */
  identity: { dev: number; ino: number };
  indexing: SourceIndexing;
  input: Record<string, unknown>;
  /** The file's base64 text as bytes (import-payload.ts), handed over without a copy; a short one stays in `input`. */
  content: Uint8Array | undefined;
};
configureSourceIndexing(indexing);

const controller = new AbortController();
let stopping = false;
// 'stop' (the app closes): an import not written yet is cancelled, indexing stops after its chunk.
const listen = (message: ToImportWorker) => {
  controller.abort();
  if (message.type === 'stop') stopping = true;
};
port.on('message', listen);

/** Stores the source; whether it was (the reply says what became of it either way). */
async function store(db: Db): Promise<boolean> {
  try {
    const opened = storeFileIdentity(db);
    if (opened?.dev !== identity.dev || opened.ino !== identity.ino) {
      throw new ApiError('store_moved', `The store ${file} was replaced while this import ran; nothing was written. Try again.`);
    }
    const source = await importSource(db, content ? { ...input, contentBase64: content } : input, {
      signal: controller.signal,
      onProgress: (done, total) => port.postMessage({ type: 'progress', done, total }),
    });
    port.postMessage({ type: 'created', source });
    return true;
  } catch (error) {
    port.postMessage({
      type: 'failed',
      refused: error instanceof ApiError ? error.toJSON() : undefined,
      message: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}

const db = openStore(file, { mustExist: true });
try {
  const created = await store(db);
  // A pause between chunks: other writers get the lock, and a request to stop is heard; what is left stays marked.
  while (created && !stopping && (callMethod(db, 'search.indexSources', {}) as IndexingState).pending > 0) {
    await new Promise<void>((resolve) => afterChunk(resolve));
  }
  // What this connection wrote goes from the WAL into the store file now, not at the app's next pause in writing.
  db.pragma('wal_checkpoint(PASSIVE)');
} finally {
  db.close();
  port.off('message', listen); // nothing keeps the thread then: it ends
}
