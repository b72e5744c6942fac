// Merges are history: listed with whether they can be undone, undone at any
// time (after the store is closed and opened again), refused with the reason
// when a later edit would be lost, and a merged record in the trash is
// "merged into" its survivor: restoring it undoes the merge.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import type { DocNode } from '../../db/shared/schemas.ts';
import type { Db } from '../../db/store/db.ts';
import { storeDigest, tempDir, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const caller =
  (db: Db) =>
  <M extends MethodName>(method: M, input: unknown) =>
    callMethod(db, method, input) as MethodResult<M>;

const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });
const paragraph = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const text = (t: string): DocNode => ({ type: 'text', text: t });
const mention = (kind: string, id: number, label: string): DocNode => ({ type: 'mention', attrs: { kind, id, label } });

const SOURCE_TEXT = 'The Wagner Group, later known as Africa Corps, deployed to Mali in December 2021.';

function conflict(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    assert.equal(error.code, 'conflict', error.message);
    return error;
  }
  assert.fail('expected the call to be refused');
}

describe('a merge can be undone after the store is closed and opened again', () => {
  test('merges.list shows it after reopening, and merges.undo gives the merged record back with its evidence', () => {
    const dir = tempDir();
    let fieldbook = openFieldbook(dir, { seed: false });
    let call = caller(fieldbook.db);
    const survivor = call('actors.create', { name: 'Africa Corps', kind: 'armed group' });
    const merged = call('actors.create', { name: 'Wagner Group', kind: 'armed group' });
    const source = call('sources.create', { title: 'Deployment report', text: SOURCE_TEXT });
    const evidence = call('evidence.create', {
      subject: { kind: 'actor', id: merged.id },
      sourceId: source.id,
      quote: 'The Wagner Group',
      credibility: 2,
    });
    const { merge } = call('actors.merge', { survivorId: survivor.id, mergedId: merged.id });
    fieldbook.close();

    fieldbook = openFieldbook(dir, { seed: false });
    try {
      call = caller(fieldbook.db);
      const [listed] = call('merges.list', {});
      assert.equal(listed?.id, merge.id);
      assert.deepEqual(listed?.survivor, { id: survivor.id, name: 'Africa Corps' });
      assert.deepEqual(listed?.merged, { id: merged.id, name: 'Wagner Group' });
      assert.deepEqual(listed?.aliasNames, ['Wagner Group']);
      assert.equal(listed?.moved.evidence, 1);
      assert.deepEqual(listed?.undo, { blocked: null, laterMerge: null, editedNotes: [] });

      const undone = call('merges.undo', { id: merge.id });
      assert.ok(undone.merge.undoneAt);
      assert.deepEqual(undone.notesKept, []);
      assert.equal(call('actors.get', { id: merged.id }).name, 'Wagner Group');
      assert.deepEqual(call('actors.get', { id: survivor.id }).aliases, []);
      assert.equal(call('evidence.get', { id: evidence.id }).subject.id, merged.id);
      assert.match(call('merges.list', {})[0]!.undo.blocked ?? '', /already undone/);
    } finally {
      fieldbook.close();
    }
  });
});

describe('undo refused when a later edit would be lost, and what it can still do', () => {
  const { db } = tempFieldbook({ seed: false });
  const call = caller(db);

  test('a note edited since the merge: listed as the reason, refused, then undone leaving that note as it is', () => {
    const survivor = call('actors.create', { name: 'Jama’at Nusrat al-Islam wal-Muslimin', kind: 'armed group' });
    const merged = call('actors.create', { name: 'JNIM', kind: 'armed group' });
    const untouched = call('notes.create', { title: 'Untouched', body: doc(paragraph(mention('actor', merged.id, 'JNIM'))) });
    const edited = call('notes.create', { title: 'Sahel brief', body: doc(paragraph(mention('actor', merged.id, 'JNIM'))) });
    const { merge } = call('actors.merge', { survivorId: survivor.id, mergedId: merged.id });
    call('notes.update', { id: edited.id, body: doc(paragraph(text('Claimed by '), mention('actor', survivor.id, 'JNIM'))) });

    const status = call('merges.list', {}).find((m) => m.id === merge.id)!.undo;
    assert.deepEqual(status.editedNotes, [{ id: edited.id, title: 'Sahel brief' }]);
    assert.match(status.blocked ?? '', /"Sahel brief" \(id \d+\) has been edited since the merge.*would lose that edit/);

    const digest = storeDigest(db);
    const error = conflict(() => call('merges.undo', { id: merge.id }));
    assert.equal(error.message, `id: ${status.blocked}`);
    assert.equal(storeDigest(db), digest, 'a refused undo changes nothing');

    const { notesKept } = call('merges.undo', { id: merge.id, keepEditedNotes: true });
    assert.deepEqual(notesKept, [{ id: edited.id, title: 'Sahel brief' }]);
    assert.equal(call('actors.get', { id: merged.id }).name, 'JNIM');
    const mentioned = (id: number) => call('notes.get', { id }).links.map((l) => l.id);
    assert.deepEqual(mentioned(untouched.id), [merged.id], 'the untouched note names the merged record again');
    assert.deepEqual(mentioned(edited.id), [survivor.id], 'the edited note keeps its edit');
    assert.match(JSON.stringify(call('notes.get', { id: edited.id }).body), /Claimed by/);
  });

  test('a later merge of the same records: named, with its id, as what to undo first', () => {
    const [a, b, c] = ['Katiba Macina', 'Macina Liberation Front', 'FLM'].map((name) =>
      call('actors.create', { name, kind: 'armed group' }),
    );
    const first = call('actors.merge', { survivorId: b!.id, mergedId: a!.id }).merge;
    const second = call('actors.merge', { survivorId: b!.id, mergedId: c!.id }).merge;
    const status = call('merges.list', {}).find((m) => m.id === first.id)!.undo;
    assert.deepEqual(status.laterMerge, { id: second.id, survivor: 'Macina Liberation Front', merged: 'FLM' });
    assert.match(status.blocked ?? '', new RegExp(`merge ${second.id} .*undo it first`));
    // keepEditedNotes does not get round a later merge.
    conflict(() => call('merges.undo', { id: first.id, keepEditedNotes: true }));
  });

  test('bad input is refused naming the field', () => {
    assert.throws(
      () => call('merges.undo', { id: 1, keepEditedNotes: 'yes' }),
      (e: unknown) => e instanceof ApiError && e.code === 'invalid_input' && e.issues.some((i) => i.path === 'keepEditedNotes'),
    );
  });
});

