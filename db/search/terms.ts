// The search vocabulary: every distinct word indexed for full-text search,
// with a trigram index over the words for typo tolerance. Written by the
// indexer (indexer.ts), in the same transaction as the text it comes from. Words of trashed text stay (the text
// can be restored; corrections only go to words a live text holds: isLiveTerm,
// liveCount); purging a text forgets the words no other text holds.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { markTermsForgotten, markTermsWritten } from './name-index.ts';
import { foldedWords } from './words.ts';

/** Shorter words are matched exactly or as prefixes only; longer ones are not worth correcting. */
export const MIN_TERM = 3;
export const MAX_TERM = 40;

/** The distinct words of `texts` the vocabulary keeps: computed apart, it can run outside a transaction. */
export function vocabularyOf(...texts: string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const word of foldedWords(text)) if (word.length >= MIN_TERM && word.length <= MAX_TERM) words.add(word);
  return words;
}

export function recordTerms(db: Db, ...texts: string[]): void {
  recordVocabulary(db, vocabularyOf(...texts));
}

/** Words handed to SQLite in one statement: a long text's vocabulary costs a few statements, not one per word. */
const VOCABULARY_BATCH = 20_000;

/** Adds words of vocabularyOf to the vocabulary and its trigram index (the words not known yet). */
export function recordVocabulary(db: Db, words: Iterable<string>): void {
  const all = [...words];
  if (all.length === 0) return;
  const insertTrigrams = cached(
    db,
    `INSERT INTO search_terms_trigram (term)
       SELECT DISTINCT value FROM json_each(@words) WHERE value NOT IN (SELECT term FROM search_terms)`,
  );
  const insertTerms = cached(db, 'INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(@words)');
  for (let start = 0; start < all.length; start += VOCABULARY_BATCH) {
    const batch = JSON.stringify(all.slice(start, start + VOCABULARY_BATCH));
    insertTrigrams.run({ words: batch });
    insertTerms.run({ words: batch });
  }
  markTermsWritten(db, all);
}

export function isKnownTerm(db: Db, term: string): boolean {
  return cached(db, 'SELECT 1 FROM search_terms WHERE term = ?').get(term) !== undefined;
}

/** Words of the vocabulary sharing the most trigrams with `word`, best first. */
export function termsLike(db: Db, word: string, limit: number): string[] {
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= word.length; i++) trigrams.add(word.slice(i, i + 3));
  if (trigrams.size === 0) return [];
  const match = [...trigrams].map((t) => `"${t}"`).join(' OR ');
  const rows = cached(
    db,
    'SELECT term FROM search_terms_trigram WHERE search_terms_trigram MATCH ? ORDER BY bm25(search_terms_trigram) LIMIT ?',
  ).all(match, limit) as { term: string }[];
  return rows.map((r) => r.term);
}

/** Fills the vocabulary from the texts already in the store (migrations 2 and 6). Rows are read whole: better-sqlite3 cannot write while iterating. */
export function backfillTerms(db: Db): void {
  for (const row of db.prepare('SELECT title, text FROM notes WHERE deleted_at IS NULL').all() as Array<{
    title: string;
    text: string;
  }>) {
    recordTerms(db, row.title, row.text);
  }
  for (const row of db.prepare('SELECT title, body FROM sources WHERE deleted_at IS NULL').all() as Array<{
    title: string;
    body: string;
  }>) {
    recordTerms(db, row.title, row.body);
  }
  for (const row of db.prepare('SELECT quote, comment FROM annotations').all() as Array<{ quote: string; comment: string }>) {
    recordTerms(db, row.quote, row.comment);
  }
}

const TEXT_INDEXES = ['notes_fts', 'sources_fts', 'annotations_fts', 'records_fts'] as const;
const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;

/**
 * True when a live note, source, highlight or record holds `term`. A word of
 * the vocabulary's length that the vocabulary lacks is in no text; otherwise
 * each index is asked for one row holding it, which costs the same whether
 * ten texts hold the word or a hundred thousand (counting them would not).
 */
export function isLiveTerm(db: Db, term: string): boolean {
  if (term.length >= MIN_TERM && term.length <= MAX_TERM && !isKnownTerm(db, term)) return false;
  return TEXT_INDEXES.some((fts) => cached(db, `SELECT 1 FROM ${fts} WHERE ${fts} MATCH ? LIMIT 1`).get(quoted(term)) !== undefined);
}

/** How many live notes, sources, highlights and records hold `term`, counted up to `cap` in each index. */
export function liveCount(db: Db, term: string, cap: number): number {
  let count = 0;
  for (const fts of TEXT_INDEXES) {
    const row = cached(db, `SELECT count(*) AS n FROM (SELECT 1 FROM ${fts} WHERE ${fts} MATCH ? LIMIT ?)`).get(quoted(term), cap) as {
      n: number;
    };
    count += row.n;
  }
  return count;
}

/** Above this many words to forget, the trigram index is scanned once rather than searched once per word (0.5 ms each). */
const SCAN_TRIGRAMS_FROM = 2_000;

/**
 * Forgets the words of purged `texts` that no live text holds any more
 * (trash.purge, trash.empty, undoing an import), worked out in SQL for all
 * the words at once: one by one, the 226,000 words of a 45 MB text took 4
 * minutes to forget; this way, about 5 s.
 */
export function forgetTerms(db: Db, ...texts: string[]): void {
  const gone = unheldWords(db, [...vocabularyOf(...texts)]);
  if (gone.length > 0) forgetUnheld(db, gone);
}

/** Those of `words` (folded, as the vocabulary holds them) that the vocabulary holds and no live text does. */
export function unheldWords(db: Db, words: string[]): string[] {
  const gone: string[] = [];
  const unheld = cached(
    db,
    `SELECT value FROM json_each(@words) WHERE
       NOT EXISTS (SELECT 1 FROM notes_fts_terms WHERE term = value) AND NOT EXISTS (SELECT 1 FROM sources_fts_terms WHERE term = value)
       AND NOT EXISTS (SELECT 1 FROM annotations_fts_terms WHERE term = value) AND NOT EXISTS (SELECT 1 FROM records_fts_terms WHERE term = value)
       AND value IN (SELECT term FROM search_terms)`,
  );
  for (let start = 0; start < words.length; start += VOCABULARY_BATCH) {
    gone.push(...(unheld.pluck().all({ words: JSON.stringify(words.slice(start, start + VOCABULARY_BATCH)) }) as string[]));
  }
  return gone;
}

function forgetUnheld(db: Db, gone: string[]): void {
  const list = JSON.stringify(gone);
  cached(db, 'DELETE FROM search_terms WHERE term IN (SELECT value FROM json_each(?))').run(list);
  markTermsForgotten(db);
  if (gone.length >= SCAN_TRIGRAMS_FROM) {
    cached(
      db,
      'DELETE FROM search_terms_trigram WHERE rowid IN (SELECT rowid FROM search_terms_trigram WHERE term IN (SELECT value FROM json_each(?)))',
    ).run(list);
    return;
  }
  const deleteTrigrams = cached(
    db,
    'DELETE FROM search_terms_trigram WHERE rowid IN (SELECT rowid FROM search_terms_trigram WHERE search_terms_trigram MATCH ? AND term = ?)',
  );
  for (const word of gone) deleteTrigrams.run(`"${word.replaceAll('"', '""')}"`, word);
}
