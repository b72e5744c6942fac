// One ranked list out of two engines: records by name from the in-memory
// name index, and notes, sources, highlights and records by what they say
// from FTS5. One score across kinds, in bands, so that a hit on the words as
// typed always ranks above a hit that needed a correction:
//   every word, as typed:        names and aliases .70-1; texts .50-.69,
//                                the words side by side as typed first (.60-.69)
//   every word, some corrected:  names .42-.49; texts .35-.419
//   some of the words, as typed: .20-.34
//   some words, corrected:       .05-.19
// A text holding every word, one of them misspelt in the query, is a better
// answer than one holding only the words typed right ("africa crops").
// Every hit says why it matched: its snippet marks the matched words, or the
// name or alias that matched. A hit with nothing to mark is not returned.
import { edtfInWords } from '../shared/edtf-words.ts';
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { aliasesOf } from '../repo/aliases.ts';
import { catchUpIndex } from './indexer.ts';
import { recordAbout } from './record-index.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { wordForms } from './corrections.ts';
import { CORRECTED_NAME_BOTTOM, entityIndexFor, readyEntityIndex, type EntityIndex, type EntityMatch } from './name-index.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { escapeHtml, markedPhraseSnippet, markedSnippet } from './snippet.ts';
import { searchTexts, type TextHit, type TextIndex, type TextKind } from './text-search.ts';
import { SEARCH_KINDS, type SearchKind, type SearchResult } from '../shared/search-results.ts';

/** Queries shorter than this match names and aliases only (exact and prefix). */
const MIN_TEXT_QUERY = 3;
const BAND = {
  phrase: { top: 0.69, bottom: 0.6 },
  typed: { top: 0.59, bottom: 0.5 },
  corrected: { top: CORRECTED_NAME_BOTTOM - 0.001, bottom: 0.35 },
  partial: { top: 0.34, bottom: 0.2 },
  correctedPartial: { top: 0.19, bottom: 0.05 },
} as const;
type Band = (typeof BAND)[keyof typeof BAND];

const ENTITY_KINDS: readonly EntityKind[] = ['actor', 'place', 'event'];
/** A name found in the store while the name index is still being built: as typed, ranked as a word-prefix match. */
const BUILDING_NAME_SCORE = 0.75;
/**
 * Within a band, where the best hit of each index lands. A record found by
 * what it is about (a line of description) ranks below the note or source
 * that says the same at length.
 */
const INDEX_WEIGHT: Record<TextIndex, number> = { note: 1, source: 1, annotation: 0.95, record: 0.8 };
const indexOf = (hit: TextHit): TextIndex => ((ENTITY_KINDS as readonly string[]).includes(hit.kind) ? 'record' : (hit.kind as TextKind));
const TEXT_KINDS: readonly TextKind[] = ['note', 'source', 'annotation'];

type WordMatcher = (foldedWord: string) => boolean;

/** Matches the query's words, their other forms, and (for the word being typed) words starting with it. */
function wordMatcher(parsed: ParsedQuery, forms: Map<string, string[]>): WordMatcher {
  const exact = new Set([...parsed.words, ...parsed.phrases.flat(), ...[...forms.values()].flat()]);
  const last = parsed.prefixLast ? parsed.words.at(-1) : undefined;
  return (word) => exact.has(word) || (last !== undefined && word.startsWith(last));
}

const round = (score: number) => Math.round(score * 1000) / 1000;

/** The initials of a name marked: "<mark>A</mark>lliance of <mark>S</mark>ahel <mark>S</mark>tates". */
function markedInitials(label: string): string {
  return label
    .split(/(\s+)/)
    .map((part) => {
      if (!/^\p{L}/u.test(part)) return escapeHtml(part);
      const [first, ...rest] = [...part];
      return `<mark>${escapeHtml(first!)}</mark>${escapeHtml(rest.join(''))}`;
    })
    .join('');
}

