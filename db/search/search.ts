// One ranked list out of two engines: entities from the in-memory name index,
// texts from FTS5. Entity tiers (exact name 1, alias .95, prefix ~.85, fuzzy
// <.7) sit above or among text hits (best text hit .5, the rest by bm25).
import type { Db } from '../store/open.ts';
import type { EntityKind } from '../vocabulary.ts';
import { entityIndexFor, type EntityMatch } from './entity-index.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { escapeHtml, markedSnippet } from './snippet.ts';
import { searchTexts, spellingAlternatives, type TextHit, type TextKind } from './text-search.ts';
import { cached } from '../store/statements.ts';

export const SEARCH_KINDS = ['actor', 'place', 'event', 'note', 'source', 'annotation'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchResult {
  kind: SearchKind;
  id: number;
  title: string;
  /** HTML-escaped text with the matched words in <mark>: safe to insert as HTML. */
  snippet: string;
  score: number;
}

/** Queries shorter than this match names and aliases only (exact and prefix). */
const MIN_TEXT_QUERY = 3;
const TEXT_TOP_SCORE = 0.5;
/** Text found only through a corrected spelling ranks below text found as typed. */
const CORRECTED_FACTOR = 0.8;
/** Text holding only some of the query's words ranks below text holding all. */
const PARTIAL_FACTOR = 0.5;

const ENTITY_KINDS: readonly EntityKind[] = ['actor', 'place', 'event'];
const TEXT_KINDS: readonly TextKind[] = ['note', 'source', 'annotation'];

function wordMatcher(parsed: ParsedQuery, alternatives: Map<string, string[]>): (word: string) => boolean {
  const exact = new Set([...parsed.words, ...parsed.phrases.flat(), ...[...alternatives.values()].flat()]);
  const last = parsed.prefixLast ? parsed.words.at(-1) : undefined;
  return (word) => exact.has(word) || (last !== undefined && word.startsWith(last));
}

function entityResult(match: EntityMatch, matches: (word: string) => boolean): SearchResult {
  const { entity } = match;
  const detail = escapeHtml(entity.detail);
  const snippet = match.keyType === 'alias' ? `aka ${markedSnippet(match.label, matches)} · ${detail}` : detail;
  return { kind: entity.kind, id: entity.id, title: entity.name, snippet, score: Math.round(match.score * 1000) / 1000 };
}

const TEXT_SQL: Record<TextKind, string> = {
  note: "SELECT coalesce(nullif(title, ''), 'Untitled note') AS title, text FROM notes WHERE id = ?",
  source: 'SELECT title, substr(body, 1, 300000) AS text FROM sources WHERE id = ?',
  annotation: `SELECT s.title || ': “' || substr(a.quote, 1, 60) || CASE WHEN length(a.quote) > 60 THEN '…' ELSE '' END || '”' AS title,
                      a.quote || CASE WHEN a.comment <> '' THEN ' — ' || a.comment ELSE '' END AS text
               FROM annotations a JOIN sources s ON s.id = a.source_id WHERE a.id = ?`,
};

function textResult(db: Db, hit: TextHit, bestRank: number, factor: number, matches: (word: string) => boolean): SearchResult {
  const row = cached(db, TEXT_SQL[hit.kind]).get(hit.id) as { title: string; text: string };
  const score = (bestRank < 0 ? TEXT_TOP_SCORE * (hit.rank / bestRank) : TEXT_TOP_SCORE) * factor;
  return {
    kind: hit.kind,
    id: hit.id,
    title: row.title,
    snippet: markedSnippet(row.text, matches),
    score: Math.round(score * 1000) / 1000,
  };
}

export function search(db: Db, query: string, options: { kinds?: readonly SearchKind[] | undefined; limit: number }): SearchResult[] {
  const kinds = options.kinds ?? SEARCH_KINDS;
  const parsed = parseQuery(query);
  if (parsed.words.length === 0 && parsed.phrases.length === 0) return [];
  const entityKinds = ENTITY_KINDS.filter((k) => kinds.includes(k));
  const textKinds = TEXT_KINDS.filter((k) => kinds.includes(k));
  const queryLength = [...parsed.words, ...parsed.phrases.flat()].join(' ').length;

  const alternatives = textKinds.length && queryLength >= MIN_TEXT_QUERY ? spellingAlternatives(db, parsed) : new Map<string, string[]>();
  const matches = wordMatcher(parsed, alternatives);
  const results: SearchResult[] = [];
  if (entityKinds.length) {
    for (const match of entityIndexFor(db).search(query, { limit: options.limit, kinds: entityKinds })) {
      results.push(entityResult(match, matches));
    }
  }
  if (textKinds.length && queryLength >= MIN_TEXT_QUERY) {
    const hits = searchTexts(db, parsed, textKinds, options.limit, alternatives);
    const bestRank = Math.min(0, ...hits.map((h) => h.rank));
    const factor = alternatives.size > 0 ? CORRECTED_FACTOR : 1;
    for (const hit of hits) results.push(textResult(db, hit, bestRank, factor, matches));
    // Too few texts hold every word: fill up with texts holding some of them.
    const terms = parsed.words.length + parsed.phrases.length;
    if (hits.length < options.limit && terms > 1) {
      const found = new Set(hits.map((h) => `${h.kind}:${h.id}`));
      const partial = searchTexts(db, parsed, textKinds, options.limit, alternatives, true).filter((h) => !found.has(`${h.kind}:${h.id}`));
      const bestPartial = Math.min(0, ...partial.map((h) => h.rank));
      for (const hit of partial) results.push(textResult(db, hit, bestPartial, factor * PARTIAL_FACTOR, matches));
    }
  }
  return results.sort((a, b) => b.score - a.score).slice(0, options.limit);
}
