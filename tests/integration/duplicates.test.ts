// records.similar (duplicates caught before they exist) and records.duplicates
// (the duplicate finder), on the seeded store.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { likeness, namesIn, prepareName } from '../../db/duplicates/likeness.ts';
import type { Actor, EventRecord, Place, Source } from '../../db/shared/records.ts';
import { tempFieldbook } from '../helpers.ts';
import type { DuplicatesResult } from '../../db/shared/duplicates.ts';
import type { SimilarRecord } from '../../db/shared/duplicates.ts';

const { db } = tempFieldbook();
const call = <T>(method: string, input: unknown) => callMethod(db, method, input) as T;
const similar = (kind: string, name: string, extra: object = {}) => call<SimilarRecord[]>('records.similar', { kind, name, ...extra });
const names = (found: SimilarRecord[]) => found.map((f) => f.name);

describe('likeness', () => {
  const like = (a: string, b: string) => likeness(prepareName(a), prepareName(b));
  test('the same name folded, a typo within the bound, another script', () => {
    assert.equal(like('Al-Qaida', 'al qaida'), 'same');
    assert.equal(like('Al Qaida', 'AlQaida'), 'same');
    assert.equal(like('Sirte', 'Sirtr'), 'spelling'); // 5 letters: one edit
    assert.equal(like('Zuwara', 'Zwuara'), 'spelling'); // a transposition is one edit
    assert.equal(like('Misrata', 'Misuratah'), 'spelling'); // 7 letters: two edits
    assert.equal(like('Loumbila', 'لومبيلا'), 'script');
  });
  test('short names must be exact, and further spellings are other names', () => {
    assert.equal(like('Gao', 'Goa'), null); // under 4 letters: no correction
    assert.equal(like('Mali', 'Bali'), 'spelling');
    assert.equal(like('Niger', 'Nigeria'), null); // 5 letters: one edit only
    assert.equal(like('Tripoli', 'Tobruk'), null);
  });
  test('a name with its acronym in brackets stands for both', () => {
    assert.deepEqual(namesIn('Rapid Support Forces (RSF)'), ['Rapid Support Forces (RSF)', 'Rapid Support Forces', 'RSF']);
    assert.deepEqual(namesIn('Sirte'), ['Sirte']);
    assert.deepEqual(namesIn('Kurdish forces (northern Syria)'), ['Kurdish forces (northern Syria)']);
  });
});

describe('records.similar', () => {
  test('a seeded name with one typo is caught', () => {
    const found = similar('actor', 'Rapid Suport Forces');
    assert.deepEqual(names(found), ['Rapid Support Forces']);
    assert.equal(found[0]!.reason, 'spelling');
    assert.equal(found[0]!.matchedAs, 'name');
  });
  test('the reader’s selection "Rapid Support Forces (RSF)" is the seeded actor', () => {
    const found = similar('actor', 'Rapid Support Forces (RSF)');
    assert.deepEqual(names(found), ['Rapid Support Forces']);
    assert.equal(found[0]!.reason, 'same');
  });
  test('an alias is caught, folded for case and accents', () => {
    const found = similar('actor', 'fama');
    assert.deepEqual(names(found), ['Malian Armed Forces']);
    assert.deepEqual([found[0]!.reason, found[0]!.matchedAs, found[0]!.matched], ['same', 'alias', 'FAMa']);
    assert.deepEqual(names(similar('actor', 'Forces Armees Maliennes')), ['Malian Armed Forces']);
  });
  test('a transliteration is caught: an Arabic-script name and an alternative Latin spelling', () => {
    const arabic = similar('place', 'لومبيلا');
    assert.deepEqual(names(arabic), ['Loumbila']);
    assert.equal(arabic[0]!.reason, 'script');
    assert.deepEqual(names(similar('place', 'ستوتغارت')), ['Stuttgart']);
    const latin = similar('place', 'Misuratah');
    assert.deepEqual(names(latin), ['Misrata']);
    // And a new record's aliases are checked too.
    assert.deepEqual(names(similar('place', 'Nouvelle ville', { aliases: ['Tarablus'] })), ['Tripoli']);
  });
  test('unrelated names are not caught, nor a name only its Arabic alias resembles', () => {
    assert.deepEqual(similar('actor', 'Totally New Brigade'), []);
    assert.deepEqual(similar('actor', 'Islamic State in Mali'), []);
    assert.deepEqual(similar('place', 'Nigeria'), []);
    assert.deepEqual(similar('place', 'Gao'), []);
    assert.deepEqual(similar('actor', ''), []);
  });
  test('only records of the kind asked, and not the record itself', () => {
    const niger = call<Place[]>('places.list', {}).find((p) => p.name === 'Niger')!;
    assert.ok(similar('place', 'Niger').every((f) => f.kind === 'place'));
    assert.deepEqual(similar('place', 'Niger', { excludeId: niger.id }), []);
  });
  test('an event from a passage that already supports another event names that event', () => {
    const sourceId = call<Source[]>('sources.list', {}).find((s) => s.seedKey === 'libya-niger-nexus')!.id;
    const event = call<EventRecord[]>('events.list', {}).find((e) =>
      call<{ source: { id: number } }[]>('evidence.list', { subject: { kind: 'event', id: e.id } }).some((ev) => ev.source.id === sourceId),
    )!;
    const evidence = call<{ start: number; end: number; source: { id: number } }[]>('evidence.list', {
      subject: { kind: 'event', id: event.id },
    }).find((e) => e.source.id === sourceId)!;
    const found = similar('event', 'Something quite different happened', {
      passage: { sourceId, start: evidence.start + 1, end: evidence.end - 1 },
    });
    assert.ok(
      found.some((f) => f.id === event.id && f.reason === 'passage'),
      JSON.stringify(found),
    );
  });
});

