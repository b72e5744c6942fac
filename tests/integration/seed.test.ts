import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import type { Actor, EventRecord, Relation, SourceDetail } from '../../db/shared/records.ts';
import { applySeed } from '../../db/seed/apply.ts';
import { loadSeed } from '../../db/seed/data.ts';
import { foldName } from '../../db/shared/folding.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';

const seed = loadSeed();
const { db } = tempFieldbook();
const list = <T>(method: 'actors.list' | 'places.list' | 'events.list' | 'relations.list' | 'sources.list') =>
  callMethod(db, method, {}) as T[];

describe('the seeded corpus', () => {
  test('holds the five documents as sources, each text exactly as shipped', () => {
    const sources = list<{ id: number; seedKey: string }>('sources.list');
    assert.equal(sources.length, 5);
    for (const source of sources) {
      const detail = callMethod(db, 'sources.get', { id: source.id }) as SourceDetail;
      assert.equal(detail.text, seed.documents.get(source.seedKey));
      assert.ok(detail.published, `${detail.title} has a publication date`);
      assert.ok(detail.note.length > 0, `${detail.title} says how its metadata was established`);
    }
  });

  test('is as large as a careful reading of the five documents requires', () => {
    const stats = callMethod(db, 'stats.get', {}) as Record<string, number>;
    assert.ok(stats['actors']! > 40, `${stats['actors']} actors`);
    assert.ok(stats['places']! > 15, `${stats['places']} places`);
    assert.ok(stats['events']! > 15, `${stats['events']} events`);
    assert.ok(stats['relations']! > 20, `${stats['relations']} relations`);
  });

  test('every evidence quote occurs verbatim in its source, at its recorded offsets', () => {
    const rows = db.prepare('SELECT e.quote, e.start, e."end", s.body FROM evidence e JOIN sources s ON s.id = e.source_id').all() as {
      quote: string;
      start: number;
      end: number;
      body: string;
    }[];
    assert.ok(rows.length >= 100, `${rows.length} evidence quotes`);
    for (const row of rows) {
      assert.ok(row.body.includes(row.quote), `"${row.quote}" is in its source`);
      assert.equal(row.body.slice(row.start, row.end), row.quote);
    }
    // And in the shipped files themselves, not only in the store.
    const all = [...seed.data.actors, ...seed.data.places, ...seed.data.events, ...seed.data.relations].flatMap((r) => r.evidence);
    for (const item of all) assert.ok(seed.documents.get(item.source)!.includes(item.quote), `"${item.quote}" in ${item.source}`);
  });

  test('every actor, place, event and relation has at least one evidence quote', () => {
    const orphans = db
      .prepare(
        `SELECT 'actor' AS kind, name FROM actors WHERE id NOT IN (SELECT actor_id FROM evidence WHERE actor_id IS NOT NULL)
         UNION ALL SELECT 'place', name FROM places WHERE id NOT IN (SELECT place_id FROM evidence WHERE place_id IS NOT NULL)
         UNION ALL SELECT 'event', title FROM events WHERE id NOT IN (SELECT event_id FROM evidence WHERE event_id IS NOT NULL)
         UNION ALL SELECT 'relation', id FROM relations WHERE id NOT IN (SELECT relation_id FROM evidence WHERE relation_id IS NOT NULL)`,
      )
      .all();
    assert.deepEqual(orphans, []);
  });

  test('one entity across documents is one record: IS, ISIS and Islamic State', () => {
    const actors = list<Actor>('actors.list');
    const owners = (name: string) =>
      actors.filter((a) => [a.name, ...a.aliases.map((x) => x.name)].some((n) => foldName(n) === foldName(name))).map((a) => a.id);
    const isis = owners('Islamic State');
    assert.equal(isis.length, 1);
    assert.deepEqual(owners('ISIS'), isis);
    assert.deepEqual(owners('IS'), isis);
    assert.equal(owners('Al-Qaeda').length, 1);
    assert.deepEqual(owners('al-Qaida'), owners('Al-Qaeda'));
    // No current name is claimed by two actors (a previous name may be an older actor's name).
    const seen = new Map<string, number>();
    for (const actor of actors) {
      const current = actor.aliases.filter((a) => a.kind !== 'previous name').map((a) => a.name);
      for (const name of new Set([actor.name, ...current].map(foldName))) {
        assert.ok(!seen.has(name) || seen.get(name) === actor.id, `"${name}" names two actors`);
        seen.set(name, actor.id);
      }
    }
  });

  test('a renamed group is two actors joined by "rebranded as"', () => {
    const relations = list<Relation>('relations.list');
    assert.ok(
      relations.some((r) => r.type === 'rebranded as' && /wagner/i.test(r.source.name) && /africa corps/i.test(r.target.name)),
      'Wagner Group rebranded as Africa Corps',
    );
  });

  test('dates without a year stay honest: no guessed bounds, and inferred years are explained', () => {
    const events = list<EventRecord>('events.list');
    for (const event of events.filter((e) => e.date?.startsWith('XXXX'))) {
      assert.equal(event.dateMin, null, `${event.title} has no guessed year`);
    }
    const uncertain = seed.data.events.filter((e) => e.date && /[?~%]/.test(e.date));
    assert.ok(uncertain.length > 0, 'some seed dates are marked uncertain or approximate');
    for (const event of uncertain) {
      assert.ok(
        event.evidence.some((e) => (e.comment ?? '').length > 0),
        `${event.key} explains its date in its evidence`,
      );
    }
    const alToum = events.find((e) => /Al-Toum/i.test(e.title));
    assert.ok(alToum, 'the Al-Toum operation is an event');
    assert.match(alToum.date ?? '', /-02-25/);
  });

  test('events carry place, participants with roles, and fatalities where stated', () => {
    const events = list<EventRecord>('events.list');
    const djibo = events.find((e) => e.place?.name === 'Djibo');
    assert.ok(djibo, 'the Djibo attack is placed in Djibo');
    assert.equal(djibo.fatalities, 40);
    assert.ok(events.filter((e) => e.participants.length > 0).length >= 15);
  });
});

describe('seeding', () => {
  test('seeding again changes nothing', () => {
    const before = storeDigest(db);
    const result = applySeed(db, seed);
    assert.deepEqual(result.added, { sources: 0, actors: 0, places: 0, events: 0, relations: 0, evidence: 0 });
    assert.equal(storeDigest(db), before);
  });

  test('a seeded record the analyst deleted is not brought back by a re-seed', () => {
    const actor = list<Actor>('actors.list')[0]!;
    callMethod(db, 'actors.delete', { id: actor.id });
    callMethod(db, 'trash.purge', { kind: 'actor', id: actor.id });
    const before = storeDigest(db);
    applySeed(db, seed);
    assert.equal(storeDigest(db), before);
    assert.ok(!list<Actor>('actors.list').some((a) => a.seedKey === actor.seedKey));
  });
});
