// #/timeline: the events on a time axis or in a table, filtered by actor, place,
// type and text, every choice kept in the address so a view can be linked.
import './timeline.css';
import type { Actor, EventRecord, Place } from '../../../db/shared/records.ts';
import { EVENT_TYPES, type EventType } from '../../../db/shared/vocabulary.ts';
import { call } from '../../core/api.ts';
import { emptyState, h } from '../../ui/dom.ts';
import { viewElement, type View } from '../../core/view.ts';
import { TimelineAxis, typeClass } from './axis.ts';
import { sortOut } from './axis-days.ts';
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
} from './filters-in-address.ts';
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

interface Filters {
  actor: HTMLSelectElement;
  place: HTMLSelectElement;
  type: HTMLSelectElement;
  text: HTMLInputElement;
  from: HTMLInputElement;
  to: HTMLInputElement;
  /** The same filters on the map and the chart (which reads the date range), kept up to date by update(). */
  mapLink: HTMLAnchorElement;
  chartLink: HTMLAnchorElement;
  clear: HTMLButtonElement;
  count: HTMLElement;
  switches: HTMLButtonElement[];
  legend: HTMLElement;
}

/** The filters, each with how many events it keeps, set as `query` says. */
function filterControls(query: TimelineQuery, actors: Actor[], places: Place[], all: EventRecord[]): Filters {
  const typeCounts = countBy(all, (e) => [e.type]);
  const type = h(
    'select',
    { name: 'type', class: 'tl-input' },
    h('option', { value: '' }, 'All types'),
    EVENT_TYPES.map((t) => h('option', { value: t }, `${t} (${typeCounts.get(t) ?? 0})`)),
  );
  type.value = query.type ?? '';
  return {
    actor: recordSelect(
      'actor',
      'All actors',
      actors,
      countBy(all, (e) => e.participants.map((p) => p.actorId)),
      query.actor,
    ),
    place: recordSelect(
      'place',
      'All places',
      places,
      countBy(all, (e) => (e.place ? [e.place.id] : [])),
      query.place,
    ),
    type,
    text: h('input', { type: 'search', name: 'q', class: 'tl-input', placeholder: 'Title, summary, participant…', value: query.text }),
    from: h('input', { type: 'date', name: 'from', class: 'tl-input', value: dateFieldValue(query.from, false) }),
    to: h('input', { type: 'date', name: 'to', class: 'tl-input', value: dateFieldValue(query.to, true) }),
    mapLink: h('a', { class: 'tl-map-link' }, 'Show on map'),
    chartLink: h('a', { class: 'tl-chart-link' }, 'Links in this range on the chart'),
    clear: h('button', { type: 'button', class: 'tl-clear' }, 'Clear filters'),
    count: h('p', { class: 'tl-count', 'aria-live': 'polite' }),
    switches: (['timeline', 'table'] as Layout[]).map((view) =>
      h(
        'button',
        { type: 'button', 'data-view': view, 'aria-pressed': String(query.view === view) },
        view === 'timeline' ? 'Timeline' : 'Table',
      ),
    ),
    legend: legend(),
  };
}

/** The list pane: the switch between axis and table, the filters, the links elsewhere, the legend. */
function filterPanel(f: Filters, total: number): HTMLElement[] {
  const field = (label: string, control: HTMLElement) => h('label', { class: 'tl-field' }, h('span', {}, label), control);
  return [
    h('div', { class: 'list-header' }, h('h2', {}, 'Timeline'), h('span', { class: 'count' }, String(total))),
    h(
      'div',
      { class: 'tl-filters' },
      h('div', { class: 'tl-switch', role: 'group', 'aria-label': 'Show events as' }, f.switches),
      field('Actor', f.actor),
      field('Place', f.place),
      field('Type', f.type),
      field('Text', f.text),
      h('div', { class: 'tl-date-range' }, field('From', f.from), field('To', f.to)),
      h('div', { class: 'tl-filter-foot' }, f.count, f.clear),
      h('p', { class: 'tl-elsewhere' }, f.mapLink, f.chartLink),
    ),
    f.legend,
  ];
}

/** The events kept by the filters, on the axis or in the table, as the address says. */
class TimelineView implements View {
  readonly el = viewElement();
  readonly aside = viewElement();
  private readonly root = h('div', { class: 'tl-view' });
  private readonly filters: Filters;
  private readonly query: TimelineQuery;
  private readonly actors: Actor[];
  private readonly places: Place[];
  private readonly all: EventRecord[];
  private fetched: EventRecord[];
  private sequence = 0;
  private typing = 0;
  private axis: TimelineAxis | undefined;
  private disposed = false;

  constructor(query: TimelineQuery, actors: Actor[], places: Place[], all: EventRecord[]) {
    this.query = query;
    this.actors = actors;
    this.places = places;
    this.all = this.fetched = all;
    this.filters = filterControls(query, actors, places, all);
    this.aside.append(...filterPanel(this.filters, all.length));
    this.el.append(this.root);
    this.listen();
  }

