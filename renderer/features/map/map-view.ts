// #/map: the events on a map of the world drawn from data shipped with the app,
// filtered as the timeline is (actor, place, type, text, date range: the same
// address parameters, parsed by the timeline's query module), and the places
// that still lack coordinates, which a click on the map sets (with undo).
import '../timeline/timeline.css';
import './map.css';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { MapPlace } from '../../../db/map.ts';
import type { Actor } from '../../../db/records.ts';
import { EVENT_TYPES, type EventType } from '../../../db/vocabulary.ts';
import { call } from '../../core/api.ts';
import { clear, emptyState, h } from '../../ui/dom.ts';
import { publish, Subscriptions } from '../../core/changes.ts';
import { parseRoute } from '../../core/router.ts';
import { recordEdit } from '../../core/undo.ts';
import { viewElement, type View } from '../../core/view.ts';
import { typeClass } from '../timeline/axis.ts';
import { hasFilters, inDateRange, matchesText, parseQuery, queryHash, writeQuery } from '../timeline/query.ts';
import { drawBasemap, svg } from './basemap.ts';
import { drawCities } from './cities.ts';
import { clusterRadius, drawMarkers, eventRadius } from './markers.ts';
import { panZoom } from './pan-zoom.ts';

const WIDTH = 1000;
const HEIGHT = 640;
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

