// Suggestions for a text: the known actors, places and events it names, and
// the names it holds that the store does not know. Reads the store, writes
// nothing: a suggestion becomes a record only when the analyst says so.
import { getSourceDetail } from '../repo/sources.ts';
import type { Db } from '../store/db.ts';
import { knownLabels, knownNames } from './known.ts';
import { suggestInWorker } from './suggest-in-worker.ts';
import { suggestWith } from './suggest-text.ts';
import type { Suggestions } from '../shared/suggestion-types.ts';

export type { Candidate, CandidateKind, KnownMention, Occurrence, Suggestions } from '../shared/suggestion-types.ts';
export type { KnownTarget } from './known-labels.ts';
export { NameMatcher } from './name-matcher.ts';
export { suggestWith } from './suggest-text.ts';

/**
 * Texts from this length are read in a worker thread: a 1.5 MB text takes about
 * 2 s, during which the store's thread would answer no other call.
 */
export const SUGGEST_IN_WORKER_FROM = 200_000;

/** The known names (from the store) and the candidate names in `text`, in this thread. */
export function suggestMentions(db: Db, text: string): Suggestions {
  return suggestWith(knownNames(db), text);
}

/** Suggestions for a stored source's text (not_found when there is no such source, or it is in the trash). */
export function suggestionsForSource(db: Db, id: number): Promise<Suggestions> {
  const { text } = getSourceDetail(db, id);
  if (text.length < SUGGEST_IN_WORKER_FROM) return Promise.resolve(suggestMentions(db, text));
  return suggestInWorker(knownLabels(db), text);
}
