// The offline gazetteer: places.suggestCoordinates (a new place's coordinates
// from GeoNames towns, folded names, exact before prefix, by population) and
// map.cities (the basemap's cities of more than a million people).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { foldName } from '../../db/shared/folding.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const { db } = tempFieldbook();
const call = <M extends MethodName>(method: M, input: unknown) => callMethod(db, method, input) as MethodResult<M>;

const near = (a: number, b: number) => Math.abs(a - b) <= 0.2;

test('Agadez and Niamey are suggested with their coordinates in Niger', () => {
  for (const [name, lat, lon] of [
    ['Agadez', 16.97, 7.99],
    ['niamey', 13.51, 2.11],
  ] as const) {
    const [first] = call('places.suggestCoordinates', { name });
    assert.ok(first, `${name} is suggested`);
    assert.equal(first.country, 'NE');
    assert.ok(near(first.lat, lat) && near(first.lon, lon), `${name} at ${first.lat}, ${first.lon}`);
    assert.ok(first.population > 1000);
  }
});

test('accents and case are folded, exact names come before prefixes, and the limit holds', () => {
  const tripoli = call('places.suggestCoordinates', { name: 'TRIPOLI', limit: 3 });
  assert.ok(tripoli.length <= 3 && tripoli.length > 0);
  assert.ok(tripoli.every((c) => foldName(c.name).startsWith('tripoli')));
  assert.ok(
    tripoli.some((c) => c.name === 'Trípoli'),
    'Trípoli (Greece) folded to Tripoli',
  );
  assert.equal(tripoli[0]!.country, 'LY', 'the largest Tripoli first');
  const accented = call('places.suggestCoordinates', { name: 'Ségou' });
  assert.ok(accented.some((c) => c.country === 'ML' && c.name === 'Ségou'));
  const prefixed = call('places.suggestCoordinates', { name: 'Niam', limit: 20 });
  assert.ok(prefixed.some((c) => c.name === 'Niamey'));
  const sorted = prefixed.map((c) => c.population);
  assert.deepEqual(
    sorted,
    [...sorted].sort((a, b) => b - a),
    'prefix matches by population',
  );
});

test('a nonsense name suggests nothing', () => {
  assert.deepEqual(call('places.suggestCoordinates', { name: 'Qzxwvjqk Pltrfn' }), []);
});

test('places.suggestCoordinates refuses bad input and changes nothing', () => {
  for (const [input, message] of [
    [{}, /name/],
    [{ name: '   ' }, /name/],
    [{ name: 'Agadez', limit: 0 }, /limit/],
    [{ name: 'Agadez', limit: 500 }, /limit/],
    [{ name: 'Agadez', country: 'NE' }, /country|unrecognized/i],
  ] as const) {
    const before = storeDigest(db);
    assert.throws(
      () => call('places.suggestCoordinates', input),
      (error: unknown) => error instanceof ApiError && message.test(error.message),
    );
    assert.equal(storeDigest(db), before);
  }
});

test('map.cities gives the cities of more than a million people, Algiers among them', () => {
  const cities = call('map.cities', {});
  assert.ok(cities.length > 200 && cities.length < 2000, `${cities.length} cities`);
  assert.ok(cities.every((c) => c.population > 1_000_000));
  const algiers = cities.find((c) => c.name === 'Algiers')!;
  assert.ok(algiers && near(algiers.lat, 36.74) && near(algiers.lon, 3.09));
  assert.throws(() => call('map.cities', { all: true }), ApiError);
});
