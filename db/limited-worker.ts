// A worker thread that does one job within a heap limit and a time limit, and
// is ended by the first of its outcomes (a reply, an error, the time limit, a
// cancel): the thread is terminated and the timer cleared exactly once.
import { Worker, type TransferListItem } from 'node:worker_threads';

export interface LimitedJob {
  workerData: unknown;
  transferList?: TransferListItem[];
  memoryMb: number;
  timeMs: number;
  /** What the job comes to when it runs out of time. */
  onTimeout: () => void;
  /** Called once when the job ends, however it ends (to clear the caller's own watches). */
  onFinish?: () => void;
}

export interface LimitedWorker {
  worker: Worker;
  /** Ends the job with `outcome`; later outcomes (the exit after a reply, say) are ignored. */
  finish(outcome: () => void): void;
}

export function limitedWorker(url: URL, job: LimitedJob): LimitedWorker {
  const worker = new Worker(url, {
    workerData: job.workerData,
    ...(job.transferList ? { transferList: job.transferList } : {}),
    resourceLimits: { maxOldGenerationSizeMb: job.memoryMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
  });
  let settled = false;
  const finish = (outcome: () => void) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    job.onFinish?.();
    void worker.terminate();
    outcome();
  };
  const timer = setTimeout(() => finish(job.onTimeout), job.timeMs);
  return { worker, finish };
}
