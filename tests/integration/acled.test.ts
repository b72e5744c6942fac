import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { ACLED_COLUMNS, edtfFromAcled, timePrecision } from '../../db/exchange/acled.ts';
import { parseCsv } from '../../db/shared/spreadsheet-csv.ts';
import type { EventRecord } from '../../db/shared/records.ts';
import type { Db } from '../../db/store/db.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const caller =
  (db: Db) =>
  <M extends MethodName>(method: M, input: unknown) =>
    callMethod(db, method, input) as MethodResult<M>;

/** What an event is, by names rather than ids (ids differ between stores). */
const essence = (e: EventRecord) => ({
  uuid: e.uuid,
  title: e.title,
  date: e.date,
  dateMin: e.dateMin,
  dateMax: e.dateMax,
  type: e.type,
  subType: e.subType,
  place: e.place?.name ?? null,
  fatalities: e.fatalities,
  summary: e.summary,
  participants: e.participants.map((p) => `${p.role}:${p.name}`).sort(),
});

test('time_precision follows how uncertain the date is, and comes back as EDTF', () => {
  assert.equal(timePrecision('2019-10-13', '2019-10-13', '2019-10-13'), 1);
  assert.equal(timePrecision('2019-10-13~', '2019-10-12', '2019-10-14'), 2);
  assert.equal(timePrecision('2019-10', '2019-10-01', '2019-10-31'), 3);
  assert.equal(timePrecision('2019-09/2019-10', '2019-09-01', '2019-10-31'), 3);
  assert.equal(timePrecision(null, null, null), 3);
  assert.equal(edtfFromAcled('2019-10-13', '1'), '2019-10-13');
  assert.equal(edtfFromAcled('2019-10-13', '2'), '2019-10-13~');
  assert.equal(edtfFromAcled('13 October 2019', '3'), '2019-10');
});

test('ACLED CSV out of one store and into a fresh seeded one restores the events, their dates, places, actors and fatalities', () => {
  const a = tempFieldbook();
  const call = caller(a.db);
  const seedActor = call('actors.list', {}).find((x) => /Wagner/i.test(x.name)) ?? call('actors.list', {})[0]!;
  const seedPlace = call('places.list', {})[0]!;
  const newActor = call('actors.create', { name: 'Katiba Example', kind: 'armed group', aliases: [{ name: 'KE', kind: 'acronym' }] });
  const newPlace = call('places.create', { name: 'Tessit', kind: 'town', country: 'ML', lat: 15.9, lon: 0.3, precision: 1 });
  const made = [
    call('events.create', {
      title: 'Ambush near Tessit',
      date: '2024-03-05',
      type: 'Battles',
      subType: 'Armed clash',
      placeId: newPlace.id,
      fatalities: 12,
      summary: '=SUM(A1) looks like a formula, -5 too',
      participants: [
        { actorId: newActor.id, role: 'actor1' },
        { actorId: seedActor.id, role: 'actor2' },
      ],
    }),
    call('events.create', {
      title: 'Drone strike, month known',
      date: '2024-04',
      type: 'Explosions/Remote violence',
      placeId: seedPlace.id,
      fatalities: null,
      participants: [{ actorId: seedActor.id, role: 'actor1' }],
    }),
    call('events.create', {
      title: 'Talks, late September to October',
      date: '2019-09/2019-10',
      type: 'Strategic developments',
      placeId: null,
      participants: [
        { actorId: newActor.id, role: 'actor1' },
        { actorId: seedActor.id, role: 'assoc_actor1' },
      ],
    }),
  ];
  const { content, events } = call('exchange.acled.export', {});
  assert.equal(events, call('events.list', {}).length);
  const [header, ...rows] = parseCsv(content);
  assert.deepEqual(header!.slice(0, ACLED_COLUMNS.length), [...ACLED_COLUMNS]);
  const row = rows.find((r) => r[0] === made[0]!.uuid)!;
  const field = (name: string) => row[header!.indexOf(name)];
  assert.equal(field('event_date'), '2024-03-05');
  assert.equal(field('time_precision'), '1');
  assert.equal(field('country'), 'Mali');
  assert.equal(field('notes'), "'=SUM(A1) looks like a formula, '-5 too", 'the spreadsheet guard holds');
  assert.equal(rows.find((r) => r[0] === made[1]!.uuid)![header!.indexOf('time_precision')], '3');

  const b = tempFieldbook();
  const into = caller(b.db);
  const before = storeDigest(b.db);
  const preview = into('exchange.acled.preview', { content });
  assert.equal(storeDigest(b.db), before, 'the preview writes nothing');
  assert.deepEqual(preview.created, { events: 3, actors: 1, places: 1 });
  assert.equal(preview.matched.events, events - 3, 'the seed events are the same records (same UUIDs)');
  const { importId, ...result } = into('exchange.acled.import', { content });
  assert.deepEqual(result, preview);
  assert.ok(importId, 'the import is logged, to be undone as a whole');
  for (const event of made) {
    const restored = into('events.list', {}).find((e) => e.uuid === event.uuid)!;
    assert.deepEqual(essence(restored), essence(call('events.get', { id: event.id })));
  }
  const tessit = into('places.list', {}).find((p) => p.name === 'Tessit')!;
  assert.deepEqual([tessit.country, tessit.lat, tessit.lon, tessit.precision], ['ML', 15.9, 0.3, 1]);
  assert.equal(into('actors.list', {}).filter((x) => x.name === seedActor.name).length, 1, 'a known actor is matched, not duplicated');

  // The same file again changes nothing.
  const once = storeDigest(b.db);
  const again = into('exchange.acled.import', { content });
  assert.deepEqual(again.created, { events: 0, actors: 0, places: 0 });
  assert.equal(storeDigest(b.db), once);
});

