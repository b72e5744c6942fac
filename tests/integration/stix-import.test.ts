import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../../bin/cli.ts';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { exchangeKindOfText } from '../../db/shared/exchange-kind.ts';
import type { Db } from '../../db/store/db.ts';
import { storeDigest, tempDir, tempFieldbook } from '../helpers.ts';
import { AUTHOR, openCtiBundle } from '../fixtures/stix-bundle.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const caller =
  (db: Db) =>
  <M extends MethodName>(method: M, input: unknown) =>
    callMethod(db, method, input) as MethodResult<M>;

test('STIX out of a seeded store, into a store that already holds the same records, changes nothing', () => {
  const a = tempFieldbook();
  const call = caller(a.db);
  const actor = call('actors.list', {})[0]!;
  const source = call('sources.list', {})[0]!;
  call('notes.create', {
    title: 'Who is who',
    body: {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { kind: 'actor', id: actor.id, label: actor.name } }] }],
    },
  });
  call('notes.create', { title: 'A note that mentions nothing' });
  const text = call('sources.get', { id: source.id }).text;
  call('annotations.create', { sourceId: source.id, quote: text.slice(200, 240).trim() });
  const content = JSON.stringify(call('exchange.stix.export', {}), null, 1);
  assert.equal(exchangeKindOfText(content.slice(0, 4096)), 'stix');
  const before = storeDigest(a.db);
  const preview = call('exchange.stix.preview', { content });
  assert.deepEqual(preview.created, { actors: 0, places: 0, events: 0, relations: 0, sources: 0, notes: 0 });
  assert.equal(preview.matched.actors, call('stats.get', {}).actors);
  assert.ok(preview.matched.notes > 0);
  assert.deepEqual(preview.merged, []);
  assert.deepEqual(
    preview.skipped.map((s) => s.type),
    ['identity'],
    'only the analyst identity (the author) is skipped',
  );
  const result = call('exchange.stix.import', { content });
  assert.deepEqual(result.created, preview.created);
  assert.equal(storeDigest(a.db), before);
});

