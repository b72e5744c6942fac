// The timeline's filters over events (text and date range), shared by the
// timeline and map views (renderer) and the exports of "the timeline's current
// filter" (db/exchange/scope.ts), so both keep the same events. Pure: no Node, no DOM.
import type { EventRecord } from './records.ts';
import { foldText } from './folding.ts';

/** Whether an event may fall in the date range; with a range set, events without a known year are left out. */
export function inDateRange(event: EventRecord, query: { from: string | null; to: string | null }): boolean {
  if (query.from === null && query.to === null) return true;
  if (event.dateMin === null || event.dateMax === null) return false;
  if (query.from !== null && event.dateMax < query.from) return false;
  // '2020' as an end means the whole of 2020.
  const to = query.to !== null && query.to.length === 4 ? `${query.to}-12-31` : query.to;
  return to === null || event.dateMin <= to;
}

/** The text filter: every word must appear in the title, summary, place or a participant's name. */
export function matchesText(event: EventRecord, text: string): boolean {
  const words = foldText(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldText([event.title, event.summary, event.place?.name ?? '', ...event.participants.map((p) => p.name)].join('\n'));
  return words.every((word) => haystack.includes(word));
}
