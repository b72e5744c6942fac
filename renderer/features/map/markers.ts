// The map's marks: one circle per event at its place (several at one place
// spread on a ring around it, so each stays clickable), coloured by event
// type and sized by fatalities; places without shown events as faint dots.
// Sizes and ring offsets are in screen pixels: `resize` redraws them for the zoom.
// When zoomed out, places with events that lie close together on screen merge
// into one cluster mark with the number of their events (supercluster), which
// split again as the map is zoomed in.
import Supercluster, { type PointFeature } from 'supercluster';
import type { EventRecord } from '../../../db/shared/records.ts';
import { precisionInWords } from '../../../db/shared/record-words.ts';
import { href } from '../../core/router.ts';
import { typeClass } from '../timeline/axis.ts';
import { svg } from './basemap.ts';
import type { MapPlace } from '../../../db/shared/map-data.ts';

type Project = (lonLat: [number, number]) => [number, number] | null;

interface Mark {
  element: SVGElement;
  x: number;
  y: number;
  /** Offset from the place in screen pixels. */
  dx: number;
  dy: number;
  radius: number;
}

/** Radius in screen pixels: 5.5 for none, growing with the square root of the dead. */
export const eventRadius = (fatalities: number | null) => 5.5 + Math.min(14, 1.6 * Math.sqrt(fatalities ?? 0));

export function ring(count: number, radius: number): { dx: number; dy: number }[] {
  if (count === 1) return [{ dx: 0, dy: 0 }];
  const spread = Math.max(radius * 1.6, (count * radius * 2.2) / (2 * Math.PI));
  return Array.from({ length: count }, (_, i) => {
    const angle = (2 * Math.PI * i) / count - Math.PI / 2;
    return { dx: spread * Math.cos(angle), dy: spread * Math.sin(angle) };
  });
}

function link(element: SVGElement, target: string, label: string): void {
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'link');
  element.setAttribute('aria-label', label);
  element.dataset['href'] = target;
  const title = svg('title');
  title.textContent = label;
  element.append(title);
}

export interface MarkerLayer {
  group: SVGGElement;
  resize(scale: number): void;
  /** Where to zoom to open a cluster: its point on the map and the scale at which it splits. */
  clusterTarget(clusterId: number): { x: number; y: number; scale: number } | null;
}

/** Cluster radius in screen pixels (supercluster's, relative to its 512-pixel tiles). */
const CLUSTER_RADIUS = 36;
const CLUSTER_MAX_ZOOM = 16;
export const clusterRadius = (events: number) => 9 + Math.min(16, 2.2 * Math.sqrt(events));

interface PlaceMarks {
  marks: Mark[];
  label: { element: SVGTextElement; x: number; y: number };
}

type Point = PointFeature<{ placeId: number; events: number }>;

/** The events of each place, in the order given. */
export function eventsByPlace(events: readonly EventRecord[]): Map<number, EventRecord[]> {
  const byPlace = new Map<number, EventRecord[]>();
  for (const event of events) {
    if (!event.place) continue;
    const list = byPlace.get(event.place.id);
    if (list) list.push(event);
    else byPlace.set(event.place.id, [event]);
  }
  return byPlace;
}

/** Supercluster's zoom for the map's `scale` (its world is `worldWidth` units wide at scale 1; zoom z is 512 · 2^z pixels wide), and back. */
export const clusterZoomOf = (worldWidth: number, scale: number) => Math.max(0, Math.log2((worldWidth * scale) / 512));
export const scaleOfClusterZoom = (worldWidth: number, zoom: number) => (512 * 2 ** zoom) / worldWidth;

class Markers implements MarkerLayer {
  readonly group = svg('g', { class: 'map-marks' });
  private readonly marks: Mark[] = [];
  private readonly labels: { element: SVGTextElement; x: number; y: number }[] = [];
  private readonly byPlaceMarks = new Map<number, PlaceMarks>();
  private readonly faint = svg('g', { class: 'map-places' });
  private readonly strong = svg('g', { class: 'map-events' });
  private readonly names = svg('g', { class: 'map-labels', 'aria-hidden': 'true' });
  private readonly clusters = svg('g', { class: 'map-clusters' });
  private readonly index: Supercluster<{ placeId: number; events: number }, { events: number }>;
  private readonly byPlace: Map<number, EventRecord[]>;
  private readonly nameOf: Map<number, string>;
  private readonly worldWidth: number;
  private readonly project: Project;
  private shownZoom = -1;
  private clusterMarks: Mark[] = [];

  constructor(places: MapPlace[], events: EventRecord[], project: Project) {
    this.project = project;
    this.byPlace = eventsByPlace(events);
    this.nameOf = new Map(places.map((p) => [p.id, p.name]));
    const points = places.flatMap((place) => this.drawPlace(place));
    this.group.append(this.faint, this.names, this.strong, this.clusters);
    this.index = new Supercluster<{ placeId: number; events: number }, { events: number }>({
      radius: CLUSTER_RADIUS,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (props) => ({ events: props.events }),
      reduce: (sum, props) => void (sum.events += props.events),
    }).load(points);
    const west = project([-179.999, 0]);
    const east = project([179.999, 0]);
    this.worldWidth = west && east ? Math.abs(east[0] - west[0]) : 1000;
  }