describe('a merged record in the trash', () => {
  const { db } = tempFieldbook({ seed: false });
  const call = caller(db);
  const place = (name: string) => call('places.create', { name, kind: 'town', country: 'ML' });

  test('is listed as merged into its survivor (by its current name), a deleted one is not', () => {
    const [survivor, merged, deleted] = [place('Tombouctou'), place('Timbuktu'), place('Deleted town')];
    const { merge } = call('places.merge', { survivorId: survivor!.id, mergedId: merged!.id });
    call('places.delete', { id: deleted!.id });
    call('places.update', { id: survivor!.id, name: 'Timbuktu (Tombouctou)' });

    const trash = call('trash.list', {});
    const entry = trash.find((e) => e.kind === 'place' && e.id === merged!.id);
    assert.deepEqual(entry?.mergedInto, { mergeId: merge.id, id: survivor!.id, name: 'Timbuktu (Tombouctou)' });
    assert.equal(trash.find((e) => e.id === deleted!.id)?.mergedInto, null);
  });

  test('restoring it undoes the merge: its name is no longer an alias of the survivor', () => {
    const [survivor, merged] = [place('Gao'), place('Gao town')];
    const { merge } = call('places.merge', { survivorId: survivor!.id, mergedId: merged!.id });
    assert.deepEqual(
      call('places.get', { id: survivor!.id }).aliases.map((a) => a.name),
      ['Gao town'],
    );
    const restored = call('trash.restore', { kind: 'place', id: merged!.id });
    assert.equal(restored.merge?.id, merge.id);
    assert.ok(restored.merge?.undoneAt);
    assert.deepEqual(call('places.get', { id: survivor!.id }).aliases, []);
    assert.equal(call('places.get', { id: merged!.id }).name, 'Gao town');
    assert.equal(
      call('trash.list', {}).some((e) => e.id === merged!.id && e.kind === 'place'),
      false,
    );
    assert.ok(call('merges.list', {}).find((m) => m.id === merge.id)?.undoneAt);
  });

  test('restoring it is refused, with the reason, when the merge cannot be undone', () => {
    const [a, b, c] = [place('Kidal'), place('Kidal city'), place('Kidal region')];
    call('places.merge', { survivorId: a!.id, mergedId: b!.id });
    const later = call('places.merge', { survivorId: a!.id, mergedId: c!.id }).merge;
    const digest = storeDigest(db);
    const error = conflict(() => call('trash.restore', { kind: 'place', id: b!.id }));
    assert.match(error.message, new RegExp(`merge ${later.id} \\("Kidal region" into "Kidal"\\).*undo it first`));
    assert.equal(storeDigest(db), digest);
  });

  test('a deleted record is still restored as before', () => {
    const deleted = place('Ménaka');
    call('places.delete', { id: deleted.id });
    assert.deepEqual(call('trash.restore', { kind: 'place', id: deleted.id }), { id: deleted.id, merge: null });
  });
});

describe('links to trashed items', () => {
  const { db } = tempFieldbook({ seed: false });
  const call = caller(db);

  test('a note lists its links to trashed notes and records as trashed', () => {
    const target = call('notes.create', { title: 'Target' });
    const actor = call('actors.create', { name: 'Trashed actor', kind: 'person' });
    const live = call('actors.create', { name: 'Live actor', kind: 'person' });
    const note = call('notes.create', {
      title: 'Linking',
      body: doc(
        paragraph(mention('note', target.id, 'Target'), mention('actor', actor.id, 'Trashed actor'), mention('actor', live.id, 'Live')),
      ),
    });
    call('notes.delete', { id: target.id });
    call('actors.delete', { id: actor.id });
    const links = call('notes.get', { id: note.id }).links.map(({ kind, id, trashed }) => ({ kind, id, trashed }));
    assert.deepEqual(links, [
      { kind: 'note', id: target.id, trashed: true },
      { kind: 'actor', id: actor.id, trashed: true },
      { kind: 'actor', id: live.id, trashed: false },
    ]);
  });

  test('evidence and highlights on a record page say when their source is in the trash', () => {
    const actor = call('actors.create', { name: 'Source-trashed actor', kind: 'person' });
    const source = call('sources.create', { title: 'Withdrawn report', text: SOURCE_TEXT });
    call('evidence.create', { subject: { kind: 'actor', id: actor.id }, sourceId: source.id, quote: 'deployed to Mali', credibility: 3 });
    call('annotations.create', { sourceId: source.id, quote: 'Africa Corps', links: [{ kind: 'actor', id: actor.id }] });
    const trashedFlags = () => {
      const detail = call('actors.get', { id: actor.id });
      return [...detail.evidence.map((e) => e.source.trashed), ...detail.annotations.map((a) => a.source.trashed)];
    };
    assert.deepEqual(trashedFlags(), [false, false]);
    call('sources.delete', { id: source.id });
    assert.deepEqual(trashedFlags(), [true, true]);
  });
});
