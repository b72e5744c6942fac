// The map's marks: one circle per event at its place (several at one place
// spread on a ring around it, so each stays clickable), coloured by event
// type and sized by fatalities; places without shown events as faint dots.
// Sizes and ring offsets are in screen pixels: `resize` redraws them for the zoom.
import type { MapPlace } from '../../../db/map.ts';
import type { EventRecord } from '../../../db/records.ts';
import { precisionInWords } from '../../../db/record-words.ts';
import { href } from '../../router.ts';
import { typeClass } from '../timeline/chart.ts';
import { svg } from './basemap.ts';

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

/** Radius in screen pixels: 4 for none, growing with the square root of the dead. */
export const eventRadius = (fatalities: number | null) => 5.5 + Math.min(14, 1.6 * Math.sqrt(fatalities ?? 0));

function ring(count: number, radius: number): { dx: number; dy: number }[] {
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
}

export function drawMarkers(places: MapPlace[], events: EventRecord[], project: Project): MarkerLayer {
  const group = svg('g', { class: 'map-marks' });
  const marks: Mark[] = [];
  const labels: { element: SVGTextElement; x: number; y: number }[] = [];
  const byPlace = new Map<number, EventRecord[]>();
  for (const event of events) {
    if (!event.place) continue;
    const list = byPlace.get(event.place.id);
    if (list) list.push(event);
    else byPlace.set(event.place.id, [event]);
  }

  const faint = svg('g', { class: 'map-places' });
  const strong = svg('g', { class: 'map-events' });
  const names = svg('g', { class: 'map-labels', 'aria-hidden': 'true' });
  for (const place of places) {
    if (place.lat === null || place.lon === null) continue;
    const at = project([place.lon, place.lat]);
    if (!at) continue;
    const [x, y] = at;
    const here = byPlace.get(place.id) ?? [];
    const precision = precisionInWords(place.precision);
    if (here.length === 0) {
      const dot = svg('circle', { class: 'map-place', 'data-place-id': place.id });
      link(dot, href('places', place.id), `${place.name}${precision ? ` (${precision})` : ''}: no event shown`);
      faint.append(dot);
      marks.push({ element: dot, x, y, dx: 0, dy: 0, radius: 2.5 });
      continue;
    }
    const offsets = ring(here.length, Math.max(...here.map((e) => eventRadius(e.fatalities))));
    here.forEach((event, i) => {
      const dot = svg('circle', {
        class: `map-event ${typeClass(event.type)}${place.precision === 3 ? ' map-approximate' : ''}`,
        'data-event-id': event.id,
        'data-place-id': place.id,
      });
      const dead = event.fatalities ? `, ${event.fatalities} killed` : '';
      link(dot, href('events', event.id), `${event.title} (${event.type}${dead}) at ${place.name}${precision ? `, ${precision}` : ''}`);
      strong.append(dot);
      marks.push({ element: dot, x, y, dx: offsets[i]!.dx, dy: offsets[i]!.dy, radius: eventRadius(event.fatalities) });
    });
    const label = svg('text', { class: 'map-label' });
    label.textContent = place.name;
    names.append(label);
    labels.push({ element: label, x, y });
  }
  group.append(faint, names, strong);

  return {
    group,
    resize(scale) {
      for (const mark of marks) {
        mark.element.setAttribute('cx', String(mark.x + mark.dx / scale));
        mark.element.setAttribute('cy', String(mark.y + mark.dy / scale));
        mark.element.setAttribute('r', String(mark.radius / scale));
        mark.element.setAttribute('stroke-width', String(1.2 / scale));
      }
      for (const label of labels) {
        label.element.setAttribute('x', String(label.x + 9 / scale));
        label.element.setAttribute('y', String(label.y - 9 / scale));
        label.element.setAttribute('font-size', String(11 / scale));
      }
    },
  };
}
