import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import type { Suggestions } from '../../db/extract/suggest.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import type { Source, SourceDetail } from '../../db/shared/records.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';

const fieldbook = tempFieldbook();
const { db } = fieldbook;
const suggestions = (id: number) => callMethod(db, 'sources.suggestions', { id }) as Suggestions;
const sources = callMethod(db, 'sources.list', {}) as Source[];
const sourceId = (seedKey: string) => sources.find((s) => s.seedKey === seedKey)!.id;
const textOf = (id: number) => (callMethod(db, 'sources.get', { id }) as SourceDetail).text;
const knownNamed = (s: Suggestions, name: string, kind = 'actor') => s.known.find((k) => k.name === name && k.kind === kind);
const addSource = (title: string, text: string) => (callMethod(db, 'sources.create', { title, text }) as Source).id;

describe('sources.suggestions on the seeded store', () => {
  const nexus = sourceId('libya-niger-nexus');
  const text = textOf(nexus);
  const result = suggestions(nexus);

  test('finds the known actors and places of the Libya-Niger source by name and alias', () => {
    const lna = knownNamed(result, 'Libyan National Army');
    assert.ok(lna, 'LNA');
    const forms = new Set(lna.occurrences.map((o) => o.text));
    assert.ok(forms.has('LNA') && forms.has('Libyan National Army'), [...forms].join(', '));
    for (const name of ['Khalifa Haftar', 'Africa Corps', 'Wagner Group']) assert.ok(knownNamed(result, name), name);
    const toum = knownNamed(result, 'Al-Toum crossing', 'place');
    assert.ok(toum);
    assert.ok(toum.occurrences.some((o) => o.text === 'Al-Toum crossing'));
    // "the Wagner Group" is the Wagner Group and, as its alias, the Africa Corps.
    assert.ok(knownNamed(result, 'Africa Corps')!.occurrences.some((o) => o.text === 'Wagner Group'));
  });

  test('every occurrence is the slice of the text at its offsets, sorted by first occurrence', () => {
    for (const item of [...result.known, ...result.candidates]) {
      for (const o of item.occurrences) assert.equal(text.slice(o.start, o.end), o.text, `${item.name} at ${o.start}`);
      const starts = item.occurrences.map((o) => o.start);
      assert.deepEqual(
        starts,
        [...starts].sort((a, b) => a - b),
      );
    }
    const firsts = result.known.map((k) => k.occurrences[0]!.start);
    assert.deepEqual(
      firsts,
      [...firsts].sort((a, b) => a - b),
    );
  });

  test('known names are not proposed again as candidates', () => {
    const candidates = new Set(result.candidates.map((c) => c.name));
    for (const name of ['LNA', 'Libyan National Army', 'Khalifa Haftar', 'Africa Corps', 'Al-Toum', 'Tripoli'])
      assert.ok(!candidates.has(name), name);
  });

  test('an ordinary word such as "is" or "us" is never the actor IS or US, in any seed document', () => {
    for (const source of sources) {
      const s = suggestions(source.id);
      for (const name of ['Islamic State', 'United States']) {
        for (const o of knownNamed(s, name)?.occurrences ?? []) {
          assert.notEqual(o.text.toLowerCase(), o.text, `${name} as "${o.text}" in ${source.seedKey}`);
        }
      }
    }
    const id = addSource('Acronyms', 'This is what they told us: the US says IS is weak. Is it? Tell us.');
    const s = suggestions(id);
    assert.deepEqual(
      knownNamed(s, 'Islamic State')?.occurrences.map((o) => o.text),
      ['IS'],
    );
    assert.deepEqual(
      knownNamed(s, 'United States')?.occurrences.map((o) => o.text),
      ['US'],
    );
  });

  test('names the store does not know come out as candidates', () => {
    const id = addSource('Qasr', 'The Qasr Brigade attacked Tindouf at dawn. Witnesses said the Qasr Brigade came from Zuwara.');
    const s = suggestions(id);
    const brigade = s.candidates.find((c) => c.name === 'Qasr Brigade');
    assert.ok(brigade, s.candidates.map((c) => c.name).join(', '));
    assert.equal(brigade.kind, 'actor');
    assert.equal(brigade.occurrences.length, 2);
    assert.ok(brigade.confidence > 0 && brigade.confidence <= 1);
    assert.ok(s.candidates.some((c) => c.name === 'Tindouf'));
    assert.ok(knownNamed(s, 'Zuwara', 'place'), 'Zuwara is a seeded place');
    assert.ok(!s.candidates.some((c) => c.name === 'Zuwara'));
  });

  test('writes nothing', () => {
    const before = storeDigest(db);
    for (const source of sources) suggestions(source.id);
    assert.equal(storeDigest(db), before);
  });

  test('a missing or trashed source is not_found; a bad id is invalid_input', () => {
    assert.throws(
      () => suggestions(999_999),
      (e: unknown) => e instanceof ApiError && e.code === 'not_found',
    );
    const id = addSource('Trashed', 'Kidal and Gao.');
    callMethod(db, 'sources.delete', { id });
    assert.throws(
      () => suggestions(id),
      (e: unknown) => e instanceof ApiError && e.code === 'not_found',
    );
    for (const input of [{}, { id: 'x' }, { id: 0 }, { id: 1, extra: true }]) {
      assert.throws(
        () => callMethod(db, 'sources.suggestions', input),
        (e: unknown) => e instanceof ApiError && e.code === 'invalid_input',
      );
    }
  });
});

describe('the known names follow the store', () => {
  const id = addSource('Sabratha', 'On Monday the Sabratha Martyrs Brigade entered Sabratha.');
  const candidateNames = () => suggestions(id).candidates.map((c) => c.name);
  const knownNames = () => suggestions(id).known.map((k) => k.name);

  test('a record created, renamed, given an alias or trashed here is seen by the next call', () => {
    assert.ok(candidateNames().includes('Sabratha Martyrs Brigade'));
    const actor = callMethod(db, 'actors.create', { name: 'Sabratha Martyrs Brigade', kind: 'armed group' }) as { id: number };
    assert.ok(knownNames().includes('Sabratha Martyrs Brigade'));
    assert.ok(!candidateNames().includes('Sabratha Martyrs Brigade'));

    callMethod(db, 'actors.update', { id: actor.id, name: 'Martyrs Brigade of Sabratha' });
    assert.ok(!knownNames().includes('Martyrs Brigade of Sabratha'), 'the old name no longer matches');
    callMethod(db, 'aliases.add', { owner: { kind: 'actor', id: actor.id }, name: 'Sabratha Martyrs Brigade' });
    assert.ok(knownNames().includes('Martyrs Brigade of Sabratha'), 'found by its alias');

    callMethod(db, 'actors.delete', { id: actor.id });
    assert.ok(!knownNames().includes('Martyrs Brigade of Sabratha'));
    assert.ok(candidateNames().includes('Sabratha Martyrs Brigade'));
  });

  test('a record written by another connection is seen too', () => {
    assert.ok(candidateNames().includes('Sabratha'));
    const other = openFieldbook(fieldbook.dataDir, { seed: false });
    try {
      callMethod(other.db, 'places.create', { name: 'Sabratha', kind: 'city', country: 'LY' });
    } finally {
      other.close();
    }
    assert.ok(suggestions(id).known.some((k) => k.kind === 'place' && k.name === 'Sabratha'));
    assert.ok(!candidateNames().includes('Sabratha'));
  });
});