  /** A place's marks: a faint dot when none of its events is shown, else a dot per event and its name; its point for clustering. */
  private drawPlace(place: MapPlace): Point[] {
    if (place.lat === null || place.lon === null) return [];
    const at = this.project([place.lon, place.lat]);
    if (!at) return [];
    const [x, y] = at;
    const here = this.byPlace.get(place.id) ?? [];
    const precision = precisionInWords(place.precision);
    if (here.length === 0) {
      const dot = svg('circle', { class: 'map-place', 'data-place-id': place.id });
      link(dot, href('places', place.id), `${place.name}${precision ? ` (${precision})` : ''}: no event shown`);
      this.faint.append(dot);
      this.marks.push({ element: dot, x, y, dx: 0, dy: 0, radius: 2.5 });
      return [];
    }
    const offsets = ring(here.length, Math.max(...here.map((e) => eventRadius(e.fatalities))));
    const placeMarks = here.map((event, i) => {
      const dot = svg('circle', {
        class: `map-event ${typeClass(event.type)}${place.precision === 3 ? ' map-approximate' : ''}`,
        'data-event-id': event.id,
        'data-place-id': place.id,
      });
      const dead = event.fatalities ? `, ${event.fatalities} killed` : '';
      link(dot, href('events', event.id), `${event.title} (${event.type}${dead}) at ${place.name}${precision ? `, ${precision}` : ''}`);
      this.strong.append(dot);
      const mark = { element: dot, x, y, dx: offsets[i]!.dx, dy: offsets[i]!.dy, radius: eventRadius(event.fatalities) };
      this.marks.push(mark);
      return mark;
    });
    const label = svg('text', { class: 'map-label' });
    label.textContent = place.name;
    this.names.append(label);
    this.labels.push({ element: label, x, y });
    this.byPlaceMarks.set(place.id, { marks: placeMarks, label: this.labels.at(-1)! });
    return [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
        properties: { placeId: place.id, events: here.length },
      },
    ];
  }

  clusterTarget(clusterId: number): { x: number; y: number; scale: number } | null {
    const found = this.clusterMarks.find((m) => m.element.dataset['clusterId'] === String(clusterId));
    if (!found) return null;
    return { x: found.x, y: found.y, scale: scaleOfClusterZoom(this.worldWidth, this.index.getClusterExpansionZoom(clusterId)) * 1.02 };
  }

  resize(scale: number): void {
    this.recluster(scale);
    for (const mark of this.clusterMarks) {
      // Drawn at the cluster's point, at a constant size on screen.
      mark.element.setAttribute('transform', `translate(${mark.x} ${mark.y}) scale(${1 / scale})`);
    }
    for (const mark of this.marks) {
      mark.element.setAttribute('cx', String(mark.x + mark.dx / scale));
      mark.element.setAttribute('cy', String(mark.y + mark.dy / scale));
      mark.element.setAttribute('r', String(mark.radius / scale));
      mark.element.setAttribute('stroke-width', String(1.2 / scale));
    }
    for (const label of this.labels) {
      label.element.setAttribute('x', String(label.x + 9 / scale));
      label.element.setAttribute('y', String(label.y - 9 / scale));
      label.element.setAttribute('font-size', String(11 / scale));
    }
  }

  /** Shows each place's own marks, or the cluster it belongs to at this zoom. */
  private recluster(scale: number): void {
    const zoom = Math.min(CLUSTER_MAX_ZOOM + 1, Math.floor(clusterZoomOf(this.worldWidth, scale)));
    if (zoom === this.shownZoom) return;
    this.shownZoom = zoom;
    const clustered = new Set<number>();
    this.clusterMarks = [];
    this.clusters.replaceChildren();
    for (const feature of this.index.getClusters([-180, -90, 180, 90], zoom)) {
      const props = feature.properties;
      if (!('cluster' in props)) continue;
      const leaves = this.index.getLeaves(props.cluster_id, Infinity).map((leaf) => leaf.properties.placeId);
      for (const id of leaves) clustered.add(id);
      const at = this.project(feature.geometry.coordinates as [number, number]);
      if (at) this.drawCluster(props.cluster_id, props.events, leaves, at);
    }
    for (const [placeId, { marks: own, label }] of this.byPlaceMarks) {
      const hide = clustered.has(placeId);
      for (const element of [...own.map((m) => m.element), label.element]) {
        if (hide) element.setAttribute('display', 'none');
        else element.removeAttribute('display');
      }
    }
  }

  private drawCluster(clusterId: number, events: number, leaves: number[], at: [number, number]): void {
    const names = leaves.map((id) => this.nameOf.get(id) ?? '');
    const eventIds = leaves.flatMap((placeId) => (this.byPlace.get(placeId) ?? []).map((e) => e.id));
    const mark = svg('g', {
      class: 'map-cluster',
      'data-cluster-id': clusterId,
      'data-count': events,
      'data-event-ids': eventIds.join(','),
      tabindex: 0,
      role: 'button',
      'aria-label': `${events} events at ${names.length} places (${names.slice(0, 4).join(', ')}${names.length > 4 ? '…' : ''}): zoom in`,
    });
    const title = svg('title');
    title.textContent = mark.getAttribute('aria-label');
    const count = svg('text', { class: 'map-cluster-count', 'text-anchor': 'middle', 'dominant-baseline': 'central' });
    count.textContent = String(events);
    mark.append(title, svg('circle', { r: clusterRadius(events) }), count);
    this.clusters.append(mark);
    this.clusterMarks.push({ element: mark, x: at[0], y: at[1], dx: 0, dy: 0, radius: clusterRadius(events) });
  }
}

export function drawMarkers(places: MapPlace[], events: EventRecord[], project: Project): MarkerLayer {
  return new Markers(places, events, project);
}