test('a CSV from ACLED itself: actors and places matched by alias, folded, or created once; bad rows skipped with a reason', () => {
  const { db } = tempFieldbook();
  const call = caller(db);
  const place = call('places.list', {})[0]!;
  const actor = call('actors.list', {}).find((x) => x.aliases.length > 0)!;
  const line = (id: string, date: string, precision: string, type: string, actor1: string, location: string) =>
    [
      id,
      date,
      date.slice(-4),
      precision,
      '',
      type,
      '',
      actor1,
      '',
      'New Militia',
      '',
      '24',
      'Niger',
      '',
      location,
      '',
      '',
      '',
      'Local paper',
      'National',
      'Something happened.',
      '3',
      '1700000000',
    ]
      .map((f) => `"${f}"`)
      .join(',');
  const content = [
    ACLED_COLUMNS.join(','),
    line('NER1', '13 October 2019', '2', 'Battles', actor.aliases[0]!.name.toUpperCase(), place.name.toLowerCase()),
    line('NER2', '14 October 2019', '1', 'Battles', actor.name, 'Nowhere Village'),
    line('NER3', '14 October 2019', '1', 'Picnics', actor.name, 'Nowhere Village'),
  ].join('\n');
  const result = call('exchange.acled.import', { content });
  assert.deepEqual(result.created, { events: 2, actors: 1, places: 1 });
  assert.deepEqual(result.matched, { events: 0, actors: 1, places: 1 });
  assert.deepEqual(
    result.skipped.map((s) => s.line),
    [4],
  );
  const first = call('events.list', {}).find((e) => e.summary.startsWith('Something happened.') && e.date === '2019-10-13~')!;
  assert.equal(first.place?.id, place.id);
  assert.ok(first.participants.some((p) => p.actorId === actor.id && p.role === 'actor1'));
  assert.match(first.summary, /Source \(ACLED\): Local paper/);
  assert.equal(call('actors.list', {}).filter((x) => x.name === 'New Militia').length, 1);
  assert.equal(call('exchange.acled.import', { content }).created.events, 0, 'ACLED ids match again on a second import');

  const before = storeDigest(db);
  assert.throws(
    () => call('exchange.acled.import', { content: 'a,b\n1,2\n' }),
    (e) => e instanceof ApiError && /lacks the ACLED columns.*event_id_cnty/.test(e.message),
  );
  assert.throws(
    () => call('exchange.acled.import', { content: `${ACLED_COLUMNS.join(',')}\n"unclosed` }),
    (e) => e instanceof ApiError && /not a readable CSV/.test(e.message),
  );
  assert.equal(storeDigest(db), before);
});
