// The utility process that owns the store under Electron (see
// server/store-service.ts): the main process only routes calls and owns the
// windows, so a long call never freezes them. Started by store-launcher.ts.
import type { FromService, ToService } from '../server/store-messages.ts';
import { runStoreService } from '../server/store-service.ts';
import { STORE_DATA_ENV } from './store-launcher.ts';

const port = process.parentPort;
void runStoreService(
  {
    post: (message: FromService) => port.postMessage(message),
    onMessage: (handler) => port.on('message', (event) => handler(event.data as ToService)),
  },
  { dataDir: process.env[STORE_DATA_ENV] ?? '' },
);
