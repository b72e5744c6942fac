// Full-text search over notes, sources and annotations: SQLite FTS5 with
// bm25 (titles weigh more than bodies), prefix matching on the word being
// typed, and typo tolerance: a query word the vocabulary does not know is
// widened to its likely spellings (trigram candidates re-ranked by fuse.js).
import Fuse from 'fuse.js';
import type { Db } from '../store/open.ts';
import { cached } from '../store/statements.ts';
import { ftsExpression, type ParsedQuery } from './query.ts';
import { isKnownTerm, MAX_TERM, termsLike } from './terms.ts';

export type TextKind = 'note' | 'source' | 'annotation';

export interface TextHit {
  kind: TextKind;
  id: number;
  /** bm25 rank: more negative is better. */
  rank: number;
}

const MIN_CORRECTABLE = 4;
const SPELLING_CANDIDATES = 60;
const SPELLINGS_PER_WORD = 3;

const TABLE: Record<TextKind, { fts: string; weights: string; live: string }> = {
  // Trashed notes and sources are removed from their index, so no join is needed.
  note: { fts: 'notes_fts', weights: '8.0, 1.0', live: '' },
  source: { fts: 'sources_fts', weights: '8.0, 1.0', live: '' },
  annotation: {
    fts: 'annotations_fts',
    weights: '1.0, 1.0',
    live: ' AND rowid IN (SELECT a.id FROM annotations a JOIN sources s ON s.id = a.source_id WHERE s.deleted_at IS NULL)',
  },
};

/** Likely spellings of the query words the vocabulary does not know. */
export function spellingAlternatives(db: Db, parsed: ParsedQuery): Map<string, string[]> {
  const alternatives = new Map<string, string[]>();
  parsed.words.forEach((word, i) => {
    const typing = parsed.prefixLast && i === parsed.words.length - 1;
    if (word.length < MIN_CORRECTABLE || word.length > MAX_TERM || isKnownTerm(db, word)) return;
    const candidates = termsLike(db, word, SPELLING_CANDIDATES);
    const fuse = new Fuse(candidates, { includeScore: true, threshold: 0.4, ignoreLocation: true, isCaseSensitive: true });
    let best = fuse
      .search(word)
      .slice(0, SPELLINGS_PER_WORD)
      .map((r) => r.item);
    // While typing, a longer word that starts like a near-spelling is a candidate too.
    if (typing) best = best.concat(candidates.filter((c) => c.startsWith(word.slice(0, -1)))).slice(0, SPELLINGS_PER_WORD);
    if (best.length) alternatives.set(word, [...new Set(best)]);
  });
  return alternatives;
}

export function searchTexts(
  db: Db,
  parsed: ParsedQuery,
  kinds: readonly TextKind[],
  limit: number,
  alternatives: Map<string, string[]>,
  any = false,
): TextHit[] {
  if (parsed.words.length === 0 && parsed.phrases.length === 0) return [];
  const expression = ftsExpression(parsed, alternatives, any);
  const hits: TextHit[] = [];
  for (const kind of kinds) {
    const { fts, weights, live } = TABLE[kind];
    const rows = cached(
      db,
      `SELECT rowid AS id, bm25(${fts}, ${weights}) AS rank FROM ${fts} WHERE ${fts} MATCH ?${live} ORDER BY rank LIMIT ?`,
    ).all(expression, limit) as { id: number; rank: number }[];
    for (const row of rows) hits.push({ kind, id: row.id, rank: row.rank });
  }
  return hits;
}
