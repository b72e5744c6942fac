// The multi-write workflows of the renderer, each one API command: they do all
// of their writes, or (a failure at any step) none.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import type { Actor, Annotation, Evidence, Note, Place, Source, SourceDetail } from '../../db/shared/records.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';

const { db } = tempFieldbook();
const call = <T>(method: string, input: unknown) => callMethod(db, method, input) as T;
const source = call<Source[]>('sources.list', {}).find((s) => s.seedKey === 'libya-niger-nexus')!;
const text = call<SourceDetail>('sources.get', { id: source.id }).text;
const QUOTE = 'Rapid Support Forces (RSF)';
const START = text.indexOf(QUOTE);
const passage = { sourceId: source.id, quote: QUOTE, start: START, credibility: 2 };
const counts = () =>
  Object.fromEntries(
    ['actors', 'places', 'events', 'evidence', 'actor_aliases', 'place_aliases', 'annotations', 'notes'].map((t) => [
      t,
      (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

/** The call fails with an ApiError of `code`, and the store is exactly as before. */
function refusedWithoutChange(method: string, input: unknown, code: string, path?: string): void {
  const before = { digest: storeDigest(db), counts: counts() };
  assert.throws(
    () => callMethod(db, method, input),
    (e: unknown) => e instanceof ApiError && e.code === code && (path === undefined || e.issues.some((i) => i.path.startsWith(path))),
  );
  assert.deepEqual(counts(), before.counts);
  assert.equal(storeDigest(db), before.digest);
}

describe('records.createFromPassage', () => {
  test('creates an actor with its aliases and the passage as evidence', () => {
    assert.ok(START > 0);
    const made = call<{ kind: 'actor'; record: Actor; evidence: Evidence }>('records.createFromPassage', {
      kind: 'actor',
      actor: { name: 'RSF test copy', kind: 'armed group', aliases: [{ name: 'RSF copy', kind: 'acronym' }] },
      evidence: { ...passage, field: 'name' },
    });
    assert.equal(made.record.name, 'RSF test copy');
    assert.deepEqual(
      made.record.aliases.map((a) => a.name),
      ['RSF copy'],
    );
    assert.deepEqual(made.evidence.subject, { kind: 'actor', id: made.record.id, name: 'RSF test copy' });
    assert.equal(made.evidence.start, START);
    assert.equal(made.evidence.credibility, 2);
    assert.equal(call<Evidence[]>('evidence.list', { subject: { kind: 'actor', id: made.record.id } }).length, 1);
  });

  test('creates an event and a place the same way', () => {
    const event = call<{ record: { id: number; date: string } }>('records.createFromPassage', {
      kind: 'event',
      event: { title: 'Protocol at Point 35', type: 'Strategic developments', date: '2025-02' },
      evidence: { ...passage, field: 'date' },
    });
    assert.equal(event.record.date, '2025-02');
    assert.equal(call<Evidence[]>('evidence.list', { subject: { kind: 'event', id: event.record.id } })[0]!.field, 'date');
    const place = call<{ record: Place }>('records.createFromPassage', {
      kind: 'place',
      place: { name: 'Point 35 camp', kind: 'town' },
      evidence: passage,
    });
    assert.equal(call<Evidence[]>('evidence.list', { subject: { kind: 'place', id: place.record.id } }).length, 1);
  });

  test('a passage not at its offset leaves no record behind', () => {
    refusedWithoutChange(
      'records.createFromPassage',
      { kind: 'actor', actor: { name: 'Half made', kind: 'armed group' }, evidence: { ...passage, start: START + 3 } },
      'invalid_input',
      'evidence.quote',
    );
  });

  test('a quote missing from the source, a trashed source or an unknown place: nothing written', () => {
    refusedWithoutChange(
      'records.createFromPassage',
      {
        kind: 'place',
        place: { name: 'Nowhere', kind: 'town' },
        evidence: { ...passage, quote: 'not in the text at all', start: undefined },
      },
      'invalid_input',
      'evidence.quote',
    );
    refusedWithoutChange(
      'records.createFromPassage',
      { kind: 'event', event: { title: 'Ghost', type: 'Battles', placeId: 999_999 }, evidence: passage },
      'invalid_input',
      'placeId',
    );
    refusedWithoutChange(
      'records.createFromPassage',
      { kind: 'actor', actor: { name: 'No source', kind: 'armed group' }, evidence: { ...passage, sourceId: 999_999 } },
      'invalid_input',
      'evidence.sourceId',
    );
  });

  test('bad input is refused by the schema', () => {
    refusedWithoutChange('records.createFromPassage', { kind: 'relation', evidence: passage }, 'invalid_input');
    refusedWithoutChange(
      'records.createFromPassage',
      { kind: 'actor', actor: { name: '   ', kind: 'armed group' }, evidence: passage },
      'invalid_input',
      'actor.name',
    );
  });
});

describe('aliases.addWithEvidence and its undo', () => {
  const rsf = call<Actor[]>('actors.list', {}).find((a) => a.name === 'Rapid Support Forces')!;
  const owner = { kind: 'actor', id: rsf.id };

  test('adds the new names as aliases, skips the known ones, cites the passage as an alias', () => {
    const before = call<Actor>('actors.get', { id: rsf.id }).aliases.length;
    const result = call<{ added: { id: number; name: string }[]; evidence: Evidence }>('aliases.addWithEvidence', {
      owner,
      names: [
        { name: 'rsf', kind: 'acronym' },
        { name: 'Quwat al-Da’m al-Sari’', kind: 'transliteration' },
        { name: 'Rapid Support Forces', kind: 'alias' },
      ],
      evidence: passage,
    });
    assert.deepEqual(
      result.added.map((a) => a.name),
      ['Quwat al-Da’m al-Sari’'],
    );
    assert.equal(result.evidence.field, 'alias');
    assert.equal(call<Actor>('actors.get', { id: rsf.id }).aliases.length, before + 1);

    const undone = call<{ removed: number }>('aliases.removeWithEvidence', {
      owner,
      aliasIds: result.added.map((a) => a.id),
      evidenceId: result.evidence.id,
    });
    assert.equal(undone.removed, 2);
    assert.equal(call<Actor>('actors.get', { id: rsf.id }).aliases.length, before);
    assert.throws(() => callMethod(db, 'evidence.get', { id: result.evidence.id }), ApiError);
  });

  test('a bad passage after a new alias leaves no alias behind', () => {
    refusedWithoutChange(
      'aliases.addWithEvidence',
      { owner, names: [{ name: 'Brand new alias', kind: 'alias' }], evidence: { ...passage, start: 0 } },
      'invalid_input',
      'evidence.quote',
    );
  });

  test('an unknown record, or an undo naming another record’s alias, changes nothing', () => {
    refusedWithoutChange('aliases.addWithEvidence', { owner: { kind: 'place', id: 999_999 }, names: [{ name: 'X-town' }] }, 'not_found');
    const other = call<Actor[]>('actors.list', {}).find((a) => a.name === 'Wagner Group')!;
    const added = call<{ added: { id: number }[]; evidence: Evidence }>('aliases.addWithEvidence', {
      owner,
      names: [{ name: 'Undo test alias' }],
      evidence: passage,
    });
    // The evidence would be deleted first; the foreign alias then fails the whole undo.
    refusedWithoutChange(
      'aliases.removeWithEvidence',
      { owner, aliasIds: [other.aliases[0]!.id], evidenceId: added.evidence.id },
      'not_found',
    );
    refusedWithoutChange(
      'aliases.removeWithEvidence',
      { owner: { kind: 'actor', id: other.id }, aliasIds: [], evidenceId: added.evidence.id },
      'invalid_input',
      'evidenceId',
    );
  });
});

describe('notes.quote', () => {
  const selection = { sourceId: source.id, quote: QUOTE, start: START };
  test('appends the quotation and a link to its highlight to an existing note, keeping what was there', () => {
    const note = call<Note>('notes.create', {
      title: 'Working note',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Already here.' }] }] },
    });
    const result = call<{ noteId: number; annotationId: number }>('notes.quote', { noteId: note.id, passage: selection });
    assert.equal(result.noteId, note.id);
    const annotation = call<Annotation>('annotations.get', { id: result.annotationId });
    assert.equal(annotation.quote, QUOTE);
    const after = call<Note>('notes.get', { id: note.id });
    assert.equal(after.body.content![0]!.content![0]!.text, 'Already here.');
    assert.equal(after.body.content![1]!.type, 'blockquote');
    assert.ok(after.text.includes(QUOTE));
    assert.ok(after.links.some((l) => l.kind === 'annotation' && l.id === annotation.id));
  });

  test('quotes an existing highlight into a new note titled after the source', () => {
    const annotation = call<Annotation>('annotations.create', selection);
    const result = call<{ noteId: number; annotationId: number }>('notes.quote', { noteId: null, annotationId: annotation.id });
    assert.equal(result.annotationId, annotation.id);
    const note = call<Note>('notes.get', { id: result.noteId });
    assert.equal(note.title, `Notes on ${source.title}`.slice(0, 200));
    assert.ok(note.links.some((l) => l.kind === 'annotation' && l.id === annotation.id));
  });

  test('a missing note or a bad passage leaves no highlight behind', () => {
    refusedWithoutChange('notes.quote', { noteId: 999_999, passage: selection }, 'not_found');
    refusedWithoutChange('notes.quote', { noteId: null, passage: { ...selection, start: 1 } }, 'invalid_input', 'quote');
    const trashed = call<Note>('notes.create', { title: 'To be trashed' });
    call('notes.delete', { id: trashed.id });
    refusedWithoutChange('notes.quote', { noteId: trashed.id, passage: selection }, 'not_found');
  });
});
