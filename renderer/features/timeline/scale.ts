// The time axis: zoom limits and ticks that adapt from decades to days.
import { dateOfDay, dayOfDate } from './axis-days.ts';

export type TickUnit = 'decades' | 'years' | 'months' | 'days';

/** Pixels per day: from a century every ~60px to a day 160px wide. */
export const MIN_ZOOM = 60 / 36_525;
export const MAX_ZOOM = 160;
/** Ticks closer than this are thinned out (or a coarser unit is used). */
const MIN_TICK_PX = 64;

interface Step {
  unit: TickUnit;
  /** Every how many units (days: of the month; years and decades: of the calendar). */
  every: number;
  /** Roughly how many days one step is, to pick the finest step that fits. */
  days: number;
}

const STEPS: Step[] = [
  { unit: 'days', every: 1, days: 1 },
  { unit: 'days', every: 2, days: 2 },
  { unit: 'days', every: 5, days: 5 },
  { unit: 'days', every: 10, days: 10 },
  { unit: 'months', every: 1, days: 30.44 },
  { unit: 'months', every: 3, days: 91.3 },
  { unit: 'months', every: 6, days: 182.6 },
  { unit: 'years', every: 1, days: 365.25 },
  { unit: 'years', every: 2, days: 730.5 },
  { unit: 'years', every: 5, days: 1826 },
  { unit: 'decades', every: 1, days: 3652.5 },
  { unit: 'decades', every: 2, days: 7305 },
  { unit: 'decades', every: 5, days: 18_262 },
  { unit: 'decades', every: 10, days: 36_525 },
];

export function stepFor(pxPerDay: number): Step {
  return STEPS.find((s) => s.days * pxPerDay >= MIN_TICK_PX) ?? STEPS[STEPS.length - 1]!;
}

export function clampZoom(pxPerDay: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, pxPerDay));
}

/** Pixels Fit keeps clear at each end of the axis. */
export const FIT_PAD = 16;

/**
 * What Fit shows: the first event's first day near the left edge and the day
 * after the last event's last day near the right edge, `pad` pixels in, so the
 * axis ends where the events end (never padded into years without any). When
 * the zoom limits cannot stretch or squeeze the span to the width, it is centred.
 */
export function fitView(first: number, last: number, width: number, pad = FIT_PAD): { pxPerDay: number; leftDay: number } {
  const room = Math.max(width - 2 * pad, 1);
  const days = Math.max(last - first, 1);
  const pxPerDay = clampZoom(room / days);
  const spare = room - days * pxPerDay;
  return { pxPerDay, leftDay: first - (pad + spare / 2) / pxPerDay };
}

/**
 * Which side of its mark a title goes: after it, unless it would run past the
 * end of the axis (`endPx`) and fits before the mark's end instead.
 */
export function labelSide(markLeft: number, markWidth: number, labelWidth: number, endPx: number): 'after' | 'before' {
  const runsPast = markLeft + labelWidth > endPx;
  const fitsBefore = markLeft + markWidth - labelWidth >= 0;
  return runsPast && fitsBefore ? 'before' : 'after';
}

export interface Tick {
  day: number;
  label: string;
  /** The tick starts a larger unit (a new year among months, a new month among days). */
  major: boolean;
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The ticks between two days (inclusive of the one just before `from`, so labels can slide in). */
export function ticks(from: number, to: number, pxPerDay: number): { unit: TickUnit; ticks: Tick[] } {
  const step = stepFor(pxPerDay);
  const out: Tick[] = [];
  const start = dateOfDay(from);
  const limit = 2000;
  if (step.unit === 'decades' || step.unit === 'years') {
    const every = step.unit === 'decades' ? step.every * 10 : step.every;
    for (let year = Math.floor(start.year / every) * every; out.length < limit; year += every) {
      const day = dayOfDate(year);
      if (day > to) break;
      out.push({
        day,
        // '2010s' names one decade; ticks 20 or more years apart are plain years.
        label: step.unit === 'decades' && step.every === 1 ? `${year}s` : String(year),
        major: step.unit === 'decades' ? year % 100 === 0 : year % 10 === 0,
      });
    }
  } else if (step.unit === 'months') {
    for (let index = Math.floor((start.year * 12 + start.month - 1) / step.every) * step.every; out.length < limit; index += step.every) {
      const year = Math.floor(index / 12);
      const month = (index % 12) + 1;
      const day = dayOfDate(year, month);
      if (day > to) break;
      out.push({ day, label: month === 1 ? String(year) : SHORT_MONTHS[month - 1]!, major: month === 1 });
    }
  } else {
    // Days: on days 1, 1+every, 1+2·every… of each month, never within a few days of the next 1st.
    for (let month = start.year * 12 + start.month - 1; out.length < limit; month++) {
      const year = Math.floor(month / 12);
      const m = (month % 12) + 1;
      const first = dayOfDate(year, m);
      if (first > to) break;
      const next = dayOfDate(year, m + 1);
      for (let d = 1; first + d - 1 < next && out.length < limit; d += step.every) {
        const day = first + d - 1;
        if (d > 1 && next - day < step.every * 0.6) break;
        if (day + step.every < from || day > to) continue;
        out.push({ day, label: d === 1 ? (m === 1 ? String(year) : SHORT_MONTHS[m - 1]!) : String(d), major: d === 1 });
      }
    }
  }
  return { unit: step.unit, ticks: out };
}

/** A visible span in words for the toolbar: '2019 – 2023', 'Sep 2019 – Jan 2020', '3 – 19 Oct 2019'. */
export function spanWords(from: number, to: number, unit: TickUnit): string {
  const a = dateOfDay(from);
  const b = dateOfDay(to);
  if (unit === 'decades' || unit === 'years') return a.year === b.year ? String(a.year) : `${a.year} – ${b.year}`;
  const month = (d: { year: number; month: number }) => `${SHORT_MONTHS[d.month - 1]} ${d.year}`;
  if (unit === 'months') return month(a) === month(b) ? month(a) : `${month(a)} – ${month(b)}`;
  if (a.year === b.year && a.month === b.month) return `${a.day} – ${b.day} ${month(b)}`;
  return `${a.day} ${month(a)} – ${b.day} ${month(b)}`;
}
