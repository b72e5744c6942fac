// FTS5 writes each transaction's changes to an index as a new b-tree segment
// and merges segments only level by level, so a store built by imports holds
// tens of segments per table: records_fts of the 1M-name bench store held 23
// (three of about 1,600 leaf pages, the rest small). A query looks every word up
// in each segment, however small; merged into one, the full-text part of an
// entity search at 1M took a third less time. When calls pause, a table is
// merged into one segment, `pagesPerStep` pages per step, each step one
// short transaction of its caller (FTS5's 'merge' with a negative page count
// lets every segment take part), when it holds more than `maxSegments` and
// its other segments hold at least `shareOfLargest` of its largest one's
// pages. Merging rewrites the largest segment too: after single edits (FTS5
// itself keeps up to 16 small segments of a page each) it would rewrite
// a whole large index for little gain, so the small ones wait until they add
// up (about 500 one-record writes at 1M names, whose index is 5,200 pages).
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';

const TABLES = ['records_fts', 'notes_fts', 'sources_fts', 'annotations_fts', 'search_terms_trigram'] as const;
type Table = (typeof TABLES)[number];

export const SEGMENT_MERGE = {
  /** A table with more segments than this may be merged into one... */
  maxSegments: 8,
  /** ... when its other segments hold at least this share of its largest one's leaf pages. */
  shareOfLargest: 0.1,
  /** Leaf pages written per step: 500 pages took 59 ms at most at 1M names. */
  pagesPerStep: 500,
};

/** The table being merged, per store: once started, a merge goes on to one segment. */
const merging = new WeakMap<Db, Table>();

/** The leaf pages of each segment of a table's index: its %_idx table names each segment's leaves by number (stored as number * 2 + a flag). */
export function segmentPages(db: Db, table: Table): number[] {
  return cached(db, `SELECT max(pgno) >> 1 FROM ${table}_idx GROUP BY segid`).pluck().all() as number[];
}

function worthMerging(db: Db, table: Table): boolean {
  const pages = segmentPages(db, table);
  if (pages.length <= SEGMENT_MERGE.maxSegments) return false;
  const largest = Math.max(...pages);
  const others = pages.reduce((sum, n) => sum + n, 0) - largest;
  return others >= SEGMENT_MERGE.shareOfLargest * largest;
}

const totalChanges = (db: Db) => cached(db, 'SELECT total_changes()').pluck().get() as number;

/** Merges the next pages of a table worth merging, inside the caller's transaction; false when none is. */
export function mergeSegmentsStep(db: Db): boolean {
  const current = merging.get(db);
  const candidates = current ? [current, ...TABLES.filter((t) => t !== current)] : TABLES;
  for (const table of candidates) {
    if (table !== current && !worthMerging(db, table)) continue;
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
