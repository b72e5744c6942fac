// Removing a relation and undoing it (issue 13): Undo puts back the same
// relation with the same evidence, not a bare copy; it says why when it
// cannot, and emptying the trash forgets what was removed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import type { Evidence, Relation } from '../../db/shared/records.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';

const refusedWith = (code: ApiError['code'], pattern: RegExp) => (error: unknown) =>
  error instanceof ApiError && error.code === code && pattern.test(error.message);

function relationWithEvidence(db: Parameters<typeof callMethod>[0]): { relation: Relation; evidence: Evidence[] } {
  for (const relation of callMethod(db, 'relations.list', { limit: 1000 }) as Relation[]) {
    const evidence = callMethod(db, 'evidence.list', { subject: { kind: 'relation', id: relation.id } }) as Evidence[];
    if (evidence.length > 0) return { relation, evidence };
  }
  throw new Error('the seed has no relation with evidence');
}

test('Undo of a removed relation brings back the same relation, with its evidence, once', () => {
  const { db } = tempFieldbook();
  const before = storeDigest(db);
  const { relation, evidence } = relationWithEvidence(db);
  callMethod(db, 'relations.delete', { id: relation.id });
  assert.throws(() => callMethod(db, 'relations.get', { id: relation.id }), refusedWith('not_found', /relation/));

  const restored = callMethod(db, 'relations.restore', { id: relation.id }) as Relation;
  assert.equal(restored.id, relation.id);
  assert.equal(restored.uuid, relation.uuid);
  const back = callMethod(db, 'evidence.list', { subject: { kind: 'relation', id: relation.id } }) as Evidence[];
  assert.deepEqual(
    back.map((e) => [e.id, e.quote]),
    evidence.map((e) => [e.id, e.quote]),
  );
  assert.equal(storeDigest(db), before, 'the store is as it was before the removal');
  assert.throws(() => callMethod(db, 'relations.restore', { id: relation.id }), refusedWith('not_found', /nothing to put back/));
});

test('a relation whose actor went to the trash is not put back, and nothing changes', () => {
  const { db } = tempFieldbook();
  const { relation } = relationWithEvidence(db);
  callMethod(db, 'relations.delete', { id: relation.id });
  callMethod(db, 'actors.delete', { id: relation.target.id });
  const before = storeDigest(db);
  assert.throws(() => callMethod(db, 'relations.restore', { id: relation.id }), refusedWith('conflict', /in the trash or gone/));
  assert.equal(storeDigest(db), before);
  // Once the actor is back, so can the relation be.
  callMethod(db, 'trash.restore', { kind: 'actor', id: relation.target.id });
  assert.equal((callMethod(db, 'relations.restore', { id: relation.id }) as Relation).id, relation.id);
});

test('emptying the trash forgets removed relations, their quotes included', () => {
  const { db } = tempFieldbook();
  const { relation, evidence } = relationWithEvidence(db);
  callMethod(db, 'relations.delete', { id: relation.id });
  const kept = () => db.prepare("SELECT count(*) AS n FROM meta WHERE value LIKE '%' || ? || '%'").get(evidence[0]!.quote) as { n: number };
  assert.equal(kept().n, 1);
  callMethod(db, 'trash.empty', {});
  assert.equal(kept().n, 0);
  assert.throws(() => callMethod(db, 'relations.restore', { id: relation.id }), refusedWith('not_found', /trash was emptied/));
});
