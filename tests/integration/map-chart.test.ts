// The map's and the link chart's API methods on the seeded store: map.data,
// chart.graph, chart.arrange, and the coordinates the map sets through places.update.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const { db } = tempFieldbook();
const call = <M extends MethodName>(method: M, input: unknown) => callMethod(db, method, input) as MethodResult<M>;

function refused(method: MethodName, input: unknown, message: RegExp): void {
  const before = storeDigest(db);
  assert.throws(
    () => call(method, input),
    (error: unknown) => error instanceof ApiError && message.test(error.message),
  );
  assert.equal(storeDigest(db), before, `${method} refused ${JSON.stringify(input).slice(0, 80)} and changed nothing`);
}

const actorNamed = (name: string) => call('actors.list', {}).find((a) => a.name === name)!;

test('map.data gives every place and the events matching the filters', () => {
  const all = call('map.data', {});
  assert.equal(all.places.length, call('places.list', {}).length);
  assert.equal(all.events.length, call('events.list', {}).length);
  const tripoli = all.places.find((p) => p.name === 'Tripoli')!;
  assert.equal(tripoli.eventCount, all.events.filter((e) => e.place?.id === tripoli.id).length);
  const battles = call('map.data', { type: 'Battles' });
  assert.ok(battles.events.length > 0 && battles.events.length < all.events.length);
  assert.ok(battles.events.every((e) => e.type === 'Battles'));
  const lna = actorNamed('Libyan National Army');
  const ofLna = call('map.data', { actorId: lna.id });
  assert.ok(ofLna.events.length > 0 && ofLna.events.every((e) => e.participants.some((p) => p.actorId === lna.id)));
});

test('map.data refuses bad filters', () => {
  refused('map.data', { type: 'Picnics' }, /type/);
  refused('map.data', { actorId: -1 }, /actorId/);
  refused('map.data', { zoom: 3 }, /zoom|unrecognized/i);
});

test("a place's coordinates set from the map are stored, and bad ones refused with the store unchanged", () => {
  const place = call('places.list', {}).find((p) => p.lat === null)!;
  assert.ok(place, 'the seed has a place without coordinates');
  // What the map sends after a click (and, on undo, the coordinates it had before).
  call('places.update', { id: place.id, lat: 22.5, lon: 13.25, precision: place.precision ?? 2 });
  const stored = call('map.data', {}).places.find((p) => p.id === place.id)!;
  assert.deepEqual([stored.lat, stored.lon, stored.precision], [22.5, 13.25, place.precision ?? 2]);
  refused('places.update', { id: place.id, lat: 95, lon: 13 }, /lat/);
  refused('places.update', { id: place.id, lat: 20, lon: null }, /both/);
  call('places.update', { id: place.id, lat: null, lon: null, precision: place.precision });
  assert.equal(call('places.get', { id: place.id }).lat, null);
});

test('the graph of a seeded actor holds its relations and its events, and their places a step further', () => {
  const lna = actorNamed('Libyan National Army');
  const graph = call('chart.graph', { focus: `actor:${lna.id}`, depth: 1 });
  const ids = new Set(graph.nodes.map((n) => n.id));
  assert.ok(ids.has(`actor:${lna.id}`));
  const relations = call('relations.list', { actorId: lna.id });
  assert.ok(relations.length > 0);
  for (const r of relations) {
    const edge = graph.edges.find((e) => e.id === `relation:${r.id}`);
    assert.ok(edge, `relation ${r.type} is an edge`);
    assert.equal(edge.label, r.type);
    assert.ok(ids.has(`actor:${r.source.id}`) && ids.has(`actor:${r.target.id}`));
  }
  const events = call('events.list', { actorId: lna.id });
  assert.ok(events.length > 0);
  for (const e of events) {
    assert.ok(ids.has(`event:${e.id}`));
    assert.ok(
      graph.edges.some((edge) => edge.kind === 'participation' && edge.target === `event:${e.id}` && edge.source === `actor:${lna.id}`),
    );
  }
  // Every edge joins two nodes of the chart; evidence counts match the quotes given.
  for (const edge of graph.edges) assert.ok(ids.has(edge.source) && ids.has(edge.target));
  assert.ok(graph.edges.some((e) => e.kind === 'relation' && e.evidenceCount > 0 && e.quotes.length > 0));
  // One step further reaches the places of those events.
  const wider = call('chart.graph', { focus: `actor:${lna.id}`, depth: 2 });
  const placed = events.find((e) => e.place)!;
  assert.ok(wider.nodes.some((n) => n.id === `place:${placed.place!.id}`));
  assert.ok(wider.nodes.length > graph.nodes.length);
  // No focus: everything (sources only when asked).
  const all = call('chart.graph', {});
  assert.equal(all.nodes.length, all.total);
  assert.ok(!all.nodes.some((n) => n.kind === 'source'));
  assert.ok(call('chart.graph', { sources: true }).nodes.some((n) => n.kind === 'source'));
});

test('chart.arrange saves positions and pins that chart.graph gives back', () => {
  const lna = actorNamed('Libyan National Army');
  const id = `actor:${lna.id}`;
  assert.deepEqual(call('chart.arrange', { positions: { [id]: { x: 120.25, y: -40, pinned: true } } }), { saved: 1 });
  call('chart.arrange', { positions: { 'place:1': { x: 5, y: 6, pinned: false } } });
  const graph = call('chart.graph', { focus: id, depth: 0 });
  assert.deepEqual(graph.nodes[0]!.saved, { x: 120.3, y: -40, pinned: true });
  assert.equal(call('chart.arrange', { positions: {}, replace: true }).saved, 0);
  assert.equal(call('chart.graph', { focus: id, depth: 0 }).nodes[0]!.saved, null);
});

test('chart methods refuse bad input and leave the store unchanged', () => {
  refused('chart.graph', { focus: 'actor:999999' }, /no actor with id 999999/);
  refused('chart.graph', { focus: 'note:1' }, /focus/);
  refused('chart.graph', { depth: 40 }, /depth/);
  refused('chart.arrange', { positions: { 'actor:1': { x: 'left', y: 0, pinned: false } } }, /positions/);
  refused('chart.arrange', { positions: { 'actor:1': { x: 1, y: 0 } } }, /pinned/);
  refused('chart.arrange', { positions: { '<script>': { x: 1, y: 0, pinned: false } } }, /positions/);
});
