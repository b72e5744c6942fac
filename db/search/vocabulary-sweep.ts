// Forgetting the words of a long purged text after the purge (issue 11: no
// write waits seconds behind another). Purging a 45 MB source, or undoing the
// import that brought it, split its text into its 226,000 words and forgot
// those no other text holds, in the command's transaction: 4-9 s. Now that
// transaction deletes the text (secure_delete overwrites it) and marks the
// vocabulary for a sweep; the sweep then goes through the whole vocabulary, a
// batch of words per short transaction (`search.indexSources`, driven like the
// chunked indexing, search/index-in-background.ts), and forgets every word no
// live text holds. It needs no copy of the text, and its marker (in meta, with
// the last word swept) is durable: a store closed or killed half-way resumes
// the sweep at its next opening. Until a word is swept, it is only a spelling
// the vocabulary knows; no search finds the text. The sweep walks the trigram
// index of the words in rowid order: each word it forgets is then deleted
// there by rowid, not looked up (forgetTerms's 0.5 ms a word, or a scan of
// the whole index per batch, made a batch of 5,000 words take 1.5 s).
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { markScrubPending } from '../store/scrub.ts';
import { markTermsForgotten } from './name-index.ts';
import { unheldWords } from './terms.ts';

export const SWEEP_KEY = 'vocabulary_sweep';

/** Words looked at per transaction. */
export const SWEEP_BATCH = { words: 2_000 };

/** Marks the vocabulary for a sweep from its first word (inside the caller's transaction, after deleting a text). */
export function sweepVocabularyLater(db: Db): void {
  cached(db, "INSERT INTO meta (key, value) VALUES (?, '0') ON CONFLICT (key) DO UPDATE SET value = '0'").run(SWEEP_KEY);
}

export function sweepPending(db: Db): boolean {
  return cached(db, 'SELECT 1 FROM meta WHERE key = ?').get(SWEEP_KEY) !== undefined;
}

/** Sweeps the next batch of words, inside the caller's transaction; false when no sweep is due. */
export function sweepStep(db: Db): boolean {
  const marker = cached(db, 'SELECT value FROM meta WHERE key = ?').get(SWEEP_KEY) as { value: string } | undefined;
  if (!marker) return false;
  const rows = cached(db, 'SELECT rowid, term FROM search_terms_trigram WHERE rowid > ? ORDER BY rowid LIMIT ?').all(
    Number(marker.value),
    SWEEP_BATCH.words,
  ) as { rowid: number; term: string }[];
  const gone = new Set(
    unheldWords(
      db,
      rows.map((r) => r.term),
    ),
  );
  if (gone.size > 0) {
    cached(db, 'DELETE FROM search_terms WHERE term IN (SELECT value FROM json_each(?))').run(JSON.stringify([...gone]));
    markTermsForgotten(db);
    const deleteTrigrams = cached(db, 'DELETE FROM search_terms_trigram WHERE rowid = ?');
    for (const row of rows) if (gone.has(row.term)) deleteTrigrams.run(row.rowid);
    // The index segments still hold a forgotten word until they are merged: the scrub does that (store/scrub.ts).
    markScrubPending(db);
  }
  if (rows.length < SWEEP_BATCH.words) cached(db, 'DELETE FROM meta WHERE key = ?').run(SWEEP_KEY);
  else cached(db, 'UPDATE meta SET value = ? WHERE key = ?').run(String(rows.at(-1)!.rowid), SWEEP_KEY);
  return true;
}
