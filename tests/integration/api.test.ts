import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod, METHOD_NAMES } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import type { DocNode } from '../../db/shared/schemas.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const { db } = tempFieldbook({ seed: false });
const call = <M extends MethodName>(method: M, input: unknown) => callMethod(db, method, input) as MethodResult<M>;

const SOURCE_TEXT =
  'On 25 February the Libyan National Army (LNA) retook the Al-Toum crossing. ' +
  'Khalifa Haftar commands the LNA. Russia’s Africa Corps supports it from airbases in the Fezzan.';

const paragraph = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const text = (t: string): DocNode => ({ type: 'text', text: t });
const mention = (kind: string, id: number, label: string): DocNode => ({ type: 'mention', attrs: { kind, id, label } });
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });

// Records made by the happy paths, used by the later tests.
const made = {} as {
  source: number;
  lna: number;
  haftar: number;
  russia: number;
  place: number;
  event: number;
  relation: number;
  evidence: number;
  annotation: number;
  note: number;
};

describe('happy paths', () => {
  test('sources.create stores the text with its hash and published range; get returns the text', () => {
    const source = call('sources.create', {
      title: 'LNA retakes Al-Toum',
      text: SOURCE_TEXT,
      published: '2026-03~',
      reliability: 'C',
      author: 'A. Analyst',
    });
    assert.equal(source.sha256.length, 64);
    assert.equal(source.publishedMin, '2026-03-01');
    assert.equal(source.length, SOURCE_TEXT.length);
    made.source = source.id;
    assert.equal(call('sources.get', { id: source.id }).text, SOURCE_TEXT);
    assert.deepEqual(
      call('sources.list', {}).map((s) => s.id),
      [source.id],
    );
    assert.equal(call('sources.update', { id: source.id, reliability: 'B' }).reliability, 'B');
  });

  test('actors.create/update/list/get keep aliases, folding duplicates and the own name away', () => {
    const lna = call('actors.create', {
      name: 'Libyan National Army',
      kind: 'armed forces',
      country: 'ly',
      aliases: [
        { name: 'LNA', kind: 'acronym' },
        { name: 'lna', kind: 'acronym' },
        { name: 'Libyan  National Army', kind: 'alias' },
      ],
    });
    assert.equal(lna.country, 'LY');
    assert.deepEqual(
      lna.aliases.map((a) => a.name),
      ['LNA'],
    );
    made.lna = lna.id;
    made.haftar = call('actors.create', { name: 'Khalifa Haftar', kind: 'person' }).id;
    made.russia = call('actors.create', { name: 'Russia', kind: 'state', aliases: [{ name: 'Moscow' }] }).id;
    const renamed = call('actors.update', {
      id: made.haftar,
      name: 'Khalifa Hifter',
      aliases: [{ name: 'Haftar', kind: 'other spelling' }],
    });
    assert.equal(renamed.name, 'Khalifa Hifter');
    assert.equal(renamed.aliases[0]!.kind, 'other spelling');
    assert.deepEqual(
      call('actors.list', { kind: 'person' }).map((a) => a.id),
      [made.haftar],
    );
    assert.equal(call('actors.get', { id: made.lna }).aliases[0]!.name, 'LNA');
  });

  test('aliases.add and aliases.remove edit one alias at a time', () => {
    const alias = call('aliases.add', { owner: { kind: 'actor', id: made.russia }, name: 'Kremlin', kind: 'alias' });
    assert.ok(call('actors.get', { id: made.russia }).aliases.some((a) => a.name === 'Kremlin'));
    call('aliases.remove', { owner: { kind: 'actor', id: made.russia }, aliasId: alias.id });
    assert.ok(!call('actors.get', { id: made.russia }).aliases.some((a) => a.name === 'Kremlin'));
  });

  test('places.create/update/list/get keep coordinates and precision', () => {
    const place = call('places.create', {
      name: 'Al-Toum crossing',
      kind: 'border',
      country: 'LY',
      lat: 22.7,
      lon: 14.1,
      precision: 2,
      aliases: [{ name: 'Toum', kind: 'alias' }],
    });
    made.place = place.id;
    assert.equal(call('places.update', { id: place.id, precision: 1 }).precision, 1);
    assert.equal(call('places.get', { id: place.id }).lat, 22.7);
    assert.equal(call('places.list', {}).length, 1);
  });

  test('events.create/update/list/get keep EDTF dates with their day range, place and roles', () => {
    const event = call('events.create', {
      title: 'LNA retakes the Al-Toum crossing',
      date: 'XXXX-02-25',
      type: 'Battles',
      subType: 'Non-state actor overtakes territory',
      placeId: made.place,
      participants: [{ actorId: made.lna, role: 'actor1' }],
    });
    assert.equal(event.dateMin, null, 'a date without a year has no guessed bounds');
    assert.equal(event.place?.name, 'Al-Toum crossing');
    made.event = event.id;
    const updated = call('events.update', { id: event.id, date: '2026-02-25?', fatalities: 3 });
    assert.equal(updated.dateMin, '2026-02-25');
    assert.equal(updated.fatalities, 3);
    assert.deepEqual(updated.participants, [{ actorId: made.lna, name: 'Libyan National Army', role: 'actor1' }]);
    assert.deepEqual(
      call('events.list', { actorId: made.lna }).map((e) => e.id),
      [event.id],
    );
    assert.equal(call('events.get', { id: event.id }).title, 'LNA retakes the Al-Toum crossing');
    const lnaPage = call('actors.get', { id: made.lna });
    assert.deepEqual(
      lnaPage.events.map((e) => [e.id, e.role]),
      [[event.id, 'actor1']],
    );
    assert.deepEqual(
      call('places.get', { id: made.place }).events.map((e) => e.id),
      [event.id],
    );
  });

  test('relations.create/update/list/get link two actors over EDTF dates', () => {
    const relation = call('relations.create', { sourceId: made.haftar, targetId: made.lna, type: 'commands', start: '2014' });
    assert.equal(relation.startMin, '2014-01-01');
    made.relation = relation.id;
    assert.equal(call('relations.update', { id: relation.id, description: 'Haftar leads the LNA.' }).description, 'Haftar leads the LNA.');
    assert.deepEqual(
      call('relations.list', { actorId: made.lna }).map((r) => r.id),
      [relation.id],
    );
    assert.equal(call('relations.get', { id: relation.id }).source.name, 'Khalifa Hifter');
  });

  test('evidence.create anchors the quote in its source with prefix, suffix and offsets', () => {
    const quote = 'Khalifa Haftar commands the LNA.';
    const evidence = call('evidence.create', {
      subject: { kind: 'relation', id: made.relation },
      sourceId: made.source,
      quote,
      credibility: 3,
    });
    assert.equal(SOURCE_TEXT.slice(evidence.start, evidence.end), quote);
    assert.ok(SOURCE_TEXT.slice(0, evidence.start).endsWith(evidence.prefix));
    assert.ok(SOURCE_TEXT.slice(evidence.end).startsWith(evidence.suffix));
    made.evidence = evidence.id;
    assert.equal(call('evidence.update', { id: evidence.id, credibility: 2 }).credibility, 2);
    assert.deepEqual(
      call('evidence.list', { subject: { kind: 'relation', id: made.relation } }).map((e) => e.id),
      [evidence.id],
    );
    assert.deepEqual(
      call('evidence.list', { sourceId: made.source }).map((e) => e.id),
      [evidence.id],
    );
    assert.equal(call('evidence.get', { id: evidence.id }).subject.name, 'Khalifa Hifter commands Libyan National Army');
    assert.equal(call('relations.get', { id: made.relation }).evidence.length, 1);
  });

  test('evidence.create refuses the same passage twice for one record, and allows it for another record', () => {
    const input = {
      subject: { kind: 'relation', id: made.relation },
      sourceId: made.source,
      quote: 'Khalifa Haftar commands the LNA.',
      credibility: 3,
    };
    const before = storeDigest(db);
    assert.throws(
      () => call('evidence.create', input),
      (e: unknown) =>
        e instanceof ApiError &&
        e.code === 'conflict' &&
        /already evidence for “Khalifa Hifter commands Libyan National Army”/.test(e.message),
    );
    assert.equal(storeDigest(db), before);
    const forActor = call('evidence.create', { ...input, subject: { kind: 'actor', id: made.haftar } });
    assert.equal(call('evidence.list', { sourceId: made.source }).length, 2);
    call('evidence.delete', { id: forActor.id });
  });

  test('annotations.create/update/list/get highlight a passage and link it to entities', () => {
    const annotation = call('annotations.create', {
      sourceId: made.source,
      quote: 'Africa Corps',
      comment: 'rebranded Wagner',
      color: 'pink',
      links: [{ kind: 'actor', id: made.russia }],
    });
    assert.equal(SOURCE_TEXT.slice(annotation.start, annotation.end), 'Africa Corps');
    assert.deepEqual(annotation.links, [{ kind: 'actor', id: made.russia, name: 'Russia' }]);
    made.annotation = annotation.id;
    assert.equal(call('annotations.update', { id: annotation.id, color: 'green' }).color, 'green');
    assert.equal(call('annotations.list', { sourceId: made.source }).length, 1);
    assert.equal(call('annotations.get', { id: annotation.id }).comment, 'rebranded Wagner');
    assert.equal(call('actors.get', { id: made.russia }).annotations.length, 1);
    assert.equal(call('sources.list', {})[0]!.annotationCount, 1);
  });

  test('notes.create/update derive text, links with context, tags and backlinks from the document', () => {
    const note = call('notes.create', {
      title: 'Southern border',
      body: doc(
        paragraph(text('The crossing changed hands. '), mention('actor', made.lna, 'LNA'), text(' moved first. #border')),
        paragraph(text('See '), mention('place', made.place, 'Al-Toum crossing'), text('.')),
      ),
    });
    assert.equal(note.text, 'The crossing changed hands. LNA moved first. #border\nSee Al-Toum crossing.');
    assert.deepEqual(note.tags, ['border']);
    assert.deepEqual(
      note.links.map((l) => [l.kind, l.id, l.context]),
      [
        ['actor', made.lna, 'LNA moved first.'],
        ['place', made.place, 'See Al-Toum crossing.'],
      ],
    );
    made.note = note.id;
    const backlinks = call('actors.get', { id: made.lna }).backlinks;
    assert.deepEqual(
      backlinks.map((b) => [b.noteId, b.context]),
      [[note.id, 'LNA moved first.']],
    );

    const second = call('notes.create', {
      title: 'Follow-up',
      body: doc(paragraph(text('Builds on '), mention('note', note.id, 'Southern border'))),
    });
    assert.deepEqual(
      call('notes.get', { id: note.id }).backlinks.map((b) => b.noteId),
      [second.id],
    );

    const updated = call('notes.update', { id: note.id, body: doc(paragraph(text('Nothing linked now. #revised'))) });
    assert.deepEqual(updated.links, []);
    assert.deepEqual(updated.tags, ['revised']);
    assert.deepEqual(call('actors.get', { id: made.lna }).backlinks, []);
    assert.deepEqual(
      call('notes.list', { tag: '#revised' }).map((n) => n.id),
      [note.id],
    );
    assert.equal(call('notes.list', {})[0]!.id, note.id, 'newest first');
  });

  test('a mention chip shows the current name of a renamed record', () => {
    const note = call('notes.create', { title: 'Rename', body: doc(paragraph(mention('actor', made.russia, 'Russia'))) });
    call('actors.update', { id: made.russia, name: 'Russian Federation' });
    assert.equal(call('notes.get', { id: note.id }).links[0]!.name, 'Russian Federation');
  });

  test('delete moves to the trash; restore brings back; purge deletes for good', () => {
    call('notes.delete', { id: made.note });
    assert.ok(!call('notes.list', {}).some((n) => n.id === made.note));
    assert.deepEqual(
      call('trash.list', {}).map((t) => [t.kind, t.id]),
      [['note', made.note]],
    );
    call('trash.restore', { kind: 'note', id: made.note });
    assert.ok(call('notes.list', {}).some((n) => n.id === made.note));

    const spare = call('actors.create', { name: 'Spare', kind: 'person' });
    call('actors.delete', { id: spare.id });
    assert.throws(
      () => call('actors.get', { id: spare.id }),
      (e: ApiError) => e.code === 'not_found',
    );
    call('trash.purge', { kind: 'actor', id: spare.id });
    assert.deepEqual(call('trash.list', {}), []);

    for (const [kind, method] of [
      ['place', 'places.delete'],
      ['event', 'events.delete'],
      ['source', 'sources.delete'],
    ] as const) {
      const id = kind === 'place' ? made.place : kind === 'event' ? made.event : made.source;
      call(method, { id });
      call('trash.restore', { kind, id });
    }
    const temp = call('relations.create', { sourceId: made.russia, targetId: made.lna, type: 'supports' });
    call('relations.delete', { id: temp.id });
    const tempEvidence = call('evidence.create', {
      subject: { kind: 'actor', id: made.lna },
      sourceId: made.source,
      quote: 'LNA',
      credibility: 2,
    });
    call('evidence.delete', { id: tempEvidence.id });
    const tempAnnotation = call('annotations.create', { sourceId: made.source, quote: 'Fezzan' });
    call('annotations.delete', { id: tempAnnotation.id });
    const junk = call('notes.create', { title: 'junk' });
    call('notes.delete', { id: junk.id });
    assert.deepEqual(call('trash.empty', {}), { purged: 1 });
  });

  test('stats.get counts what is live', () => {
    assert.deepEqual(call('store.status', {}), { readOnly: false });
    assert.deepEqual(call('stats.get', {}), { sources: 1, actors: 3, places: 1, events: 1, relations: 1, notes: 3, annotations: 1 });
  });

  test('dates.find reads dates as EDTF, a day without a year resolved against the source', () => {
    const found = call('dates.find', { text: 'Clashes on 13 October and again on 2 March 2024.', sourceId: made.source }) as {
      edtf: string;
      certainty: string;
    }[];
    assert.deepEqual(
      found.map((d) => [d.edtf, d.certainty]),
      [
        ['2025-10-13?', 'inferred-year'],
        ['2024-03-02', 'stated'],
      ],
    );
    assert.equal((call('dates.find', { text: 'On 25 February.' }) as { edtf: string }[])[0]?.edtf, 'XXXX-02-25');
  });

  test('every method of the contract has a happy path above', () => {
    const covered = new Set<string>();
    // The tests above call each of these; this guards against a method added without a test.
    for (const group of ['notes', 'actors', 'places', 'events', 'relations', 'sources', 'annotations', 'evidence']) {
      for (const verb of ['list', 'get', 'create', 'update', 'delete']) covered.add(`${group}.${verb}`);
    }
    for (const m of ['search', 'stats.get', 'aliases.add', 'aliases.remove', 'trash.list', 'trash.restore', 'trash.purge', 'trash.empty'])
      covered.add(m);
    // Tested in their own files: search.test.ts, search-prepare.test.ts, merge.test.ts, suggestions.test.ts, reanchor.test.ts,
    // notes-list.test.ts (tags.list, settings.*); workflows.test.ts, duplicates.test.ts; dates.find just below;
    // store.status in store-restore.test.ts.
    for (const m of [
      'store.status',
      'relations.restore', // relation-undo.test.ts
      'events.merge', // event-merge.test.ts
      'search.prepare',
      'search.readiness', // search-prepare.test.ts
      'search.indexSources', // source-indexing.test.ts
      'search.tidyIndexes', // name-index-snapshot.test.ts, segment-merge.test.ts
      'actors.merge',
      'places.merge',
      'merges.list',
      'merges.undo',
      'sources.updateText',
      'dates.find',
      'tags.list',
      'settings.get',
      'settings.update',
      // case-file.test.ts, acled.test.ts
      'exchange.case.export',
      'exchange.case.preview',
      'exchange.case.import',
      'exchange.acled.export',
      'exchange.acled.preview',
      'exchange.acled.import',
      'exchange.stix.export', // stix.test.ts
      // stix-import.test.ts, import-undo.test.ts
      'exchange.stix.preview',
      'exchange.stix.import',
      'exchange.undoImport',
      'exchange.markdown.export', // markdown-vault.test.ts
      // map-chart.test.ts
      'map.data',
      'chart.graph',
      'chart.arrange',
      // gazetteer.test.ts
      'places.suggestCoordinates',
      'map.cities',
      'records.createFromPassage',
      'aliases.addWithEvidence',
      'aliases.removeWithEvidence',
      'notes.quote',
      'records.similar',
      'records.duplicates',
    ])
      covered.add(m);
    assert.deepEqual([...METHOD_NAMES].sort(), [...covered].sort());
  });
});

