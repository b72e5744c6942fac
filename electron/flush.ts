// Flush before close: before a window closes (or the app quits) main asks the
// renderer to save what is pending (`fieldbook:flush`, with a token) and waits
// for its ack (`fieldbook:flushed`, same token), bounded by a timeout.
import { randomUUID } from 'node:crypto';
import { FLUSH_CHANNEL, FLUSHED_CHANNEL } from './channels.ts';
import { realTimers, type Timers } from './timers.ts';

/** The parts of Electron's WebContents a flush needs. */
export interface FlushTarget {
  readonly id: number;
  isDestroyed(): boolean;
  isCrashed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface FlushAckSource {
  on(channel: string, listener: (event: { sender: unknown }, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: { sender: unknown }, ...args: unknown[]) => void): unknown;
}

export type FlushOutcome = 'flushed' | 'timeout' | 'unavailable';

export const FLUSH_TIMEOUT_MS = 2000;

/** Sends flush requests and matches their acks; one per main process. */
export class Flusher {
  readonly #ipc: FlushAckSource;
  readonly #timeoutMs: number;
  readonly #timers: Timers;
  readonly #pending = new Map<string, { target: FlushTarget; done: (outcome: FlushOutcome) => void }>();
  readonly #onAck = (event: { sender: unknown }, token: unknown) => {
    if (typeof token !== 'string') return;
    const pending = this.#pending.get(token);
    // Only the contents we asked may answer for this token.
    if (!pending || (event.sender as { id?: unknown } | null)?.id !== pending.target.id) return;
    pending.done('flushed');
  };

  constructor(ipc: FlushAckSource, options: { timeoutMs?: number; timers?: Timers } = {}) {
    this.#ipc = ipc;
    this.#timeoutMs = options.timeoutMs ?? FLUSH_TIMEOUT_MS;
    this.#timers = options.timers ?? realTimers;
    ipc.on(FLUSHED_CHANNEL, this.#onAck);
  }

  /** Asks `target` to flush; resolves when it acks, when the timeout passes, or at once if it cannot answer. */
  request(target: FlushTarget): Promise<FlushOutcome> {
    if (target.isDestroyed() || target.isCrashed()) return Promise.resolve('unavailable');
    const token = randomUUID();
    return new Promise<FlushOutcome>((resolve) => {
      const timer = this.#timers.set(() => done('timeout'), this.#timeoutMs);
      const done = (outcome: FlushOutcome) => {
        if (!this.#pending.delete(token)) return;
        this.#timers.clear(timer);
        resolve(outcome);
      };
      this.#pending.set(token, { target, done });
      try {
        target.send(FLUSH_CHANNEL, token);
      } catch {
        done('unavailable');
      }
    });
  }

  dispose(): void {
    this.#ipc.removeListener(FLUSHED_CHANNEL, this.#onAck);
    for (const { done } of [...this.#pending.values()]) done('unavailable');
  }
}

/** The parts of Electron's BrowserWindow the close guard needs. */
export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

export interface CloseGuard {
  /** Flushes now unless done already (or under way); resolves when the window may close. */
  flush(): Promise<void>;
  /** Whether the flush is done and the window may close without asking again. */
  readonly ready: boolean;
}

/**
 * Holds the window's first `close` until `flush` settles, then closes it for
 * real. `beforeClose` runs once, while the window is still whole (window-state
 * is saved there).
 */
export function guardClose(window: GuardedWindow, flush: () => Promise<unknown>, beforeClose?: () => void): CloseGuard {
  let state: 'open' | 'flushing' | 'ready' = 'open';
  let flushing: Promise<void> | undefined;
  let beforeCloseDone = false;
  const runBeforeClose = () => {
    if (beforeCloseDone) return;
    beforeCloseDone = true;
    try {
      beforeClose?.();
    } catch (error) {
      console.error('fieldbook: before-close hook failed', error);
    }
  };
  const guard: CloseGuard = {
    flush() {
      if (state === 'ready') return Promise.resolve();
      if (!flushing) {
        state = 'flushing';
        flushing = flush()
          .catch((error: unknown) => console.error('fieldbook: flush failed', error))
          .then(() => {
            state = 'ready';
          });
      }
      return flushing;
    },
    get ready() {
      return state === 'ready';
    },
  };
  window.on('close', (event) => {
    runBeforeClose();
    if (state === 'ready') return;
    event.preventDefault();
    if (state === 'flushing') return;
    void guard.flush().then(() => {
      if (!window.isDestroyed()) window.close();
    });
  });
  return guard;
}
