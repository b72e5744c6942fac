import fs from 'node:fs';
import { applySeed, seedIsCurrent } from './seed/apply.ts';
import { loadSeed } from './seed/data.ts';
import { type Db, openStore } from './store/open.ts';
import { storePath } from './paths.ts';

export interface Fieldbook {
  db: Db;
  dataDir: string;
  file: string;
  close(): void;
}

/** Opens the store in `dataDir` (creating the folder and store on first use) and seeds it unless this seed was applied already. */
export function openFieldbook(dataDir: string, options: { seed?: boolean } = {}): Fieldbook {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = storePath(dataDir);
  const db = openStore(file);
  try {
    if (options.seed !== false) {
      const seed = loadSeed();
      if (!seedIsCurrent(db, seed)) applySeed(db, seed);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, dataDir, file, close: () => db.close() };
}
