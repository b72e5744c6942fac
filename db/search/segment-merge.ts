// FTS5 writes each transaction's changes to an index as a new b-tree segment
// and merges segments only level by level (automerge), so a store written by
// many commands and imports holds tens of segments per table: records_fts of
// the 1M-name bench store held 23. A query looks every word up in each
// segment; merged into one, the full-text part of an entity search at 1M
// took a third less time. When calls pause, a table holding more than
// MAX_SEGMENTS is merged into one, PAGES_PER_STEP pages per step, each step
// one short transaction of its caller (FTS5's 'merge' with a negative page
// count lets every segment take part). Below the threshold the table is left
// alone: merging after every edit would rewrite the whole index each time.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';

const TABLES = ['records_fts', 'notes_fts', 'sources_fts', 'annotations_fts', 'search_terms_trigram'] as const;
type Table = (typeof TABLES)[number];

export const SEGMENT_MERGE = {
  /** A table with more segments than this is merged into one. */
  maxSegments: 8,
  /** Leaf pages written per step: 500 pages took 59 ms at most at 1M names. */
  pagesPerStep: 500,
};

/** The table being merged, per store: once started, a merge goes on to one segment. */
const merging = new WeakMap<Db, Table>();

export function segmentCount(db: Db, table: Table): number {
  return cached(db, `SELECT count(DISTINCT segid) FROM ${table}_idx`).pluck().get() as number;
}

const totalChanges = (db: Db) => cached(db, 'SELECT total_changes()').pluck().get() as number;

/** Merges the next pages of a table with too many segments, inside the caller's transaction; false when none has too many. */
export function mergeSegmentsStep(db: Db): boolean {
  const current = merging.get(db);
  const candidates = current ? [current, ...TABLES.filter((t) => t !== current)] : TABLES;
  for (const table of candidates) {
    if (table !== current && segmentCount(db, table) <= SEGMENT_MERGE.maxSegments) continue;
    const before = totalChanges(db);
    cached(db, `INSERT INTO ${table} (${table}, rank) VALUES ('merge', ?)`).run(-SEGMENT_MERGE.pagesPerStep);
    // FTS5 tells a merge that found nothing left to do by changing fewer than two rows.
    if (totalChanges(db) - before >= 2) {
      merging.set(db, table);
      return true;
    }
    merging.delete(db);
  }
  return false;
}
