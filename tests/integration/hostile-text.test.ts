// Text that lies (issue 12): names of invisible characters only, bidirectional
// overrides, and lone surrogates. Each is refused or cleaned with a clear
// message, and a refused call leaves the store exactly as it was.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';

const { db } = tempFieldbook();
const call = (method: string, input: unknown) => callMethod(db, method, input);

function refused(method: string, input: unknown, message: RegExp): void {
  const before = storeDigest(db);
  assert.throws(
    () => call(method, input),
    (error: unknown) => error instanceof ApiError && error.code === 'invalid_input' && message.test(error.message),
  );
  assert.equal(storeDigest(db), before, 'the store is unchanged');
}

describe('names that look empty', () => {
  test('a name, alias or title made only of zero-width and other invisible characters is refused', () => {
    refused(
      'actors.create',
      { name: '\u200B\u200C\u200D\uFEFF', kind: 'person' },
      /name: must not be empty \(invisible characters do not count\)/,
    );
    refused('places.create', { name: ' \u2060\u00AD ', kind: 'town' }, /name: must not be empty/);
    refused('events.create', { title: '\u200E\u200F', type: 'Battles' }, /title: must not be empty/);
    refused('actors.create', { name: 'Real name', kind: 'person', aliases: [{ name: '\u200B' }] }, /aliases\.0\.name: must not be empty/);
  });

  test('a name with a zero-width joiner inside real letters is kept as written', () => {
    const actor = call('actors.create', { name: 'می\u200Cخواهم Group', kind: 'organization' }) as { name: string };
    assert.equal(actor.name, 'می\u200Cخواهم Group');
  });
});

describe('bidirectional controls', () => {
  test('overrides and isolates are stripped from names, aliases and titles', () => {
    const actor = call('actors.create', {
      name: 'Abu \u202Ekcatta\u202C Group',
      kind: 'armed group',
      aliases: [{ name: '\u2067Brigade\u2069' }],
    }) as { id: number; name: string; aliases: { name: string }[] };
    assert.equal(actor.name, 'Abu kcatta Group');
    assert.deepEqual(
      actor.aliases.map((a) => a.name),
      ['Brigade'],
    );
    const note = call('notes.create', { title: 'Report \u202Dfinal' }) as { title: string };
    assert.equal(note.title, 'Report final');
  });
});

describe('lone surrogates', () => {
  test('are refused, never turned into U+FFFD', () => {
    refused('actors.create', { name: 'Half \uD83D character', kind: 'person' }, /holds a broken character/);
    refused('notes.create', { title: 'x\uDC00' }, /title: holds a broken character/);
    refused('actors.create', { name: 'Fine', kind: 'person', description: 'bad \uD800 text' }, /description: holds a broken character/);
    const source = (call('sources.list', {}) as { id: number }[])[0]!;
    refused('sources.update', { id: source.id, title: 'T\uDFFF' }, /title: holds a broken character/);
  });

  test('a whole pair (an emoji) is a character like any other', () => {
    const actor = call('actors.create', { name: 'Falcon 🦅 Unit', kind: 'armed group' }) as { name: string };
    assert.equal(actor.name, 'Falcon 🦅 Unit');
  });
});
