import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { openFieldbook, type Fieldbook } from '../db/fieldbook.ts';
import type { Db } from '../db/store/db.ts';

/** A fresh folder under the system temp dir, removed when the test file ends. */
export function tempDir(prefix = 'fieldbook-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store in a fresh data folder, seeded unless asked otherwise, closed when the test file ends. */
export function tempFieldbook(options: { seed?: boolean } = {}): Fieldbook {
  const fieldbook = openFieldbook(tempDir(), options);
  after(() => fieldbook.close());
  return fieldbook;
}

/**
 * A digest of every row of every table (full-text index internals included):
 * equal digests mean the store holds exactly the same data.
 */
export function storeDigest(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    // The name index's generation counter and saved snapshot (search/name-index-snapshot.ts) are not data: a write moves them.
    if (name.startsWith('name_index_')) continue;
    hash.update(`\u0000${name}\u0000`);
    const rows = db
      .prepare(`SELECT * FROM "${name}"`)
      .raw()
      .all()
      .map((row) => JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
      .sort();
    for (const row of rows) hash.update(row);
  }
  return hash.digest('hex');
}

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CLI = path.join(ROOT, 'bin', 'fieldbook.mjs');