describe('bad input gets a clear error naming the field and changes nothing', () => {
  const bad: [MethodName | string, unknown, string, string][] = [
    ['notes.launch', {}, 'unknown_method', ''],
    ['notes.get', { id: -1 }, 'invalid_input', 'id'],
    ['notes.get', { id: '1' }, 'invalid_input', 'id'],
    ['notes.get', { id: 99999 }, 'not_found', 'id'],
    ['notes.create', { title: 7 }, 'invalid_input', 'title'],
    ['notes.create', { body: { type: 'paragraph' } }, 'invalid_input', 'body'],
    ['notes.create', { body: 'hello' }, 'invalid_input', 'body'],
    ['notes.create', { body: doc(paragraph(text('x'.repeat(6 * 1024 * 1024)))) }, 'invalid_input', 'body'],
    [
      'notes.create',
      { title: 'x', body: doc(paragraph(mention('weapon', 1, 'AK-47'))) },
      'invalid_input',
      'body.content.0.content.0.attrs.kind',
    ],
    ['notes.create', { title: 'x', extra: true }, 'invalid_input', ''],
    ['notes.update', { id: 99999, title: 'x' }, 'not_found', 'id'],
    ['notes.delete', { id: 99999 }, 'not_found', 'id'],
    ['actors.create', { name: '   ', kind: 'person' }, 'invalid_input', 'name'],
    ['actors.create', { name: 'X', kind: 'wizard' }, 'invalid_input', 'kind'],
    ['actors.create', { name: 'X', kind: 'state', country: 'Libya' }, 'invalid_input', 'country'],
    ['actors.create', { name: 'X', kind: 'state', aliases: [{ name: 'Y', kind: 'nickname' }] }, 'invalid_input', 'aliases.0.kind'],
    ['actors.update', { id: 99999, name: 'X' }, 'not_found', 'id'],
    ['actors.delete', { id: 99999 }, 'not_found', 'id'],
    ['aliases.add', { owner: { kind: 'actor', id: 1 }, name: 'LNA' }, 'conflict', 'name'],
    ['aliases.remove', { owner: { kind: 'actor', id: 1 }, aliasId: 99999 }, 'not_found', 'aliasId'],
    ['places.create', { name: 'X', kind: 'city', lat: 95, lon: 0 }, 'invalid_input', 'lat'],
    ['places.create', { name: 'X', kind: 'city', lat: 10 }, 'invalid_input', 'lon'],
    ['places.create', { name: 'X', kind: 'city', precision: 4 }, 'invalid_input', 'precision'],
    ['events.create', { title: 'X', type: 'Battles', date: 'last spring' }, 'invalid_input', 'date'],
    ['events.create', { title: 'X', type: 'Skirmish' }, 'invalid_input', 'type'],
    ['events.create', { title: 'X', type: 'Battles', placeId: 99999 }, 'invalid_input', 'placeId'],
    [
      'events.create',
      {
        title: 'X',
        type: 'Battles',
        participants: [
          { actorId: 1, role: 'actor1' },
          { actorId: 99999, role: 'actor2' },
        ],
      },
      'invalid_input',
      'participants.1.actorId',
    ],
    ['events.create', { title: 'X', type: 'Battles', fatalities: -2 }, 'invalid_input', 'fatalities'],
    ['events.update', { id: 1, participants: [{ actorId: 1, role: 'spectator' }] }, 'invalid_input', 'participants.0.role'],
    ['relations.create', { sourceId: 1, targetId: 1, type: 'fights' }, 'invalid_input', 'targetId'],
    ['relations.create', { sourceId: 1, targetId: 99999, type: 'fights' }, 'invalid_input', 'targetId'],
    ['relations.create', { sourceId: 1, targetId: 2, type: 'loves' }, 'invalid_input', 'type'],
    ['relations.create', { sourceId: 1, targetId: 2, type: 'fights', start: '2020', end: '2019' }, 'invalid_input', 'end'],
    ['relations.delete', { id: 99999 }, 'not_found', 'id'],
    ['sources.create', { title: 'Dup', text: SOURCE_TEXT }, 'conflict', 'text'],
    ['sources.create', { title: 'Empty', text: '   \n ' }, 'invalid_input', 'text'],
    ['sources.create', { title: 'Binary', text: 'PK\u0003\u0004\u0000\u0000' }, 'invalid_input', 'text'],
    ['sources.create', { title: 'X', text: 'y', reliability: 'G' }, 'invalid_input', 'reliability'],
    ['sources.create', { title: 'X', text: 'y', url: 'javascript:alert(1)' }, 'invalid_input', 'url'],
    ['sources.update', { id: 1, text: 'changed' }, 'invalid_input', ''],
    [
      'evidence.create',
      { subject: { kind: 'actor', id: 1 }, sourceId: 1, quote: 'not in the text', credibility: 2 },
      'invalid_input',
      'quote',
    ],
    [
      'evidence.create',
      { subject: { kind: 'actor', id: 1 }, sourceId: 1, quote: 'LNA', start: 0, credibility: 2 },
      'invalid_input',
      'quote',
    ],
    ['evidence.create', { subject: { kind: 'actor', id: 1 }, sourceId: 1, quote: 'LNA', credibility: 7 }, 'invalid_input', 'credibility'],
    ['evidence.create', { subject: { kind: 'weapon', id: 1 }, sourceId: 1, quote: 'LNA', credibility: 2 }, 'invalid_input', 'subject.kind'],
    [
      'evidence.create',
      { subject: { kind: 'event', id: 99999 }, sourceId: 1, quote: 'LNA', credibility: 2 },
      'invalid_input',
      'subject.id',
    ],
    ['evidence.update', { id: 99999, credibility: 2 }, 'not_found', 'id'],
    ['annotations.create', { sourceId: 1, quote: 'LNA', color: 'black' }, 'invalid_input', 'color'],
    ['annotations.create', { sourceId: 1, quote: 'LNA', links: [{ kind: 'actor', id: 99999 }] }, 'invalid_input', 'links.0.id'],
    ['annotations.create', { sourceId: 99999, quote: 'LNA' }, 'invalid_input', 'sourceId'],
    ['annotations.delete', { id: 99999 }, 'not_found', 'id'],
    ['trash.restore', { kind: 'note', id: 1 }, 'not_found', 'id'],
    ['trash.purge', { kind: 'actor', id: 1 }, 'not_found', 'id'],
    ['stats.get', { verbose: true }, 'invalid_input', ''],
    ['actors.list', { limit: 0 }, 'invalid_input', 'limit'],
    ['actors.list', null, 'invalid_input', ''],
  ];

  for (const [method, input, code, path] of bad) {
    test(`${method} ${JSON.stringify(input).slice(0, 90)} → ${code} at "${path}"`, () => {
      const before = storeDigest(db);
      assert.throws(
        () => callMethod(db, method, input),
        (error: unknown) => {
          assert.ok(error instanceof ApiError, `an ApiError, not ${String(error)}`);
          assert.equal(error.code, code, error.message);
          assert.ok(error.message.length > 0);
          if (code !== 'unknown_method')
            assert.ok(
              error.issues.some((i) => i.path === path),
              `${JSON.stringify(error.issues)} names ${path}`,
            );
          return true;
        },
      );
      assert.equal(storeDigest(db), before, 'the store is unchanged');
    });
  }

  test('a failure half-way through a write rolls back the part already written', () => {
    const before = storeDigest(db);
    // The alias list is written before the participants are checked; the whole call must vanish.
    assert.throws(() =>
      callMethod(db, 'events.update', { id: made.event, title: 'Renamed', participants: [{ actorId: 99999, role: 'actor1' }] }),
    );
    assert.equal(storeDigest(db), before);
    assert.equal(call('events.get', { id: made.event }).title, 'LNA retakes the Al-Toum crossing');
  });
});
