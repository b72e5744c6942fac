// What search and search.prepare return.

export const SEARCH_KINDS = ['actor', 'place', 'event', 'note', 'source', 'annotation'] as const;

export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchResult {
  kind: SearchKind;
  id: number;
  title: string;
  /** HTML-escaped text with the matched words in <mark>: safe to insert as HTML. */
  snippet: string;
  score: number;
  /** Set on hits found only through corrected spellings: the query as corrected ("haftar" for "hifter"). */
  correction?: string;
  /**
   * Set on texts found because they name the record the query named, by
   * another of its names: that record's name ("Khalifa Haftar" for "hifter",
   * whose snippet marks "Khalifa Haftar").
   */
  via?: string;
}

export interface SearchReadiness {
  /** True once every name is in the index (misspelt names and other scripts are matched). */
  ready: boolean;
  /** A new index is being built beside the one answering (after a purge: the old one holds the purged words). */
  rebuilding: boolean;
  /** Records whose names are indexed so far. */
  names: number;
}

export interface IndexingState {
  /** Sources whose text is not fully indexed yet. */
  pending: number;
}
