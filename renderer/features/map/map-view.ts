// #/map: the events on a map of the world drawn from data shipped with the app,
// filtered as the timeline is (actor, place, type, text, date range: the same
// address parameters, parsed by the timeline's query module), and the places
// that still lack coordinates, which a click on the map sets (with undo).
import '../timeline/timeline.css';
import './map.css';
import { geoPath, type GeoProjection } from 'd3-geo';
import type { Actor, EventRecord } from '../../../db/shared/records.ts';
import { EVENT_TYPES, type EventType } from '../../../db/shared/vocabulary.ts';
import { call } from '../../core/api.ts';
import { emptyState, h } from '../../ui/dom.ts';
import { publish, Subscriptions } from '../../core/changes.ts';
import { parseRoute } from '../../core/router.ts';
import { recordEdit } from '../../core/undo.ts';
import { serially, viewElement, type View } from '../../core/view.ts';
import { typeClass } from '../timeline/axis.ts';
import {
  hasFilters,
  inDateRange,
  matchesText,
  parseQuery,
  queryHash,
  writeQuery,
  type TimelineQuery,
} from '../timeline/filters-in-address.ts';
import { drawBasemap, svg } from './basemap.ts';
import { drawCities } from './cities.ts';
import { clusterRadius, drawMarkers, eventRadius, type MarkerLayer } from './markers.ts';
import { panZoom, type PanZoom } from './pan-zoom.ts';
import { coordinatesAt, framedProjection, HEIGHT, WIDTH } from './projection.ts';
import type { GazetteerCity, MapData, MapPlace } from '../../../db/shared/map-data.ts';

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function legend(): HTMLElement {
  const sample = (cls: string, r = 5) => {
    const box = svg('svg', { width: 2 * r + 4, height: 2 * r + 4, 'aria-hidden': 'true' });
    box.append(svg('circle', { class: cls, cx: r + 2, cy: r + 2, r }));
    return box;
  };
  return h(
    'section',
    { class: 'tl-legend map-legend', 'aria-label': 'How to read the map' },
    h('h3', {}, 'How to read it'),
    h(
      'ul',
      { role: 'list', class: 'tl-legend-types' },
      EVENT_TYPES.map((type) => h('li', {}, sample(`map-event ${typeClass(type)}`), h('span', {}, type))),
      h('li', {}, sample('map-event', eventRadius(25)), h('span', {}, 'larger: more killed')),
      h('li', {}, sample('map-event map-approximate'), h('span', {}, 'dashed: place known only as a region')),
      h('li', {}, sample('map-place', 3), h('span', {}, 'a place with no event shown')),
      h('li', {}, clusterSample(), h('span', {}, 'nearby places together: their events; click to zoom in')),
    ),
  );
}

function clusterSample(): SVGSVGElement {
  const r = clusterRadius(4) * 0.7;
  const box = svg('svg', { width: 2 * r + 4, height: 2 * r + 4, 'aria-hidden': 'true' });
  const mark = svg('g', { class: 'map-cluster', transform: `translate(${r + 2} ${r + 2})` });
  const count = svg('text', { class: 'map-cluster-count', 'text-anchor': 'middle', 'dominant-baseline': 'central' });
  count.textContent = '4';
  mark.append(svg('circle', { r }), count);
  box.append(mark);
  return box;
}

function recordSelect(name: string, all: string, records: { id: number; name: string }[], chosen: number | null): HTMLSelectElement {
  const select = h(
    'select',
    { name, class: 'tl-input' },
    h('option', { value: '' }, all),
    [...records].sort((a, b) => byName.compare(a.name, b.name)).map((r) => h('option', { value: r.id }, r.name)),
  );
  select.value = chosen === null ? '' : String(chosen);
  return select;
}

interface Loaded {
  data: MapData;
  actors: Actor[];
  cities: GazetteerCity[];
  /** The events the filters keep, and those of them at a place with coordinates. */
  events: EventRecord[];
  placed: EventRecord[];
}