describe('records.duplicates', () => {
  test('the seeded store holds no likely duplicates', () => {
    const result = call<DuplicatesResult>('records.duplicates', {});
    assert.deepEqual(result, { pairs: [], truncated: false });
  });
  test('a typo copy, an alias twin and an Arabic-script copy are paired with their originals, and a merge clears them', () => {
    const copy = call<Actor>('actors.create', { name: 'Rapid Suport Forces', kind: 'armed group' });
    const twin = call<Actor>('actors.create', { name: 'Forces Armées Maliennes', kind: 'armed forces' });
    const arabic = call<Place>('places.create', { name: 'لومبيلا', kind: 'town' });
    const bracketed = call<Actor>('actors.create', { name: 'Rapid Support Forces (RSF)', kind: 'armed group' });
    const event = call<EventRecord[]>('events.list', {}).find((e) => e.place && e.dateMin && e.dateMin === e.dateMax)!;
    const sameDay = call<EventRecord>('events.create', {
      title: 'Another report of the same day',
      type: event.type,
      date: event.dateMin,
      placeId: event.place!.id,
    });
    const { pairs } = call<DuplicatesResult>('records.duplicates', {});
    const pairOf = (kind: string, id: number) => pairs.find((p) => p.kind === kind && (p.left.id === id || p.right.id === id));
    assert.equal(pairOf('actor', copy.id)?.reasons[0]?.kind, 'spelling');
    assert.ok([pairOf('actor', copy.id)!.left.name, pairOf('actor', copy.id)!.right.name].includes('Rapid Support Forces'));
    assert.equal(pairOf('actor', twin.id)?.reasons[0]?.kind, 'same');
    assert.equal(pairOf('place', arabic.id)?.reasons[0]?.kind, 'script');
    // The selection as named in the text, acronym in brackets: the same name as the seeded actor.
    assert.equal(pairOf('actor', bracketed.id)?.reasons[0]?.kind, 'same');
    const day = pairOf('event', sameDay.id)!;
    assert.equal(day.reasons[0]!.kind, 'place-and-day');
    assert.equal(day.mergeable, true);
    assert.ok(day.left.fields.some((f) => f.label === 'Place' && f.value === event.place!.name));
    // Exact names rank first.
    assert.equal(pairs[0]!.reasons[0]!.kind, 'same');

    const survivor = pairOf('actor', copy.id)!.left.id === copy.id ? pairOf('actor', copy.id)!.right.id : pairOf('actor', copy.id)!.left.id;
    call('actors.merge', { survivorId: survivor, mergedId: copy.id });
    assert.equal(
      call<DuplicatesResult>('records.duplicates', {}).pairs.some((p) => p.left.id === copy.id || p.right.id === copy.id),
      false,
    );
    assert.deepEqual(
      call<DuplicatesResult>('records.duplicates', { kinds: ['place'] }).pairs.map((p) => p.kind),
      ['place'],
    );
  });
});
