import * as chrono from 'chrono-node';
import { isEdtf, parseEdtf } from './shared/edtf.ts';
import type { DateCertainty, FoundDate } from './shared/records.ts';

/**
 * The dates a text mentions, in text order, each as honest EDTF. `reference` is the
 * source's publication date (EDTF, or null when unknown). Candidates come from
 * chrono-node (English); then:
 * - a stated date keeps its precision: day, month or year ("in 2015" only after a
 *   word such as in, since or during, so that counts are not read as years);
 * - a day or month without a year takes the most recent one on or before the
 *   reference's latest day, marked uncertain ('2023-12-17?'); without a reference
 *   whose latest day is known it keeps an unspecified year ('XXXX-02-25');
 * - ranges become intervals, the year stated at one end applying to both;
 *   "X and Y" only after "between" or for consecutive months or years;
 * - "yesterday", "two days ago", "last week"... are counted from the reference
 *   only when it is a single day; expressions relative to the narrative ("three
 *   days later", "the next day") and weekdays alone ("on Friday") are skipped;
 * - a decade ("the 1990s") is '199X'; a numeric date whose day and month could be
 *   swapped (03/04/2019) is marked uncertain;
 * - early/mid/late are kept in the text and the note but not in the EDTF, which
 *   has no mark for part of a month or year.
 */
export function findDates(text: string, reference: { edtf: string | null }): FoundDate[] {
  const ref = readReference(reference.edtf);
  const instant = ref?.day ? utcNoon(ref.day) : DEFAULT_INSTANT;
  const shifted = new Date(instant.getTime() + SHIFT_DAYS * DAY_MS);
  const absolute = new Set(parser.parse(text, { instant: shifted, timezone: 0 }).map((r) => `${r.index}:${r.text}:${describeParts(r)}`));
  const mentions: Mention[] = [];
  for (const result of parser.parse(text, { instant, timezone: 0 })) {
    const mention = toMention(text, result, !absolute.has(`${result.index}:${result.text}:${describeParts(result)}`));
    if (mention) mentions.push(mention);
  }
  const found: FoundDate[] = [];
  for (const mention of mergeRanges(text, mentions)) {
    const date = mention.relative ? resolveRelative(text, mention, ref) : resolveAbsolute(text, mention, ref);
    if (date && isEdtf(date.edtf)) found.push(date);
  }
  return found;
}

interface Day {
  year: number;
  month: number;
  day: number;
}

interface Reference {
  edtf: string;
  /** The latest day the publication date can mean; null when unknown or open-ended. */
  latest: Day | null;
  /** Set when the publication date is one day. */
  day: Day | null;
  qualifier: string;
}

interface Parts {
  year?: number | undefined;
  month?: number | undefined;
  day?: number | undefined;
  weekday?: number | undefined;
}

interface Mention {
  start: number;
  end: number;
  from: Parts;
  to: Parts | null;
  relative: boolean;
  decade: boolean;
  /** early, mid, late, end of... as written before the date. */
  qualifiers: string[];
}

const DAY_MS = 86_400_000;
const DEFAULT_INSTANT = new Date(Date.UTC(2000, 0, 1, 12));
/** Relative expressions are told from absolute ones by parsing again against a reference this many days later. */
const SHIFT_DAYS = 400;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:1[89]|20)\\d\\d)';

