// #/timeline: the events on a time axis or in a table, filtered by actor, place,
// type and text, every choice kept in the address so a view can be linked.
import './timeline.css';
import type { Actor, EventRecord, Place } from '../../../db/records.ts';
import { EVENT_TYPES, type EventType } from '../../../db/vocabulary.ts';
import { call } from '../../core/api.ts';
import { clear, emptyState, h } from '../../ui/dom.ts';
import { parseRoute } from '../../core/router.ts';
import { viewElement, type View } from '../../core/view.ts';
import { renderChart, typeClass } from './axis.ts';
import { sortOut } from './dates.ts';
import {
  dateFieldValue,
  hasFilters,
  inDateRange,
  matchesText,
  parseQuery,
  queryHash,
  writeQuery,
  type TimelineQuery,
  type Layout,
} from './query.ts';
import { renderTable } from './table.ts';
import { unplacedSection } from './unplaced.ts';

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function countBy(events: EventRecord[], keys: (e: EventRecord) => (number | string)[]): Map<number | string, number> {
  const counts = new Map<number | string, number>();
  for (const event of events) for (const key of new Set(keys(event))) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** A select of the records that have events (and the chosen one, even if it has none). */
function recordSelect(
  name: string,
  all: string,
  records: { id: number; name: string }[],
  counts: Map<number | string, number>,
  chosen: number | null,
): HTMLSelectElement {
  const shown = records.filter((r) => counts.has(r.id) || r.id === chosen).sort((a, b) => byName.compare(a.name, b.name));
  const select = h(
    'select',
    { name, class: 'tl-input' },
    h('option', { value: '' }, all),
    shown.map((r) => h('option', { value: r.id }, `${r.name} (${counts.get(r.id) ?? 0})`)),
  );
  if (chosen !== null && !shown.some((r) => r.id === chosen)) select.append(h('option', { value: chosen }, `#${chosen} (not found)`));
  select.value = chosen === null ? '' : String(chosen);
  return select;
}

function legend(): HTMLElement {
  const entry = (sample: HTMLElement, text: string) => h('li', {}, sample, h('span', {}, text));
  const mark = (...classes: string[]) => h('span', { class: ['tl-legend-mark', ...classes].join(' '), 'aria-hidden': 'true' });
  return h(
    'section',
    { class: 'tl-legend', 'aria-label': 'How to read the timeline' },
    h('h3', {}, 'How to read it'),
    h(
      'ul',
      { role: 'list' },
      entry(mark('tl-point'), 'one day'),
      entry(mark('tl-range'), 'a span of days'),
      entry(mark('tl-range', 'tl-uncertain'), 'uncertain or approximate (? ~ %)'),
      entry(mark('tl-range', 'tl-open-start'), 'open start (../2023)'),
    ),
    h(
      'ul',
      { role: 'list', class: 'tl-legend-types' },
      EVENT_TYPES.map((type) => entry(mark('tl-point', typeClass(type)), type)),
    ),
  );
}

/** 'All events', 'Libyan National Army at Point 35 · Battles', 'Events matching “convoy”'. */
function heading(query: TimelineQuery, actors: Actor[], places: Place[]): string {
  const actor = query.actor === null ? null : (actors.find((a) => a.id === query.actor)?.name ?? `Actor #${query.actor}`);
  const place = query.place === null ? null : (places.find((p) => p.id === query.place)?.name ?? `place #${query.place}`);
  const text = query.text.trim();
  let title = actor ?? (place ? 'Events' : (query.type ?? (text ? 'Events' : 'All events')));
  if (place) title += ` at ${place}`;
  if (query.type && title !== query.type) title += ` · ${query.type}`;
  if (text) title += actor || place || query.type ? ` · “${text}”` : ` matching “${text}”`;
  if (query.from !== null || query.to !== null) title += ` · ${query.from ?? '…'} – ${query.to ?? '…'}`;
  return title;
}

async function showTimeline(list: HTMLElement, main: HTMLElement, params: URLSearchParams): Promise<void> {
  const query = parseQuery(params);
  const [actors, places, all] = await Promise.all([call('actors.list', {}), call('places.list', {}), call('events.list', {})]);

  const actor = recordSelect(
    'actor',
    'All actors',
    actors,
    countBy(all, (e) => e.participants.map((p) => p.actorId)),
    query.actor,
  );
  const place = recordSelect(
    'place',
    'All places',
    places,
    countBy(all, (e) => (e.place ? [e.place.id] : [])),
    query.place,
  );
  const typeCounts = countBy(all, (e) => [e.type]);
  const type = h(
    'select',
    { name: 'type', class: 'tl-input' },
    h('option', { value: '' }, 'All types'),
    EVENT_TYPES.map((t) => h('option', { value: t }, `${t} (${typeCounts.get(t) ?? 0})`)),
  );
  type.value = query.type ?? '';
  const text = h('input', {
    type: 'search',
    name: 'q',
    class: 'tl-input',
    placeholder: 'Title, summary, participant…',
    value: query.text,
  });
  const from = h('input', { type: 'date', name: 'from', class: 'tl-input', value: dateFieldValue(query.from, false) });
  const to = h('input', { type: 'date', name: 'to', class: 'tl-input', value: dateFieldValue(query.to, true) });
  // The same filters on the map and the chart (which reads the date range), kept up to date by refresh().
  const mapLink = h('a', { class: 'tl-map-link' }, 'Show on map');
  const chartLink = h('a', { class: 'tl-chart-link' }, 'Links in this range on the chart');
  const clearButton = h('button', { type: 'button', class: 'tl-clear' }, 'Clear filters');
  const count = h('p', { class: 'tl-count', 'aria-live': 'polite' });
  const switches = (['timeline', 'table'] as Layout[]).map((view) =>
    h(
      'button',
      { type: 'button', 'data-view': view, 'aria-pressed': String(query.view === view) },
      view === 'timeline' ? 'Timeline' : 'Table',
    ),
  );
  const legendBox = legend();
  const field = (label: string, control: HTMLElement) => h('label', { class: 'tl-field' }, h('span', {}, label), control);

  clear(list);
  list.append(
    h('div', { class: 'list-header' }, h('h2', {}, 'Timeline'), h('span', { class: 'count' }, String(all.length))),
    h(
      'div',
      { class: 'tl-filters' },
      h('div', { class: 'tl-switch', role: 'group', 'aria-label': 'Show events as' }, switches),
      field('Actor', actor),
      field('Place', place),
      field('Type', type),
      field('Text', text),
      h('div', { class: 'tl-date-range' }, field('From', from), field('To', to)),
      h('div', { class: 'tl-filter-foot' }, count, clearButton),
      h('p', { class: 'tl-elsewhere' }, mapLink, chartLink),
    ),
    legendBox,
  );

  const root = h('div', { class: 'tl-view' });
  clear(main);
  main.append(root);

  let fetched: EventRecord[] = all;
  let sequence = 0;

  async function refresh(refetch: boolean): Promise<void> {
    if (!root.isConnected) return; // another view has taken the pane
    writeQuery(query);
    mapLink.href = queryHash(query, 'map');
    const range = new URLSearchParams();
    if (query.from !== null) range.set('from', query.from);
    if (query.to !== null) range.set('to', query.to);
    chartLink.href = `#/chart${range.size ? `?${range}` : ''}`;
    clearButton.hidden = !hasFilters(query);
    legendBox.hidden = query.view !== 'timeline';
    for (const button of switches) button.setAttribute('aria-pressed', String(button.dataset['view'] === query.view));
    if (refetch) {
      const mine = ++sequence;
      const filter = {
        ...(query.actor !== null ? { actorId: query.actor } : {}),
        ...(query.place !== null ? { placeId: query.place } : {}),
        ...(query.type !== null ? { type: query.type } : {}),
      };
      let result: EventRecord[];
      try {
        result = Object.keys(filter).length ? await call('events.list', filter) : all;
      } catch (error) {
        if (mine === sequence && root.isConnected) {
          root.replaceChildren(emptyState('The events could not be loaded', (error as Error).message));
          root.firstElementChild?.classList.add('error');
        }
        return;
      }
      if (mine !== sequence || !root.isConnected) return;
      fetched = result;
    }
    const shown = fetched.filter((e) => matchesText(e, query.text) && inDateRange(e, query));
    count.textContent = hasFilters(query) ? `${shown.length} of ${all.length} events` : `${all.length} events`;
    root.replaceChildren(...body(shown).filter((part): part is HTMLElement => part !== null));
  }

  function body(shown: EventRecord[]): (HTMLElement | null)[] {
    const title = h('h1', { class: 'tl-title', dir: 'auto' }, heading(query, actors, places));
    if (all.length === 0) {
      return [
        emptyState(
          'No events yet',
          'Open a source, select the passage that reports an event and choose “New record…”. Dated events appear here on a time axis.',
        ),
      ];
    }
    if (shown.length === 0) {
      const empty = emptyState('No event matches these filters', 'Choose another actor, place or type, or clear the filters.');
      empty.append(h('button', { type: 'button', onclick: () => reset() }, 'Clear filters'));
      return [title, empty];
    }
    if (query.view === 'table') {
      return [
        title,
        renderTable(shown, { key: query.sort, descending: query.descending }, (key, descending) => {
          query.sort = key;
          query.descending = descending;
          void refresh(false);
        }),
      ];
    }
    const sorted = sortOut(shown);
    const summary = [
      `${sorted.placed.length} on the axis`,
      sorted.unknownYear.length ? `${sorted.unknownYear.length} year unknown` : null,
      sorted.undated.length ? `${sorted.undated.length} undated` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    return [
      title,
      sorted.placed.length
        ? renderChart(sorted.placed, summary)
        : h(
            'div',
            { class: 'tl-nothing-placed' },
            h('p', { class: 'empty-title' }, 'Nothing to place on the axis'),
            h('p', { class: 'empty-hint' }, 'None of these events has a known year; they are listed below.'),
          ),
      unplacedSection('unknown-year', sorted.unknownYear),
      unplacedSection('undated', sorted.undated),
    ];
  }

  function reset(): void {
    query.actor = query.place = query.type = null;
    query.text = '';
    query.from = query.to = null;
    actor.value = place.value = type.value = text.value = from.value = to.value = '';
    void refresh(true);
  }

  const fromSelect = (select: HTMLSelectElement) => (select.value ? Number(select.value) : null);
  actor.addEventListener('change', () => ((query.actor = fromSelect(actor)), void refresh(true)));
  place.addEventListener('change', () => ((query.place = fromSelect(place)), void refresh(true)));
  type.addEventListener('change', () => ((query.type = (type.value || null) as EventType | null), void refresh(true)));
  let typing = 0;
  text.addEventListener('input', () => {
    query.text = text.value;
    clearTimeout(typing);
    typing = window.setTimeout(() => void refresh(false), 150);
  });
  // A year from the address ('2019') stays a year until its field is edited.
  const readRange = () => {
    if (from.value !== dateFieldValue(query.from, false)) query.from = from.value || null;
    if (to.value !== dateFieldValue(query.to, true)) query.to = to.value || null;
    void refresh(false);
  };
  from.addEventListener('change', readRange);
  to.addEventListener('change', readRange);
  // "Filter to this span" on the axis: the span in view becomes the range.
  root.addEventListener('tl-span', (event) => {
    const span = (event as CustomEvent<{ from: string; to: string }>).detail;
    query.from = span.from;
    query.to = span.to;
    from.value = span.from;
    to.value = span.to;
    void refresh(false);
  });
  clearButton.addEventListener('click', reset);
  for (const button of switches) {
    button.addEventListener('click', () => {
      query.view = button.dataset['view'] as Layout;
      void refresh(false);
    });
  }

  await refresh(query.actor !== null || query.place !== null || query.type !== null);
}

/** #/timeline: the filters in the list pane, the axis or the table in the main pane. */
export async function timelineView(params: URLSearchParams): Promise<View> {
  const el = viewElement();
  const aside = viewElement();
  await showTimeline(aside, el, params);
  return { el, aside, refresh: () => showTimeline(aside, el, parseRoute(location.hash).params), dispose: () => undefined };
}
