// Importing a file for the running app without holding its store's thread
// (issue 12: a search answers while a 50 MB file is imported). A worker thread
// with its own connection to the store (import-worker.ts) reads the file in
// the sandbox, stores the source in one transaction and indexes its text a
// chunk per transaction; the long text never passes through the store's
// thread, which goes on answering calls (reads at once; a write waits for the
// lock at most one transaction: the source's own, or one chunk's).
import { Worker } from 'node:worker_threads';
import { transferableBytes } from './import-payload.ts';
import { ApiError } from '../shared/errors.ts';
import type { Source } from '../shared/records.ts';
import { SOURCE_INDEXING } from '../search/source-chunks.ts';
import type { DocumentFormat, ImportProgress } from '../shared/import-document.ts';

export type ToImportWorker = { type: 'cancel' } | { type: 'stop' };

type FromImportWorker =
  | { type: 'progress'; done: number; total: number }
  | { type: 'created'; source: Source & { format: DocumentFormat } }
  | { type: 'failed'; refused?: ReturnType<ApiError['toJSON']>; message: string };

const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./import-worker.ts', import.meta.url)
  : new URL('./import-worker.js', import.meta.url);

export interface WorkerImport {
  /** The new source once its transaction has committed; rejects as importSource would in this thread. */
  source: Promise<Source & { format: DocumentFormat }>;
  /** Settles when the worker has ended: the text indexed, or stopped half-way (what is left stays marked). */
  ended: Promise<void>;
  /** Asks the worker to stop: an import not written yet is cancelled, indexing stops after its chunk; `ended` settles then. */
  stop(): void;
}

/**
 * Imports `input` (sources.import's) into the store at `file`, which this
 * thread has open as the store whose `identity` is given: the worker refuses
 * a file that is not that one.
 */
export function importInWorker(
  file: string,
  identity: { dev: number; ino: number },
  input: unknown,
  options: { signal?: AbortSignal; onProgress?: ImportProgress } = {},
): WorkerImport {
  const { contentBase64, ...rest } = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  // The shells send a long file as bytes (import-payload.ts): handed on as they came, never read or copied here.
  const content = contentBase64 instanceof Uint8Array ? transferableBytes(contentBase64) : undefined;
  const worker = new Worker(WORKER_URL, {
    workerData: { file, identity, indexing: { ...SOURCE_INDEXING }, input: content ? rest : input, content },
    transferList: content ? [content.buffer as ArrayBuffer] : [],
  });
  const post = (message: ToImportWorker) => worker.postMessage(message);
  const cancel = () => post({ type: 'cancel' });
  options.signal?.addEventListener('abort', cancel, { once: true });
  let settle: { resolve: (source: Source & { format: DocumentFormat }) => void; reject: (error: Error) => void } | undefined;
  const source = new Promise<Source & { format: DocumentFormat }>((resolve, reject) => (settle = { resolve, reject }));
  const decided = (outcome: (s: NonNullable<typeof settle>) => void) => {
    options.signal?.removeEventListener('abort', cancel);
    if (settle) outcome(settle);
    settle = undefined;
  };
  worker.on('message', (message: FromImportWorker) => {
    if (message.type === 'progress') options.onProgress?.(message.done, message.total);
    else if (message.type === 'created') decided((s) => s.resolve(message.source));
    else if (message.type === 'failed') {
      const { refused } = message;
      decided((s) => s.reject(refused ? new ApiError(refused.code, refused.message, refused.issues) : new Error(message.message)));
    }
  });
  const ended = new Promise<void>((resolve) => {
    worker.on('error', (error) => decided((s) => s.reject(error)));
    worker.on('exit', (code) => {
      decided((s) => s.reject(new Error(`the import stopped unexpectedly (exit ${code}); nothing was written`)));
      resolve();
    });
  });
  return { source, ended, stop: () => post({ type: 'stop' }) };
}
