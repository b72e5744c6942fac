// The store a running app serves (the Electron main process, `serve`). A
// restore from a backup cannot happen under an open connection: the store is
// closed, its file replaced by the checked backup, and the restored store
// opened in its place, so every later call of the transports reaches it.
import path from 'node:path';
import { ApiError } from './shared/errors.ts';
import { type Fieldbook, openFieldbook } from './fieldbook.ts';
import { BACKUP_DIR, BackupError, listBackups, restoreStore, verifyBackup } from './store/backup.ts';
import type { Db } from './store/db.ts';
import { assertStoreIsItself, storeFileIdentity } from './store/identity.ts';
import { importInWorker, type WorkerImport } from './import/import-in-worker.ts';
import type { DocumentFormat } from './shared/import-document.ts';
import type { Source } from './shared/records.ts';
import type { RestoreResult } from './shared/records.ts';

/** What the transports serve: the open store, and, in a running app, a way to replace it from a backup. */
export interface StoreHost {
  readonly db: Db;
  restore?(backupName: string): RestoreResult;
  /**
   * sources.import in another thread with its own connection
   * (import-in-worker.ts), the running app's way; undefined when this store
   * imports in the caller's thread.
   */
  importFile?(input: unknown, options: { signal?: AbortSignal }): Promise<Source & { format: DocumentFormat }> | undefined;
}

export class LiveStore implements StoreHost {
  #fieldbook: Fieldbook;
  readonly #seed: boolean;
  readonly #onReopen: (db: Db) => void;
  readonly #onImported: () => void;
  /** Imports running in worker threads, each until its worker has ended. */
  readonly #imports = new Set<WorkerImport>();

  /**
   * `onReopen` runs with each store opened in place of the last (to warm its
   * search index up again); `onImported` when an import's worker has ended.
   */
  constructor(fieldbook: Fieldbook, options: { seed?: boolean; onReopen?: (db: Db) => void; onImported?: () => void } = {}) {
    this.#fieldbook = fieldbook;
    this.#seed = options.seed !== false;
    this.#onReopen = options.onReopen ?? (() => undefined);
    this.#onImported = options.onImported ?? (() => undefined);
  }

  /** Whether an import's worker is writing to the store (storing a source, or indexing it). */
  get importing(): boolean {
    return this.#imports.size > 0;
  }

  /**
   * sources.import, read, stored and indexed in a worker thread with its own
   * connection, so that this thread goes on answering calls. Undefined for
   * a store that cannot take a second connection (in memory) or any write
   * (read-only): it imports in this thread, as the CLI does.
   */
  importFile(input: unknown, options: { signal?: AbortSignal } = {}): Promise<Source & { format: DocumentFormat }> | undefined {
    const { db } = this;
    const identity = storeFileIdentity(db);
    if (!identity || db.readonly) return undefined;
    assertStoreIsItself(db); // a store moved away is rescued from this connection, as any write would
    const running = importInWorker(this.#fieldbook.file, identity, input, options);
    this.#imports.add(running);
    void running.ended.then(() => {
      this.#imports.delete(running);
      this.#onImported();
    });
    return running.source;
  }

  /** Stops every import's worker after the transaction it is in (what is left to index stays marked) and waits for them. */
  async stopImports(): Promise<void> {
    const running = [...this.#imports];
    for (const each of running) each.stop();
    await Promise.all(running.map((each) => each.ended));
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
    if (this.importing)
      throw new ApiError('conflict', 'A file is being imported into the store: restore the backup once the import is done.');
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
