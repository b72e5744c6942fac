import { foldText } from '../shared/folding.ts';
import { WORD_RE } from './words.ts';

const MAX_SCAN = 300_000;
const WINDOW = 180;
const LEAD = 50;

/** Text made safe to place in HTML, every special character as a numeric entity. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Range = [number, number];

/**
 * A short passage of `text` around the first matching word, HTML-escaped,
 * with every matching word in it wrapped in <mark>. `matches` receives each
 * word folded. Returns the start of the text, unmarked, when nothing matches.
 */
export function markedSnippet(text: string, matches: (foldedWord: string) => boolean): string {
  const scanned = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const ranges: Range[] = [];
  for (const m of scanned.matchAll(WORD_RE)) {
    if (matches(foldText(m[0]))) ranges.push([m.index, m.index + m[0].length]);
    if (ranges.length > 0 && m.index > ranges[0]![0] + WINDOW) break;
  }
  return snippetAround(text, ranges);
}

/** Like markedSnippet, but marks only whole occurrences of the phrases (each a list of folded words). */
export function markedPhraseSnippet(text: string, phrases: readonly (readonly string[])[]): string {
  const scanned = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const words = [...scanned.matchAll(WORD_RE)].map((m) => ({ folded: foldText(m[0]), start: m.index, end: m.index + m[0].length }));
  const ranges: Range[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = phrases.find((p) => p.length > 0 && p.every((word, j) => words[i + j]?.folded === word));
    if (!phrase) continue;
    ranges.push([words[i]!.start, words[i + phrase.length - 1]!.end]);
    if (words[i]!.start > ranges[0]![0] + WINDOW) break;
    i += phrase.length - 1;
  }
  return snippetAround(text, ranges);
}

function snippetAround(text: string, ranges: readonly Range[]): string {
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - LEAD);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + WINDOW);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const piece = (from: number, to: number) => escapeHtml(text.slice(from, to).replace(/\s+/g, ' '));
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const [s, e] of ranges) {
    if (s < start || e > end) continue;
    out += `${piece(at, s)}<mark>${piece(s, e)}</mark>`;
    at = e;
  }
  out += piece(at, end);
  return end < text.length ? `${out}…` : out;
}
