// Suggestions for a long text, read in a worker thread so that the store's
// thread goes on answering calls meanwhile; bounded in memory and time like an
// import's reading (db/import/sandbox.ts).
import { limitedWorker } from '../limited-worker.ts';
import { ApiError } from '../shared/errors.ts';
import type { Suggestions } from '../shared/suggestion-types.ts';
import type { KnownLabels } from './known-labels.ts';

const SUGGEST_LIMITS = { memoryMb: 1024, timeMs: 120_000 };

/** The worker's module: the source file when run from source, the bundled one in the desktop app. */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./suggest-worker.ts', import.meta.url)
  : new URL('./suggest-worker.js', import.meta.url);

const failed = (why: string) => new ApiError('internal', `the suggestions for this text could not be worked out: ${why}`);

export function suggestInWorker(known: KnownLabels, text: string, limits = SUGGEST_LIMITS): Promise<Suggestions> {
  return new Promise((resolve, reject) => {
    const { worker, finish } = limitedWorker(WORKER_URL, {
      workerData: { known, text },
      memoryMb: limits.memoryMb,
      timeMs: limits.timeMs,
      onTimeout: () => reject(failed(`it took longer than ${limits.timeMs / 1000} s`)),
    });
    worker.on('message', (suggestions: Suggestions) => finish(() => resolve(suggestions)));
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() => reject(failed(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needs more than ${limits.memoryMb} MB` : error.message))),
    );
    worker.on('exit', (code) => finish(() => reject(failed(`the reading stopped unexpectedly (exit ${code})`))));
  });
}