async function load(query: TimelineQuery): Promise<Loaded> {
  const filter = {
    ...(query.actor !== null ? { actorId: query.actor } : {}),
    ...(query.place !== null ? { placeId: query.place } : {}),
    ...(query.type !== null ? { type: query.type } : {}),
  };
  const [data, actors, cities] = await Promise.all([call('map.data', filter), call('actors.list', {}), call('map.cities', {})]);
  const events = data.events.filter((e) => matchesText(e, query.text) && inDateRange(e, query));
  const placeOf = new Map(data.places.map((p) => [p.id, p]));
  const placed = events.filter((e) => e.place && placeOf.get(e.place.id)?.lat != null);
  return { data, actors, cities, events, placed };
}

const field = (label: string, control: HTMLElement) => h('label', { class: 'tl-field' }, h('span', {}, label), control);

/** The filters. A change rewrites the address, which opens the map anew (so a filtered map can be linked). */
function filterFields(query: TimelineQuery, actors: Actor[]): HTMLElement[] {
  const actor = recordSelect('actor', 'All actors', actors, query.actor);
  const type = h(
    'select',
    { name: 'type', class: 'tl-input' },
    h('option', { value: '' }, 'All types'),
    EVENT_TYPES.map((t) => h('option', { value: t }, t)),
  );
  type.value = query.type ?? '';
  const text = h('input', { type: 'search', name: 'q', class: 'tl-input', placeholder: 'Title, summary, participant…', value: query.text });
  const from = h('input', { type: 'date', name: 'from', class: 'tl-input', value: query.from?.length === 10 ? query.from : '' });
  const to = h('input', { type: 'date', name: 'to', class: 'tl-input', value: query.to?.length === 10 ? query.to : '' });
  if (query.from?.length === 4) from.value = `${query.from}-01-01`;
  if (query.to?.length === 4) to.value = `${query.to}-12-31`;
  const go = () => {
    query.actor = actor.value ? Number(actor.value) : null;
    query.type = (type.value || null) as EventType | null;
    query.text = text.value;
    query.from = from.value || null;
    query.to = to.value || null;
    location.hash = queryHash(query, 'map');
  };
  for (const control of [actor, type, from, to]) control.addEventListener('change', go);
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') go();
  });
  text.addEventListener('search', go);
  return [field('Actor', actor), field('Type', type), field('Text', text), field('From', from), field('To', to)];
}

/** The places without coordinates, each with "Set on map". */
function unlocatedSection(unlocated: MapPlace[], place: (place: MapPlace) => void): HTMLElement {
  const list = h(
    'ul',
    { role: 'list', class: 'map-unlocated' },
    unlocated.map((p) =>
      h(
        'li',
        {},
        h('a', { href: `#/places/${p.id}` }, p.name),
        h('button', { type: 'button', class: 'map-locate', 'data-place-id': p.id, onclick: () => place(p) }, 'Set on map'),
      ),
    ),
  );
  return h(
    'section',
    { class: 'map-unlocated-section', 'aria-label': 'Places without coordinates' },
    h('h3', {}, `Places without coordinates (${unlocated.length})`),
    unlocated.length ? list : h('p', { class: 'empty-hint' }, 'Every place has coordinates.'),
  );
}

