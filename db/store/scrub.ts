// Deleted means deleted. secure_delete (open.ts) overwrites deleted rows, but
// full-text indexes keep a purged text's words in their segments until they
// are merged, and the WAL keeps old pages until it is checkpointed. Purging
// from the trash marks the store; the scrub then merges the indexes and
// truncates the WAL, off the save path: when writes pause, and on close. The
// name index saved in the store (search/name-index-snapshot.ts) may hold the
// purged names too: a purge counts in name_index_generation, so that no
// snapshot taken before it is used, and the scrub deletes the snapshot.
import type { Db } from './db.ts';
import { cached } from './statements.ts';

const FTS_TABLES = ['notes_fts', 'sources_fts', 'annotations_fts', 'records_fts', 'search_terms_trigram'];
const PENDING = 'scrub_pending';

/** Called by the purge, inside its transaction. */
export function markScrubPending(db: Db): void {
  cached(db, "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'").run(PENDING);
  cached(db, 'UPDATE name_index_generation SET purges = purges + 1').run();
}

/** Merges the full-text indexes and empties the WAL if something was purged since the last scrub; returns whether it ran. */
export function scrubPurged(db: Db): boolean {
  if (!db.open || db.readonly || db.inTransaction) return false;
  const pending = cached(db, 'SELECT 1 FROM meta WHERE key = ?').get(PENDING);
  if (!pending) return false;
  db.transaction(() => {
    for (const table of FTS_TABLES) db.prepare(`INSERT INTO ${table} (${table}) VALUES ('optimize')`).run();
    cached(db, 'DELETE FROM name_index_snapshot').run();
    cached(db, 'DELETE FROM name_index_parts').run();
    cached(db, 'DELETE FROM meta WHERE key = ?').run(PENDING);
  }).immediate();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return true;
}
