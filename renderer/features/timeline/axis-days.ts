// Where an event can sit on the time axis (its date in words: db/shared/edtf-words.ts).
// Days are counted from 1970-01-01 (UTC), so arithmetic is plain numbers.
import type { EventRecord } from '../../../db/shared/records.ts';

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

/** The ISO day (YYYY-MM-DD) of a day number, or null outside the years 0-9999. */
export function isoOfDay(day: number): string | null {
  const { year, month, day: date } = dateOfDay(day);
  if (year < 0 || year > 9999) return null;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(date)}`;
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
