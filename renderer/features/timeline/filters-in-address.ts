// The timeline's filters, view and sort, kept in the hash so a filtered view can be linked:
// #/timeline?actor=5&type=Battles&q=convoy&from=2019&to=2020-06-30&view=table&sort=date&dir=desc
// The map (#/map) reads and writes the same filters.
import { EVENT_TYPES, type EventType } from '../../../db/shared/vocabulary.ts';

/** The events on the time axis, or in a table. */
export type Layout = 'timeline' | 'table';
export const SORT_KEYS = ['date', 'title', 'type', 'place', 'participants', 'fatalities'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface TimelineQuery {
  actor: number | null;
  place: number | null;
  type: EventType | null;
  text: string;
  /** Date range, inclusive: an ISO day or a year ('2019', '2020-06-30'); events that may fall in it are kept. */
  from: string | null;
  to: string | null;
  view: Layout;
  sort: SortKey;
  descending: boolean;
}

const id = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : null);
const day = (value: string | null) => (value && /^\d{4}(-\d{2}-\d{2})?$/.test(value) ? value : null);

export function parseQuery(params: URLSearchParams): TimelineQuery {
  const type = params.get('type');
  const sort = params.get('sort');
  return {
    actor: id(params.get('actor')),
    place: id(params.get('place')),
    type: (EVENT_TYPES as readonly string[]).includes(type ?? '') ? (type as EventType) : null,
    text: params.get('q') ?? '',
    from: day(params.get('from')),
    to: day(params.get('to')),
    view: params.get('view') === 'table' ? 'table' : 'timeline',
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : 'date',
    descending: params.get('dir') === 'desc',
  };
}

export function queryHash(query: TimelineQuery, section: 'timeline' | 'map' = 'timeline'): string {
  const params = new URLSearchParams();
  if (query.actor !== null) params.set('actor', String(query.actor));
  if (query.place !== null) params.set('place', String(query.place));
  if (query.type !== null) params.set('type', query.type);
  if (query.text.trim()) params.set('q', query.text.trim());
  if (query.from !== null) params.set('from', query.from);
  if (query.to !== null) params.set('to', query.to);
  if (section === 'timeline' && query.view === 'table') {
    params.set('view', 'table');
    if (query.sort !== 'date') params.set('sort', query.sort);
    if (query.descending) params.set('dir', 'desc');
  }
  const search = params.toString();
  return `#/${section}${search ? `?${search}` : ''}`;
}

/** Puts the query in the address bar without a hashchange (no re-render, no history entry per keystroke). */
export function writeQuery(query: TimelineQuery, section: 'timeline' | 'map' = 'timeline'): void {
  const hash = queryHash(query, section);
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}

/** A from/to value as a date field shows it: a year becomes its first (or, for an end, its last) day. */
export function dateFieldValue(value: string | null, end: boolean): string {
  if (value === null) return '';
  return value.length === 4 ? `${value}-${end ? '12-31' : '01-01'}` : value;
}

export function hasFilters(query: TimelineQuery): boolean {
  return (
    query.actor !== null ||
    query.place !== null ||
    query.type !== null ||
    query.text.trim() !== '' ||
    query.from !== null ||
    query.to !== null
  );
}

// Shared with the exports of the timeline's current filter, so both keep the same events.
export { inDateRange, matchesText } from '../../../db/shared/event-filter.ts';