/** The list pane: the filters, how many events are on the map, the legend, the places to set. */
function mapPanel(query: TimelineQuery, loaded: Loaded, place: (place: MapPlace) => void): HTMLElement[] {
  const { data, events, placed } = loaded;
  return [
    h('div', { class: 'list-header' }, h('h2', {}, 'Map'), h('span', { class: 'count' }, String(placed.length))),
    h(
      'div',
      { class: 'tl-filters' },
      ...filterFields(query, loaded.actors),
      h(
        'div',
        { class: 'tl-filter-foot' },
        h(
          'p',
          { class: 'tl-count map-count', 'aria-live': 'polite' },
          `${placed.length} of ${data.events.length} events on the map` +
            (events.length > placed.length ? ` · ${events.length - placed.length} without coordinates` : ''),
        ),
        hasFilters(query) ? h('a', { href: '#/map', class: 'tl-clear' }, 'Clear filters') : null,
      ),
      h('a', { href: `#/timeline${location.hash.replace(/^#\/map/, '')}`, class: 'map-timeline-link' }, 'Same filters on the timeline'),
    ),
    legend(),
    unlocatedSection(
      data.places.filter((p) => p.lat === null),
      place,
    ),
  ];
}

/** The map itself: the basemap (drawn last, the largest part), the cities in view, the marks, pan and zoom. */
class MapCanvas {
  readonly svgRoot = svg('svg', { class: 'map-svg', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': 'Map of the events' });
  readonly projection: GeoProjection;
  readonly zoom: PanZoom;
  private readonly content = svg('g', { class: 'map-content' });
  private readonly markers: MarkerLayer;
  private cityFrame = 0;

  constructor({ data, placed, cities }: Loaded) {
    this.projection = framedProjection(data.places);
    const project = (lonLat: [number, number]) => this.projection(lonLat);
    this.svgRoot.append(this.content);
    this.markers = drawMarkers(data.places, placed, project);
    // A city that is one of the store's places is drawn (and named) as the place.
    const placeAt = (lat: number, lon: number) =>
      data.places.some((p) => p.lat !== null && p.lon !== null && Math.abs(p.lat - lat) < 0.3 && Math.abs(p.lon - lon) < 0.3);
    const cityLayer = drawCities(
      cities.filter((c) => !placeAt(c.lat, c.lon)),
      project,
    );
    // The cities in view are redrawn once a frame at most, however fast the pan.
    const showCities = () => {
      this.cityFrame ||= requestAnimationFrame(() => {
        this.cityFrame = 0;
        cityLayer.show(this.zoom.visible(), this.zoom.scale());
      });
    };
    const onZoom = (k: number) => {
      this.markers.resize(k);
      this.svgRoot.dataset['scale'] = String(k);
    };
    this.zoom = panZoom(this.svgRoot, this.content, onZoom, showCities);
    this.markers.resize(1);
    cityLayer.show(this.zoom.visible(), 1);
    this.content.append(cityLayer.group, this.markers.group);
  }

  /** Draws the basemap under the rest; resolves once it is there. */
  async drawBasemap(): Promise<void> {
    this.content.prepend(await drawBasemap(geoPath(this.projection)));
  }

  /** The frame of the map with its zoom buttons. */
  frame(): HTMLElement {
    const zoomButtons = h(
      'div',
      { class: 'map-zoom', role: 'group', 'aria-label': 'Zoom' },
      h('button', { type: 'button', 'aria-label': 'Zoom in', onclick: () => this.zoom.zoomBy(1.5) }, '+'),
      h('button', { type: 'button', 'aria-label': 'Zoom out', onclick: () => this.zoom.zoomBy(1 / 1.5) }, '−'),
      h('button', { type: 'button', onclick: () => this.zoom.reset() }, 'Fit'),
    );
    return h('div', { class: 'map-frame' }, this.svgRoot, zoomButtons);
  }

  /** Zooms in on a cluster until it splits. */
  openCluster(element: SVGElement): void {
    const target = this.markers.clusterTarget(Number(element.dataset['clusterId']));
    if (target) this.zoom.focus(target, target.scale);
  }

  dispose(): void {
    cancelAnimationFrame(this.cityFrame);
  }
}

/** The map and its list pane, drawn for the address's filters; redrawn after a change of a place. */
class MapView implements View {
  readonly el = viewElement();
  readonly aside = viewElement();
  private readonly subscriptions = new Subscriptions();
  private canvas: MapCanvas | undefined;
  private root: HTMLElement | undefined;
  /** The place a click on the map sets (after "Set on map"). */
  private placing: MapPlace | null = null;
  private readonly bannerText = h('span', {});
  private readonly banner = h(
    'p',
    { class: 'map-banner', role: 'status', hidden: true },
    this.bannerText,
    h('button', { type: 'button', onclick: () => this.stopPlacing() }, 'Cancel'),
  );

  /** Drawn again for the address (whose filters this view keeps there). */
  readonly refresh = serially(() => this.draw(parseRoute(location.hash).params));

  dispose(): void {
    this.subscriptions.dispose();
    this.canvas?.dispose();
  }

  /** From now on, a change of any place (set on this map, say) redraws the map. */
  followPlaces(): void {
    this.subscriptions.refresh(this, 'place');
  }

  async draw(params: URLSearchParams): Promise<void> {
    const query = parseQuery(params);
    const loaded = await load(query);
    writeQuery(query, 'map');
    const canvas = new MapCanvas(loaded);
    const root = h('div', { class: 'tl-view map-view' });
    root.append(
      h('h1', { class: 'tl-title' }, hasFilters(query) ? 'Events on the map (filtered)' : 'Events on the map'),
      this.banner,
      canvas.frame(),
    );
    if (loaded.events.length === 0 && loaded.data.events.length > 0)
      root.append(emptyState('No event matches these filters', 'Choose another actor or type, or clear the filters.'));
    this.listen(canvas);
    this.stopPlacing();
    this.canvas?.dispose();
    [this.canvas, this.root] = [canvas, root];
    this.aside.replaceChildren(...mapPanel(query, loaded, (place) => this.startPlacing(place)));
    this.el.replaceChildren(root);
    // The basemap comes last (it is the largest part): the marks and the lists are usable meanwhile.
    void canvas.drawBasemap().then(() => (root.dataset['ready'] = 'true'));
  }

  private startPlacing(place: MapPlace): void {
    this.placing = place;
    this.bannerText.textContent = `Click the map where ${place.name} is.`;
    this.banner.hidden = false;
    this.root?.classList.add('map-placing');
  }

  private stopPlacing(): void {
    this.placing = null;
    this.banner.hidden = true;
    this.root?.classList.remove('map-placing');
  }

  private listen(canvas: MapCanvas): void {
    const follow = (event: Event) => {
      const cluster = (event.target as Element).closest<SVGElement>('[data-cluster-id]');
      if (cluster) return canvas.openCluster(cluster);
      const target = (event.target as Element).closest<SVGElement>('[data-href]');
      if (target) location.hash = target.dataset['href']!;
    };
    canvas.svgRoot.addEventListener('click', (event) => {
      if (canvas.zoom.dragged()) return;
      if (this.placing) void this.locate(this.placing, canvas.projection, canvas.zoom.toContent(event));
      else follow(event);
    });
    canvas.svgRoot.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') follow(event);
    });
  }

  /** Sets `place` where the map was clicked (undoable); the map is redrawn with it. */
  private async locate(place: MapPlace, projection: GeoProjection, at: { x: number; y: number }): Promise<void> {
    const point = coordinatesAt(projection, at);
    if (!point) return;
    this.placing = null;
    const before = { lat: place.lat, lon: place.lon, precision: place.precision };
    // A point clicked on a small-scale map is near the place, not the exact site (ACLED precision 2).
    await call('places.update', { id: place.id, ...point, precision: place.precision ?? 2 });
    publish('place', place.id);
    recordEdit(`Set ${place.name} on the map`, async () => {
      await call('places.update', { id: place.id, ...before });
      publish('place', place.id);
    });
  }
}

/** #/map: the filters and the places without coordinates in the list pane, the map in the main pane; redrawn when a place changes. */
export async function mapView(params: URLSearchParams): Promise<View> {
  const view = new MapView();
  await view.draw(params);
  view.followPlaces();
  return view;
}
