import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { configureCheckpoints } from './checkpoint.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/** 'FiBk': marks a SQLite file as a Fieldbook store. */
export const APPLICATION_ID = 0x4669426b;

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

function refuse(db: Db, message: string): never {
  db.close();
  throw new StoreOpenError(message);
}

/**
 * Opens (creating if needed) the store at `file` and migrates it to the
 * latest schema. A store written by a newer Fieldbook, or a SQLite file that
 * is not a Fieldbook store, is refused before anything is written to it.
 */
export function openStore(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  let version: number;
  let applicationId: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    applicationId = db.pragma('application_id', { simple: true }) as number;
  } catch (error) {
    refuse(db, `${file} is not a Fieldbook store (${(error as Error).message})`);
  }
  if (applicationId !== APPLICATION_ID && applicationId !== 0) {
    refuse(db, `${file} is a SQLite file of another application, not a Fieldbook store; it was not modified`);
  }
  if (version > LATEST_VERSION) {
    refuse(
      db,
      `${file} was written by a newer version of Fieldbook (schema ${version}; this version reads up to ${LATEST_VERSION}). ` +
        'It was not modified: update Fieldbook to open it.',
    );
  }
  if (version === 0 && applicationId === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) refuse(db, `${file} is a SQLite file of another application, not a Fieldbook store; it was not modified`);
  }

  db.pragma('journal_mode = WAL');
  // FULL: a transaction that returned is on disk, even if the machine loses power next.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  configureCheckpoints(db);
  migrate(db, version);
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