/** What a hit says about its record; an event's is stored as 'EDTF · type' (name-index.ts) and shown with the date in words. */
function shownDetail(entity: EntityMatch['entity']): string {
  const at = entity.kind === 'event' ? entity.detail.indexOf(' · ') : -1;
  if (at < 0) return entity.detail;
  // 'undated' is what the index stores for no date: not a date to parse (a failed parse costs more than the rest of a hit).
  const date = entity.detail.slice(0, at);
  return `${date === 'undated' ? 'undated' : edtfInWords(date)} · ${entity.detail.slice(at + 3)}`;
}

function entityResult(match: EntityMatch, query: ParsedQuery): SearchResult {
  const { entity } = match;
  const matched = new Set(match.matchedWords);
  const marked = match.keyType === 'initials' ? markedInitials(match.label) : markedSnippet(match.label, (word) => matched.has(word));
  const why = match.keyType === 'alias' ? `aka ${marked}` : marked;
  const result: SearchResult = {
    kind: entity.kind,
    id: entity.id,
    title: entity.name,
    snippet: `${why} · ${escapeHtml(shownDetail(entity))}`,
    score: round(match.score),
  };
  if (match.corrections.size > 0) result.correction = query.words.map((w) => match.corrections.get(w) ?? w).join(' ');
  return result;
}

const TEXT_SQL: Record<TextKind, string> = {
  note: "SELECT coalesce(nullif(title, ''), 'Untitled note') AS title, text FROM notes WHERE id = ?",
  // The chunk of the text that matched (source_chunks, in characters as substr counts them).
  source: `SELECT s.title, substr(s.body, c.start + 1, c.length) AS text, c.start > 0 AS inside
           FROM sources s JOIN source_chunks c ON c.source_id = s.id AND c.chunk = @chunk WHERE s.id = @id`,
  annotation: `SELECT s.title || ': “' || substr(a.quote, 1, 60) || CASE WHEN length(a.quote) > 60 THEN '…' ELSE '' END || '”' AS title,
                      a.quote || CASE WHEN a.comment <> '' THEN ' — ' || a.comment ELSE '' END AS text
               FROM annotations a JOIN sources s ON s.id = a.source_id WHERE a.id = ?`,
};

type Marker = (text: string) => string;
const phraseMarker =
  (phrases: readonly (readonly string[])[]): Marker =>
  (text) =>
    markedPhraseSnippet(text, phrases);

/** A text hit's title and snippet: for a record, what it is about, or its name when that is what matched. */
function describeHit(db: Db, hit: TextHit, mark: Marker): { title: string; snippet: string } | undefined {
  if (hit.kind === 'actor' || hit.kind === 'place' || hit.kind === 'event') {
    const record = recordAbout(db, hit.kind, hit.id);
    if (!record) return undefined;
    const about = mark(record.about);
    return { title: record.name, snippet: about.includes('<mark>') ? about : mark(record.name) };
  }
  const params = hit.kind === 'source' ? [{ id: hit.id, chunk: hit.chunk ?? 0 }] : [hit.id];
  const row = cached(db, TEXT_SQL[hit.kind]).get(...params) as { title: string; text: string; inside?: number } | undefined;
  if (!row) return undefined;
  let body = mark(row.text);
  // A passage from inside a long text says so, as one cut after its start does.
  if (row.inside === 1 && !body.startsWith('…')) body = `…${body}`;
  return { title: row.title, snippet: body.includes('<mark>') ? body : mark(row.title) };
}

/** The query with each corrected word replaced by its first correction. */
function correctedQuery(parsed: ParsedQuery, corrections: Map<string, string[]>): string {
  return parsed.words.map((w) => corrections.get(w)?.[0] ?? w).join(' ');
}

interface TextPass {
  query: ParsedQuery;
  forms: Map<string, string[]>;
  any: boolean;
  band: Band;
  indexes: readonly TextIndex[];
  /** How a hit's snippet marks why it matched: the query's words by default. */
  mark?: Marker;
  correction?: string;
  via?: string;
}

