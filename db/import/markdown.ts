// Markdown to readable text: the words stay, the syntax goes. Headings lose
// their #, emphasis its markers, links their addresses; list items keep a
// "- " marker, code blocks their content, paragraphs their blank lines.
import type { ReadDocument } from '../shared/import-document.ts';
import { cleanAuthor, cleanLanguage, isoToEdtf } from './document-metadata.ts';
import { cleanTitle } from './normalise.ts';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_OPENING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S+/;
const TABLE_DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/;
const LIST_ITEM = /^([ \t]*)[*+-][ \t]+/;
const ORDERED_ITEM = /^[ \t]*\d{1,9}[.)][ \t]+/;

/** The named entities Markdown writers use; any other stays as written. */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  deg: '°',
  euro: '€',
};

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return ENTITIES[body] ?? entity;
}

/** The text of an ATX heading after its #s: without its closing #s. */
function headingText(rest: string): string {
  const text = rest.trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === text.length) return text;
  return end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t' ? text.slice(0, end).trimEnd() : text;
}

/**
 * Emphasis delimiters, in the order they are taken away: an opener is followed
 * by a non-space, a closer follows one; underscores do not work inside words.
 */
const EMPHASIS: [marker: string, opener: RegExp, closer: RegExp][] = [
  ['**', /(?=\*\*\S)/g, /(?<=\S)(?=\*\*)/g],
  ['__', /(?<![\p{L}\p{N}_])(?=__\S)/gu, /(?<=\S)(?=__(?![\p{L}\p{N}_]))/gu],
  ['~~', /(?=~~\S)/g, /(?<=\S)(?=~~)/g],
  ['*', /(?=\*\S)/g, /(?<=\S)(?=\*)/g],
  ['_', /(?<![\p{L}\p{N}_])(?=_\S)/gu, /(?<=\S)(?=_(?![\p{L}\p{N}_]))/gu],
];

/**
 * Takes away paired emphasis markers: each opener with the nearest closer
 * after some text, left to right. One pass per kind, in linear time (a lazy
 * regex would be quadratic on a line of unclosed markers).
 */
function stripEmphasis(line: string): string {
  let s = line;
  for (const [marker, opener, closer] of EMPHASIS) {
    if (!s.includes(marker)) continue;
    const length = marker.length;
    const opens = Array.from(s.matchAll(opener), (m) => m.index);
    const closes = Array.from(s.matchAll(closer), (m) => m.index);
    const cut: number[] = [];
    let c = 0;
    let from = 0;
    for (const open of opens) {
      if (open < from) continue;
      while (c < closes.length && closes[c]! <= open + length) c++;
      if (c === closes.length) break;
      cut.push(open, closes[c]!);
      from = closes[c]! + length;
    }
    if (cut.length === 0) continue;
    let out = '';
    let at = 0;
    for (const position of cut) {
      out += s.slice(at, position);
      at = position + length;
    }
    s = out + s.slice(at);
  }
  return s;
}

/**
 * Replaces each code span of `line` (a run of backticks, text, and the next
 * run of exactly as many) with `replace(code)`. Linear in the line's length:
 * each run length keeps its own pointer to the next run of that length, so a
 * line of thousands of unmatched runs costs no more than one pass (a regular
 * expression with a back-reference took 38 s on 200 KB of backticks).
 */
