import { invalid } from './shared/errors.ts';

/** Context kept either side of a quote, enough to tell repeated quotes apart. */
export const CONTEXT_CHARS = 32;

/** A W3C TextQuoteSelector plus TextPositionSelector, offsets in UTF-16 code units. */
export interface TextAnchor {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export function anchorAt(text: string, start: number, end: number): TextAnchor {
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
    start,
    end,
  };
}

/**
 * Anchors `quote` in `text`: at `start` when given (it must match there),
 * else at its first occurrence. Throws an invalid_input ApiError naming
 * `path` when the quote is not in the text.
 */
export function anchorQuote(text: string, quote: string, start: number | undefined, path = 'quote'): TextAnchor {
  if (start !== undefined) {
    if (text.slice(start, start + quote.length) !== quote) {
      throw invalid(path, `the quote does not occur at offset ${start} of the source text`);
    }
    return anchorAt(text, start, start + quote.length);
  }
  const at = text.indexOf(quote);
  if (at < 0) throw invalid(path, 'the quote does not occur verbatim in the source text');
  return anchorAt(text, at, at + quote.length);
}

/** How far an edited quote may drift from the stored one and still be the same passage: 1 - edits / length. */
export const FUZZY_THRESHOLD = 0.8;

export type Reanchored = { status: 'exact' | 'moved' | 'fuzzy'; anchor: TextAnchor } | { status: 'orphaned' };

/**
 * Finds a stored anchor again in a new version of its text. Never throws.
 * - exact: the quote is still at its offsets with its prefix and suffix around it;
 *   the anchor comes back as stored, and nothing needs saving;
 * - moved: the quote occurs verbatim, elsewhere or with a changed context (or the
 *   stored end did not fit the quote); of several occurrences, the one whose
 *   surroundings keep most of the stored prefix and suffix, then the one nearest
 *   the old offset;
 * - fuzzy: the quote itself was edited; the best approximate match (similarity to the
 *   stored quote, then context kept, then nearness) of at least FUZZY_THRESHOLD
 *   similarity, returned with its new quote;
 * - orphaned: nothing acceptable.
 *
 * Cost, for a text of n code units and a quote of m (k = m/4 edits allowed): exact
 * O(m); moved one indexOf scan, O(n), plus O(1) expected per occurrence (context is
 * compared up to its first mismatch); fuzzy 2 + PIECES indexOf scans of the NEARBY
 * region, then of the whole text if need be, each followed by Sellers' edit-distance
 * scan of at most MAX_WINDOWS windows of about m + 2k code units: O(m(m + k)) per
 * window, less where Ukkonen's cut-off applies. On a 100 KB text, 3000 highlights
 * (a third of them edited) take about half a second (tests/unit/anchor.test.ts).
 */
export function reanchor(text: string, anchor: TextAnchor): Reanchored {
  const { quote, prefix, suffix } = anchor;
  const origin = clampOffset(anchor.start, text.length);
  if (quote === '') return reanchorEmpty(text, anchor, origin);
  const { start, end } = anchor;
  if (Number.isInteger(start) && start >= 0 && end === start + quote.length && end <= text.length && text.startsWith(quote, start)) {
    if (contextKept(text, start, end, prefix, suffix) === prefix.length + suffix.length) {
      return { status: 'exact', anchor: { quote, prefix, suffix, start, end } };
    }
  }
  const verbatim = bestOccurrence(text, anchor, origin);
  const verbatimContext = verbatim ? contextRatio(verbatim.kept, anchor) : 0;
  if (verbatim && (verbatimContext >= 0.5 || prefix + suffix === '')) return moved(text, verbatim.start, quote.length);
  const approximate = approximateMatch(text, anchor, origin);
  // A common quote found verbatim with none of its context loses to its own passage, edited but still in place.
  if (verbatim && !(approximate && approximate.context >= verbatimContext + 0.5)) return moved(text, verbatim.start, quote.length);
  if (approximate) return { status: 'fuzzy', anchor: anchorAt(text, approximate.start, approximate.end) };
  return { status: 'orphaned' };
}

