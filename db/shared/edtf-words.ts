// EDTF dates in plain English, for record pages and lists: '2019-10~' is
// 'about October 2019', 'XXXX-02-25' is '25 February, year unknown'. Reads the
// `edtf` package's parse result (levels 0, 1 and 2: the package accepts all
// three, so does the API), never the string. Pure: safe in the renderer too.
import edtf, { Century, Date as EdtfDate, Decade, Interval, List, Season, Set as EdtfSet, Year } from 'edtf';

/** The parts of the `edtf` package's parse result read here (it ships no types; db/types/edtf.d.ts declares a few). */
interface Mask {
  readonly value: number;
}
interface Parsed {
  readonly type: string;
  readonly values: readonly unknown[];
  readonly precision?: number;
  readonly lower?: Parsed | number | null;
  readonly upper?: Parsed | number | null;
  readonly season?: number;
  readonly unspecified?: Mask;
  /** A digit bitmask on dates; a boolean on decades and centuries. */
  readonly uncertain?: Mask | boolean;
  readonly approximate?: Mask | boolean;
  readonly earlier?: boolean;
  readonly later?: boolean;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// EDTF level 2 sub-year groupings, codes 21 to 41.
const SEASONS: Record<number, (year: string) => string> = {
  21: (y) => `spring ${y}`,
  22: (y) => `summer ${y}`,
  23: (y) => `autumn ${y}`,
  24: (y) => `winter ${y}`,
  25: (y) => `spring ${y} (Northern Hemisphere)`,
  26: (y) => `summer ${y} (Northern Hemisphere)`,
  27: (y) => `autumn ${y} (Northern Hemisphere)`,
  28: (y) => `winter ${y} (Northern Hemisphere)`,
  29: (y) => `spring ${y} (Southern Hemisphere)`,
  30: (y) => `summer ${y} (Southern Hemisphere)`,
  31: (y) => `autumn ${y} (Southern Hemisphere)`,
  32: (y) => `winter ${y} (Southern Hemisphere)`,
  33: (y) => `the first quarter of ${y}`,
  34: (y) => `the second quarter of ${y}`,
  35: (y) => `the third quarter of ${y}`,
  36: (y) => `the fourth quarter of ${y}`,
  37: (y) => `January to April ${y}`,
  38: (y) => `May to August ${y}`,
  39: (y) => `September to December ${y}`,
  40: (y) => `the first half of ${y}`,
  41: (y) => `the second half of ${y}`,
};

// Digit bitmasks of the `edtf` package: four year digits (thousands first), two month digits, two day digits.
const YEAR_BITS = 0b1111;
const MONTH_BITS = 0b11_0000;
const DAY_BITS = 0b1100_0000;
const PRESENT_BITS = [YEAR_BITS, YEAR_BITS, YEAR_BITS | MONTH_BITS, YEAR_BITS | MONTH_BITS | DAY_BITS];

function formatYear(year: number): string {
  const grouped = (n: number) => (Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n));
  // ISO 8601 counts a year 0: it is 1 BC, and -0044 is 45 BC.
  return year > 0 ? grouped(year) : `${grouped(1 - year)} BC`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function joinWords(items: readonly string[], last: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

function maskOf(value: Mask | boolean | undefined, wholeBits: number): number {
  if (typeof value === 'boolean') return value ? wholeBits : 0;
  return value?.value ?? 0;
}

/** A number from the parse result's values, or null when it is missing. */
function numberAt(values: readonly unknown[], i: number): number | null {
  const v = values[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The components of a day, month or year date, each known, partly known (a range) or unknown (null). */
interface DateInfo {
  precision: 1 | 2 | 3;
  /** 'the 1990s' and the like when some year digits are unspecified. */
  year: string | null;
  yearExact: number | null;
  month: string | null;
  monthExact: number | null;
  day: string | null;
  dayExact: number | null;
  time: string | null;
  uncertain: number;
  approximate: number;
}

function yearWords(year: number, unspecified: number): string | null {
  const bits = unspecified & YEAR_BITS;
  if (bits === 0) return formatYear(year);
  if (bits === YEAR_BITS) return null;
  if (bits === 0b1000 || bits === 0b1100) return `the ${year}s`;
  let spread = 0;
  for (let digit = 0; digit < 4; digit++) if (bits & (1 << digit)) spread += 9 * 10 ** (3 - digit);
  return `a year from ${formatYear(year)} to ${formatYear(year + spread)}`;
}

function monthWords(month: number, unspecified: number): string | null {
  const bits = (unspecified & MONTH_BITS) >> 4;
  if (bits === 0) return MONTHS[month - 1] ?? null;
  // Only the second digit unspecified: 0X is January to September, 1X October to December.
  if (bits === 0b10) return month >= 10 ? 'between October and December' : 'between January and September';
  return null;
}

function dayWords(day: number, unspecified: number): string | null {
  const bits = (unspecified & DAY_BITS) >> 6;
  if (bits === 0) return String(day);
  if (bits === 0b10) {
    const tens = Math.floor(day / 10) * 10;
    return `between ${Math.max(tens, 1)} and ${Math.min(tens + 9, 31)}`;
  }
  return null;
}

function timeWords(values: readonly unknown[]): string | null {
  const [h, m, s] = [numberAt(values, 3), numberAt(values, 4), numberAt(values, 5)];
  if (h === null) return null;
  const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');
  return `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''} UTC`;
}

function dateInfo(date: Parsed): DateInfo | null {
  const year = numberAt(date.values, 0);
  if (year === null) return null;
  const count = Math.min(date.values.length, 3);
  const precision = (count >= 3 ? 3 : count === 2 ? 2 : 1) as 1 | 2 | 3;
  const unspecified = date.unspecified?.value ?? 0;
  // The package counts months from 0, like JavaScript's Date.
  const monthIndex = numberAt(date.values, 1);
  const month = monthIndex === null ? null : monthIndex + 1;
  const day = numberAt(date.values, 2);
  const wholeBits = PRESENT_BITS[precision]!;
  return {
    precision,
    year: yearWords(year, unspecified),
    yearExact: unspecified & YEAR_BITS ? null : year,
    month: precision >= 2 && month !== null ? monthWords(month, unspecified) : null,
    monthExact: precision >= 2 && month !== null && !(unspecified & MONTH_BITS) ? month : null,
    day: precision >= 3 && day !== null ? dayWords(day, unspecified) : null,
    dayExact: precision >= 3 && day !== null && !(unspecified & DAY_BITS) ? day : null,
    time: date.values.length > 3 ? timeWords(date.values) : null,
    uncertain: maskOf(date.uncertain, wholeBits) & wholeBits,
    approximate: maskOf(date.approximate, wholeBits) & wholeBits,
  };
}

/** Which components a qualifier bitmask touches, day first ('day', 'month', 'year'). */
function componentsOf(mask: number): string[] {
  const parts: string[] = [];
  if (mask & DAY_BITS) parts.push('day');
  if (mask & MONTH_BITS) parts.push('month');
  if (mask & YEAR_BITS) parts.push('year');
  return parts;
}

interface Elide {
  /** Leave the year out (an interval's end names it). */
  year?: boolean;
  /** Leave the month out too. */
  month?: boolean;
}

/** The date without its qualifiers: '13 October 2019', '25 February' plus unknown ['year']. */
function dateCore(info: DateInfo, elide: Elide = {}): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const year = elide.year ? null : info.year;
  const withYear = (text: string) => {
    if (elide.year) return text;
    if (year === null) {
      unknown.push('year');
      return text;
    }
    return info.yearExact !== null ? `${text} ${year}` : `${text} in ${year}`;
  };

  if (info.precision >= 2 && info.month !== null) {
    const monthIsRange = info.monthExact === null;
    let text = elide.month ? '' : info.month;
    if (info.precision === 3) {
      if (info.day === null) unknown.push('day');
      else if (monthIsRange) text = `the ${info.dayExact !== null ? ordinal(info.dayExact) : `day ${info.day}`} of a month ${info.month}`;
      else text = elide.month ? info.day : `${info.day} ${text}`;
    }
    return { text: withYear(text), unknown };
  }
  if (info.precision === 3 && info.day !== null) {
    const day = info.dayExact !== null ? `the ${ordinal(info.dayExact)}` : `a day ${info.day}`;
    const text = `${day} of an unknown month`;
    if (elide.year) return { text, unknown };
    if (year === null) return { text, unknown: ['year'] };
    return { text: `${text} in ${year}`, unknown };
  }
  if (info.precision === 3) unknown.push('day');
  if (info.precision >= 2) unknown.push('month');
  if (elide.year) return { text: '', unknown };
  if (year === null) unknown.push('year');
  return { text: year ?? '', unknown };
}

interface Words {
  /** The date, 'about' included when the whole date is approximate. */
  text: string;
  /** What follows it: 'year unknown', 'uncertain', 'month approximate'. */
  notes: string[];
}

/**
 * A date in words. Standalone, an uncertain year alone reads '25 February,
 * year uncertain (probably 2024)'; in an interval the notes stay short.
 */
function dateWords(info: DateInfo, elide: Elide = {}, inInterval = false): Words {
  const whole = PRESENT_BITS[info.precision]!;
  const qualified = info.uncertain | info.approximate;
  const onlyYearQualified =
    !inInterval && !elide.year && info.precision >= 2 && info.yearExact !== null && qualified !== 0 && (qualified & ~YEAR_BITS) === 0;
  if (onlyYearQualified) {
    const core = dateCore(info, { year: true });
    const how = info.approximate ? (info.uncertain ? 'uncertain and approximate' : 'approximate') : 'uncertain';
    const guess = info.approximate ? `about ${info.year}` : `probably ${info.year}`;
    return { text: core.text, notes: [...core.unknown, `year ${how} (${guess})`] };
  }

  const core = dateCore(info, elide);
  let text = core.text;
  if (info.time) text = `${text}, ${info.time}`;
  const notes = core.unknown.length ? [`${joinWords(core.unknown, 'and')} unknown`] : [];
  if (text === '' && core.unknown.length > 1) {
    text = 'date unknown';
    notes.length = 0;
  }
  if (info.approximate === whole) text = `about ${text}`;
  else if (info.approximate) notes.push(`${joinWords(componentsOf(info.approximate), 'and')} approximate`);
  if (info.uncertain === whole) notes.push('uncertain');
  else if (info.uncertain) notes.push(`${joinWords(componentsOf(info.uncertain), 'and')} uncertain`);
  return { text, notes };
}

function standalone(words: Words): string {
  if (words.text === '') return words.notes.join(', ');
  return [words.text, ...words.notes].join(', ');
}

function inInterval(words: Words): string {
  return words.notes.length ? `${words.text} (${words.notes.join(', ')})` : words.text;
}

function decadeOrCentury(value: Parsed): string | null {
  const n = numberAt(value.values, 0);
  if (n === null) return null;
  const text = typeOf(value) === 'Decade' ? `the ${n}0s` : `the years ${formatYear(n * 100)} to ${formatYear(n * 100 + 99)}`;
  const approximate = maskOf(value.approximate, 1) ? `about ${text}` : text;
  return maskOf(value.uncertain, 1) ? `${approximate}, uncertain` : approximate;
}

function season(value: Parsed): string | null {
  const year = numberAt(value.values, 0);
  const code = value.season ?? numberAt(value.values, 1);
  const words = code === null ? undefined : SEASONS[code];
  return year === null || !words ? null : words(formatYear(year));
}

// The package names a value's type after its class, and a bundler may rename
// classes (its Date becomes Date$1 beside the global one): so the type is read
// by instanceof, which survives bundling. Set before List: a Set is a List.
const TYPES: [abstract new (...args: never[]) => unknown, string][] = [
  [EdtfDate, 'Date'],
  [Year, 'Year'],
  [Decade, 'Decade'],
  [Century, 'Century'],
  [Season, 'Season'],
  [Interval, 'Interval'],
  [EdtfSet, 'Set'],
  [List, 'List'],
];

function typeOf(value: unknown): string | null {
  return TYPES.find(([type]) => value instanceof type)?.[1] ?? null;
}

function isParsed(value: unknown): value is Parsed {
  return typeOf(value) !== null;
}

function interval(value: Parsed): string | null {
  const { lower, upper } = value;
  const open = (end: unknown) => end === Infinity || end === -Infinity;
  const end = (v: unknown) => (isParsed(v) ? describe(v) : null);
  if (!isParsed(lower) && !isParsed(upper)) {
    if (open(lower) && open(upper)) return 'at any time (open at both ends)';
    return 'date unknown';
  }
  if (!isParsed(lower)) {
    const to = end(upper);
    if (to === null) return null;
    return open(lower) ? `by ${to}` : `until ${to}, start unknown`;
  }
  if (!isParsed(upper)) {
    const from = end(lower);
    if (from === null) return null;
    return open(upper) ? `from ${from}` : `from ${from}, end unknown`;
  }
  const lo = typeOf(lower) === 'Date' ? dateInfo(lower) : null;
  const hi = typeOf(upper) === 'Date' ? dateInfo(upper) : null;
  if (!lo || !hi) {
    const [from, to] = [describe(lower), describe(upper)];
    return from === null || to === null ? null : `${from} to ${to}`;
  }
  // Name a shared year (and month) once: '10 to 13 October 2019'.
  // Both ends uncertain as a whole is said once, at the end, so it does not stop the year being shared.
  const bothUncertain = lo.uncertain === PRESENT_BITS[lo.precision] && hi.uncertain === PRESENT_BITS[hi.precision];
  const plainYear = (i: DateInfo) =>
    i.yearExact !== null && ((bothUncertain ? i.approximate : i.uncertain | i.approximate) & YEAR_BITS) === 0;
  const sameYear = plainYear(lo) && plainYear(hi) && lo.yearExact === hi.yearExact && lo.monthExact !== null && hi.monthExact !== null;
  const sameMonth = sameYear && lo.monthExact === hi.monthExact && lo.dayExact !== null && hi.dayExact !== null && !lo.time;
  const from = dateWords(lo, { year: sameYear, month: sameMonth }, true);
  const to = dateWords(hi, {}, true);
  if (bothUncertain) {
    from.notes.pop();
    to.notes.pop();
  }
  const text = `${inInterval(from)} to ${inInterval(to)}`;
  return bothUncertain ? `${text}, uncertain` : text;
}

function setOrList(value: Parsed): string | null {
  const items: string[] = [];
  for (const member of value.values) {
    if (Array.isArray(member)) {
      const [a, b] = member as unknown[];
      const from = isParsed(a) ? describe(a) : null;
      const to = isParsed(b) ? describe(b) : null;
      if (from === null || to === null) return null;
      items.push(`${from} to ${to}`);
    } else {
      const words = isParsed(member) ? describe(member) : null;
      if (words === null) return null;
      items.push(words);
    }
  }
  if (items.length === 0) return null;
  if (value.earlier) items[0] = `${items[0]} or earlier`;
  if (value.later) items[items.length - 1] = `${items.at(-1)} or later`;
  if (typeOf(value) === 'List') return joinWords(items, 'and');
  return items.length > 1 ? `one of ${joinWords(items, 'or')}` : items[0]!;
}

function describe(value: Parsed): string | null {
  switch (typeOf(value)) {
    case 'Date': {
      const info = dateInfo(value);
      return info ? standalone(dateWords(info)) : null;
    }
    case 'Season':
      return season(value);
    case 'Interval':
      return interval(value);
    case 'Set':
    case 'List':
      return setOrList(value);
    case 'Year': {
      const year = numberAt(value.values, 0);
      return year === null ? null : `the year ${formatYear(year)}`;
    }
    case 'Decade':
    case 'Century':
      return decadeOrCentury(value);
    default:
      return null;
  }
}

/**
 * An EDTF date in English: '2019-10-13' is '13 October 2019', '2019-10~'
 * 'about October 2019', '2019-09/2019-10' 'September to October 2019',
 * '../2023' 'by 2023', null 'undated'. Text the `edtf` package cannot parse
 * comes back as written.
 */
export function edtfInWords(text: string | null): string {
  const value = text?.trim() ?? '';
  if (value === '') return 'undated';
  let parsed: Parsed;
  try {
    parsed = edtf(value) as unknown as Parsed;
  } catch {
    return value;
  }
  const words = describe(parsed);
  return words === null || words === '' ? value : words;
}
