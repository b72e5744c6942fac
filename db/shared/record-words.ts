// Codes of the data model in words, for record pages and lists: coordinates
// with their ACLED geo-precision, and event roles. Pure: safe in the renderer too.
import type { GeoPrecision, ParticipantRole } from './vocabulary.ts';

/** ACLED geo_precision, short (after the coordinates) and in full (a tooltip). */
export const PRECISION_WORDS: Record<GeoPrecision, { short: string; long: string }> = {
  1: { short: 'exact site', long: 'Precision 1: the coordinates are those of the place itself.' },
  2: { short: 'town', long: 'Precision 2: the place is near these coordinates, those of the nearest town or a small area.' },
  3: { short: 'region', long: 'Precision 3: only the wider region is known; the coordinates are those of its main town.' },
};

/** ACLED actor1/actor2, their associates, and a broker of an agreement. */
export const ROLE_WORDS: Record<ParticipantRole, string> = {
  actor1: 'main actor',
  assoc_actor1: 'associated actor',
  actor2: 'opposing actor',
  assoc_actor2: 'associated opposing actor',
  mediator: 'mediator',
};

/** An event role in words; an unknown code comes back as written. */
export function roleInWords(role: string): string {
  return (ROLE_WORDS as Record<string, string>)[role] ?? role;
}

/** A geo-precision code in words ('town'), or '' for none. */
export function precisionInWords(precision: number | null): string {
  return precision === null ? '' : (PRECISION_WORDS[precision as GeoPrecision]?.short ?? `precision ${precision}`);
}

function degrees(value: number, positive: string, negative: string): string {
  // Two decimals is about a kilometre: as fine as the seed's coordinates claim.
  const rounded = Math.abs(value).toFixed(2);
  const hemisphere = Number(rounded) === 0 ? '' : value < 0 ? ` ${negative}` : ` ${positive}`;
  return `${rounded}°${hemisphere}`;
}

/** A latitude in degrees north or south: 22.7667 is '22.77° N'. */
export function latitudeInWords(lat: number): string {
  return degrees(lat, 'N', 'S');
}

/** A longitude in degrees east or west: -1.5197 is '1.52° W'. */
export function longitudeInWords(lon: number): string {
  return degrees(lon, 'E', 'W');
}

/**
 * Coordinates in words: (22.7667, 14.05, 2) is '22.77° N, 14.05° E (town)',
 * (-33.9, -18.4, null) '33.90° S, 18.40° W'; no coordinates is ''.
 */
export function coordinatesInWords(lat: number | null, lon: number | null, precision: number | null = null): string {
  if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon)) return '';
  const where = `${latitudeInWords(lat)}, ${longitudeInWords(lon)}`;
  const how = precisionInWords(precision);
  return how ? `${where} (${how})` : where;
}
