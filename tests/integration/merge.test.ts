import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { checkStore } from '../../db/maintenance.ts';
import type { DocNode } from '../../db/shared/schemas.ts';
import type { Db } from '../../db/store/db.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const { db } = tempFieldbook();
const call = <M extends MethodName>(method: M, input: unknown) => callMethod(db, method, input) as MethodResult<M>;

const paragraph = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const text = (t: string): DocNode => ({ type: 'text', text: t });
const mention = (kind: string, id: number, label: string): DocNode => ({ type: 'mention', attrs: { kind, id, label } });
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });

/**
 * Every row of every table, as storeDigest, but without the merge log and
 * without the FTS5 shadow tables: an index entry deleted and written again
 * holds the same text in differently laid out segments. The indexes are
 * checked by what they find and by checkStore instead.
 */
function dataDigest(database: Db): string {
  const hash = createHash('sha256');
  const virtual = (
    database.prepare("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]
  ).map((t) => t.name);
  const tables = database
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    if (name === 'merges' || name.startsWith('name_index_') || virtual.some((v) => name.startsWith(`${v}_`))) continue;
    hash.update(`\u0000${name}\u0000`);
    // rowid too: the order of an annotation's links is the order of their rowids.
    const rows = database
      .prepare(`SELECT ${name === 'annotation_links' ? 'rowid AS _rowid, ' : ''}* FROM "${name}"`)
      .raw()
      .all()
      .map((row) => JSON.stringify(row))
      .sort();
    for (const row of rows) hash.update(row);
  }
  return hash.digest('hex');
}

/** What the full-text indexes find for a few words: the same before a merge and after its undo. */
function ftsFinds(database: Db): string {
  const words = ['haftar', 'khalifa', 'marshal', 'duplicate', 'lna', 'tripoli', 'niger'];
  return JSON.stringify(
    ['records_fts', 'notes_fts', 'annotations_fts', 'sources_fts'].map((table) =>
      words.map((w) =>
        (database.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).all(w) as { rowid: number }[]).map(
          (r) => r.rowid,
        ),
      ),
    ),
  );
}

function refused(run: () => unknown, code: string, path: string): ApiError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.ok(
      error.issues.some((i) => i.path === path),
      `expected an issue at "${path}", got ${JSON.stringify(error.issues)}`,
    );
    return error;
  }
  assert.fail('expected the call to be refused');
}

/** Rows anywhere in the store that still point at actor `id`. */
function actorReferences(id: number): Record<string, number> {
  const count = (sql: string) => (db.prepare(sql).get(id, id) as { n: number }).n;
  return {
    relations: count('SELECT count(*) AS n FROM relations WHERE source_id = ? OR target_id = ?'),
    participants: count('SELECT count(*) AS n FROM event_participants WHERE actor_id = ? OR actor_id = ?'),
    evidence: count('SELECT count(*) AS n FROM evidence WHERE actor_id = ? OR actor_id = ?'),
    annotationLinks: count('SELECT count(*) AS n FROM annotation_links WHERE actor_id = ? OR actor_id = ?'),
    noteLinks: count('SELECT count(*) AS n FROM note_links WHERE actor_id = ? OR actor_id = ?'),
    mentions: count(
      `SELECT count(*) AS n FROM notes, json_tree(notes.body) t
         WHERE t.type = 'object' AND json_extract(t.value, '$.type') = 'mention'
           AND json_extract(t.value, '$.attrs.kind') = 'actor' AND json_extract(t.value, '$.attrs.id') IN (?, ?)`,
    ),
  };
}

function mentionIds(body: DocNode, kind: string): number[] {
  const ids: number[] = [];
  const visit = (node: DocNode) => {
    if (node.type === 'mention' && node.attrs?.['kind'] === kind) ids.push(node.attrs['id'] as number);
    node.content?.forEach(visit);
  };
  visit(body);
  return ids;
}

const roles = (participants: { actorId: number; role: string }[]) => participants.map(({ actorId, role }) => ({ actorId, role }));

const actorNamed = (name: string) => {
  const actor = call('actors.list', {}).find((a) => a.name === name);
  assert.ok(actor, `the seed has no actor "${name}"`);
  return actor;
};

