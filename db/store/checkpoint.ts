// WAL checkpoints off the save path. SQLite's automatic checkpoint runs inside
// the commit that crosses its threshold, which makes that one save many times
// slower than the others; instead, a passive checkpoint runs once writes have
// paused. The automatic one stays, at a high threshold, as a safety valve for
// long bursts of writes without a pause. Closing the store checkpoints too.
import type { Db } from './db.ts';
import { scrubPurged } from './scrub.ts';

export const IDLE_CHECKPOINT_MS = 1500;
export const SAFETY_CHECKPOINT_PAGES = 20_000;

const timers = new WeakMap<Db, ReturnType<typeof setTimeout>>();
/** The last failure of an idle checkpoint, kept for diagnosis (the timer itself never throws). */
export const lastIdleError = new WeakMap<Db, Error>();

export function configureCheckpoints(db: Db): void {
  db.pragma(`wal_autocheckpoint = ${SAFETY_CHECKPOINT_PAGES}`);
}

/** Called after each write: (re)starts the idle timer that checkpoints the WAL. */
export function checkpointWhenIdle(db: Db): void {
  clearTimeout(timers.get(db));
  const timer = setTimeout(() => {
    timers.delete(db);
    // Nothing that runs in a timer may kill the process: a full disk or a
    // damaged file fails the next call, with a sentence, instead.
    try {
      if (db.open && !db.inTransaction && !scrubPurged(db)) db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      lastIdleError.set(db, error as Error);
    }
  }, IDLE_CHECKPOINT_MS);
  timer.unref();
  timers.set(db, timer);
}
