// Events can be merged like actors and places (issue 13: the duplicate finder
// merges every pair it lists): participants, evidence and note mentions move
// to the event kept, the copy is "merged into" it in the Trash, and the merge
// is undone exactly, also after the store was closed and opened again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import type { EventDetail, MergeHistoryEntry, MergeRecord, SourceDetail, TrashEntry } from '../../db/shared/records.ts';
import { tempDir } from '../helpers.ts';

test('an event merged into another gives it its participants and evidence; undo after reopening puts all back', () => {
  const dir = tempDir();
  let fieldbook = openFieldbook(dir);
  const call = <T>(method: string, input: unknown) => callMethod(fieldbook.db, method, input) as T;
  const kept = call<EventDetail>('events.get', { id: 1 });
  const [actor1, actor2] = [kept.participants[0]?.actorId ?? 1, 2];
  const copy = call<EventDetail>('events.create', {
    title: 'The same clash, second report',
    type: kept.type,
    date: kept.date,
    participants: [
      { actorId: actor1, role: kept.participants[0]?.role ?? 'actor1' },
      { actorId: actor2, role: 'mediator' },
    ],
  });
  const source = call<SourceDetail>('sources.get', { id: 1 });
  const quote = source.text.slice(0, 40);
  const evidence = call<{ id: number }>('evidence.create', {
    subject: { kind: 'event', id: copy.id },
    sourceId: 1,
    quote,
    start: 0,
    credibility: 3,
  });

  const { merge } = call<{ merge: MergeRecord }>('events.merge', { survivorId: kept.id, mergedId: copy.id });
  assert.equal(merge.kind, 'event');
  const after = call<EventDetail>('events.get', { id: kept.id });
  assert.ok(
    after.participants.some((p) => p.actorId === actor2 && p.role === 'mediator'),
    'the copy’s participant moved',
  );
  assert.equal(after.participants.length, new Set(after.participants.map((p) => `${p.actorId}:${p.role}`)).size, 'no role doubled');
  assert.ok(
    after.evidence.some((e) => e.id === evidence.id),
    'the copy’s evidence moved',
  );
  const trashed = call<TrashEntry[]>('trash.list', {}).find((t) => t.kind === 'event' && t.id === copy.id)!;
  assert.deepEqual(trashed.mergedInto, { mergeId: merge.id, id: kept.id, name: kept.title });

  fieldbook.close();
  fieldbook = openFieldbook(dir);
  const history = call<MergeHistoryEntry[]>('merges.list', {});
  assert.equal(history[0]?.id, merge.id);
  assert.equal(history[0]?.undo.blocked, null);
  call('merges.undo', { id: merge.id });
  const restored = call<EventDetail>('events.get', { id: copy.id });
  assert.deepEqual(
    restored.participants.map((p) => `${p.actorId}:${p.role}`).sort(),
    copy.participants.map((p) => `${p.actorId}:${p.role}`).sort(),
  );
  assert.ok(restored.evidence.some((e) => e.id === evidence.id));
  const keptAgain = call<EventDetail>('events.get', { id: kept.id });
  assert.deepEqual(
    keptAgain.participants.map((p) => `${p.actorId}:${p.role}`).sort(),
    kept.participants.map((p) => `${p.actorId}:${p.role}`).sort(),
    'the event kept has its own participants again',
  );
  assert.ok(!keptAgain.evidence.some((e) => e.id === evidence.id));
  fieldbook.close();
});

test('migration 9 keeps the merge log of a store made before events could be merged', () => {
  const dir = tempDir();
  const first = openFieldbook(dir);
  const a = callMethod(first.db, 'actors.create', { name: 'Katiba Alpha', kind: 'armed group' }) as { id: number };
  const b = callMethod(first.db, 'actors.create', { name: 'Katiba Alfa', kind: 'armed group' }) as { id: number };
  const { merge } = callMethod(first.db, 'actors.merge', { survivorId: a.id, mergedId: b.id }) as { merge: MergeRecord };
  // As schema 8 left it (migration 10's chunks taken out too): migrations 9 and 10 run again on the next open.
  first.db.exec('DROP INDEX sources_listing; DROP TABLE source_chunks; DROP TABLE source_indexing; ALTER TABLE sources DROP COLUMN chars;');
  first.db.pragma('user_version = 8');
  first.close();
  const again = openFieldbook(dir);
  try {
    const history = callMethod(again.db, 'merges.list', {}) as MergeHistoryEntry[];
    assert.equal(history.find((h) => h.id === merge.id)?.merged.name, 'Katiba Alfa');
    callMethod(again.db, 'merges.undo', { id: merge.id });
    assert.equal((callMethod(again.db, 'actors.get', { id: b.id }) as { name: string }).name, 'Katiba Alfa');
  } finally {
    again.close();
  }
});