describe('actors.merge and merges.undo', () => {
  const haftar = actorNamed('Khalifa Haftar');
  const lna = actorNamed('Libyan National Army');
  const russia = actorNamed('Russia');
  const source = call('sources.list', {})[0]!;
  const sourceText = call('sources.get', { id: source.id }).text;
  const quote = (from: number) => sourceText.slice(from, from + 40);
  const keptRelation = call('relations.list', { actorId: haftar.id }).find((r) => r.type === 'commands' && r.target.id === lna.id)!;
  const haftarEvent = call('events.list', { actorId: haftar.id })[0];
  const otherEvent = call('events.list', {}).find((e) => !e.participants.some((p) => p.actorId === haftar.id))!;

  // A duplicate of Khalifa Haftar with links of every kind.
  const dup = call('actors.create', {
    name: 'Haftar, Khalifa',
    kind: 'person',
    aliases: [
      { name: 'Field Marshal Haftar', kind: 'alias' },
      { name: 'haftar', kind: 'other spelling' },
    ],
  });
  const liveNote = call('notes.create', {
    title: 'Duplicate watch',
    body: doc(
      paragraph(
        text('Met '),
        mention('actor', dup.id, 'Haftar, Khalifa'),
        text(' and '),
        mention('actor', haftar.id, 'Khalifa Haftar'),
        text('.'),
      ),
      paragraph(text('Again '), mention('actor', dup.id, 'Haftar, Khalifa'), text(' with '), mention('actor', lna.id, 'LNA'), text('.')),
    ),
  });
  const trashedNote = call('notes.create', { title: 'Old draft', body: doc(paragraph(mention('actor', dup.id, 'Haftar, Khalifa'))) });
  call('notes.delete', { id: trashedNote.id });
  const sameAsKept = call('relations.create', {
    sourceId: dup.id,
    targetId: lna.id,
    type: 'commands',
    start: keptRelation.start,
    end: keptRelation.end,
    description: keptRelation.description,
  });
  const duplicateEvidence = call('evidence.create', {
    subject: { kind: 'relation', id: sameAsKept.id },
    sourceId: source.id,
    quote: quote(0),
    credibility: 3,
  });
  const toRussia = call('relations.create', { sourceId: russia.id, targetId: dup.id, type: 'supports', start: '2019-10~' });
  const selfRelation = call('relations.create', { sourceId: dup.id, targetId: haftar.id, type: 'allied with' });
  const selfEvidence = call('evidence.create', {
    subject: { kind: 'relation', id: selfRelation.id },
    sourceId: source.id,
    quote: quote(50),
    credibility: 4,
  });
  if (haftarEvent) {
    const role = haftarEvent.participants.find((p) => p.actorId === haftar.id)!.role;
    call('events.update', { id: haftarEvent.id, participants: [...roles(haftarEvent.participants), { actorId: dup.id, role }] });
  }
  call('events.update', { id: otherEvent.id, participants: [...roles(otherEvent.participants), { actorId: dup.id, role: 'actor1' }] });
  const actorEvidence = call('evidence.create', {
    subject: { kind: 'actor', id: dup.id },
    sourceId: source.id,
    quote: quote(100),
    credibility: 2,
  });
  const bothLinked = call('annotations.create', {
    sourceId: source.id,
    quote: quote(150),
    links: [
      { kind: 'actor', id: dup.id },
      { kind: 'actor', id: haftar.id },
    ],
  });
  const dupLinked = call('annotations.create', {
    sourceId: source.id,
    quote: quote(200),
    links: [
      { kind: 'actor', id: dup.id },
      { kind: 'actor', id: lna.id },
    ],
  });

  const before = { digest: dataDigest(db), fts: ftsFinds(db) };
  let mergeId = 0;

  test('the store starts consistent, with the duplicate linked everywhere', () => {
    assert.deepEqual(checkStore(db).problems, []);
    const refs = actorReferences(dup.id);
    for (const [what, n] of Object.entries(refs)) assert.ok(n > 0, `no ${what} to the duplicate`);
  });

  test('actors.merge moves every link to the survivor and trashes the duplicate', () => {
    const { merge } = call('actors.merge', { survivorId: haftar.id, mergedId: dup.id });
    mergeId = merge.id;
    assert.equal(merge.kind, 'actor');
    assert.deepEqual(merge.survivor, { id: haftar.id, name: 'Khalifa Haftar' });
    assert.deepEqual(merge.merged, { id: dup.id, name: 'Haftar, Khalifa' });
    assert.deepEqual(merge.moved, {
      noteLinks: 3,
      mentions: 3,
      relations: 2,
      participants: haftarEvent ? 2 : 1,
      evidence: 1,
      annotationLinks: 2,
      aliases: 2,
      events: 0,
    });
    assert.equal(merge.removedRelations, 1);
    assert.deepEqual(actorReferences(dup.id), {
      relations: 0,
      participants: 0,
      evidence: 0,
      annotationLinks: 0,
      noteLinks: 0,
      mentions: 0,
    });
  });

  test('mention chips in note bodies, live and trashed, now name the survivor; labels stay as written', () => {
    const note = call('notes.get', { id: liveNote.id });
    assert.deepEqual(mentionIds(note.body, 'actor'), [haftar.id, haftar.id, haftar.id, lna.id]);
    assert.deepEqual(
      note.links.map((l) => l.id),
      [haftar.id, haftar.id, haftar.id, lna.id],
    );
    assert.equal(note.updatedAt, liveNote.updatedAt, 'a merge is not an edit of the note');
    assert.match(note.text, /Met Haftar, Khalifa and Khalifa Haftar/);
    const trashed = db.prepare('SELECT body FROM notes WHERE id = ?').get(trashedNote.id) as { body: string };
    assert.deepEqual(mentionIds(JSON.parse(trashed.body) as DocNode, 'actor'), [haftar.id]);
    const backlinks = call('actors.get', { id: haftar.id }).backlinks.filter((b) => b.noteId === liveNote.id);
    assert.equal(backlinks.length, 3);
  });

  test('relations: moved, merged into an exact duplicate (with its evidence), or removed when self-referential', () => {
    assert.equal(call('relations.get', { id: toRussia.id }).target.id, haftar.id);
    refused(() => call('relations.get', { id: sameAsKept.id }), 'not_found', 'id');
    refused(() => call('relations.get', { id: selfRelation.id }), 'not_found', 'id');
    refused(() => call('evidence.get', { id: selfEvidence.id }), 'not_found', 'id');
    assert.equal(call('evidence.get', { id: duplicateEvidence.id }).subject.id, keptRelation.id);
    assert.ok(call('relations.get', { id: keptRelation.id }));
  });

  test('event roles, evidence and annotation links point at the survivor, without duplicates', () => {
    const detail = call('actors.get', { id: haftar.id });
    assert.ok(detail.events.some((e) => e.id === otherEvent.id && e.role === 'actor1'));
    if (haftarEvent) {
      const roles = call('events.get', { id: haftarEvent.id }).participants.filter((p) => p.actorId === haftar.id);
      assert.equal(roles.length, 1);
    }
    assert.equal(call('evidence.get', { id: actorEvidence.id }).subject.id, haftar.id);
    assert.deepEqual(
      call('annotations.get', { id: bothLinked.id }).links.map((l) => l.id),
      [haftar.id],
    );
    assert.deepEqual(
      call('annotations.get', { id: dupLinked.id }).links.map((l) => l.id),
      [haftar.id, lna.id],
    );
  });

  test('both names are aliases of the survivor, and search finds it by the merged name', () => {
    const survivor = call('actors.get', { id: haftar.id });
    const aliases = survivor.aliases.map((a) => `${a.name}:${a.kind}`);
    assert.ok(aliases.includes('Haftar, Khalifa:alias'));
    assert.ok(aliases.includes('Field Marshal Haftar:alias'));
    assert.equal(survivor.aliases.filter((a) => a.name.toLowerCase() === 'haftar').length, 1, 'no alias twice');
    for (const query of ['Haftar, Khalifa', 'Field Marshal Haftar']) {
      const [top] = call('search', { query, kinds: ['actor'] });
      assert.deepEqual([top?.kind, top?.id], ['actor', haftar.id], query);
    }
    assert.ok(!call('search', { query: 'Haftar Khalifa', kinds: ['actor'] }).some((r) => r.id === dup.id));
    refused(() => call('actors.get', { id: dup.id }), 'not_found', 'id');
    assert.ok(call('trash.list', {}).some((t) => t.kind === 'actor' && t.id === dup.id));
  });

  test('the store passes its integrity checks after the merge', () => {
    assert.deepEqual(checkStore(db).problems, []);
  });

  test('merges.list shows the merge', () => {
    const [latest] = call('merges.list', {});
    assert.equal(latest?.id, mergeId);
    assert.equal(latest?.undoneAt, null);
    assert.equal(latest?.moved.mentions, 3);
  });

  test('merges.undo puts the store back exactly as it was before the merge', () => {
    const { merge } = call('merges.undo', { id: mergeId });
    assert.ok(merge.undoneAt);
    assert.equal(dataDigest(db), before.digest);
    assert.equal(ftsFinds(db), before.fts);
    assert.deepEqual(checkStore(db).problems, []);
    assert.equal(call('merges.list', {})[0]?.undoneAt, merge.undoneAt);
  });

  test('after the undo, search finds the restored duplicate by its name', () => {
    const [top] = call('search', { query: 'Haftar, Khalifa', kinds: ['actor'] });
    assert.equal(top?.id, dup.id);
  });

  test('an undone merge cannot be undone again', () => {
    const digest = storeDigest(db);
    refused(() => call('merges.undo', { id: mergeId }), 'conflict', 'id');
    refused(() => call('merges.undo', { id: 999_999 }), 'not_found', 'id');
    assert.equal(storeDigest(db), digest);
  });

  test('bad merges are refused, naming the field, and change nothing', () => {
    const digest = storeDigest(db);
    refused(() => call('actors.merge', { survivorId: haftar.id, mergedId: haftar.id }), 'invalid_input', 'mergedId');
    refused(() => call('actors.merge', { survivorId: 999_999, mergedId: dup.id }), 'not_found', 'survivorId');
    refused(() => call('actors.merge', { survivorId: haftar.id, mergedId: 999_999 }), 'not_found', 'mergedId');
    refused(() => call('actors.merge', { survivorId: haftar.id }), 'invalid_input', 'mergedId');
    refused(() => call('actors.merge', { survivorId: haftar.id, mergedId: -1 }), 'invalid_input', 'mergedId');
    refused(() => call('actors.merge', { survivorId: haftar.id, mergedId: dup.id, extra: 1 }), 'invalid_input', '');
    const place = call('places.list', {})[0]!;
    refused(() => call('actors.merge', { survivorId: haftar.id, mergedId: place.id + 100_000 }), 'not_found', 'mergedId');
    refused(() => call('merges.list', { limit: 0 }), 'invalid_input', 'limit');
    assert.equal(storeDigest(db), digest);

    const trashed = call('actors.create', { name: 'Trashed twin', kind: 'person' });
    call('actors.delete', { id: trashed.id });
    const afterTrash = storeDigest(db);
    refused(() => call('actors.merge', { survivorId: haftar.id, mergedId: trashed.id }), 'not_found', 'mergedId');
    refused(() => call('actors.merge', { survivorId: trashed.id, mergedId: haftar.id }), 'not_found', 'survivorId');
    assert.equal(storeDigest(db), afterTrash);
  });
});

