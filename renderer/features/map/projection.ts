// The map's projection (Natural Earth, in a 1000 × 640 box): framed on the
// places with events shown, else on every located place, else the whole
// world; and the point of the map a click names, as coordinates.
import { geoNaturalEarth1, type GeoProjection } from 'd3-geo';

export const WIDTH = 1000;
export const HEIGHT = 640;
/** Closest framing: a few towns close together are not shown at street level. */
const MAX_SCALE = 3000;

interface Located {
  lat: number | null;
  lon: number | null;
  eventCount: number;
}

export function framedProjection(places: readonly Located[]): GeoProjection {
  const projection = geoNaturalEarth1();
  const located = places.filter((p) => p.lat !== null && p.lon !== null && p.eventCount > 0);
  const framing = located.length ? located : places.filter((p) => p.lat !== null);
  if (framing.length) {
    projection.fitExtent(
      [
        [40, 40],
        [WIDTH - 40, HEIGHT - 40],
      ],
      { type: 'MultiPoint', coordinates: framing.map((p) => [p.lon!, p.lat!]) },
    );
    if (projection.scale() > MAX_SCALE) projection.scale(MAX_SCALE);
  } else projection.fitSize([WIDTH, HEIGHT], { type: 'Sphere' });
  return projection;
}

/** The coordinates under a point of the map (rounded to 4 decimals, about 10 m), or null off the globe. */
export function coordinatesAt(projection: GeoProjection, at: { x: number; y: number }): { lat: number; lon: number } | null {
  const lonLat = projection.invert?.([at.x, at.y]);
  if (!lonLat || !Number.isFinite(lonLat[0]) || !Number.isFinite(lonLat[1])) return null;
  const [lon, lat] = lonLat.map((n) => Math.round(n * 10_000) / 10_000) as [number, number];
  return { lat, lon };
}
