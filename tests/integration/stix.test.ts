import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { derivedUuid } from '../../db/uuid.ts';
import { tempFieldbook } from '../helpers.ts';
import type { StixObject } from '../../db/shared/exchange-results.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const { db } = tempFieldbook();
const call = <M extends MethodName>(method: M, input: unknown) => callMethod(db, method, input) as MethodResult<M>;

// A store with a note that mentions an actor, a highlight linked to a place, and a trashed actor.
const actor = call('actors.list', {})[0]!;
const place = call('places.list', {})[0]!;
const source = call('sources.list', {})[0]!;
call('notes.create', {
  title: 'Who is who',
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'About ' },
          { type: 'mention', attrs: { kind: 'actor', id: actor.id, label: actor.name } },
        ],
      },
    ],
  },
});
const text = call('sources.get', { id: source.id }).text;
call('annotations.create', { sourceId: source.id, quote: text.slice(200, 240).trim(), links: [{ kind: 'place', id: place.id }] });
const gone = call('actors.create', { name: 'Deleted Group', kind: 'armed group' });
call('actors.delete', { id: gone.id });

const bundle = call('exchange.stix.export', {});
const objects = bundle.objects as StixObject[];
const byId = new Map(objects.map((o) => [o.id, o]));

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Every value under a property ending in _ref or _refs, anywhere in the object (custom and nested properties too). */
function refsIn(value: unknown, key = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => refsIn(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => refsIn(v, k));
  return typeof value === 'string' && /_refs?$/.test(key) ? [value] : [];
}

test('the bundle and every object carry the STIX 2.1 common properties, with valid ids and timestamps', () => {
  assert.equal(bundle.type, 'bundle');
  assert.match(bundle.id, new RegExp(`^bundle--${UUID}$`));
  assert.equal(byId.size, objects.length, 'ids are unique');
  const analyst = objects.filter((o) => o.type === 'identity' && o['identity_class'] === 'individual' && !('created_by_ref' in o));
  assert.equal(analyst.length, 1, 'one identity for the analyst');
  for (const o of objects) {
    assert.equal(o['spec_version'], '2.1', o.id);
    assert.match(o.id, new RegExp(`^${o.type}--${UUID}$`));
    assert.match(String(o['created']), TIMESTAMP, o.id);
    assert.match(String(o['modified']), TIMESTAMP, o.id);
    assert.ok(String(o['modified']) >= String(o['created']), `${o.id}: modified is not before created`);
    if (o !== analyst[0]) assert.equal(o['created_by_ref'], analyst[0]!.id);
    for (const key of Object.keys(o)) assert.match(key, /^[a-z0-9_]{2,250}$/, `${o.id}: property name ${key}`);
    for (const key of Object.keys(o).filter((k) => !STANDARD.has(k)))
      assert.match(key, /^x_fieldbook_[a-z0-9_]{1,238}$/, `${o.id}: custom ${key} (3-250 characters, x_ prefix)`);
  }
});

const STANDARD = new Set([
  'type',
  'spec_version',
  'id',
  'created_by_ref',
  'created',
  'modified',
  'name',
  'description',
  'aliases',
  'identity_class',
  'threat_actor_types',
  'latitude',
  'longitude',
  'precision',
  'country',
  'region',
  'relationship_type',
  'source_ref',
  'target_ref',
  'start_time',
  'stop_time',
  'published',
  'report_types',
  'object_refs',
  'external_references',
  'content',
  'abstract',
  'confidence',
]);

test('each type has its required properties and vocabularies', () => {
  for (const o of objects) {
    switch (o.type) {
      case 'threat-actor':
      case 'intrusion-set':
      case 'incident':
        assert.ok(typeof o['name'] === 'string' && o['name'] !== '', o.id);
        break;
      case 'identity':
        assert.ok(o['name'], o.id);
        assert.ok(['individual', 'group', 'system', 'organization', 'class', 'unknown'].includes(String(o['identity_class'])), o.id);
        break;
      case 'location':
        assert.ok('region' in o || 'country' in o || ('latitude' in o && 'longitude' in o), `${o.id}: region, country or coordinates`);
        if ('latitude' in o) assert.ok(Math.abs(Number(o['latitude'])) <= 90 && Math.abs(Number(o['longitude'])) <= 180);
        if ('country' in o) assert.match(String(o['country']), /^[A-Z]{2}$/);
        break;
      case 'relationship':
        assert.match(String(o['relationship_type']), /^[a-z0-9-]+$/);
        assert.ok(o['source_ref'] && o['target_ref'], o.id);
        if (o['start_time'] && o['stop_time']) assert.ok(String(o['stop_time']) > String(o['start_time']), o.id);
        break;
      case 'report':
        assert.ok(o['name'], o.id);
        assert.match(String(o['published']), TIMESTAMP);
        assert.ok((o['object_refs'] as string[]).length > 0, `${o.id}: object_refs`);
        break;
      case 'note':
        assert.ok(typeof o['content'] === 'string' && o['content'] !== '', o.id);
        assert.ok((o['object_refs'] as string[]).length > 0, `${o.id}: object_refs`);
        if ('confidence' in o) assert.ok([10, 30, 50, 70, 90].includes(Number(o['confidence'])), o.id);
        break;
      default:
        assert.fail(`unexpected type ${o.type}`);
    }
  }
  const types = new Set(objects.map((o) => o.type));
  for (const type of ['identity', 'threat-actor', 'location', 'incident', 'relationship', 'report', 'note'])
    assert.ok(types.has(type), type);
});

test('every *_ref points inside the bundle; what is in the trash is not exported', () => {
  for (const o of objects) for (const ref of refsIn(o)) assert.ok(byId.has(ref), `${o.id} -> ${ref}`);
  assert.ok(!objects.some((o) => o['name'] === 'Deleted Group'));
});

test('ids are the UUIDv5 of the record UUIDs: the same on every export; aliases and Admiralty grades carried', () => {
  const again = call('exchange.stix.export', {}).objects as StixObject[];
  assert.deepEqual(
    again.map((o) => o.id),
    objects.map((o) => o.id),
  );
  const stixActor = objects.find((o) => o.id.endsWith(derivedUuid(actor.uuid)))!;
  assert.equal(stixActor['name'], actor.name);
  if (actor.aliases.length)
    assert.deepEqual(
      stixActor['aliases'] ?? stixActor['x_fieldbook_aliases'],
      actor.aliases.map((a) => a.name),
    );
  const evidence = call('evidence.list', { sourceId: source.id })[0]!;
  const note = objects.find((o) => o.id === `note--${derivedUuid(evidence.uuid)}`)!;
  assert.equal(note['content'], evidence.quote);
  assert.equal(note['x_fieldbook_credibility'], evidence.credibility);
  const event = call('events.list', {}).find((e) => e.place && e.participants.length)!;
  const incident = byId.get(`incident--${derivedUuid(event.uuid)}`)!;
  assert.equal(incident['x_fieldbook_date'], event.date);
  assert.equal(incident['x_fieldbook_location_ref'], `location--${derivedUuid(call('places.get', { id: event.place!.id }).uuid)}`);
});