function monthNumber(name: string): number {
  return ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** "between 10 and 13 October 2019", which chrono reads as "13 October 2019" alone. */
const dayRangeLittleEndian: chrono.Parser = {
  pattern: () => new RegExp(`\\bbetween\\s+${DAY}\\s+and\\s+${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?(?![\\w-])`, 'i'),
  extract: (context, match) => dayRange(context, match, match[1], match[2], match[3], match[4]),
};

/** "between October 10 and 13, 2019". */
const dayRangeMiddleEndian: chrono.Parser = {
  pattern: () => new RegExp(`\\bbetween\\s+${MONTH}\\s+${DAY}\\s+and\\s+${DAY}(?:,?\\s+${YEAR})?(?![\\w-])`, 'i'),
  extract: (context, match) => dayRange(context, match, match[2], match[3], match[1], match[4]),
};

function dayRange(
  context: chrono.ParsingContext,
  match: RegExpMatchArray,
  first: string | undefined,
  last: string | undefined,
  month: string | undefined,
  year: string | undefined,
): chrono.ParsingResult | null {
  if (!first || !last || !month) return null;
  const common = { month: monthNumber(month), ...(year ? { year: Number(year) } : {}) };
  return context.createParsingResult(match.index ?? 0, match[0], { ...common, day: Number(first) }, { ...common, day: Number(last) });
}

/**
 * A year alone, or a range of years, after a word that makes it a date ("in 2015", "since 2015",
 * "mid-2019", "between 2019 and 2021", "2019 and 2020"); a bare number is too often a count.
 */
const yearParser: chrono.Parser = {
  pattern: () =>
    new RegExp(
      `\\b(?:in|since|until|till|during|before|after|throughout|from|between|early|mid|late|and|or|(?:beginning|end|start|middle)\\s+of)[\\s-]+` +
        `(${YEAR}(?:\\s*(?:-|–|—|to|and|until|through)\\s*${YEAR})?)(?![\\w-]|[.,/]\\d)`,
      'i',
    ),
  extract: (context, match) => {
    const [whole, years, first, last] = match;
    if (!whole || !years || !first) return null;
    const at = match.index ?? 0;
    const cue = whole.slice(0, 7).toLowerCase();
    // "and 2020" or "or 2020" only continue a list of years ("in 2019 and 2020").
    if (/^(?:and|or)\b/.test(cue) && !/\b(?:1[89]|20)\d\d,?\s*$/.test(context.text.slice(Math.max(0, at - 8), at))) return null;
    // The result keeps its cue word: chrono drops results that are nothing but digits.
    const isRange = last !== undefined && Number(last) > Number(first) && (!/\band\b/i.test(years) || cue.startsWith('between'));
    if (!isRange) return context.createParsingResult(at, whole.slice(0, whole.length - years.length) + first, { year: Number(first) });
    return context.createParsingResult(at, whole, { year: Number(first) }, { year: Number(last) });
  },
};

const DECADE = 'fieldbook/decade';

/** "the 1990s", written in EDTF with an unspecified last digit: 199X. */
const decadeParser: chrono.Parser = {
  pattern: () => /\b((?:1[89]|20)\d)0'?s\b/i,
  extract: (context, match) => context.createParsingResult(match.index ?? 0, match[0], { year: Number(`${match[1]}0`) }).addTag(DECADE),
};

const parser = ((): chrono.Chrono => {
  const custom = chrono.en.casual.clone();
  custom.parsers.push(dayRangeLittleEndian, dayRangeMiddleEndian, yearParser, decadeParser);
  return custom;
})();

function partsOf(components: chrono.ParsedComponents): Parts {
  const known = (c: chrono.Component): number | undefined => (components.isCertain(c) ? (components.get(c) ?? undefined) : undefined);
  return { year: known('year'), month: known('month'), day: known('day'), weekday: known('weekday') };
}

function describeParts(result: chrono.ParsedResult): string {
  return JSON.stringify([partsOf(result.start), result.end ? partsOf(result.end) : null]);
}

const LEADING_WORDS = /^(?:(?:on|in|at|of|the|by|since|during|until|till|before|after|throughout|from|and|or)\s+)+/i;
const QUALIFIER = '(early|mid|late|(?:the\\s+)?(?:end|beginning|start|middle)\\s+of)[\\s-]*';
const QUALIFIER_BEFORE = new RegExp(`\\b${QUALIFIER}$`, 'i');
const QUALIFIER_AT_START = new RegExp(`^${QUALIFIER}`, 'i');
/** Words after which a month name alone is a date rather than, say, "a March on the capital" or "May God...". */
const MONTH_CUE =
  /\b(?:in|since|by|until|till|during|from|through|throughout|between|before|after|of|and|to|or|last|this|next|early|mid|late)[\s-]*$/i;

function toMention(text: string, result: chrono.ParsedResult, relative: boolean): Mention | null {
  const from = partsOf(result.start);
  const to = result.end ? partsOf(result.end) : null;
  let start = result.index;
  let end = result.index + result.text.length;
  const lead = LEADING_WORDS.exec(result.text);
  if (lead) start += lead[0].length;
  while (end > start && /[\s,;:]/.test(text[end - 1] ?? '')) end--;
  // chrono knows no day for "this week", which is still counted from the reference.
  if (/^this\s+week$/i.test(text.slice(start, end))) relative = true;
  else if (from.year === undefined && from.month === undefined && from.day === undefined) return null;
  const qualifiers: string[] = [];
  const before = QUALIFIER_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
  if (before?.[1]) start -= before[0].length;
  const qualifier = before?.[1] ?? QUALIFIER_AT_START.exec(text.slice(start, end))?.[1];
  if (qualifier) {
    qualifiers.push(qualifier.toLowerCase().replace(/\s+/g, ' '));
    // chrono reads "the end of March" as 31 March; the text names no day.
    if (!relative && !/\d/.test(text.slice(start, end))) from.day = undefined;
  }
  if (!relative && !to && from.year === undefined && from.day === undefined && qualifiers.length === 0) {
    if (!MONTH_CUE.test(text.slice(Math.max(0, start - 24), start))) return null;
  }
  return { start, end, from, to, relative, decade: result.tags().has(DECADE), qualifiers };
}

/** Joins "late September and early October", "December 2019 to January 2020", "between 10 October and 2 November". */
function mergeRanges(text: string, mentions: Mention[]): Mention[] {
  const merged: Mention[] = [];
  for (const next of mentions) {
    const last = merged.at(-1);
    const between = last ? text.slice(last.end, next.start) : '';
    const connector = /^\s*(-|–|—|to|through|thru|till|until|and)\s*$/i.exec(between)?.[1]?.toLowerCase();
    const joinable = last && connector && !last.to && !next.to && !last.relative && !next.relative && !last.decade && !next.decade;
    const opener = last ? /\b(between|from)\s+$/i.exec(text.slice(Math.max(0, last.start - 10), last.start)) : null;
    if (!joinable || (connector === 'and' && opener?.[1]?.toLowerCase() !== 'between' && !consecutive(last.from, next.from))) {
      merged.push(next);
      continue;
    }
    last.start -= opener?.[0].length ?? 0;
    last.end = next.end;
    last.to = next.from;
    last.qualifiers.push(...next.qualifiers);
  }
  return merged;
}

function consecutive(a: Parts, b: Parts): boolean {
  if (a.day !== undefined || b.day !== undefined) return false;
  if (a.month === undefined && b.month === undefined) return a.year !== undefined && b.year === a.year + 1;
  if (a.month === undefined || b.month === undefined) return false;
  const wraps = a.month === 12 && b.month === 1;
  if (b.month !== a.month + 1 && !wraps) return false;
  if (a.year === undefined || b.year === undefined) return true;
  return b.year === a.year + (wraps ? 1 : 0);
}

function readReference(edtf: string | null): Reference | null {
  if (edtf === null || !isEdtf(edtf)) return null;
  const value = edtf.trim();
  const max = parseEdtf(value).max;
  const single = /^(\d{4})-(\d{2})-(\d{2})([?~%]?)$/.exec(value);
  return {
    edtf: value,
    latest: max ? dayOf(max) : null,
    day: single ? { year: Number(single[1]), month: Number(single[2]), day: Number(single[3]) } : null,
    qualifier: single?.[4] ?? '',
  };
}

function dayOf(iso: string): Day {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

function utcNoon(day: Day): Date {
  const date = new Date(Date.UTC(2000, day.month - 1, day.day, 12));
  date.setUTCFullYear(day.year);
  return date;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
}

function isLater(a: Parts, b: Parts): boolean {
  return (a.month ?? 1) > (b.month ?? 1) || ((a.month ?? 1) === (b.month ?? 1) && (a.day ?? 1) > (b.day ?? 1));
}

/** The year of the most recent such month (and day) on or before `latest`. */
function yearOnOrBefore(parts: Parts, latest: Parts & { year: number }): number {
  let year = latest.year - (isLater(parts, latest) ? 1 : 0);
  while (parts.month !== undefined && parts.day !== undefined && parts.day > daysInMonth(year, parts.month)) year--;
  return year;
}

function resolveAbsolute(text: string, mention: Mention, ref: Reference | null): FoundDate | null {
  let { from, to } = mention;
  if (from.year === undefined && from.month === undefined) return null;
  if (to && to.year === undefined && to.month === undefined) to = null;
  const stated = from.year !== undefined || to?.year !== undefined;
  if (to) {
    if (from.year === undefined && to.year !== undefined) from = { ...from, year: to.year - (isLater(from, to) ? 1 : 0) };
    if (to.year === undefined && from.year !== undefined) to = { ...to, year: from.year + (isLater(from, to) ? 1 : 0) };
  }
  let certainty: DateCertainty = 'stated';
  let note = stated ? statedNote(mention) : '';
  const last = to ?? from;
  if (!stated) {
    if (ref?.latest) {
      const year = yearOnOrBefore(last, ref.latest);
      if (to) {
        to = { ...to, year };
        from = { ...from, year: year - (isLater(from, to) ? 1 : 0) };
      } else {
        from = { ...from, year };
      }
      certainty = 'inferred-year';
      note = `year inferred from the source's publication date ${ref.edtf}: the most recent ${spoken(last)} on or before ${format(ref.latest)}`;
    } else {
      certainty = 'unknown-year';
      note = ref
        ? `no year in the text, and the source's publication date ${ref.edtf} has no latest day to infer one from`
        : 'no year in the text, and no publication date to infer one from';
    }
  }
  if (to && from.year !== undefined && to.year !== undefined && compare(from, to) > 0) [from, to] = [to, from];
  if (!validDay(from) || (to && !validDay(to))) return null;
  const written = text.slice(mention.start, mention.end);
  const ambiguous = ambiguousOrder(written);
  const mark = certainty === 'inferred-year' || ambiguous ? '?' : '';
  const edtf = mention.decade
    ? `${format(from).slice(0, 3)}X`
    : to
      ? `${format(from)}${mark}/${format(to)}${mark}`
      : `${format(from)}${mark}`;
  if (ambiguous) note += '; read as month/day, but the order is ambiguous';
  note += qualifierNote(mention) + weekdayNote(from);
  return { text: written, start: mention.start, end: mention.end, edtf, certainty, note };
}

/** 03/04/2019: the 4th of March to chrono, the 3rd of April to most of the world. */
function ambiguousOrder(written: string): boolean {
  const numbers = /^(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}$/.exec(written);
  return Boolean(numbers && Number(numbers[1]) <= 12 && Number(numbers[2]) <= 12 && numbers[1] !== numbers[2]);
}

function statedNote(mention: Mention): string {
  if (mention.decade) return 'decade stated in the text';
  if (mention.to) return 'range stated in the text';
  const { month, day } = mention.from;
  if (day !== undefined) return 'date stated in the text';
  return month !== undefined ? 'month and year stated in the text' : 'year stated in the text';
}

function qualifierNote(mention: Mention): string {
  if (mention.qualifiers.length === 0) return '';
  const words = [...new Set(mention.qualifiers)].map((q) => `"${q}"`).join(' and ');
  const part = mention.decade ? 'decade' : mention.from.month === undefined ? 'year' : 'month';
  return `; ${words} kept at ${part} precision (EDTF has no mark for part of a ${part})`;
}

function weekdayNote(parts: Parts): string {
  const { year, month, day, weekday } = parts;
  if (weekday === undefined || year === undefined || month === undefined || day === undefined) return '';
  const actual = utcNoon({ year, month, day }).getUTCDay();
  if (actual === weekday) return '';
  return `; the text says ${WEEKDAY_NAMES[weekday]}, but ${spoken(parts)} ${year} was a ${WEEKDAY_NAMES[actual]}`;
}

function compare(a: Parts, b: Parts): number {
  return (a.year ?? 0) - (b.year ?? 0) || (a.month ?? 1) - (b.month ?? 1) || (a.day ?? 1) - (b.day ?? 1);
}

function validDay(parts: Parts): boolean {
  const { year, month, day } = parts;
  if (year !== undefined && (year < 0 || year > 9999)) return false;
  if (month === undefined) return day === undefined;
  if (month < 1 || month > 12) return false;
  return day === undefined || (day >= 1 && day <= daysInMonth(year ?? 2000, month));
}

function format(parts: Parts): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  let edtf = parts.year === undefined ? 'XXXX' : pad(parts.year, 4);
  if (parts.month !== undefined) edtf += `-${pad(parts.month, 2)}`;
  if (parts.month !== undefined && parts.day !== undefined) edtf += `-${pad(parts.day, 2)}`;
  return edtf;
}

function spoken(parts: Parts): string {
  const month = parts.month === undefined ? '' : (MONTH_NAMES[parts.month - 1] ?? '');
  return parts.day === undefined ? month : `${parts.day} ${month}`;
}

const DEICTIC_DAYS: Record<string, true> = { yesterday: true, today: true, tonight: true, tomorrow: true, 'last night': true };
const VAGUE_QUANTITY = /\b(?:few|several|some|couple)\b/;

/**
 * Expressions counted from the moment of writing: resolved only against a publication date that is one day.
 * chrono has already counted them from that day; only their precision is decided here.
 */
function resolveRelative(text: string, mention: Mention, ref: Reference | null): FoundDate | null {
  if (!ref?.day || mention.to) return null;
  const phrase = text.slice(mention.start, mention.end);
  const said = phrase.toLowerCase().replace(/\s+/g, ' ');
  if (/\bthe\s+$/i.test(text.slice(Math.max(0, mention.start - 4), mention.start))) return null;
  const { year, month, day } = mention.from;
  let edtf: string | null = null;
  let approximate = false;
  const ago = /^(.+) (day|week|month|year)s? ago$/.exec(said);
  const calendar = /^(last|this|next) (week|month|year)$/.exec(said);
  if (DEICTIC_DAYS[said] && year !== undefined && month !== undefined && day !== undefined) {
    edtf = format({ year, month, day });
  } else if (calendar?.[2] === 'week') {
    edtf = weekAround(ref.day, calendar[1] === 'last' ? -7 : calendar[1] === 'next' ? 7 : 0);
  } else if (calendar || ago) {
    const unit = calendar?.[2] ?? ago?.[2];
    approximate = Boolean(ago && (unit === 'week' || VAGUE_QUANTITY.test(ago[1] ?? '')));
    if (year === undefined || (unit !== 'year' && month === undefined) || ((unit === 'day' || unit === 'week') && day === undefined))
      return null;
    edtf = format({ year, month: unit === 'year' ? undefined : month, day: unit === 'day' || unit === 'week' ? day : undefined });
  }
  if (edtf === null) return null;
  const qualifier = combine(ref.qualifier, approximate ? '~' : '');
  if (qualifier) edtf = edtf.includes('/') ? edtf.replace(/(\/|$)/g, `${qualifier}$1`) : `${edtf}${qualifier}`;
  return {
    text: phrase,
    start: mention.start,
    end: mention.end,
    edtf,
    certainty: 'inferred-year',
    note: `"${phrase}" counted from the source's publication date ${ref.edtf}${approximate ? ', approximately' : ''}`,
  };
}

/** The Monday-to-Sunday week holding the day `offset` days from `day`. */
function weekAround(day: Day, offset: number): string {
  const date = utcNoon(day);
  date.setUTCDate(date.getUTCDate() + offset - ((date.getUTCDay() + 6) % 7));
  const monday = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  date.setUTCDate(date.getUTCDate() + 6);
  const sunday = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  return `${format(monday)}/${format(sunday)}`;
}

/** EDTF's qualifiers: ? uncertain, ~ approximate, % both. */
function combine(a: string, b: string): string {
  const uncertain = a.includes('?') || a === '%' || b.includes('?') || b === '%';
  const approximate = a.includes('~') || a === '%' || b.includes('~') || b === '%';
  return uncertain && approximate ? '%' : uncertain ? '?' : approximate ? '~' : '';
}
