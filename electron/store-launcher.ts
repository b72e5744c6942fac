// Starts the store service in an Electron utility process and connects to it.
import { connectStore, type StoreClient } from '../server/store-client.ts';
import type { FromService, ToService } from '../server/store-messages.ts';

/** The environment variable that tells the store process which data folder to open. */
export const STORE_DATA_ENV = 'FIELDBOOK_STORE_DATA';

/** What is used of Electron's utilityProcess (a fake in the tests). */
export interface UtilityProcessLike {
  fork(
    modulePath: string,
    args: string[],
    options: { serviceName: string; env: NodeJS.ProcessEnv; stdio: 'inherit' },
  ): {
    postMessage(message: ToService): void;
    on(event: 'message', listener: (message: FromService) => void): unknown;
    on(event: 'exit', listener: (code: number) => void): unknown;
    kill(): boolean;
  };
}

/** Opens the store in `dataDir` in a new utility process running `modulePath`; rejects with the reason when it cannot. */
export function startStoreProcess(
  utilityProcess: UtilityProcessLike,
  modulePath: string,
  dataDir: string,
  log: (line: string) => void,
): Promise<StoreClient> {
  const child = utilityProcess.fork(modulePath, [], {
    serviceName: 'Fieldbook store',
    env: { ...process.env, [STORE_DATA_ENV]: dataDir },
    stdio: 'inherit',
  });
  return connectStore(
    {
      post: (message) => child.postMessage(message),
      onMessage: (handler) => child.on('message', handler),
      onExit: (handler) => child.on('exit', (code) => handler(`the store process ended with code ${code}`)),
      end: () => void child.kill(),
    },
    log,
  );
}
