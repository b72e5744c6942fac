import fs from 'node:fs';
import path from 'node:path';
import { applySeed, seedIsCurrent } from './seed/apply.ts';
import { loadSeed } from './seed/data.ts';
import { saveEntityIndex } from './search/name-index.ts';
import { scrubPurged } from './store/scrub.ts';
import { type Db, openStore, StoreOpenError } from './store/open.ts';
import { createPrivateFile, ensurePrivateDir } from './store/private.ts';
import { storePath } from './paths.ts';

export interface Fieldbook {
  db: Db;
  dataDir: string;
  file: string;
  /** Things the user should know about the data folder (one line each), e.g. that others can read it. */
  warnings: string[];
  close(): void;
}

/** Left in a data folder once it holds a store: a folder that had data is never silently given a fresh one. */
export const STORE_MARKER = '.fieldbook-store';

/**
 * Opens the store in `dataDir` (creating the folder, owner-only, and the
 * store on first use) and seeds it unless this seed was applied already.
 */
export function openFieldbook(dataDir: string, options: { seed?: boolean } = {}): Fieldbook {
  const warning = ensurePrivateDir(dataDir);
  const file = storePath(dataDir);
  const marker = path.join(dataDir, STORE_MARKER);
  if (fs.existsSync(marker) && !fs.existsSync(file)) {
    throw new StoreOpenError(
      `${dataDir} held a Fieldbook store, but ${path.basename(file)} is gone. Nothing was created in its place: ` +
        `restore a backup (fieldbook restore FILE --data "${dataDir}", the automatic ones are in ${path.join(dataDir, 'backups')}), ` +
        `or delete ${marker} to start a new, empty store there.`,
    );
  }
  const db = openStore(file);
  if (db.readonly) {
    const readOnly = `${file} cannot be written (a read-only file, folder or disk), so it is open read-only: reading and searching work, changes are refused`;
    return { db, dataDir, file, warnings: [...(warning ? [warning] : []), readOnly], close: () => db.close() };
  }
  try {
    createPrivateFile(marker);
    if (options.seed !== false) {
      const seed = loadSeed();
      if (!seedIsCurrent(db, seed)) applySeed(db, seed);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    db,
    dataDir,
    file,
    warnings: warning ? [warning] : [],
    close: () => {
      // The name index first: it saves nothing after a purge, and the scrub then deletes any earlier snapshot.
      saveEntityIndex(db);
      scrubPurged(db);
      db.close();
    },
  };
}
