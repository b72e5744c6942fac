// Reading an imported file happens in a worker thread with a memory limit, a
// time limit and a page budget (PDF), so that a hostile or broken file (a
// quadratic parse, a page bomb, a decompression bomb) is refused with a
// clear message instead of freezing or killing the app. Cancellable.
import { ApiError } from '../shared/errors.ts';
import { limitedWorker } from '../limited-worker.ts';
import { handOverTextDigest } from '../search/prepared-text.ts';
import { type ExtractedDocument, fileError, type ImportFile } from '../shared/import-document.ts';

export const IMPORT_LIMITS = {
  /** Heap of the reading thread: far above what a 50 MB text needs, far below what a bomb takes. */
  memoryMb: 1024,
  /**
   * Memory outside that heap (the ArrayBuffers a PDF's streams inflate into),
   * which V8's heap limit does not count: watched from here, as the thread's
   * own checks cannot run while it inflates.
   */
  externalMb: 512,
  timeMs: 120_000,
};

const EXTERNAL_CHECK_MS = 50;

/** The worker's module: the source file when run from source, the bundled one in the desktop app. */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./extract-worker.ts', import.meta.url)
  : new URL('./extract-worker.js', import.meta.url);

type Reply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; document: ExtractedDocument; measured: { sha256: string; chars: number } }
  | { type: 'failed'; refused?: { code: ApiError['code']; message: string; issues: ApiError['issues'] }; message: string };

/** extractDocument, in a worker thread within IMPORT_LIMITS (or `limits`); `signal` cancels it. */
export function extractInWorker(
  { fileName, bytes, onProgress }: ImportFile,
  options: { signal?: AbortSignal; limits?: Partial<typeof IMPORT_LIMITS> } = {},
): Promise<ExtractedDocument> {
  const limits = { ...IMPORT_LIMITS, ...options.limits };
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ApiError('cancelled', 'the import was cancelled; nothing was written'));
      return;
    }
    const copy = new Uint8Array(bytes); // the worker takes this copy over; the caller keeps its own
    const { worker, finish } = limitedWorker(WORKER_URL, {
      workerData: { fileName, bytes: copy },
      transferList: [copy.buffer as ArrayBuffer],
      memoryMb: limits.memoryMb,
      timeMs: limits.timeMs,
      onTimeout: () =>
        reject(fileError(`reading this file took longer than ${limits.timeMs / 1000} s, so it was stopped; nothing was written`)),
      onFinish: () => {
        clearInterval(watch);
        options.signal?.removeEventListener('abort', cancel);
      },
    });
    const tooMuchMemory = (megabytes: number) =>
      fileError(
        `reading this file needs more than ${megabytes} MB of memory (a decompression bomb?), so it was stopped; nothing was written`,
      );
    const watch = setInterval(() => {
      worker
        .getHeapStatistics()
        .then((stats) => {
          if (stats.external_memory > limits.externalMb * 1024 * 1024) finish(() => reject(tooMuchMemory(limits.externalMb)));
        })
        .catch(() => undefined); // the thread has ended: its own events say how
    }, EXTERNAL_CHECK_MS);
    watch.unref();
    const cancel = () => finish(() => reject(new ApiError('cancelled', 'the import was cancelled; nothing was written')));
    options.signal?.addEventListener('abort', cancel, { once: true });
    worker.on('message', (reply: Reply) => {
      if (reply.type === 'progress') onProgress?.(reply.done, reply.total);
      else if (reply.type === 'done') {
        handOverTextDigest({ text: reply.document.text, ...reply.measured });
        finish(() => resolve(reply.document));
      } else if (reply.refused) finish(() => reject(new ApiError(reply.refused!.code, reply.refused!.message, reply.refused!.issues)));
      else finish(() => reject(fileError(`this file could not be read (${reply.message.slice(0, 200)})`)));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooMuchMemory(limits.memoryMb)
            : fileError(`this file could not be read (${error.message.slice(0, 200)})`),
        ),
      );
    });
    worker.on('exit', (code) =>
      finish(() => reject(fileError(`reading this file stopped unexpectedly (exit ${code}); nothing was written`))),
    );
  });
}