/**
 * A query word that more names and aliases than this hold ("ben", "maria",
 * or "a" while it is being typed) is left out of the search of records:
 * ranking by it would read every one of them (text-search.ts).
 */
const BROAD_RECORD_WORD = 2000;
/** A search for any of the words reads the records holding each: the rarest words, up to about this many records. */
const ANY_WORD_RECORDS = 500;

/**
 * The query words a pass leaves out of its search of records, when the name
 * index can tell how many names hold them (it is whole): those held by more
 * than BROAD_RECORD_WORD names with their other forms, and for a pass that
 * wants any of the words, all but the rarest. Words no name holds are kept.
 */
function recordWordsLeftOut(index: EntityIndex | undefined, pass: TextPass): Set<string> {
  const out = new Set<string>();
  const { query, forms, any } = pass;
  if (!index?.ready || query.words.length === 0) return out;
  const breadth = query.words.map((word, i) => {
    const typing = query.prefixLast && i === query.words.length - 1;
    let count = index.keysHolding(word, typing, BROAD_RECORD_WORD + 1);
    for (const form of forms.get(word) ?? []) count += index.keysHolding(form, false, BROAD_RECORD_WORD + 1);
    return count;
  });
  let kept = 0;
  for (const i of query.words.map((_w, i) => i).sort((a, b) => breadth[a]! - breadth[b]!)) {
    const word = query.words[i]!;
    if (breadth[i]! > BROAD_RECORD_WORD || (any && kept > 0 && kept + breadth[i]! > ANY_WORD_RECORDS)) out.add(word);
    else kept += breadth[i]!;
  }
  return out;
}

/**
 * Where the query's words are looked for side by side. Not in records when
 * one of the words is broad (BROAD_RECORD_WORD; "bin", "al"): a phrase
 * cannot leave a word out, and FTS5 would read every record holding it to
 * check its positions (9 ms of a 16 ms search at a million names). A name
 * holding the phrase is the name index's, which ranks it higher; a
 * description holding it is still found by the words as typed, a band lower.
 */
function phraseIndexes(textIndexes: readonly TextIndex[], index: EntityIndex | undefined, words: readonly string[]): readonly TextIndex[] {
  if (!index?.ready || !words.some((word) => index.keysHolding(word, false, BROAD_RECORD_WORD + 1) > BROAD_RECORD_WORD)) return textIndexes;
  return textIndexes.filter((i) => i !== 'record');
}

const MAX_OTHER_NAMES = 8;
/** Names shorter than this ("IS", "UN") are words of ordinary text too often to stand for the record. */
const MIN_OTHER_NAME = 4;

/**
 * When the query is exactly a name or alias of an actor or place, texts that
 * name that record otherwise ("hifter": texts saying Haftar; "LNA": texts
 * saying Libyan National Army) follow the texts holding the query itself.
 */
function otherNamesQuery(db: Db, match: EntityMatch | undefined): ParsedQuery | undefined {
  if (!match || (match.keyType !== 'name' && match.keyType !== 'alias')) return undefined;
  const { kind, id, name } = match.entity;
  if (kind === 'event') return undefined;
  const aliases = aliasesOf(db, kind, [id]).get(id) ?? [];
  const phrases = [name, ...aliases.map((a) => a.name)]
    .map((n) => parseQuery(n).words)
    .filter((words) => words.join('').length >= MIN_OTHER_NAME)
    .slice(0, MAX_OTHER_NAMES);
  return phrases.length ? { words: [], phrases, prefixLast: false } : undefined;
}

/** The best result for each record so far, and what a new one needs to enter the list of the best `limit`. */
class ResultList {
  private readonly best = new Map<string, SearchResult>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Keeps `result` if it is its record's best so far; a hit that cannot show why it matched is not a hit. */
  offer(result: SearchResult): void {
    if (!result.snippet.includes('<mark>')) return;
    const id = `${result.kind}:${result.id}`;
    const current = this.best.get(id);
    if (!current || result.score > current.score) this.best.set(id, result);
  }

