import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { coordinatesInWords, latitudeInWords, longitudeInWords, precisionInWords, roleInWords } from '../../db/shared/record-words.ts';
import { PARTICIPANT_ROLES } from '../../db/shared/vocabulary.ts';
import { ROOT } from '../helpers.ts';

test('coordinates read as degrees north/south and east/west, with the ACLED precision in words', () => {
  assert.equal(coordinatesInWords(22.7667, 14.05, 2), '22.77° N, 14.05° E (town)');
  assert.equal(coordinatesInWords(32.8872, 13.1913, 1), '32.89° N, 13.19° E (exact site)');
  assert.equal(coordinatesInWords(12.3714, -1.5197, 3), '12.37° N, 1.52° W (region)');
  assert.equal(coordinatesInWords(-33.9249, -18.4241, null), '33.92° S, 18.42° W');
  assert.equal(coordinatesInWords(0, 0.001, null), '0.00°, 0.00°', 'no hemisphere on the equator or the meridian');
  assert.equal(latitudeInWords(22.7667), '22.77° N');
  assert.equal(latitudeInWords(-4.3), '4.30° S');
  assert.equal(longitudeInWords(-1.5197), '1.52° W');
  assert.equal(coordinatesInWords(null, 14, 2), '');
  assert.equal(coordinatesInWords(22, null, null), '');
});

test('every seed place with coordinates reads in words, never as codes', () => {
  const places = JSON.parse(fs.readFileSync(`${ROOT}/resources/seed/places.json`, 'utf8')) as {
    lat: number | null;
    lon: number | null;
    precision: number | null;
  }[];
  for (const place of places.filter((p) => p.lat !== null)) {
    const words = coordinatesInWords(place.lat, place.lon, place.precision);
    assert.match(words, /^\d+\.\d\d° [NS], \d+\.\d\d° [EW](?: \((exact site|town|region)\))?$/, words);
  }
  assert.equal(precisionInWords(null), '');
});

test('every participant role reads in words', () => {
  assert.equal(roleInWords('actor1'), 'main actor');
  assert.equal(roleInWords('assoc_actor1'), 'associated actor');
  assert.equal(roleInWords('actor2'), 'opposing actor');
  assert.equal(roleInWords('assoc_actor2'), 'associated opposing actor');
  assert.equal(roleInWords('mediator'), 'mediator');
  for (const role of PARTICIPANT_ROLES) assert.doesNotMatch(roleInWords(role), /_|\d/, role);
  assert.equal(roleInWords('observer'), 'observer', 'an unknown code comes back as written');
});
