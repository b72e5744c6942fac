// The basemap's major cities (more than a million people, from the offline
// gazetteer through map.cities): a small dot and a name each, at a constant
// size on screen, drawn only while they lie within the map's current view.
import { svg } from './basemap.ts';
import type { GazetteerCity } from '../../../db/shared/map-data.ts';

type Project = (lonLat: [number, number]) => [number, number] | null;

/** A rectangle of the map's content (before pan and zoom). */
export interface View {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface CityLayer {
  group: SVGGElement;
  /** Draws the cities inside `view` at a size fit for `scale`, and hides the others. */
  show(view: View, scale: number): void;
}

export function drawCities(cities: GazetteerCity[], project: Project): CityLayer {
  const group = svg('g', { class: 'map-cities', 'aria-hidden': 'true' });
  const points = cities.flatMap((city) => {
    const at = project([city.lon, city.lat]);
    return at ? [{ city, x: at[0], y: at[1], element: null as SVGGElement | null }] : [];
  });
  let drawnScale = 0;
  const make = (city: GazetteerCity) => {
    const mark = svg('g', { class: 'map-city', 'data-city': city.name });
    const label = svg('text', { class: 'map-city-label', x: 4, y: -3 });
    label.textContent = city.name;
    mark.append(svg('circle', { r: 2 }), label);
    return mark;
  };
  return {
    group,
    show(view, scale) {
      for (const point of points) {
        const inside = point.x >= view.x0 && point.x <= view.x1 && point.y >= view.y0 && point.y <= view.y1;
        if (!inside) {
          point.element?.remove();
          point.element = null;
          continue;
        }
        if (!point.element) {
          point.element = make(point.city);
          point.element.setAttribute('transform', `translate(${point.x} ${point.y}) scale(${1 / scale})`);
          group.append(point.element);
        } else if (scale !== drawnScale) {
          point.element.setAttribute('transform', `translate(${point.x} ${point.y}) scale(${1 / scale})`);
        }
      }
      drawnScale = scale;
    },
  };
}