  /** The lowest score in a full list (results are only ever added or raised): a hit below it cannot enter. */
  floor(): number {
    if (this.best.size < this.limit) return -Infinity;
    return [...this.best.values()].map((r) => r.score).sort((a, b) => b - a)[this.limit - 1]!;
  }

  /** Whether the list is full of results scoring above `score`: none that scores less could enter it. */
  fullAbove(score: number): boolean {
    return [...this.best.values()].filter((r) => r.score > score).length >= this.limit;
  }

  top(): SearchResult[] {
    return [...this.best.values()].sort((a, b) => b.score - a.score).slice(0, this.limit);
  }
}

/**
 * Records by name from the name index; while it is still being built, from
 * the store (every word as typed or as a prefix). Returns the name index's
 * matches, best first.
 */
function offerNames(
  db: Db,
  index: EntityIndex,
  query: string,
  parsed: ParsedQuery,
  entityKinds: readonly EntityKind[],
  results: ResultList,
  limit: number,
): EntityMatch[] {
  const matches = index.search(query, { limit, kinds: entityKinds });
  for (const match of matches) results.offer(entityResult(match, parsed));
  if (!index.ready) {
    const asPrefixes: ParsedQuery = { ...parsed, prefixLast: true };
    const matcher = wordMatcher(asPrefixes, new Map());
    for (const hit of searchTexts(db, asPrefixes, ['record'], entityKinds, limit, new Map(), false, { column: 'name' })) {
      const described = describeHit(db, hit, (text) => markedSnippet(text, matcher));
      if (described) results.offer({ kind: hit.kind, id: hit.id, ...described, score: BUILDING_NAME_SCORE });
    }
  }
  return matches;
}

/**
 * The searches of texts, best band first: the words side by side, every
 * word as typed (with its inflections), every word with corrections, then
 * any of the words; and texts naming the record the query names otherwise.
 */
function textPasses(
  db: Db,
  parsed: ParsedQuery,
  textIndexes: readonly TextIndex[],
  index: EntityIndex | undefined,
  topMatch: EntityMatch | undefined,
): TextPass[] {
  // Corrections come from the name index's deletion index once it is whole (names and the vocabulary of texts).
  const spelling = index?.ready ? index : readyEntityIndex(db);
  const { inflections, corrections } = wordForms(db, parsed, spelling && ((word, bound) => spelling.spellingsNear(word, bound)));
  const corrected = new Map([...inflections]);
  for (const [word, spellings] of corrections) corrected.set(word, [...(corrected.get(word) ?? []), ...spellings]);
  const correction = corrections.size > 0 ? correctedQuery(parsed, corrections) : undefined;
  const several = parsed.words.length + parsed.phrases.length > 1;
  const base = { query: parsed, indexes: textIndexes };
  const asPhrase: ParsedQuery | undefined =
    parsed.words.length > 1 ? { words: [], phrases: [...parsed.phrases, parsed.words], prefixLast: false } : undefined;
  const passes: TextPass[] = [
    ...(asPhrase
      ? [
          {
            query: asPhrase,
            indexes: phraseIndexes(textIndexes, index, parsed.words),
            forms: new Map(),
            any: false,
            band: BAND.phrase,
            mark: phraseMarker(asPhrase.phrases),
          },
        ]
      : []),
    { ...base, forms: inflections, any: false, band: BAND.typed },
    ...(correction ? [{ ...base, forms: corrected, any: false, band: BAND.corrected, correction }] : []),
    ...(several ? [{ ...base, forms: inflections, any: true, band: BAND.partial }] : []),
    ...(correction && several ? [{ ...base, forms: corrected, any: true, band: BAND.correctedPartial, correction }] : []),
  ];
  // Exact, or every query word a whole word of the name or alias (.85 and up: see name-index.ts).
  const otherNames = topMatch && topMatch.score >= 0.85 ? otherNamesQuery(db, topMatch) : undefined;
  const ownIndexes = textIndexes.filter((index) => index !== 'record');
  if (otherNames && ownIndexes.length) {
    passes.push({
      query: otherNames,
      indexes: ownIndexes,
      forms: new Map(),
      any: true,
      band: BAND.partial,
      mark: phraseMarker(otherNames.phrases),
      via: topMatch!.entity.name,
    });
  }
  return passes;
}

