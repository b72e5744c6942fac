// Starts the store service in a worker thread (for `fieldbook serve`): the
// HTTP server's thread only routes requests, so a long call never stops it
// from answering.
import { Worker } from 'node:worker_threads';
import { connectStore, type StoreClient } from './store-client.ts';
import type { FromService } from './store-messages.ts';
import type { ServiceOptions } from './store-service.ts';

const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./store-worker.ts', import.meta.url)
  : new URL('./store-worker.js', import.meta.url);

/** Opens the store in `dataDir` in a new worker thread; rejects with the reason when it cannot be opened. */
export function startStoreThread(options: ServiceOptions, log: (line: string) => void): Promise<StoreClient> {
  const worker = new Worker(WORKER_URL, { workerData: options });
  return connectStore(
    {
      post: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (handler) => worker.on('message', (message: FromService) => handler(message)),
      onExit: (handler) => {
        worker.on('error', (error) => handler(error.message));
        worker.on('exit', (code) => handler(`its thread ended with code ${code}`));
      },
      end: () => worker.terminate(),
    },
    log,
  );
}
