// The shell's side of the store service: forwards each API call as one
// message and resolves it with the reply, as the same ApiError when the call
// was refused. Used by `serve` (a worker thread) and Electron (a utility
// process) alike.
import { ApiError } from '../db/shared/errors.ts';
import type { ApiCaller } from '../db/api.ts';
import { base64BytesOf, base64TextAsBytes, transferableBytes } from '../db/import/import-payload.ts';
import type { FromService, ToService } from './store-messages.ts';

export interface StoreClient extends ApiCaller {
  /** The store's path, and what the user should know about its folder (one line each). */
  readonly file: string;
  readonly warnings: string[];
  /** Asks the service to close the store (backups and checkpoint included) and waits until it has. */
  close(): Promise<void>;
}

/** The channel to a service that was just started: how to send, and its messages and exit as they come. */
export interface ServiceConnection {
  /** `transfer`: buffers the message hands over without a copy, where the channel can (a worker thread's). */
  post(message: ToService, transfer?: ArrayBuffer[]): void;
  onMessage(handler: (message: FromService) => void): void;
  onExit(handler: (reason: string) => void): void;
  /** Ends the thread or process, once the store is closed or could not be opened. */
  end(): void | Promise<unknown>;
}

export class StoreStartError extends Error {
  override name = 'StoreStartError';
}

/**
 * The message for one call. The file of a sources.import goes as the bytes of
 * its base64 text, handed over (db/import/import-payload.ts): the store's
 * thread never copies or reads it, it only passes it on to the import worker.
 */
export function callMessage(id: number, method: string, input: unknown): { message: ToService; transfer: ArrayBuffer[] } {
  if (method !== 'sources.import' || input === null || typeof input !== 'object')
    return { message: { type: 'call', id, method, input }, transfer: [] };
  const given = input as Record<string, unknown>;
  const bytes = base64BytesOf(given) ?? base64TextAsBytes(given['contentBase64']);
  if (!bytes) return { message: { type: 'call', id, method, input }, transfer: [] };
  const content = transferableBytes(bytes);
  return { message: { type: 'call', id, method, input: { ...given, contentBase64: content } }, transfer: [content.buffer as ArrayBuffer] };
}

/**
 * Waits for the service on `connection` to open the store; rejects with a
 * StoreStartError (its message the reason) when it cannot. `log` gets the
 * lines the service reports (failed backups, uncaught errors).
 */
export function connectStore(connection: ServiceConnection, log: (line: string) => void): Promise<StoreClient> {
  return new Promise((resolve, reject) => {
    const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    let nextId = 1;
    let stopped: string | undefined;
    let started = false;
    let onClosed: (() => void) | undefined;

    connection.onExit((reason) => {
      stopped = `the store stopped unexpectedly (${reason}); nothing more can be saved until Fieldbook restarts`;
      for (const call of pending.values()) call.reject(new ApiError('internal', stopped));
      pending.clear();
      onClosed?.();
      if (!started) reject(new StoreStartError(`the store could not be opened: ${reason}`));
    });

    connection.onMessage((message) => {
      switch (message.type) {
        case 'log':
          log(message.line);
          return;
        case 'failed':
          started = true;
          void Promise.resolve(connection.end()).finally(() => reject(new StoreStartError(message.message)));
          return;
        case 'closed':
          onClosed?.();
          return;
        case 'reply': {
          const call = pending.get(message.id);
          pending.delete(message.id);
          if (!call) return;
          if (message.ok) call.resolve(message.result);
          else if (message.error) call.reject(new ApiError(message.error.code, message.error.message, message.error.issues));
          else call.reject(new Error(message.message));
          return;
        }
        case 'ready':
          started = true;
          resolve({
            file: message.file,
            warnings: message.warnings,
            call(method, input) {
              if (stopped) return Promise.reject(new ApiError('internal', stopped));
              return new Promise((resolveCall, rejectCall) => {
                const id = nextId++;
                pending.set(id, { resolve: resolveCall, reject: rejectCall });
                const { message, transfer } = callMessage(id, method, input);
                connection.post(message, transfer);
              });
            },
            async close() {
              if (!stopped) {
                await new Promise<void>((done) => {
                  onClosed = done;
                  connection.post({ type: 'close' });
                });
              }
              await connection.end();
            },
          });
      }
    });
  });
}
