import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { callAnyMethod, callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { SUGGEST_IN_WORKER_FROM, suggestMentions, type Suggestions } from '../../db/extract/suggest.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import type { Source, SourceDetail } from '../../db/shared/records.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';

const fieldbook = tempFieldbook();
const { db } = fieldbook;
const suggestions = (id: number) => callAnyMethod(db, 'sources.suggestions', { id }) as Promise<Suggestions>;
const sources = callMethod(db, 'sources.list', {}) as Source[];
const sourceId = (seedKey: string) => sources.find((s) => s.seedKey === seedKey)!.id;
const textOf = (id: number) => (callMethod(db, 'sources.get', { id }) as SourceDetail).text;
const knownNamed = (s: Suggestions, name: string, kind = 'actor') => s.known.find((k) => k.name === name && k.kind === kind);
const addSource = (title: string, text: string) => (callMethod(db, 'sources.create', { title, text }) as Source).id;

describe('sources.suggestions on the seeded store', () => {
  const nexus = sourceId('libya-niger-nexus');
  const text = textOf(nexus);
  let result: Suggestions;
  before(async () => {
    result = await suggestions(nexus);
  });

  test('finds the known actors and places of the Libya-Niger source by name and alias', async () => {
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

  test('every occurrence is the slice of the text at its offsets, sorted by first occurrence', async () => {
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

  test('known names are not proposed again as candidates', async () => {
    const candidates = new Set(result.candidates.map((c) => c.name));
    for (const name of ['LNA', 'Libyan National Army', 'Khalifa Haftar', 'Africa Corps', 'Al-Toum', 'Tripoli'])
      assert.ok(!candidates.has(name), name);
  });

  test('an ordinary word such as "is" or "us" is never the actor IS or US, in any seed document', async () => {
    for (const source of sources) {
      const s = await suggestions(source.id);
      for (const name of ['Islamic State', 'United States']) {
        for (const o of knownNamed(s, name)?.occurrences ?? []) {
          assert.notEqual(o.text.toLowerCase(), o.text, `${name} as "${o.text}" in ${source.seedKey}`);
        }
      }
    }
    const id = addSource('Acronyms', 'This is what they told us: the US says IS is weak. Is it? Tell us.');
    const s = await suggestions(id);
    assert.deepEqual(
      knownNamed(s, 'Islamic State')?.occurrences.map((o) => o.text),
      ['IS'],
    );
    assert.deepEqual(
      knownNamed(s, 'United States')?.occurrences.map((o) => o.text),
      ['US'],
    );
  });

  test('names the store does not know come out as candidates', async () => {
    const id = addSource('Qasr', 'The Qasr Brigade attacked Tindouf at dawn. Witnesses said the Qasr Brigade came from Zuwara.');
    const s = await suggestions(id);
    const brigade = s.candidates.find((c) => c.name === 'Qasr Brigade');
    assert.ok(brigade, s.candidates.map((c) => c.name).join(', '));
    assert.equal(brigade.kind, 'actor');
    assert.equal(brigade.occurrences.length, 2);
    assert.ok(brigade.confidence > 0 && brigade.confidence <= 1);
    assert.ok(s.candidates.some((c) => c.name === 'Tindouf'));
    assert.ok(knownNamed(s, 'Zuwara', 'place'), 'Zuwara is a seeded place');
    assert.ok(!s.candidates.some((c) => c.name === 'Zuwara'));
  });

  test('writes nothing', async () => {
    const before = storeDigest(db);
    for (const source of sources) await suggestions(source.id);
    assert.equal(storeDigest(db), before);
  });

  test('a missing or trashed source is not_found; a bad id is invalid_input', async () => {
    await assert.rejects(
      () => suggestions(999_999),
      (e: unknown) => e instanceof ApiError && e.code === 'not_found',
    );
    const id = addSource('Trashed', 'Kidal and Gao.');
    callMethod(db, 'sources.delete', { id });
    await assert.rejects(
      () => suggestions(id),
      (e: unknown) => e instanceof ApiError && e.code === 'not_found',
    );
    for (const input of [{}, { id: 'x' }, { id: 0 }, { id: 1, extra: true }]) {
      await assert.rejects(
        () => callAnyMethod(db, 'sources.suggestions', input),
        (e: unknown) => e instanceof ApiError && e.code === 'invalid_input',
      );
    }
  });
});

describe('the known names follow the store', () => {
  const id = addSource('Sabratha', 'On Monday the Sabratha Martyrs Brigade entered Sabratha.');
  const candidateNames = async () => (await suggestions(id)).candidates.map((c) => c.name);
  const knownNames = async () => (await suggestions(id)).known.map((k) => k.name);

  test('a record created, renamed, given an alias or trashed here is seen by the next call', async () => {
    assert.ok((await candidateNames()).includes('Sabratha Martyrs Brigade'));
    const actor = callMethod(db, 'actors.create', { name: 'Sabratha Martyrs Brigade', kind: 'armed group' }) as { id: number };
    assert.ok((await knownNames()).includes('Sabratha Martyrs Brigade'));
    assert.ok(!(await candidateNames()).includes('Sabratha Martyrs Brigade'));

    callMethod(db, 'actors.update', { id: actor.id, name: 'Martyrs Brigade of Sabratha' });
    assert.ok(!(await knownNames()).includes('Martyrs Brigade of Sabratha'), 'the old name no longer matches');
    callMethod(db, 'aliases.add', { owner: { kind: 'actor', id: actor.id }, name: 'Sabratha Martyrs Brigade' });
    assert.ok((await knownNames()).includes('Martyrs Brigade of Sabratha'), 'found by its alias');

    callMethod(db, 'actors.delete', { id: actor.id });
    assert.ok(!(await knownNames()).includes('Martyrs Brigade of Sabratha'));
    assert.ok((await candidateNames()).includes('Sabratha Martyrs Brigade'));
  });

  test('a record written by another connection is seen too', async () => {
    assert.ok((await candidateNames()).includes('Sabratha'));
    const other = openFieldbook(fieldbook.dataDir, { seed: false });
    try {
      callMethod(other.db, 'places.create', { name: 'Sabratha', kind: 'city', country: 'LY' });
    } finally {
      other.close();
    }
    assert.ok((await suggestions(id)).known.some((k) => k.kind === 'place' && k.name === 'Sabratha'));
    assert.ok(!(await candidateNames()).includes('Sabratha'));
  });
});

describe('a long text is read for names in a worker thread', () => {
  const nexus = textOf(sourceId('libya-niger-nexus'));
  const long = Array.from({ length: Math.ceil(SUGGEST_IN_WORKER_FROM / nexus.length) + 1 }, () => nexus).join('\n');
  const id = addSource('The nexus, many times', long);

  test('the store answers other calls before the suggestions are ready, and they are the same as read here', async () => {
    let ready = false;
    const pending = suggestions(id).then((s) => {
      ready = true;
      return s;
    });
    // Read in this thread, the suggestions would be ready before the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(ready, false, 'still being read elsewhere');
    assert.equal((callMethod(db, 'sources.get', { id }) as SourceDetail).id, id);
    assert.deepEqual(await pending, suggestMentions(db, long));
    assert.ok((await pending).known.some((k) => k.name === 'Khalifa Haftar'));
  });

  test('a trashed long source is not_found, nothing read', async () => {
    const trashed = addSource('Another long one', `${long}\nThe end.`);
    callMethod(db, 'sources.delete', { id: trashed });
    await assert.rejects(
      () => suggestions(trashed),
      (e: unknown) => e instanceof ApiError && e.code === 'not_found',
    );
  });
});
