// The store a running app serves (the Electron main process, `serve`). A
// restore from a backup cannot happen under an open connection: the store is
// closed, its file replaced by the checked backup, and the restored store
// opened in its place, so every later call of the transports reaches it.
import path from 'node:path';
import { ApiError } from './shared/errors.ts';
import { type Fieldbook, openFieldbook } from './fieldbook.ts';
import { BACKUP_DIR, BackupError, listBackups, restoreStore, verifyBackup } from './store/backup.ts';
import type { Db } from './store/db.ts';
import type { RestoreResult } from './shared/records.ts';

/** What the transports serve: the open store, and, in a running app, a way to replace it from a backup. */
export interface StoreHost {
  readonly db: Db;
  restore?(backupName: string): RestoreResult;
}

export class LiveStore implements StoreHost {
  #fieldbook: Fieldbook;
  readonly #seed: boolean;
  readonly #onReopen: (db: Db) => void;

  /** `onReopen` runs with each store opened in place of the last (to warm its search index up again). */
  constructor(fieldbook: Fieldbook, options: { seed?: boolean; onReopen?: (db: Db) => void } = {}) {
    this.#fieldbook = fieldbook;
    this.#seed = options.seed !== false;
    this.#onReopen = options.onReopen ?? (() => undefined);
  }

  get db(): Db {
    return this.#fieldbook.db;
  }

  get fieldbook(): Fieldbook {
    return this.#fieldbook;
  }

  /**
   * Replaces the store with the backup named `backupName` in backups/ (checked
   * before anything is closed), keeping the current store as a backup first.
   * When the restore fails after the store was closed, the store it would have
   * replaced is opened again.
   */
  restore(backupName: string): RestoreResult {
    const { dataDir, file } = this.#fieldbook;
    const backup = listBackups(dataDir).find((entry) => entry.name === backupName);
    if (!backup) {
      throw new ApiError('not_found', `there is no backup named "${backupName.slice(0, 200)}" in ${path.join(dataDir, BACKUP_DIR)}`, [
        { path: 'name', message: 'is not one of the listed backups' },
      ]);
    }
    if (this.db.readonly) throw new ApiError('read_only', 'The store is open read-only, so it cannot be replaced by a backup.');
    try {
      verifyBackup(backup.file);
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      throw new ApiError('invalid_input', `${backupName} cannot be restored: ${error.message}`, [{ path: 'name', message: error.message }]);
    }
    this.#fieldbook.close();
    let result: { restored: string; kept: string | undefined } | undefined;
    try {
      result = restoreStore(file, dataDir, backup.file);
    } finally {
      this.#fieldbook = openFieldbook(dataDir, { seed: this.#seed });
      this.#onReopen(this.#fieldbook.db);
    }
    return { restored: backupName, kept: result.kept && path.basename(result.kept) };
  }

  close(): void {
    this.#fieldbook.close();
  }
}
