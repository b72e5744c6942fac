// The last line of defence of a long-running process (`serve`, Electron's
// main process): an error nothing caught is written to errors.log in the data
// folder (owner-only) and to stderr, and the process goes on serving. Every
// write to the store is one SQLite transaction, so an error outside one cannot
// leave the store half-written, while exiting would drop the edits the open
// windows have not saved yet.
import fs from 'node:fs';
import path from 'node:path';
import { createPrivateFile } from '../db/store/private.ts';

export const ERROR_LOG = 'errors.log';
const MAX_LOG_BYTES = 1024 * 1024;

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/** Appends to the log (restarted when it grows past 1 MB); never throws. */
function append(file: string, entry: string): void {
  try {
    if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_LOG_BYTES) fs.rmSync(file, { force: true });
    createPrivateFile(file);
    fs.appendFileSync(file, entry);
  } catch {
    // Nowhere left to write (a full disk): stderr still has it.
  }
}

/**
 * Reports uncaught exceptions and unhandled rejections instead of letting
 * them end the process. Returns a function that removes the handlers.
 */
export function reportUncaughtErrors(dataDir: string, stderr: (line: string) => void): () => void {
  const file = path.join(dataDir, ERROR_LOG);
  const report = (kind: string) => (error: unknown) => {
    const entry = `${new Date().toISOString()} ${kind}: ${describe(error)}\n`;
    append(file, entry);
    stderr(`fieldbook: ${kind} (kept running; details in ${file}): ${error instanceof Error ? error.message : String(error)}`);
  };
  const onException = report('uncaught error');
  const onRejection = report('unhandled rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
