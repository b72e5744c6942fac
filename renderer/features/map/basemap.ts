// The basemap: country shapes, borders and coastlines from Natural Earth
// (1:50m, through the world-atlas package), shipped inside the app as a
// chunk of the bundle and drawn as SVG paths with d3-geo. Nothing is fetched
// from anywhere but the app itself.
import type { GeoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

let atlas: Promise<Topology> | undefined;

/** Natural Earth countries, loaded once (a separate chunk, so views that draw no map do not pay for it). */
function loadAtlas(): Promise<Topology> {
  atlas ??= import('world-atlas/countries-50m.json', { with: { type: 'json' } }).then((m) => m.default as unknown as Topology);
  return atlas;
}

/** The basemap's layers, drawn with `path` (whose projection is already fitted). */
export async function drawBasemap(path: GeoPath): Promise<SVGGElement> {
  const world = await loadAtlas();
  const countries = world.objects['countries'] as GeometryCollection;
  const group = svg('g', { class: 'map-base', 'aria-hidden': 'true' });
  group.append(
    svg('path', { class: 'map-sphere', d: path({ type: 'Sphere' }) ?? '' }),
    svg('path', { class: 'map-land', d: path(feature(world, countries)) ?? '' }),
    svg('path', { class: 'map-borders', d: path(mesh(world, countries, (a, b) => a !== b)) ?? '' }),
    svg('path', { class: 'map-coast', d: path(mesh(world, countries, (a, b) => a === b)) ?? '' }),
  );
  return group;
}
