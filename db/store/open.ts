import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { configureCheckpoints } from './checkpoint.ts';
import { rememberStoreFile } from './identity.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations.ts';
import { createPrivateFile, privateStoreFiles } from './private.ts';

export type { Db } from './db.ts';
import type { Db } from './db.ts';

/** 'FiBk': marks a SQLite file as a Fieldbook store. */
export const APPLICATION_ID = 0x4669426b;

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** Whether this process may write the store: the file (when it exists) and its folder, which holds the -wal. */
function writable(file: string): boolean {
  try {
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A read-only connection to `file`. SQLite opens a WAL store read-only only
 * where it can find or create the -shm beside it; in a read-only folder after a
 * clean close there is none, so the file is read into memory instead, marked as
 * a rollback-journal file (bytes 18-19 of the header) since an in-memory copy
 * has no WAL.
 */
function openReadOnly(file: string): Db {
  let direct: Db | undefined;
  try {
    direct = new Database(file, { readonly: true, fileMustExist: true });
    direct.pragma('schema_version'); // the -shm is looked for at the first read, not at open
    return direct;
  } catch (error) {
    direct?.close();
    const code = (error as { code?: string }).code;
    if (code !== 'SQLITE_CANTOPEN' || fs.existsSync(`${file}-wal`)) throw error;
  }
  const bytes = fs.readFileSync(file);
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  return new Database(bytes, { readonly: true });
}

function refuse(db: Db, message: string): never {
  db.close();
  throw new StoreOpenError(message);
}

/**
 * What is in `file` before anything is written to it: a read-only look, so a
 * file that is not ours (or is newer, or is no database) is left exactly as it
 * was, without so much as a -wal beside it.
 */
function inspect(file: string): void {
  let probe: Db;
  try {
    probe = openReadOnly(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StoreOpenError(`${file} is not a Fieldbook store (${(error as Error).message}); it was not modified`);
    }
    throw new StoreOpenError(`${file} could not be opened: ${(error as Error).message}`);
  }
  try {
    let version: number;
    let applicationId: number;
    let tables: number;
    try {
      version = probe.pragma('user_version', { simple: true }) as number;
      applicationId = probe.pragma('application_id', { simple: true }) as number;
      tables = (probe.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
    } catch (error) {
      throw new StoreOpenError(`${file} is not a Fieldbook store (${(error as Error).message}); it was not modified`);
    }
    const empty = version === 0 && applicationId === 0 && tables === 0;
    if (!empty && applicationId !== APPLICATION_ID) {
      throw new StoreOpenError(`${file} is a SQLite file of another application, not a Fieldbook store; it was not modified`);
    }
    if (version > LATEST_VERSION) {
      throw new StoreOpenError(
        `${file} was written by a newer version of Fieldbook (schema ${version}; this version reads up to ${LATEST_VERSION}). ` +
          'It was not modified: update Fieldbook to open it.',
      );
    }
  } finally {
    probe.close();
  }
}

/**
 * Opens (creating if needed, owner-only) the store at `file` and migrates it
 * to the latest schema. A store written by a newer Fieldbook, or a file that
 * is not a Fieldbook store, is refused before anything is written to it. A
 * store this process cannot write (read-only file, folder or disk) opens
 * read-only: reading and searching work, every write is refused (api.ts).
 */
export function openStore(file: string, options: { mustExist?: boolean } = {}): Db {
  const memory = file === ':memory:';
  if (!memory) {
    const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
    // A second connection to a store already open (import-worker.ts) never creates one where it has gone.
    if (!exists && options.mustExist) throw new StoreOpenError(`${file} is gone: nothing was created in its place`);
    if (exists && !writable(file)) return openStoreReadOnly(file);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    if (exists) inspect(file);
    else createPrivateFile(file);
  }
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: options.mustExist === true });
  } catch (error) {
    throw new StoreOpenError(`${file} could not be opened: ${(error as Error).message}`);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a transaction that returned is on disk, even if the machine loses power next.
    db.pragma('synchronous = FULL');
    // Deleted rows are overwritten, not left readable in free pages.
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    configureCheckpoints(db);
    migrate(db, version);
  } catch (error) {
    refuse(db, `${file} could not be opened for writing: ${(error as Error).message}`);
  }
  if (!memory) {
    privateStoreFiles(file);
    rememberStoreFile(db, file);
  }
  return db;
}

function openStoreReadOnly(file: string): Db {
  inspect(file);
  let db: Db;
  try {
    db = openReadOnly(file);
  } catch (error) {
    throw new StoreOpenError(
      `${file} is read-only and could not be opened for reading (${(error as Error).message}). ` +
        'It holds changes not yet folded into the file (its -wal): open it once where it can be written.',
    );
  }
  if (schemaVersion(db) < LATEST_VERSION) {
    refuse(
      db,
      `${file} is read-only and was written by an older version of Fieldbook (schema ${schemaVersion(db)}). ` +
        'It must be upgraded once where it can be written; it was not modified.',
    );
  }
  return db;
}

function migrate(db: Db, from: number): void {
  for (const migration of MIGRATIONS.slice(from)) {
    db.transaction(() => {
      db.exec(migration.sql);
      migration.fill?.(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