test('an OpenCTI-like bundle: new records made, a known actor matched by alias and merged, the rest kept visibly; twice changes nothing', () => {
  const { db } = tempFieldbook();
  const call = caller(db);
  const content = JSON.stringify(openCtiBundle());
  const before = storeDigest(db);
  const preview = call('exchange.stix.preview', { content });
  assert.equal(storeDigest(db), before, 'the preview wrote nothing');
  assert.deepEqual(preview.created, { actors: 1, places: 1, events: 0, relations: 1, sources: 1, notes: 2 });
  assert.equal(preview.matched.actors, 1);
  const africaCorps = call('actors.list', {}).find((x) => x.name === 'Africa Corps')!;
  assert.deepEqual(preview.merged, [{ kind: 'actor', id: africaCorps.id, name: 'Africa Corps', aliases: ['Russian Expeditionary Corps'] }]);
  const reasons = Object.fromEntries(preview.skipped.map((s) => [s.id, s.reason]));
  assert.match(reasons[AUTHOR.id]!, /author/);
  assert.match(reasons['malware--77777777-7777-4777-8777-777777777777']!, /no record for a STIX malware/);
  assert.match(reasons['relationship--88888888-8888-4888-8888-888888888888']!, /"uses" is not a relation/);

  call('exchange.stix.import', { content });
  const ksn = call('actors.list', {}).find((x) => x.name === 'Katiba Sahel Nord')!;
  assert.equal(ksn.uuid, '33333333-3333-4333-8333-333333333333');
  assert.equal(ksn.kind, 'armed group');
  assert.deepEqual(
    ksn.aliases.map((x) => x.name),
    ['KSN'],
  );
  assert.match(ksn.description, /^A group seen near Ménaka\.\n\nFrom STIX threat-actor--3{8}.*goals: \["territorial control"\]/s);
  assert.ok(call('actors.get', { id: africaCorps.id }).aliases.some((x) => x.name === 'Russian Expeditionary Corps'));
  const place = call('places.list', {}).find((x) => x.name === 'Ménaka Sud')!;
  assert.deepEqual([place.country, place.lat, place.lon, place.precision], ['ML', 15.9, 2.4, 1]);
  const relation = call('relations.list', { actorId: ksn.id })[0]!;
  assert.deepEqual([relation.type, relation.target.id, relation.start], ['allied with', africaCorps.id, '2024-02-01']);
  const report = call('sources.list', {}).find((x) => x.title === 'Northern Mali, January brief')!;
  assert.deepEqual([report.published, report.url, report.reliability], ['2025-01-09', 'https://example.org/brief', 'F']);
  const notes = call('notes.list', {});
  const comment = notes.find((n) => n.title === 'Analyst comment')!;
  assert.deepEqual(
    call('notes.get', { id: comment.id })
      .links.map((l) => `${l.kind}:${l.id}`)
      .sort(),
    [`actor:${africaCorps.id}`, `actor:${ksn.id}`].sort(),
  );
  const kept = notes.find((n) => n.title === 'Not imported from STIX bundle--22222222-2222-4222-8222-222222222222')!;
  const keptNote = call('notes.get', { id: kept.id });
  assert.match(keptNote.text, /malware “SahelRAT” \(malware--7{8}.*is_family: true/);
  assert.match(keptNote.text, /relationship--8{8}.*"uses" is not a relation/);
  assert.ok(
    keptNote.links.some((l) => l.kind === 'actor' && l.id === ksn.id),
    'the note mentions the actor the skipped objects concern',
  );

  const once = storeDigest(db);
  const again = call('exchange.stix.import', { content });
  assert.deepEqual(again.created, { actors: 0, places: 0, events: 0, relations: 0, sources: 0, notes: 0 });
  assert.equal(storeDigest(db), once);
});

test('bad bundles are refused with a clear message and the store is left as it was', () => {
  const { db } = tempFieldbook();
  const call = caller(db);
  const before = storeDigest(db);
  const refused = (content: string, pattern: RegExp) => {
    for (const method of ['exchange.stix.preview', 'exchange.stix.import'] as const)
      assert.throws(
        () => call(method, { content }),
        (error: unknown) => error instanceof ApiError && error.code === 'invalid_input' && pattern.test(error.message),
      );
  };
  refused('{"type": "bundle", "objects": [', /not valid JSON/);
  refused('{"type": "report"}', /not a STIX bundle/);
  refused(
    JSON.stringify({ type: 'bundle', id: 'bundle--1', spec_version: '2.0', objects: [] }),
    /STIX 2\.0 bundle; Fieldbook reads STIX 2\.1/,
  );
  const old = openCtiBundle();
  delete (old.objects[1] as { spec_version?: string }).spec_version;
  refused(JSON.stringify(old), /threat-actor--3{8}.* is STIX 2\.0/);
  const damaged = openCtiBundle();
  (damaged.objects[2] as { id: string }).id = 'intrusion-set--not-a-uuid';
  refused(JSON.stringify(damaged), /not a STIX identifier/);
  assert.equal(storeDigest(db), before);
});

test('fieldbook import recognises a STIX bundle by its content and prints what was created, matched and skipped', async () => {
  const home = tempDir();
  const file = path.join(home, 'feed.data');
  fs.writeFileSync(file, JSON.stringify(openCtiBundle(), null, 2));
  let out = '';
  const stream = (append: (text: string) => void) => ({ write: (text: string) => (append(text), true), isTTY: false }) as never;
  const code = await main(
    ['import', file, '--data', path.join(home, 'data'), '--json'],
    stream((t) => (out += t)),
    stream(() => undefined),
  );
  assert.equal(code, 0);
  const [summary] = JSON.parse(out);
  assert.equal(summary.format, 'stix');
  assert.equal(summary.created.actors, 1);
  assert.equal(summary.matched.actors, 1);
});

test('a STIX export of a store whose relations have evidence restores into an empty store, the relation named in words', () => {
  const a = tempFieldbook();
  const call = caller(a.db);
  const relation = call('relations.list', {})[0]!;
  const source = call('sources.list', {})[0]!;
  const text = call('sources.get', { id: source.id }).text;
  call('evidence.create', {
    subject: { kind: 'relation', id: relation.id },
    sourceId: source.id,
    quote: text.slice(100, 160).trim(),
    credibility: 2,
  });
  const content = JSON.stringify(call('exchange.stix.export', {}));

  const b = tempFieldbook({ seed: false });
  const into = caller(b.db);
  const summary = into('exchange.stix.import', { content });
  assert.ok(summary.created.relations > 0);
  const bodies = into('notes.list', { limit: 1000 }).map((n) => JSON.stringify(into('notes.get', { id: n.id }).body));
  const pair = `${relation.source.name} ${relation.type} ${relation.target.name}`;
  assert.ok(
    bodies.some((body) => body.includes(pair) && !body.includes('"kind":"relation"')),
    `a note names the relation "${pair}" in words, not as a mention`,
  );
});

test('a seeded store exported as STIX and imported into an empty store keeps every actor and relation apart', () => {
  const a = tempFieldbook();
  const from = caller(a.db);
  const content = JSON.stringify(from('exchange.stix.export', {}));
  const b = tempFieldbook({ seed: false });
  const into = caller(b.db);
  into('exchange.stix.import', { content });
  const names = (call: ReturnType<typeof caller>) =>
    call('actors.list', {})
      .map((actor) => actor.name)
      .sort();
  // The seed's Africa Corps has the alias "Wagner Group", the name of another seeded actor: both stay, each with its relations.
  assert.deepEqual(names(into), names(from));
  const pairs = (call: ReturnType<typeof caller>) =>
    call('relations.list', {})
      .map((r) => `${r.source.name} ${r.type} ${r.target.name}`)
      .sort();
  assert.deepEqual(pairs(into), pairs(from));
});
