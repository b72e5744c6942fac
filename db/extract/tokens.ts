// The words of a text with their offsets (UTF-16, as String.prototype.slice
// counts), folded the way names are folded (foldName), and what their line and
// position say about their capitals.
import { foldName } from '../shared/folding.ts';
import { ABBREVIATIONS, CONNECTORS } from './word-lists.ts';

export interface LineStyle {
  /** Written in capitals throughout: case says nothing, and short acronyms are not trusted. */
  shout: boolean;
  /** A title-case line (a heading, a caption): its capitals say little about names. */
  heading: boolean;
}

export interface Token {
  start: number;
  end: number;
  /** As written, a possessive "'s" left off. */
  raw: string;
  /** Folded (foldName). A written word folding to several words gives several tokens with the same offsets. */
  word: string;
  /** "Haftar's": a name may end here but not go on. */
  possessive: boolean;
  /** First word of a sentence or a line. */
  sentenceStart: boolean;
  line: LineStyle;
}

const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['‘’ʼʻʿʾ`´][\p{L}\p{N}\p{M}]+)*/gu;
const POSSESSIVE_RE = /['’ʼ][sS]$/;
const SENTENCE_END_RE = /[.!?;:…]["'”’»)\]]*\s/;
const SHORT_WORDS = new Set([
  ...CONNECTORS,
  'a',
  'an',
  'and',
  'or',
  'nor',
  'in',
  'on',
  'at',
  'to',
  'by',
  'with',
  'from',
  'as',
  'vs',
  'but',
  'via',
  'into',
  'over',
  'per',
]);

export const isCapitalised = (raw: string): boolean => /^[\p{Lu}\p{Lt}]/u.test(raw);
/** LNA, AFRICOM, G5: two or more capitals and no small letter. */
export const isAcronym = (raw: string): boolean => {
  const letters = letterCase(raw);
  return letters.lower === 0 && letters.upper >= 2;
};

/** Capitals and small letters in a word (ASCII counted directly: this runs on every word). */
function letterCase(raw: string): { upper: number; lower: number } {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c > 127) {
      const ch = raw[i]!;
      if (/\p{Lu}/u.test(ch)) upper++;
      else if (/\p{Ll}/u.test(ch)) lower++;
    }
  }
  return { upper, lower };
}

/** foldName of the words seen lately: a text repeats its words. */
const folds = new Map<string, string>();
const FOLD_CACHE = 50_000;
function foldWord(raw: string): string {
  let folded = folds.get(raw);
  if (folded === undefined) {
    folded = foldName(raw);
    if (folds.size >= FOLD_CACHE) folds.clear();
    folds.set(raw, folded);
  }
  return folded;
}

function lineStyle(tokens: Token[], from: number, lineText: string): LineStyle {
  let upper = 0;
  let lower = 0;
  let words = 0;
  let capitalised = 0;
  for (let i = from; i < tokens.length; i++) {
    const raw = tokens[i]!.raw;
    const letters = letterCase(raw);
    upper += letters.upper;
    lower += letters.lower;
    if (i > from && tokens[i - 1]!.start === tokens[i]!.start) continue;
    if (!/^\p{L}/u.test(raw) || SHORT_WORDS.has(tokens[i]!.word)) continue;
    words++;
    if (isCapitalised(raw)) capitalised++;
  }
  const shout = upper + lower >= 8 && lower < 0.1 * (upper + lower);
  const lineWords = tokens.length - from;
  const heading = shout || (words >= 2 && lineWords <= 25 && capitalised >= 0.75 * words && !/\.\s*$/.test(lineText));
  return { shout, heading };
}

/** The words of text[from, to). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(from, to);
  let lineFrom = 0;
  let lineStart = 0;
  let line: LineStyle = { shout: false, heading: false };
  const closeLine = (lineEnd: number) => {
    const style = lineStyle(tokens, lineFrom, slice.slice(lineStart, lineEnd));
    line.shout = style.shout;
    line.heading = style.heading;
  };
  let previousEnd = 0;
  for (const match of slice.matchAll(WORD_RE)) {
    let raw = match[0];
    let possessive = false;
    if (raw.length > 2 && POSSESSIVE_RE.test(raw)) {
      raw = raw.slice(0, -2);
      possessive = true;
    }
    const at = match.index;
    const gap = slice.slice(previousEnd, at);
    const newline = gap.includes('\n');
    if (newline) {
      closeLine(previousEnd + gap.indexOf('\n'));
      lineFrom = tokens.length;
      lineStart = at - (gap.length - gap.lastIndexOf('\n') - 1);
      line = { shout: false, heading: false };
    }
    const previous = tokens.at(-1);
    const sentenceStart =
      !previous ||
      newline ||
      (SENTENCE_END_RE.test(gap) && !(gap.startsWith('.') && (previous.raw.length === 1 || ABBREVIATIONS.has(previous.word))));
    const folded = foldWord(raw);
    previousEnd = at + match[0].length;
    if (!folded) continue;
    const words = folded.split(' ');
    words.forEach((word, k) =>
      tokens.push({
        start: from + at,
        end: from + at + raw.length,
        raw,
        word,
        possessive: possessive && k === words.length - 1,
        sentenceStart: sentenceStart && k === 0,
        line,
      }),
    );
  }
  closeLine(slice.length);
  return tokens;
}

/** Tokens i and i+1 come from one written word. */
export const sameWord = (tokens: Token[], i: number): boolean => tokens[i]!.start === tokens[i + 1]!.start;

/**
 * Where to cut a long text so that no cut falls inside a line: pieces of about
 * `size` characters, each ending at a newline where there is one.
 */
export function chunkRanges(text: string, size = 200_000): [number, number][] {
  const ranges: [number, number][] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + size);
    if (to < text.length) {
      const newline = text.lastIndexOf('\n', to);
      if (newline > from) to = newline + 1;
    }
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}