async function showMap(list: HTMLElement, main: HTMLElement, params: URLSearchParams): Promise<void> {
  const query = parseQuery(params);
  const filter = {
    ...(query.actor !== null ? { actorId: query.actor } : {}),
    ...(query.place !== null ? { placeId: query.place } : {}),
    ...(query.type !== null ? { type: query.type } : {}),
  };
  const [data, actors, cities] = await Promise.all([call('map.data', filter), call('actors.list', {}), call('map.cities', {})]);
  writeQuery(query, 'map');
  const events = data.events.filter((e) => matchesText(e, query.text) && inDateRange(e, query));
  const placeOf = new Map(data.places.map((p) => [p.id, p]));
  const placed = events.filter((e) => e.place && placeOf.get(e.place.id)?.lat != null);
  const unlocated = data.places.filter((p) => p.lat === null);

  // Filters: a change rewrites the address, which redraws the view (so a filtered map can be linked).
  const go = () => (location.hash = queryHashOf());
  const actor = recordSelect('actor', 'All actors', actors as Actor[], query.actor);
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
  function queryHashOf(): string {
    query.actor = actor.value ? Number(actor.value) : null;
    query.type = (type.value || null) as EventType | null;
    query.text = text.value;
    query.from = from.value || null;
    query.to = to.value || null;
    return queryHash(query, 'map');
  }
  for (const control of [actor, type, from, to]) control.addEventListener('change', go);
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') go();
  });
  text.addEventListener('search', go);
  const field = (label: string, control: HTMLElement) => h('label', { class: 'tl-field' }, h('span', {}, label), control);
  const timelineLink = h(
    'a',
    { href: `#/timeline${location.hash.replace(/^#\/map/, '')}`, class: 'map-timeline-link' },
    'Same filters on the timeline',
  );

  let placing: MapPlace | null = null;
  const bannerText = h('span', {});
  const stopPlacing = () => {
    placing = null;
    banner.hidden = true;
    root.classList.remove('map-placing');
  };
  const banner = h(
    'p',
    { class: 'map-banner', role: 'status', hidden: true },
    bannerText,
    h('button', { type: 'button', onclick: stopPlacing }, 'Cancel'),
  );
  const unlocatedList = h(
    'ul',
    { role: 'list', class: 'map-unlocated' },
    unlocated.map((place) =>
      h(
        'li',
        {},
        h('a', { href: `#/places/${place.id}` }, place.name),
        h(
          'button',
          {
            type: 'button',
            class: 'map-locate',
            'data-place-id': place.id,
            onclick: () => {
              placing = place;
              bannerText.textContent = `Click the map where ${place.name} is.`;
              banner.hidden = false;
              root.classList.add('map-placing');
            },
          },
          'Set on map',
        ),
      ),
    ),
  );

  clear(list);
  list.append(
    h('div', { class: 'list-header' }, h('h2', {}, 'Map'), h('span', { class: 'count' }, String(placed.length))),
    h(
      'div',
      { class: 'tl-filters' },
      field('Actor', actor),
      field('Type', type),
      field('Text', text),
      field('From', from),
      field('To', to),
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
      timelineLink,
    ),
    legend(),
    h(
      'section',
      { class: 'map-unlocated-section', 'aria-label': 'Places without coordinates' },
      h('h3', {}, `Places without coordinates (${unlocated.length})`),
      unlocated.length ? unlocatedList : h('p', { class: 'empty-hint' }, 'Every place has coordinates.'),
    ),
  );

  const root = h('div', { class: 'tl-view map-view' });
  clear(main);
  main.append(root);

  const projection = geoNaturalEarth1();
  const located = data.places.filter((p) => p.lat !== null && p.lon !== null && p.eventCount > 0);
  const framing = located.length ? located : data.places.filter((p) => p.lat !== null);
  if (framing.length) {
    projection.fitExtent(
      [
        [40, 40],
        [WIDTH - 40, HEIGHT - 40],
      ],
      { type: 'MultiPoint', coordinates: framing.map((p) => [p.lon!, p.lat!]) },
    );
    if (projection.scale() > 3000) projection.scale(3000);
  } else projection.fitSize([WIDTH, HEIGHT], { type: 'Sphere' });
  const path = geoPath(projection);

  const svgRoot = svg('svg', { class: 'map-svg', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': 'Map of the events' });
  const content = svg('g', { class: 'map-content' });
  svgRoot.append(content);
  const markers = drawMarkers(data.places, placed, (lonLat) => projection(lonLat));
  // A city that is one of the store's places is drawn (and named) as the place.
  const placeAt = (lat: number, lon: number) =>
    data.places.some((p) => p.lat !== null && p.lon !== null && Math.abs(p.lat - lat) < 0.3 && Math.abs(p.lon - lon) < 0.3);
  const cityLayer = drawCities(
    cities.filter((c) => !placeAt(c.lat, c.lon)),
    (lonLat) => projection(lonLat),
  );
  // The cities in view are redrawn once a frame at most, however fast the pan.
  let cityFrame = 0;
  const showCities = () => {
    cityFrame ||= requestAnimationFrame(() => {
      cityFrame = 0;
      cityLayer.show(zoom.visible(), zoom.scale());
    });
  };
  const zoom = panZoom(
    svgRoot,
    content,
    (k) => {
      markers.resize(k);
      svgRoot.dataset['scale'] = String(k);
    },
    showCities,
  );
  markers.resize(1);
  cityLayer.show(zoom.visible(), 1);
  const openCluster = (element: SVGElement) => {
    const target = markers.clusterTarget(Number(element.dataset['clusterId']));
    if (target) zoom.focus(target, target.scale);
  };

  const zoomButtons = h(
    'div',
    { class: 'map-zoom', role: 'group', 'aria-label': 'Zoom' },
    h('button', { type: 'button', 'aria-label': 'Zoom in', onclick: () => zoom.zoomBy(1.5) }, '+'),
    h('button', { type: 'button', 'aria-label': 'Zoom out', onclick: () => zoom.zoomBy(1 / 1.5) }, '−'),
    h('button', { type: 'button', onclick: () => zoom.reset() }, 'Fit'),
  );
  root.append(
    h('h1', { class: 'tl-title' }, hasFilters(query) ? 'Events on the map (filtered)' : 'Events on the map'),
    banner,
    h('div', { class: 'map-frame' }, svgRoot, zoomButtons),
  );
  if (events.length === 0 && data.events.length > 0)
    root.append(emptyState('No event matches these filters', 'Choose another actor or type, or clear the filters.'));

  svgRoot.addEventListener('click', (event) => {
    if (zoom.dragged()) return;
    if (placing) {
      void locate(placing, zoom.toContent(event));
      return;
    }
    const cluster = (event.target as Element).closest<SVGElement>('[data-cluster-id]');
    if (cluster) return openCluster(cluster);
    const target = (event.target as Element).closest<SVGElement>('[data-href]');
    if (target) location.hash = target.dataset['href']!;
  });
  svgRoot.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    const cluster = (event.target as Element).closest<SVGElement>('[data-cluster-id]');
    if (cluster) return openCluster(cluster);
    const target = (event.target as Element).closest<SVGElement>('[data-href]');
    if (target) location.hash = target.dataset['href']!;
  });

  async function locate(place: MapPlace, at: { x: number; y: number }): Promise<void> {
    const lonLat = projection.invert?.([at.x, at.y]);
    if (!lonLat || !Number.isFinite(lonLat[0]) || !Number.isFinite(lonLat[1])) return;
    const [lon, lat] = lonLat.map((n) => Math.round(n * 10_000) / 10_000) as [number, number];
    placing = null;
    const before = { lat: place.lat, lon: place.lon, precision: place.precision };
    // A point clicked on a small-scale map is near the place, not the exact site (ACLED precision 2).
    await call('places.update', { id: place.id, lat, lon, precision: place.precision ?? 2 });
    publish('place', place.id);
    recordEdit(`Set ${place.name} on the map`, async () => {
      await call('places.update', { id: place.id, ...before });
      publish('place', place.id);
    });
  }

  // The basemap comes last (it is the largest part): the marks and the lists are usable meanwhile.
  content.append(cityLayer.group, markers.group);
  content.prepend(await drawBasemap(path));
  root.dataset['ready'] = 'true';
}

/** #/map: the filters and the places without coordinates in the list pane, the map in the main pane; redrawn when a place changes. */
export async function mapView(params: URLSearchParams): Promise<View> {
  const el = viewElement();
  const aside = viewElement();
  await showMap(aside, el, params);
  const subscriptions = new Subscriptions();
  const view: View = {
    el,
    aside,
    refresh: () => showMap(aside, el, parseRoute(location.hash).params),
    dispose: () => subscriptions.dispose(),
  };
  subscriptions.refresh(view, 'place');
  return view;
}