describe('undo refuses what it cannot reverse exactly', () => {
  const person = (name: string) => call('actors.create', { name, kind: 'person' });

  test('a later merge involving the same actors must be undone first', () => {
    const [a, b, c] = [person('Undo A'), person('Undo B'), person('Undo C')];
    call('relations.create', { sourceId: a.id, targetId: c.id, type: 'fights' });
    const before = dataDigest(db);
    const first = call('actors.merge', { survivorId: b.id, mergedId: a.id }).merge;
    const second = call('actors.merge', { survivorId: c.id, mergedId: b.id }).merge;
    assert.equal(second.removedRelations, 1, 'A fights C became C fights C');
    const error = refused(() => call('merges.undo', { id: first.id }), 'conflict', 'id');
    assert.match(error.message, new RegExp(`merge ${second.id} .*undo it first`));
    call('merges.undo', { id: second.id });
    call('merges.undo', { id: first.id });
    assert.equal(dataDigest(db), before);
  });

  test('a purged survivor or merged record', () => {
    const [a, b] = [person('Purge A'), person('Purge B')];
    const { merge } = call('actors.merge', { survivorId: b.id, mergedId: a.id });
    call('trash.purge', { kind: 'actor', id: a.id });
    const digest = storeDigest(db);
    const error = refused(() => call('merges.undo', { id: merge.id }), 'conflict', 'id');
    assert.match(error.message, /purged/);
    assert.equal(storeDigest(db), digest);
  });

  test('a note whose mentions it rewrote, edited since; undoing that edit makes the merge undoable again', () => {
    const [a, b] = [person('Edit A'), person('Edit B')];
    const body = doc(paragraph(mention('actor', a.id, 'Edit A')));
    const note = call('notes.create', { title: 'Edited later', body });
    const before = dataDigest(db);
    const { merge } = call('actors.merge', { survivorId: b.id, mergedId: a.id });
    const merged = call('notes.get', { id: note.id }).body;
    call('notes.update', { id: note.id, body: doc(paragraph(text('More: '), mention('actor', b.id, 'Edit A'))) });
    const error = refused(() => call('merges.undo', { id: merge.id }), 'conflict', 'id');
    assert.match(error.message, /"Edited later".*edited since the merge/);
    call('notes.update', { id: note.id, body: merged });
    call('merges.undo', { id: merge.id });
    assert.deepEqual(mentionIds(call('notes.get', { id: note.id }).body, 'actor'), [a.id]);
    // The note's edits happened: only its edit time differs from before.
    db.prepare('UPDATE notes SET updated_at = ? WHERE id = ?').run(note.updatedAt, note.id);
    assert.equal(dataDigest(db), before);
  });

  test('edits made since the merge to rows it moved are kept; undo still gives back the rest', () => {
    const [a, b] = [person('Keep A'), person('Keep B')];
    const other = person('Keep other');
    const relation = call('relations.create', { sourceId: a.id, targetId: other.id, type: 'supports' });
    const { merge } = call('actors.merge', { survivorId: b.id, mergedId: a.id });
    call('relations.delete', { id: relation.id });
    call('actors.update', { id: b.id, description: 'edited after the merge' });
    call('merges.undo', { id: merge.id });
    assert.equal(call('actors.get', { id: a.id }).name, 'Keep A');
    assert.deepEqual(call('actors.get', { id: b.id }).aliases, []);
    assert.equal(call('actors.get', { id: b.id }).description, 'edited after the merge');
    assert.deepEqual(checkStore(db).problems, []);
  });
});

