// The worker thread that owns the store under `fieldbook serve` (see store-service.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { FromService, ToService } from './store-messages.ts';
import { runStoreService, type ServiceOptions } from './store-service.ts';

const port = parentPort!;
void runStoreService(
  { post: (message: FromService) => port.postMessage(message), onMessage: (handler) => port.on('message', (m: ToService) => handler(m)) },
  workerData as ServiceOptions,
);