/**
 * Offers the hits of one pass not found by an earlier one (`seen`), each
 * scored within the pass's band by its rank against the best of its index.
 */
function offerTextHits(
  db: Db,
  pass: TextPass,
  entityKinds: readonly EntityKind[],
  index: EntityIndex | undefined,
  results: ResultList,
  limit: number,
  seen: Set<string>,
): void {
  const hits = searchTexts(db, pass.query, pass.indexes, entityKinds, limit, pass.forms, pass.any, {
    leftOut: recordWordsLeftOut(index, pass),
  }).filter((hit) => !seen.has(`${hit.kind}:${hit.id}`));
  // bm25 is comparable within one index only: each hit is measured against the best of its own.
  const bestRank = new Map<TextIndex, number>();
  for (const hit of hits) bestRank.set(indexOf(hit), Math.min(bestRank.get(indexOf(hit)) ?? 0, hit.rank));
  const matcher = wordMatcher(pass.query, pass.forms);
  const mark = pass.mark ?? ((text: string) => markedSnippet(text, matcher));
  for (const hit of hits) {
    seen.add(`${hit.kind}:${hit.id}`);
    const bestOfIndex = bestRank.get(indexOf(hit))!;
    const share = (bestOfIndex < 0 ? hit.rank / bestOfIndex : 1) * INDEX_WEIGHT[indexOf(hit)];
    const score = round(pass.band.bottom + (pass.band.top - pass.band.bottom) * share);
    // Reading a hit's text to mark it is most of a hit's cost: not for one that could not enter the list.
    if (score < results.floor()) continue;
    const described = describeHit(db, hit, mark);
    if (!described) continue;
    const result: SearchResult = { kind: hit.kind, id: hit.id, ...described, score };
    if (pass.correction) result.correction = pass.correction;
    if (pass.via) result.via = pass.via;
    results.offer(result);
  }
}

export function search(db: Db, query: string, options: { kinds?: readonly SearchKind[] | undefined; limit: number }): SearchResult[] {
  catchUpIndex(db);
  const kinds = options.kinds ?? SEARCH_KINDS;
  const parsed = parseQuery(query);
  if (parsed.words.length === 0 && parsed.phrases.length === 0) return [];
  const entityKinds = ENTITY_KINDS.filter((k) => kinds.includes(k));
  const textIndexes: TextIndex[] = [...TEXT_KINDS.filter((k) => kinds.includes(k)), ...(entityKinds.length ? ['record' as const] : [])];
  const queryLength = [...parsed.words, ...parsed.phrases.flat()].join(' ').length;

  const results = new ResultList(options.limit);
  const index = entityKinds.length ? entityIndexFor(db) : undefined;
  const matches = index ? offerNames(db, index, query, parsed, entityKinds, results, options.limit) : [];
  // Names found as typed fill the list: no text could rank among them, so none is looked for.
  if (queryLength < MIN_TEXT_QUERY || results.fullAbove(BAND.phrase.top)) return results.top();
  const seen = new Set<string>();
  for (const pass of textPasses(db, parsed, textIndexes, index, matches[0])) {
    // Each pass ranks below the one before: once the list is full of better hits, the rest could not enter it.
    if (results.fullAbove(pass.band.top)) break;
    offerTextHits(db, pass, entityKinds, index, results, options.limit, seen);
  }
  return results.top();
}
