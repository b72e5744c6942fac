// Where an event can sit on the time axis, and its EDTF date in words.
// Days are counted from 1970-01-01 (UTC), so arithmetic is plain numbers.
import type { EventRecord } from '../../../db/records.ts';

const DAY_MS = 86_400_000;

/** The day number of an ISO day (YYYY-MM-DD), or null. */
export function dayOf(iso: string | null): number | null {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!match) return null;
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Math.round(date.getTime() / DAY_MS);
}

/** The UTC calendar date of a (possibly fractional) day number. */
export function dateOfDay(day: number): { year: number; month: number; day: number } {
  const date = new Date(Math.floor(day) * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The day number of a calendar date (months and days may overflow, as with Date.UTC). */
export function dayOfDate(year: number, month = 1, day = 1): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

export type Certainty = 'certain' | 'uncertain' | 'approximate' | 'both';

/** EDTF level-1 qualifiers: ? uncertain, ~ approximate, % both. */
export function certaintyOf(edtf: string): Certainty {
  const uncertain = edtf.includes('?') || edtf.includes('%');
  const approximate = edtf.includes('~') || edtf.includes('%');
  return uncertain && approximate ? 'both' : uncertain ? 'uncertain' : approximate ? 'approximate' : 'certain';
}

export const CERTAINTY_WORDS: Record<Certainty, string> = {
  certain: '',
  uncertain: 'Uncertain date: the source is not sure of it.',
  approximate: 'Approximate date: about this time.',
  both: 'Uncertain and approximate date.',
};

/** An event the axis can show: its first and last day (inclusive), and how sure the date is. */
export interface Placed {
  event: EventRecord;
  start: number;
  end: number;
  /** One day, certain: drawn as a dot. Everything else is a bar. */
  point: boolean;
  certainty: Certainty;
  /** An open interval ("../2023"): the side whose bound is unknown. */
  open: 'start' | 'end' | null;
}

export interface Sorted {
  placed: Placed[];
  /** Dated, but the year is unknown (XXXX-02-25): no place on the axis. */
  unknownYear: EventRecord[];
  undated: EventRecord[];
}

export function sortOut(events: EventRecord[]): Sorted {
  const sorted: Sorted = { placed: [], unknownYear: [], undated: [] };
  for (const event of events) {
    const min = dayOf(event.dateMin);
    const max = dayOf(event.dateMax);
    if (event.date === null) sorted.undated.push(event);
    else if (min === null && max === null) sorted.unknownYear.push(event);
    else {
      const start = min ?? max!;
      const end = max ?? min!;
      const certainty = certaintyOf(event.date);
      const open = min === null ? 'start' : max === null ? 'end' : null;
      sorted.placed.push({ event, start, end, certainty, open, point: start === end && certainty === 'certain' && !open });
    }
  }
  sorted.placed.sort((a, b) => a.start - b.start || a.end - b.end || a.event.id - b.event.id);
  sorted.unknownYear.sort((a, b) => partialKey(a.date!).localeCompare(partialKey(b.date!)) || a.id - b.id);
  sorted.undated.sort((a, b) => a.title.localeCompare(b.title));
  return sorted;
}

/** Sort key of a date whose year is unknown: month and day, unknown parts first. */
export function partialKey(edtf: string): string {
  return edtf.replace(/[?~%]/g, '').replace(/X/g, '0');
}

// ---------------------------------------------------------------------------
// EDTF in words. db/edtf-words.ts says the same things more completely, but it
// reads the `edtf` package's `type` (a class name), which the bundler renames
// (Date becomes Date$1), so in the built renderer it answers the raw EDTF.
// Until that is fixed, this covers what events use: levels 0 and 1.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SEASONS: Record<string, string> = { '21': 'spring', '22': 'summer', '23': 'autumn', '24': 'winter' };

function yearWords(year: string): string | null {
  if (/^\d{4}$/.test(year)) return String(Number(year));
  if (/^\d{3}X$/.test(year)) return `the ${year.slice(0, 3)}0s`;
  if (/^\d{2}XX$/.test(year)) return `the ${year.slice(0, 2)}00s`;
  if (year === 'XXXX') return null;
  return year;
}

/** One EDTF date (no interval, no qualifiers) in words. */
function plainWords(date: string): string {
  const [year = '', month, day] = date.split('T')[0]!.split('-');
  const y = yearWords(year);
  if (month && SEASONS[month]) return y ? `${SEASONS[month]} ${y}` : `${SEASONS[month]}, year unknown`;
  const m = month && /^\d{2}$/.test(month) ? MONTHS[Number(month) - 1] : undefined;
  const d = day && /^\d{2}$/.test(day) ? String(Number(day)) : undefined;
  if (month === undefined) return y ?? 'year unknown';
  if (!m) return y ? `${y}, month unknown` : 'date unknown';
  const dayMonth = d ? `${d} ${m}` : m;
  return y ? `${dayMonth} ${y}` : `${dayMonth}, year unknown`;
}

function qualified(date: string): string {
  const certainty = certaintyOf(date);
  const words = plainWords(date.replace(/[?~%]/g, ''));
  if (certainty === 'approximate') return `about ${words}`;
  if (certainty === 'uncertain') return `${words}, uncertain`;
  if (certainty === 'both') return `about ${words}, uncertain`;
  return words;
}

/** An EDTF date in plain English: '13 October 2019', '25 February, year unknown', 'September to October 2019'; 'Undated' for none. */
export function dateInWords(edtf: string | null): string {
  if (edtf === null || edtf.trim() === '') return 'Undated';
  const text = edtf.trim();
  if (!text.includes('/')) return qualified(text);
  const [from = '', to = ''] = text.split('/');
  const open = (part: string) => part === '' || part === '..';
  if (open(from) && open(to)) return 'date unknown';
  if (open(from)) return `by ${qualified(to)}`;
  if (open(to)) return `from ${qualified(from)}`;
  let a = qualified(from);
  const b = qualified(to);
  // Name a shared year once, and a shared month: '1 to 13 October 2019'.
  const year = / \d{3,4}$/.exec(b)?.[0];
  if (year && a.endsWith(year)) a = a.slice(0, -year.length);
  const month = / [A-Z][a-z]+$/.exec(a)?.[0];
  if (month && /^\d+ /.test(a) && b.replace(/^\d+/, '').startsWith(month)) a = a.slice(0, -month.length);
  return `${a} to ${b}`;
}