  /** The events the filters keep, read again. */
  refresh(): Promise<void> {
    return this.update(true);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.typing);
    this.axis?.dispose();
  }

  /** Shows what the query keeps; `refetch`: the actor, place or type changed, so the API is asked again. */
  async update(refetch: boolean): Promise<void> {
    if (this.disposed) return; // another view has taken the pane
    const { query, filters: f } = this;
    writeQuery(query);
    f.mapLink.href = queryHash(query, 'map');
    const range = new URLSearchParams();
    if (query.from !== null) range.set('from', query.from);
    if (query.to !== null) range.set('to', query.to);
    f.chartLink.href = `#/chart${range.size ? `?${range}` : ''}`;
    f.clear.hidden = !hasFilters(query);
    f.legend.hidden = query.view !== 'timeline';
    for (const button of f.switches) button.setAttribute('aria-pressed', String(button.dataset['view'] === query.view));
    if (refetch && !(await this.refetch())) return;
    const shown = this.fetched.filter((e) => matchesText(e, query.text) && inDateRange(e, query));
    f.count.textContent = hasFilters(query) ? `${shown.length} of ${this.all.length} events` : `${this.all.length} events`;
    this.axis?.dispose();
    this.axis = undefined;
    this.root.replaceChildren(...this.body(shown).filter((part): part is HTMLElement => part !== null));
  }

  /** Asks the API for the events of the actor, place and type chosen; false when a newer question or another view came first. */
  private async refetch(): Promise<boolean> {
    const { query } = this;
    const mine = ++this.sequence;
    const filter = {
      ...(query.actor !== null ? { actorId: query.actor } : {}),
      ...(query.place !== null ? { placeId: query.place } : {}),
      ...(query.type !== null ? { type: query.type } : {}),
    };
    let result: EventRecord[];
    try {
      result = Object.keys(filter).length ? await call('events.list', filter) : this.all;
    } catch (error) {
      if (mine === this.sequence && !this.disposed) {
        this.root.replaceChildren(emptyState('The events could not be loaded', (error as Error).message));
        this.root.firstElementChild?.classList.add('error');
      }
      return false;
    }
    if (mine !== this.sequence || this.disposed) return false;
    this.fetched = result;
    return true;
  }

  private body(shown: EventRecord[]): (HTMLElement | null)[] {
    const { query } = this;
    const title = h('h1', { class: 'tl-title', dir: 'auto' }, heading(query, this.actors, this.places));
    if (this.all.length === 0) {
      return [
        emptyState(
          'No events yet',
          'Open a source, select the passage that reports an event and choose “New record…”. Dated events appear here on a time axis.',
        ),
      ];
    }
    if (shown.length === 0) {
      const empty = emptyState('No event matches these filters', 'Choose another actor, place or type, or clear the filters.');
      empty.append(h('button', { type: 'button', onclick: () => this.reset() }, 'Clear filters'));
      return [title, empty];
    }
    if (query.view === 'table') {
      return [
        title,
        renderTable(shown, { key: query.sort, descending: query.descending }, (key, descending) => {
          query.sort = key;
          query.descending = descending;
          void this.update(false);
        }),
      ];
    }
    return [title, ...this.onTheAxis(shown)];
  }

  /** The axis with the events it can place, then those it cannot (year unknown, undated). */
  private onTheAxis(shown: EventRecord[]): (HTMLElement | null)[] {
    const sorted = sortOut(shown);
    const summary = [
      `${sorted.placed.length} on the axis`,
      sorted.unknownYear.length ? `${sorted.unknownYear.length} year unknown` : null,
      sorted.undated.length ? `${sorted.undated.length} undated` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    if (sorted.placed.length) this.axis = new TimelineAxis(sorted.placed, summary);
    return [
      this.axis
        ? this.axis.root
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

  private reset(): void {
    const { query, filters: f } = this;
    query.actor = query.place = query.type = null;
    query.text = '';
    query.from = query.to = null;
    f.actor.value = f.place.value = f.type.value = f.text.value = f.from.value = f.to.value = '';
    void this.update(true);
  }

  private listen(): void {
    const { query, filters: f } = this;
    const fromSelect = (select: HTMLSelectElement) => (select.value ? Number(select.value) : null);
    f.actor.addEventListener('change', () => ((query.actor = fromSelect(f.actor)), void this.update(true)));
    f.place.addEventListener('change', () => ((query.place = fromSelect(f.place)), void this.update(true)));
    f.type.addEventListener('change', () => ((query.type = (f.type.value || null) as EventType | null), void this.update(true)));
    f.text.addEventListener('input', () => {
      query.text = f.text.value;
      clearTimeout(this.typing);
      this.typing = window.setTimeout(() => void this.update(false), 150);
    });
    // A year from the address ('2019') stays a year until its field is edited.
    const readRange = () => {
      if (f.from.value !== dateFieldValue(query.from, false)) query.from = f.from.value || null;
      if (f.to.value !== dateFieldValue(query.to, true)) query.to = f.to.value || null;
      void this.update(false);
    };
    f.from.addEventListener('change', readRange);
    f.to.addEventListener('change', readRange);
    // "Filter to this span" on the axis: the span in view becomes the range.
    this.root.addEventListener('tl-span', (event) => {
      const span = (event as CustomEvent<{ from: string; to: string }>).detail;
      query.from = f.from.value = span.from;
      query.to = f.to.value = span.to;
      void this.update(false);
    });
    f.clear.addEventListener('click', () => this.reset());
    for (const button of f.switches) {
      button.addEventListener('click', () => {
        query.view = button.dataset['view'] as Layout;
        void this.update(false);
      });
    }
  }
}

/** #/timeline: the filters in the list pane, the axis or the table in the main pane. */
export async function timelineView(params: URLSearchParams): Promise<View> {
  const query = parseQuery(params);
  const [actors, places, all] = await Promise.all([call('actors.list', {}), call('places.list', {}), call('events.list', {})]);
  const view = new TimelineView(query, actors, places, all);
  await view.update(query.actor !== null || query.place !== null || query.type !== null);
  return view;
}