export function replaceCodeSpans(line: string, replace: (code: string) => string): string {
  const runs = [...line.matchAll(/`+/g)].map((m) => ({ start: m.index, length: m[0].length }));
  const byLength = new Map<number, number[]>();
  runs.forEach((run, i) => {
    const list = byLength.get(run.length);
    if (list) list.push(i);
    else byLength.set(run.length, [i]);
  });
  const next = new Map<number, number>(); // run length -> position in its byLength list
  let out = '';
  let at = 0;
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]!;
    if (open.start < at) continue;
    const same = byLength.get(open.length)!;
    let p = next.get(open.length) ?? 0;
    while (p < same.length && same[p]! <= i) p++;
    next.set(open.length, p);
    if (p === same.length) continue; // no closing run: the backticks are literal
    const close = runs[same[p]!]!;
    out += line.slice(at, open.start) + replace(line.slice(open.start + open.length, close.start));
    at = close.start + close.length;
    i = same[p]!;
  }
  return out + line.slice(at);
}

/** One line of Markdown inline syntax reduced to its text. */
export function inlineText(line: string): string {
  const kept: string[] = [];
  // Code spans and backslash escapes are literal: set them aside first.
  const keep = (text: string) => `\u0000${kept.push(text) - 1}\u0000`;
  let s = replaceCodeSpans(line, (code) => keep(code.trim())).replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, (_m, char: string) =>
    keep(char),
  );
  s = s
    .replace(/!?\[([^[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*\)/g, '$1') // [t](u), ![alt](u)
    .replace(/!?\[([^[\]]+)\]\[[^[\]]*\]/g, '$1') // [t][ref]
    .replace(/<((?:https?|mailto|ftp):[^\s<>]+)>/gi, '$1') // <https://…>
    .replace(/<([^\s<>@]+@[^\s<>@]+)>/g, '$1') // <name@example.org>
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, ''); // inline HTML tags
  s = stripEmphasis(s).replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);/g, (entity, body: string) => decodeEntity(entity, body));
  return s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)] ?? '');
}

interface FrontMatter {
  fields: Map<string, string>;
  /** Lines the front matter takes at the top of the file. */
  length: number;
}

/** A leading YAML front-matter block: its simple `key: value` fields. */
function frontMatter(lines: string[]): FrontMatter | undefined {
  if (lines[0]?.trim() !== '---') return undefined;
  const end = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (end < 0 || end > 100) return undefined;
  const fields = new Map<string, string>();
  for (const line of lines.slice(1, end)) {
    const match = /^([A-Za-z_][\w-]*):(.*)$/.exec(line);
    if (match) fields.set(match[1]!.toLowerCase(), match[2]!.trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  return fields.size > 0 ? { fields, length: end + 1 } : undefined;
}

export function readMarkdown(markdown: string): ReadDocument {
  let lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const front = frontMatter(lines);
  if (front) lines = lines.slice(front.length);

  const out: string[] = [];
  let title: string | null = null;
  let setextTitle: string | null = null;
  let fence: string | null = null;
  let previous = ''; // the previous source line, for setext headings
  for (const line of lines) {
    const prior = previous;
    previous = line;
    if (fence !== null) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && line.trim() === close[1]) fence = null;
      else out.push(line);
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1]!;
      continue;
    }
    if (REFERENCE_DEFINITION.test(line)) continue;
    const underline = SETEXT_UNDERLINE.exec(line);
    const priorIsParagraph =
      prior.trim() !== '' && !ATX_OPENING.test(prior) && !LIST_ITEM.test(prior) && !ORDERED_ITEM.test(prior) && !FENCE.test(prior);
    if (underline && priorIsParagraph && out.length > 0) {
      if (underline[1]!.startsWith('=')) setextTitle ??= out.at(-1) ?? null;
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      out.push('');
      continue;
    }
    const heading = ATX_OPENING.exec(line);
    if (heading) {
      const text = inlineText(headingText(line.slice(heading[0].length)));
      if (heading[1] === '#') title ??= text;
      out.push('', text, '');
      continue;
    }
    if (line.includes('|') && TABLE_DELIMITER_ROW.test(line)) continue;
    let rest = line.replace(/^ {0,3}(?:>[ \t]?)+/, '');
    rest = rest.replace(LIST_ITEM, '$1- ');
    if (/^[ \t]*\|.*\|[ \t]*$/.test(rest)) rest = rest.trim().slice(1, -1).trim(); // | a | b | → a | b
    out.push(inlineText(rest));
  }

  const fields = front?.fields;
  return {
    text: out.join('\n'),
    title: cleanTitle(fields?.get('title')) ?? cleanTitle(title) ?? cleanTitle(setextTitle),
    author: cleanAuthor(fields?.get('author')),
    published: isoToEdtf(fields?.get('date')),
    language: cleanLanguage(fields?.get('lang') ?? fields?.get('language')),
  };
}