function moved(text: string, start: number, length: number): Reanchored {
  return { status: 'moved', anchor: anchorAt(text, start, start + length) };
}

function clampOffset(offset: number, length: number): number {
  return Number.isFinite(offset) ? Math.min(Math.max(0, Math.trunc(offset)), length) : 0;
}

/** A zero-width anchor has only its context to go by. */
function reanchorEmpty(text: string, anchor: TextAnchor, origin: number): Reanchored {
  const { prefix, suffix } = anchor;
  if (
    origin === anchor.start &&
    anchor.end === origin &&
    contextKept(text, origin, origin, prefix, suffix) === prefix.length + suffix.length
  ) {
    return { status: 'exact', anchor: { quote: '', prefix, suffix, start: origin, end: origin } };
  }
  const joined = prefix + suffix;
  if (joined === '') return { status: 'orphaned' };
  let best = -1;
  for (let at = text.indexOf(joined); at >= 0; at = text.indexOf(joined, at + 1)) {
    if (best < 0 || Math.abs(at + prefix.length - origin) < Math.abs(best + prefix.length - origin)) best = at;
  }
  return best < 0 ? { status: 'orphaned' } : moved(text, best + prefix.length, 0);
}

/** How many characters of the stored prefix (read backwards) and suffix (forwards) still surround [start, end). */
function contextKept(text: string, start: number, end: number, prefix: string, suffix: string): number {
  let kept = 0;
  for (let i = 1; i <= prefix.length && start - i >= 0; i++, kept++) {
    if (text.charCodeAt(start - i) !== prefix.charCodeAt(prefix.length - i)) break;
  }
  for (let i = 0; i < suffix.length && end + i < text.length; i++, kept++) {
    if (text.charCodeAt(end + i) !== suffix.charCodeAt(i)) break;
  }
  return kept;
}

function contextRatio(kept: number, anchor: TextAnchor): number {
  const stored = anchor.prefix.length + anchor.suffix.length;
  return stored === 0 ? 0 : kept / stored;
}

function bestOccurrence(text: string, anchor: TextAnchor, origin: number): { start: number; kept: number } | null {
  const { quote, prefix, suffix } = anchor;
  let best: { start: number; kept: number } | null = null;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const kept = contextKept(text, at, at + quote.length, prefix, suffix);
    if (!best || kept > best.kept || (kept === best.kept && Math.abs(at - origin) < Math.abs(best.start - origin))) {
      best = { start: at, kept };
    }
  }
  return best;
}

/** Places are voted for by exact pieces: the end of the prefix, the start of the suffix and PIECES pieces of the quote. */
const PIECES = 3;
const PIECE_LENGTH = 16;
/** A piece found more often than this says nothing about where the passage went. */
const MAX_PIECE_HITS = 32;
const MAX_WINDOWS = 5;
const WINDOW_PAD = 8;

interface Match {
  start: number;
  end: number;
  similarity: number;
  context: number;
}

function approximateMatch(text: string, anchor: TextAnchor, origin: number): Match | null {
  const maxEdits = Math.floor((anchor.quote.length * (1 - FUZZY_THRESHOLD)) / FUZZY_THRESHOLD + 1e-9);
  if (maxEdits < 1 || text.length === 0) return null;
  const score = (match: Match): number => match.similarity + match.context / 2 - Math.abs(match.start - origin) / (text.length + 1) / 100;
  const better = (a: Match | null, b: Match | null): Match | null => (!a || (b && score(b) > score(a)) ? b : a);
  // Most edits are local: look near the old offset first, then anywhere.
  let best: Match | null = null;
  for (const radius of [NEARBY, text.length]) {
    if (best && best.context >= SETTLED) break;
    const lo = Math.max(0, origin - radius);
    const hi = Math.min(text.length, origin + anchor.quote.length + radius);
    for (const window of rankWindows(votes(text, anchor, origin, lo, hi), origin, maxEdits)) {
      best = better(best, matchInWindow(text, anchor, window.lo, window.hi, maxEdits, score));
      if (best && best.context >= SETTLED) break;
    }
  }
  return best;
}