describe('places.merge', () => {
  test('moves events, evidence, annotation links and mentions to the surviving place, and undoes exactly', () => {
    const source = call('sources.list', {})[0]!;
    const sourceText = call('sources.get', { id: source.id }).text;
    const survivor = call('places.create', {
      name: 'Toummo border post',
      kind: 'site',
      country: 'NE',
      aliases: [{ name: 'Toumo', kind: 'other spelling' }],
    });
    const dup = call('places.create', { name: 'Poste frontalier de Toummo', kind: 'border', aliases: [{ name: 'toumo', kind: 'alias' }] });
    const event = call('events.create', { title: 'Clash at the crossing', type: 'Battles', date: 'XXXX-02-25', placeId: dup.id });
    const note = call('notes.create', {
      title: 'Crossing',
      body: doc(paragraph(text('At '), mention('place', dup.id, 'Poste frontalier de Toummo'))),
    });
    const evidence = call('evidence.create', {
      subject: { kind: 'place', id: dup.id },
      sourceId: source.id,
      quote: sourceText.slice(10, 40),
      credibility: 3,
    });
    const annotation = call('annotations.create', {
      sourceId: source.id,
      quote: sourceText.slice(60, 90),
      links: [{ kind: 'place', id: dup.id }],
    });
    const before = { digest: dataDigest(db), fts: ftsFinds(db) };

    const { merge } = call('places.merge', { survivorId: survivor.id, mergedId: dup.id });
    assert.equal(merge.kind, 'place');
    assert.deepEqual(merge.moved, {
      noteLinks: 1,
      mentions: 1,
      relations: 0,
      participants: 0,
      evidence: 1,
      annotationLinks: 1,
      aliases: 1,
      events: 1,
    });
    assert.equal(call('events.get', { id: event.id }).place?.id, survivor.id);
    assert.deepEqual(mentionIds(call('notes.get', { id: note.id }).body, 'place'), [survivor.id]);
    assert.equal(call('evidence.get', { id: evidence.id }).subject.id, survivor.id);
    assert.deepEqual(
      call('annotations.get', { id: annotation.id }).links.map((l) => `${l.kind}:${l.id}`),
      [`place:${survivor.id}`],
    );
    assert.deepEqual(
      call('places.get', { id: survivor.id }).aliases.map((a) => a.name),
      ['Toumo', 'Poste frontalier de Toummo'],
    );
    assert.equal(call('search', { query: 'Poste frontalier de Toummo', kinds: ['place'] })[0]?.id, survivor.id);
    assert.deepEqual(checkStore(db).problems, []);
    refused(() => call('places.merge', { survivorId: survivor.id, mergedId: dup.id }), 'not_found', 'mergedId');

    call('merges.undo', { id: merge.id });
    assert.equal(dataDigest(db), before.digest);
    assert.equal(ftsFinds(db), before.fts);
    assert.deepEqual(checkStore(db).problems, []);
  });
});
