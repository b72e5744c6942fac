// Correcting a source's text (an OCR fix, a better copy): the new body is
// stored and indexed, and every highlight and evidence passage of the source
// is found again in it (reanchor, db/anchor.ts). A passage no longer found
// keeps its row and its old selector, marked orphaned since the edit that lost
// it; a later edit that brings the passage back anchors it again. Nothing is
// ever deleted.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { reanchor, type TextAnchor } from '../anchor.ts';
import type { ReanchorCounts, SourceTextUpdate } from '../shared/records.ts';
import { touched } from '../search/indexer.ts';
import { now } from './common.ts';
import type { PreparedText } from '../search/prepared-text.ts';
import { codePoints } from '../search/source-chunks.ts';
import { getSource, refuseDuplicateText, sha256 } from './sources.ts';

type AnchoredTable = 'annotations' | 'evidence';

interface AnchorRow extends TextAnchor {
  id: number;
  orphaned_at: string | null;
}

/**
 * Highlights carry updated_at, bumped when what the analyst sees of them
 * changes (the quote, or whether it is orphaned): a passage that only moved is
 * not an edit. Evidence has no updated_at.
 */
const STAMPED: Record<AnchoredTable, boolean> = { annotations: true, evidence: false };

function statements(db: Db, table: AnchoredTable) {
  const stamped = STAMPED[table];
  return {
    rows: cached(db, `SELECT id, quote, prefix, suffix, start, "end", orphaned_at FROM ${table} WHERE source_id = ?`),
    place: cached(
      db,
      `UPDATE ${table} SET quote = @quote, prefix = @prefix, suffix = @suffix, start = @start, "end" = @end, orphaned_at = NULL
         ${stamped ? ', updated_at = CASE WHEN quote <> @quote OR orphaned_at IS NOT NULL THEN @stamp ELSE updated_at END' : ''}
       WHERE id = @id`,
    ),
    // The first edit that lost a passage dates it; later edits that do not find it either keep that date.
    orphan: cached(
      db,
      `UPDATE ${table} SET orphaned_at = @stamp${stamped ? ', updated_at = @stamp' : ''} WHERE id = @id AND orphaned_at IS NULL`,
    ),
  };
}

function reanchorRows(db: Db, table: AnchoredTable, sourceId: number, text: string, stamp: string): ReanchorCounts {
  const { rows, place, orphan } = statements(db, table);
  const stampParam = STAMPED[table] ? { stamp } : {};
  const counts: ReanchorCounts = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  for (const row of rows.all(sourceId) as AnchorRow[]) {
    const found = reanchor(text, row);
    counts[found.status]++;
    if (found.status === 'orphaned') {
      orphan.run({ id: row.id, stamp });
      continue;
    }
    // An exact match is the stored anchor itself: only a row orphaned before needs saving.
    if (found.status === 'exact' && row.orphaned_at === null) continue;
    const { quote, prefix, suffix, start, end } = found.anchor;
    place.run({ id: row.id, quote, prefix, suffix, start, end, ...stampParam });
    if (table === 'annotations' && quote !== row.quote) touched(db, 'annotation', row.id);
  }
  return counts;
}

/**
 * Replaces the text of a live source (not_found for one in the trash; a
 * conflict naming `text` when another source already holds the same text),
 * re-indexes it for search and re-anchors its highlights and evidence. Runs
 * inside the caller's transaction.
 */
export function updateSourceText(db: Db, input: { id: number; text: string }, prepared?: PreparedText): SourceTextUpdate {
  const current = getSource(db, input.id);
  const known = prepared?.text === input.text ? prepared : undefined;
  const hash = known?.sha256 ?? sha256(input.text);
  const stamp = now();
  if (hash !== current.sha256) {
    refuseDuplicateText(db, hash, input.id);
    const chars = known?.chars ?? codePoints(input.text, 0, input.text.length);
    cached(db, 'UPDATE sources SET body = ?, chars = ?, sha256 = ?, updated_at = ? WHERE id = ?').run(
      input.text,
      chars,
      hash,
      stamp,
      input.id,
    );
    touched(db, 'source', input.id, { title: current.title, text: input.text, sha256: hash, prepared: known });
  }
  return {
    annotations: reanchorRows(db, 'annotations', input.id, input.text, stamp),
    evidence: reanchorRows(db, 'evidence', input.id, input.text, stamp),
    source: getSource(db, input.id),
  };
}
