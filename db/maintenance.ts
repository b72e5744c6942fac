import type { Db } from './store/db.ts';

export interface CheckReport {
  ok: boolean;
  problems: string[];
}

const FTS_TABLES = ['notes_fts', 'sources_fts', 'annotations_fts', 'records_fts'];
// What each full-text index must hold one row for.
const FTS_EXPECTED: Record<string, string> = {
  notes_fts: 'SELECT count(*) AS n FROM notes WHERE deleted_at IS NULL',
  // A source is indexed in chunks, a long one a chunk at a time after it is stored (search/source-index.ts).
  sources_fts: 'SELECT count(*) AS n FROM source_chunks c JOIN sources s ON s.id = c.source_id WHERE s.deleted_at IS NULL',
  annotations_fts: 'SELECT count(*) AS n FROM annotations',
  records_fts: `SELECT (SELECT count(*) FROM actors WHERE deleted_at IS NULL) + (SELECT count(*) FROM places WHERE deleted_at IS NULL)
                      + (SELECT count(*) FROM events WHERE deleted_at IS NULL) AS n`,
};

/** SQLite's integrity and foreign-key checks, plus the full-text indexes against the rows they index. */
export function checkStore(db: Db): CheckReport {
  const problems: string[] = [];
  for (const row of db.pragma('integrity_check') as { integrity_check: string }[]) {
    if (row.integrity_check !== 'ok') problems.push(`integrity: ${row.integrity_check}`);
  }
  for (const row of db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]) {
    problems.push(`foreign key: ${row.table} row ${row.rowid} points to a missing ${row.parent} row`);
  }
  for (const table of FTS_TABLES) {
    try {
      db.prepare(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`).run();
      const indexed = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      const expected = (db.prepare(FTS_EXPECTED[table]!).get() as { n: number }).n;
      if (indexed !== expected) problems.push(`index: ${table} holds ${indexed} rows, expected ${expected}`);
    } catch (error) {
      problems.push(`index: ${table}: ${(error as Error).message}`);
    }
  }
  return { ok: problems.length === 0, problems };
}
