import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { inDateRange, matchesText } from '../../db/shared/event-filter.ts';
import { parseCsv } from '../../db/shared/spreadsheet-csv.ts';
import { derivedUuid } from '../../db/uuid.ts';
import { tempFieldbook } from '../helpers.ts';
import type { StixObject } from '../../db/shared/exchange-results.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const { db } = tempFieldbook();
const call = <M extends MethodName>(method: M, input: unknown) => callMethod(db, method, input) as MethodResult<M>;

const actors = call('actors.list', { limit: 1000 });
const corps = actors.find((a) => a.name === 'Africa Corps')!;
const mention = (a: { id: number; name: string }) => ({ type: 'mention', attrs: { kind: 'actor', id: a.id, label: a.name } });
const chosen = call('notes.create', {
  title: 'On the corps',
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, mention(corps)] }] },
});
call('notes.create', { title: 'Another note' });

/** Every value under a property ending in _ref or _refs. */
function refsIn(value: unknown, key = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => refsIn(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => refsIn(v, k));
  return typeof value === 'string' && /_refs?$/.test(key) ? [value] : [];
}
function assertRefsResolve(objects: StixObject[]): void {
  const ids = new Set(objects.map((o) => o.id));
  for (const o of objects) for (const ref of refsIn(o)) assert.ok(ids.has(ref), `${o.id} -> ${ref}`);
}
const stixIdOf = (uuid: string) => derivedUuid(uuid);

test('selected notes: the notes and the records they mention, in Markdown and STIX', () => {
  const scope = { kind: 'notes', ids: [chosen.id] };
  const paths = call('exchange.markdown.export', { scope })
    .files.map((f) => f.path)
    .sort();
  assert.deepEqual(paths, ['Actors/Africa Corps.md', 'Notes/On the corps.md']);
  const objects = call('exchange.stix.export', { scope }).objects as StixObject[];
  assertRefsResolve(objects);
  const types = objects.map((o) => o.type).sort();
  assert.deepEqual(types, ['identity', 'note', 'threat-actor']);
  assert.ok(objects.some((o) => o.id.endsWith(stixIdOf(chosen.uuid))));
});

test('one actor with everything linked to it: related actors, its events and their places, the notes that mention it', () => {
  const detail = call('actors.get', { id: corps.id });
  const scope = { kind: 'actor', id: corps.id };
  const paths = new Set(call('exchange.markdown.export', { scope }).files.map((f) => f.path));
  assert.ok(paths.has('Actors/Africa Corps.md'));
  assert.ok(paths.has('Notes/On the corps.md'));
  assert.ok(!paths.has('Notes/Another note.md'));
  for (const r of detail.relations) assert.ok(paths.has(`Actors/${r.source.id === corps.id ? r.target.name : r.source.name}.md`));
  for (const e of detail.events)
    assert.ok(
      [...paths].some((p) => p.startsWith('Events/')),
      e.title,
    );
  const unrelated = actors.find((a) => !paths.has(`Actors/${a.name}.md`));
  assert.ok(unrelated, 'an actor not linked to the Africa Corps is left out');
  const objects = call('exchange.stix.export', { scope }).objects as StixObject[];
  assertRefsResolve(objects);
  assert.ok(objects.length < (call('exchange.stix.export', {}).objects as unknown[]).length);
  const own = `threat-actor--${stixIdOf(corps.uuid)}`;
  assert.equal(
    objects.filter((o) => o.type === 'relationship' && (o['source_ref'] === own || o['target_ref'] === own)).length,
    detail.relations.length,
  );
  const evidence = objects.filter((o) => 'x_fieldbook_credibility' in o);
  assert.ok(evidence.length >= detail.evidence.length, 'the evidence on the actor travels with it');
});

test('the timeline’s current filter: the same events the timeline shows, as ACLED CSV, STIX and Markdown', () => {
  const filter = { actor: null, place: null, type: 'Battles', text: '', from: '2019', to: '2024-12-31' } as const;
  const expected = call('events.list', { type: 'Battles', limit: 1000 }).filter((e) => matchesText(e, '') && inDateRange(e, filter));
  assert.ok(expected.length > 0 && expected.length < call('events.list', { limit: 1000 }).length);
  const scope = { kind: 'timeline', filter };
  const rows = parseCsv(call('exchange.acled.export', { scope }).content).slice(1);
  assert.deepEqual(rows.map((r) => r[0]).sort(), expected.map((e) => e.uuid).sort());
  const events = call('exchange.markdown.export', { scope }).files.filter((f) => f.path.startsWith('Events/'));
  assert.equal(events.length, expected.length);
  const objects = call('exchange.stix.export', { scope }).objects as StixObject[];
  assertRefsResolve(objects);
  assert.equal(objects.filter((o) => o.type === 'incident').length, expected.length);
  const texted = call('exchange.acled.export', { scope: { kind: 'timeline', filter: { text: 'Africa Corps' } } });
  const byText = call('events.list', { limit: 1000 }).filter((e) => matchesText(e, 'Africa Corps'));
  assert.equal(parseCsv(texted.content).length - 1, byText.length);
});

test('a bad scope is refused with a clear message', () => {
  const refused = (method: MethodName, input: unknown, pattern: RegExp) =>
    assert.throws(
      () => call(method, input),
      (e: unknown) => e instanceof ApiError && e.code === 'invalid_input' && pattern.test(e.message),
    );
  refused('exchange.markdown.export', { scope: { kind: 'notes', ids: [] } }, /choose at least one note/);
  refused('exchange.markdown.export', { scope: { kind: 'notes', ids: [999_999] } }, /there is no note 999999/);
  refused('exchange.stix.export', { scope: { kind: 'actor', id: 999_999 } }, /there is no actor 999999/);
  refused('exchange.acled.export', { scope: { kind: 'timeline', filter: { type: 'Picnic' } } }, /scope\.filter\.type/);
  refused('exchange.acled.export', { scope: { kind: 'timeline', filter: { from: 'last year' } } }, /a year \(2019\) or an ISO day/);
  refused('exchange.case.export', { scope: { kind: 'actor', id: corps.id } }, /a case file holds the whole store/);
  refused('exchange.stix.export', { scope: { kind: 'galaxy' } }, /scope/);
});
