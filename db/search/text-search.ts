// Full-text search over notes, sources, highlights (annotations) and records
// (actors, places and events by name and by what they are about): SQLite FTS5
// with bm25, names and titles weighing more than bodies, and prefix matching
// on the word being typed. Which other forms of a word to look for is
// corrections.ts's business.
import { entityFromRowid } from './record-index.ts';
import { CHUNK_SLOTS } from './source-index.ts';
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { ftsExpression, type ParsedQuery } from './query.ts';

export type TextKind = 'note' | 'source' | 'annotation';
export type TextIndex = TextKind | 'record';

export interface TextHit {
  kind: TextKind | EntityKind;
  id: number;
  /** bm25 rank: more negative is better. */
  rank: number;
  /** For a source: the chunk of its text that matched best (source_chunks). */
  chunk?: number;
}

const TABLE: Record<TextIndex, { fts: string; weights: string; live: string }> = {
  // Trashed notes, sources and records are removed from their index, so no join is needed.
  note: { fts: 'notes_fts', weights: '8.0, 1.0', live: '' },
  source: { fts: 'sources_fts', weights: '8.0, 1.0', live: '' },
  annotation: {
    fts: 'annotations_fts',
    weights: '1.0, 1.0',
    live: ' AND rowid IN (SELECT a.id FROM annotations a JOIN sources s ON s.id = a.source_id WHERE s.deleted_at IS NULL)',
  },
  record: { fts: 'records_fts', weights: '8.0, 1.0', live: '' },
};

/** How a search over records may be narrowed. */
export interface RecordOptions {
  /** Matches in this column only ("name" is records_fts's first column). */
  column?: 'name';
  /**
   * Query words left out of the records' expression: those most records hold
   * (search.ts asks the name index). bm25 reads every row holding each word
   * it ranks by, so one word held by 50,000 records costs more than the rest
   * of a search; the other words find the records, and the snippet marks
   * what each holds. With no word left, records are not searched.
   */
  leftOut?: ReadonlySet<string>;
}

/**
 * Texts holding every word (or one of its other forms) and phrase of the
 * query, or with `any`, at least one of them; best first within each index.
 * Records are limited to `entityKinds`, and narrowed by `records`.
 */
export function searchTexts(
  db: Db,
  parsed: ParsedQuery,
  indexes: readonly TextIndex[],
  entityKinds: readonly EntityKind[],
  limit: number,
  forms: Map<string, string[]>,
  any = false,
  records: RecordOptions = {},
): TextHit[] {
  if (parsed.words.length === 0 && parsed.phrases.length === 0) return [];
  const words = ftsExpression(parsed, forms, any);
  const leftOut = records.leftOut;
  const recordWords = leftOut?.size ? ftsExpression(parsed, forms, any, (word) => leftOut.has(word)) : words;
  const hits: TextHit[] = [];
  for (const index of indexes) {
    const { fts, weights, live } = TABLE[index];
    let expression = words;
    if (index === 'source') {
      hits.push(...sourceHits(db, expression, limit));
      continue;
    }
    if (index === 'record') {
      if (!recordWords) continue;
      expression = records.column ? `{${records.column}} : (${recordWords})` : recordWords;
    }
    const rows = cached(
      db,
      `SELECT rowid AS id, bm25(${fts}, ${weights}) AS rank FROM ${fts} WHERE ${fts} MATCH ?${live} ORDER BY rank LIMIT ?`,
    ).all(expression, index === 'record' ? limit * 3 : limit) as { id: number; rank: number }[];
    for (const row of rows) {
      if (index !== 'record') {
        hits.push({ kind: index, id: row.id, rank: row.rank });
        continue;
      }
      const record = entityFromRowid(row.id);
      if (entityKinds.includes(record.kind)) hits.push({ kind: record.kind, id: record.id, rank: row.rank });
    }
  }
  return hits;
}

/**
 * Sources holding the expression, best first: a source is indexed in chunks
 * (source-index.ts), so each is ranked by its best chunk, which it names.
 * bm25 cannot be aggregated directly: it is ranked per chunk first.
 */
function sourceHits(db: Db, expression: string, limit: number): TextHit[] {
  const { fts, weights } = TABLE.source;
  const rows = cached(
    db,
    `WITH chunks AS MATERIALIZED (SELECT rowid, bm25(${fts}, ${weights}) AS rank FROM ${fts} WHERE ${fts} MATCH @expression)
     SELECT rowid / ${CHUNK_SLOTS} AS id, min(rank) AS rank, rowid % ${CHUNK_SLOTS} AS chunk FROM chunks
     GROUP BY id ORDER BY rank LIMIT @limit`,
  ).all({ expression, limit }) as { id: number; rank: number; chunk: number }[];
  return rows.map((row) => ({ kind: 'source', ...row }));
}