/** A match keeping this much of its stored context ends the search. */
const SETTLED = 0.75;
/** How far (in code units) edits elsewhere in the text are expected to have shifted a passage. */
const NEARBY = 8192;

/** Likely starts of the passage: the old offset, and wherever in text[lo, hi) exact pieces of its context or quote are. */
function votes(text: string, anchor: TextAnchor, origin: number, lo: number, hi: number): { at: number; voter: number }[] {
  const { quote, prefix, suffix } = anchor;
  const m = quote.length;
  const region = text.slice(lo, hi);
  const found: { at: number; voter: number }[] = [{ at: origin, voter: 0 }];
  const vote = (piece: string, shift: number, voter: number): void => {
    if (piece.length === 0) return;
    const hits: number[] = [];
    for (let at = region.indexOf(piece); at >= 0; at = region.indexOf(piece, at + 1)) {
      if (hits.push(lo + at + shift) > MAX_PIECE_HITS) return;
    }
    for (const at of hits) found.push({ at, voter });
  };
  const tail = prefix.slice(-PIECE_LENGTH);
  vote(tail, tail.length, 1);
  vote(suffix.slice(0, PIECE_LENGTH), -m, 2);
  const length = Math.min(PIECE_LENGTH, Math.max(3, Math.floor(m / PIECES)));
  for (let p = 0; p < PIECES && length <= m; p++) {
    const offset = Math.round(((m - length) * p) / (PIECES - 1));
    vote(quote.slice(offset, offset + length), -offset, 3 + p);
  }
  return found;
}

/** The best acceptable match starting near [lo, hi]. */
function matchInWindow(
  text: string,
  anchor: TextAnchor,
  lo: number,
  hi: number,
  maxEdits: number,
  score: (match: Match) => number,
): Match | null {
  const from = Math.max(0, lo - maxEdits - WINDOW_PAD);
  const to = Math.min(text.length, hi + anchor.quote.length + maxEdits + WINDOW_PAD);
  const found = bestSubstring(anchor.quote, text, from, to, maxEdits);
  if (!found) return null;
  let best: Match | null = null;
  for (const [start, end] of candidateSpans(text, found.start, found.end, anchor, maxEdits)) {
    const match = evaluate(text, start, end, anchor, maxEdits);
    if (match && (!best || score(match) > score(best))) best = match;
  }
  return best;
}

/** Groups nearby votes into windows, most distinct voters first, then nearest the old offset. */
function rankWindows(votes: { at: number; voter: number }[], origin: number, maxEdits: number): { lo: number; hi: number }[] {
  const sorted = votes.slice().sort((a, b) => a.at - b.at);
  const groups: { lo: number; hi: number; voters: Set<number> }[] = [];
  for (const v of sorted) {
    const last = groups.at(-1);
    if (last && v.at - last.lo <= 2 * maxEdits + WINDOW_PAD) {
      last.hi = v.at;
      last.voters.add(v.voter);
    } else {
      groups.push({ lo: v.at, hi: v.at, voters: new Set([v.voter]) });
    }
  }
  const distance = (g: { lo: number; hi: number }): number => (origin < g.lo ? g.lo - origin : origin > g.hi ? origin - g.hi : 0);
  groups.sort((a, b) => b.voters.size - a.voters.size || distance(a) - distance(b));
  return groups.slice(0, MAX_WINDOWS);
}

