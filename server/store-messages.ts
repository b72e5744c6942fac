// The messages between a shell and the thread or process that owns the store
// (server/store-service.ts): calls and their replies, and the service's life.
import type { ApiErrorCode, ApiIssue } from '../db/shared/errors.ts';

export type ToService = { type: 'call'; id: number; method: string; input: unknown } | { type: 'close' };

export type FromService =
  | { type: 'ready'; file: string; warnings: string[] }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: { code: ApiErrorCode; message: string; issues: ApiIssue[] } | null; message: string }
  | { type: 'log'; line: string }
  | { type: 'closed' };

/** One end of the channel: a worker thread's parentPort or an Electron utility process's. */
export interface MessageEnd<Out, In> {
  post(message: Out): void;
  onMessage(handler: (message: In) => void): void;
}
