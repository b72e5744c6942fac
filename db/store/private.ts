// Owner-only files. The data folder is created 0700 and every file Fieldbook
// writes 0600; SQLite gives the -wal and -shm files the store's own mode, so a
// store created 0600 keeps its journal private too. Checked at every open:
// files of ours that others could read are made private again, and a data
// folder that others can read is reported (the user may have chosen it).
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const OTHERS = 0o077;
// POSIX modes mean nothing on Windows, where the user's profile folder is private already.
const POSIX = process.platform !== 'win32';

/** Creates `dir` (and missing parents) owner-only; returns a warning when an existing one is open to others. */
export function ensurePrivateDir(dir: string): string | undefined {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    if (POSIX) fs.chmodSync(dir, PRIVATE_DIR_MODE); // mkdir's mode is filtered by the umask
    return undefined;
  }
  if (POSIX && (fs.statSync(dir).mode & OTHERS) !== 0) {
    return `the data folder ${dir} can be read by other accounts on this machine (chmod 700 "${dir}" makes it private)`;
  }
  return undefined;
}

/** Makes an existing file owner-only; returns whether it had to be changed. */
export function makeFilePrivate(file: string): boolean {
  if (!POSIX) return false;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat || (stat.mode & OTHERS) === 0) return false;
  fs.chmodSync(file, PRIVATE_FILE_MODE);
  return true;
}

/** Creates `file` empty and owner-only when it does not exist yet (never following a link), so whatever is written to it stays private. */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(
      fs.openSync(
        file,
        fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY | (fs.constants.O_NOFOLLOW ?? 0),
        PRIVATE_FILE_MODE,
      ),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** The store and its journal files: made owner-only where they exist. */
export function privateStoreFiles(store: string): void {
  for (const suffix of ['', '-wal', '-shm']) makeFilePrivate(`${store}${suffix}`);
}

/** A sibling path of `file` for a temporary copy, in the same folder (so a rename into place is atomic). */
export function temporarySibling(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
}

/** Now, as a file-name stamp: 2026-12-01T17-45-22-568Z (no colons, which some file systems refuse). */
export function fileStamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}
