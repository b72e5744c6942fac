// Coordinates for a place being created, from the offline gazetteer
// (places.suggestCoordinates): as the name is typed, the towns of that name
// show as buttons; pressing one keeps its coordinates (precision 2, a town)
// for the form to save with the place, pressing it again forgets them.
import './gazetteer.css';
import type { GeoPrecision } from '../../../db/shared/vocabulary.ts';
import { call } from '../../core/api.ts';
import { h } from '../../ui/dom.ts';
import type { GazetteerCity } from '../../../db/shared/map-data.ts';

export interface PickedCoordinates {
  lat: number;
  lon: number;
  precision: GeoPrecision;
  country: string;
}

const TOWN_PRECISION: GeoPrecision = 2;
const SUGGESTIONS = 5;

const degrees = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(2)}° ${value < 0 ? negative : positive}`;

export function coordinateSuggestions(readName: () => string) {
  const box = h('div', { class: 'gazetteer', role: 'group', 'aria-label': 'Suggested coordinates' });
  let picked: PickedCoordinates | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;

  const draw = (cities: GazetteerCity[]) => {
    if (cities.length === 0) return box.replaceChildren();
    const buttons = cities.map((city) => {
      const chosen = picked !== null && picked.lat === city.lat && picked.lon === city.lon;
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            'aria-pressed': chosen ? 'true' : 'false',
            title: `Population ${city.population.toLocaleString()}`,
            onclick: () => {
              picked = chosen ? null : { lat: city.lat, lon: city.lon, precision: TOWN_PRECISION, country: city.country };
              draw(cities);
            },
          },
          `${city.name}, ${city.country} · ${degrees(city.lat, 'N', 'S')}, ${degrees(city.lon, 'E', 'W')}`,
        ),
      );
    });
    box.replaceChildren(
      h('p', { class: 'gazetteer-title' }, picked ? 'Saved with the coordinates picked' : 'Coordinates from the gazetteer:'),
      h('ul', { class: 'gazetteer-list', role: 'list' }, buttons),
    );
  };

  const run = async () => {
    const mine = ++sequence;
    const name = readName().trim();
    const cities = name ? await call('places.suggestCoordinates', { name, limit: SUGGESTIONS }).catch(() => []) : [];
    if (mine !== sequence) return;
    if (picked && !cities.some((c) => c.lat === picked!.lat && c.lon === picked!.lon)) picked = null;
    draw(cities);
  };

  return {
    element: box,
    /** After each change of the name (debounced). */
    check(): void {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), 200);
    },
    /** Forgets the suggestions (the form no longer creates a place). */
    clear(): void {
      clearTimeout(timer);
      sequence++;
      picked = null;
      box.replaceChildren();
    },
    now: run,
    /** The coordinates to save with the place: those picked, or none. */
    picked: (): PickedCoordinates | null => picked,
  };
}