/**
 * The substring of text[from, to) nearest to `quote` in edit distance, if within maxEdits (Sellers' algorithm:
 * Levenshtein with a free start, one column per text character, rows past the last one within maxEdits skipped
 * as in Ukkonen's cut-off). Of equally near ends the first wins; of equally near starts, the latest.
 */
function bestSubstring(quote: string, text: string, from: number, to: number, maxEdits: number): { start: number; end: number } | null {
  const m = quote.length;
  const over = maxEdits + 1;
  const cost = new Int32Array(m + 2).fill(over);
  const start = new Int32Array(m + 2).fill(from);
  for (let i = 0; i <= Math.min(m, maxEdits); i++) cost[i] = i;
  let active = Math.min(m, maxEdits);
  let best: { start: number; end: number; distance: number } | null = null;
  for (let j = from; j < to; j++) {
    const ch = text.charCodeAt(j);
    let diagCost = 0;
    let diagStart = j;
    const rows = Math.min(m, active + 1);
    for (let i = 1; i <= rows; i++) {
      const leftCost = cost[i]!;
      const leftStart = start[i]!;
      let c = diagCost + (quote.charCodeAt(i - 1) === ch ? 0 : 1);
      let s = diagStart;
      const up = cost[i - 1]! + 1;
      if (up < c || (up === c && start[i - 1]! > s)) {
        c = up;
        s = start[i - 1]!;
      }
      if (leftCost + 1 < c || (leftCost + 1 === c && leftStart > s)) {
        c = leftCost + 1;
        s = leftStart;
      }
      cost[i] = Math.min(c, over);
      start[i] = s;
      diagCost = leftCost;
      diagStart = leftStart;
    }
    cost[0] = 0;
    start[0] = j + 1;
    cost[rows + 1] = over;
    active = rows;
    while (active > 0 && cost[active]! > maxEdits) active--;
    if (rows === m && cost[m]! <= maxEdits && (!best || cost[m]! < best.distance)) {
      best = { start: start[m]!, end: j + 1, distance: cost[m]! };
    }
  }
  return best;
}

/** The span found, and the same span with either edge moved to where the stored context says it is. */
function candidateSpans(text: string, start: number, end: number, anchor: TextAnchor, slack: number): [number, number][] {
  const starts = new Set([start]);
  const ends = new Set([end]);
  const tail = anchor.prefix.slice(-PIECE_LENGTH);
  const head = anchor.suffix.slice(0, PIECE_LENGTH);
  for (let d = 0; d <= slack; d++) {
    for (const s of [start - d, start + d]) if (tail && s >= tail.length && text.startsWith(tail, s - tail.length)) starts.add(s);
    for (const e of [end - d, end + d]) if (head && text.startsWith(head, e)) ends.add(e);
  }
  const spans: [number, number][] = [];
  for (const s of starts) for (const e of ends) if (s < e) spans.push([s, e]);
  return spans;
}

function evaluate(text: string, start: number, end: number, anchor: TextAnchor, maxEdits: number): Match | null {
  // Never cut a surrogate pair in two.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1))) end++;
  const distance = boundedDistance(anchor.quote, text.slice(start, end), maxEdits);
  const similarity = 1 - distance / Math.max(anchor.quote.length, end - start);
  if (similarity < FUZZY_THRESHOLD) return null;
  return { start, end, similarity, context: contextRatio(contextKept(text, start, end, anchor.prefix, anchor.suffix), anchor) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Levenshtein distance of a and b, or max + 1 when it exceeds max (only the diagonal band of width 2·max + 1 is computed). */
export function boundedDistance(a: string, b: string, max: number): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  let previous = new Int32Array(b.length + 2);
  let current = new Int32Array(b.length + 2);
  for (let j = 0; j <= b.length + 1; j++) previous[j] = Math.min(j, over);
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    current[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    let rowMin = current[lo - 1]!;
    for (let j = lo; j <= hi; j++) {
      const substitution = previous[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1, over);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    current[hi + 1] = over;
    if (rowMin > max) return over;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
