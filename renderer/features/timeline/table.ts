// The filtered events as a sortable table, with a CSV export of exactly its rows.
import type { EventRecord } from '../../../db/shared/records.ts';
import { h } from '../../ui/dom.ts';
import { href } from '../../core/router.ts';
import { csvFilename, download, eventsCsv } from './csv.ts';
import { edtfInWords } from '../../../db/shared/edtf-words.ts';
import { dayOf, partialKey } from './axis-days.ts';
import type { SortKey } from './filters-in-address.ts';

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'date', label: 'Date' },
  { key: 'title', label: 'Title' },
  { key: 'type', label: 'Type' },
  { key: 'place', label: 'Place' },
  { key: 'participants', label: 'Participants' },
  { key: 'fatalities', label: 'Fatalities', numeric: true },
];

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** 0: on the calendar, 1: year unknown, 2: undated. Groups 1 and 2 stay last whichever way the date sorts. */
function dateGroup(event: EventRecord): number {
  if (event.date === null) return 2;
  return event.dateMin === null && event.dateMax === null ? 1 : 0;
}

function compareDates(a: EventRecord, b: EventRecord): number {
  const group = dateGroup(a) - dateGroup(b);
  if (group !== 0) return group;
  if (dateGroup(a) === 1) return partialKey(a.date!).localeCompare(partialKey(b.date!));
  const start = (e: EventRecord) => dayOf(e.dateMin) ?? dayOf(e.dateMax) ?? 0;
  const end = (e: EventRecord) => dayOf(e.dateMax) ?? dayOf(e.dateMin) ?? 0;
  return start(a) - start(b) || end(a) - end(b);
}

function text(event: EventRecord, key: SortKey): string | null {
  if (key === 'title') return event.title;
  if (key === 'type') return event.type;
  if (key === 'place') return event.place?.name ?? null;
  if (key === 'participants') return event.participants.map((p) => p.name).join(', ') || null;
  return null;
}

/** Sorted copy: by the key (reversed when descending), empty values last either way, then by date and title. */
export function sortEvents(events: EventRecord[], key: SortKey, descending: boolean): EventRecord[] {
  const sign = descending ? -1 : 1;
  const tieBreak = (a: EventRecord, b: EventRecord) => compareDates(a, b) || collator.compare(a.title, b.title) || a.id - b.id;
  return [...events].sort((a, b) => {
    if (key === 'date') {
      const group = dateGroup(a) - dateGroup(b);
      if (group !== 0) return group;
      return sign * compareDates(a, b) || collator.compare(a.title, b.title) || a.id - b.id;
    }
    if (key === 'fatalities') {
      if ((a.fatalities === null) !== (b.fatalities === null)) return a.fatalities === null ? 1 : -1;
      return sign * ((a.fatalities ?? 0) - (b.fatalities ?? 0)) || tieBreak(a, b);
    }
    const x = text(a, key);
    const y = text(b, key);
    if ((x === null) !== (y === null)) return x === null ? 1 : -1;
    return sign * collator.compare(x ?? '', y ?? '') || tieBreak(a, b);
  });
}

/** The column headers, each a button that sorts by it (again: the other way). */
function headerRow(sort: { key: SortKey; descending: boolean }, onSort: (key: SortKey, descending: boolean) => void): HTMLElement {
  return h(
    'tr',
    {},
    COLUMNS.map((column) => {
      const active = column.key === sort.key;
      return h(
        'th',
        {
          scope: 'col',
          class: column.numeric ? 'num' : null,
          'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : null,
        },
        h(
          'button',
          {
            type: 'button',
            class: 'tl-sort',
            'data-sort': column.key,
            title: active ? 'Click to reverse the order' : `Sort by ${column.label.toLowerCase()}`,
            onclick: () => onSort(column.key, active ? !sort.descending : false),
          },
          column.label,
          h('span', { class: 'tl-sort-arrow', 'aria-hidden': 'true' }, active ? (sort.descending ? '▼' : '▲') : ''),
        ),
      );
    }),
  );
}

function eventRow(event: EventRecord): HTMLElement {
  return h(
    'tr',
    { 'data-event-id': event.id },
    h(
      'td',
      { class: `tl-date${dateGroup(event) ? ' muted' : ''}`, title: event.date ? `EDTF: ${event.date}` : null },
      edtfInWords(event.date),
    ),
    h('td', { dir: 'auto' }, h('a', { href: href('events', event.id) }, event.title)),
    h('td', {}, event.type.replace('/', '/\u200b')), // 'Explosions/Remote violence' may break after the slash
    h('td', { dir: 'auto' }, event.place ? h('a', { href: href('places', event.place.id) }, event.place.name) : ''),
    h(
      'td',
      { dir: 'auto' },
      event.participants.flatMap((p, i) => [
        i ? ', ' : null,
        h('a', { href: href('actors', p.actorId), title: p.role.replace('_', ' ') }, p.name),
      ]),
    ),
    h('td', { class: 'num' }, event.fatalities === null ? '' : String(event.fatalities)),
  );
}

export function renderTable(
  events: EventRecord[],
  sort: { key: SortKey; descending: boolean },
  onSort: (key: SortKey, descending: boolean) => void,
): HTMLElement {
  const rows = sortEvents(events, sort.key, sort.descending);
  const count = `${rows.length} event${rows.length === 1 ? '' : 's'}`;
  return h(
    'div',
    { class: 'tl-table-view' },
    h(
      'div',
      { class: 'tl-toolbar' },
      h('span', { class: 'tl-summary' }, count),
      h('span', { class: 'tl-spacer' }),
      h(
        'button',
        {
          type: 'button',
          class: 'tl-export',
          title: 'Download these rows, in this order, as a CSV file for a spreadsheet',
          onclick: () => download(eventsCsv(rows), csvFilename()),
        },
        'Export CSV',
      ),
    ),
    h(
      'div',
      { class: 'tl-table-wrap' },
      h(
        'table',
        { class: 'tl-table' },
        h(
          'colgroup',
          {},
          COLUMNS.map((c) => h('col', { class: `tl-col-${c.key}` })),
        ),
        h('thead', {}, headerRow(sort, onSort)),
        h('tbody', {}, rows.map(eventRow)),
      ),
    ),
  );
}
