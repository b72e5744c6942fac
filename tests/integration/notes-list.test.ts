// notes.list's filter and sort, tags.list, and the settings kept in the store (the welcome's dismissal).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import type { DocNode } from '../../db/shared/schemas.ts';
import { storeDigest, tempDir, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const { db } = tempFieldbook({ seed: false });
const call = <M extends MethodName>(method: M, input: unknown = {}) => callMethod(db, method, input) as MethodResult<M>;
const body = (text: string): DocNode => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

// Made in this order, so 'updated' and 'created' differ once the first is edited again below.
const notes = {
  border: call('notes.create', { title: 'Border crossings', body: body('Al-Toum retaken by the LNA. #border #libya') }).id,
  wagner: call('notes.create', { title: 'africa Corps', body: body('Wagner became the Africa Corps in Mali. #sahel') }).id,
  untitled: call('notes.create', { title: '', body: body('Gao and Kidal, a first draft. #Border') }).id,
  plain: call('notes.create', { title: 'Zinder market', body: body('Prices at the market, no tag here; Niamey.') }).id,
};
// Edited last: the newest by update, the oldest by creation.
call('notes.update', { id: notes.border, body: body('Al-Toum (الطوم) retaken by the LNA in Février. #border #libya') });

const ids = (input: unknown) => call('notes.list', input).map((n) => n.id);

describe('notes.list filters and sorts in the store', () => {
  test('sorted by update (the default), by creation, by title (untitled last) and by first tag (untagged last)', () => {
    assert.equal(ids({})[0], notes.border, 'edited last comes first');
    assert.deepEqual(ids({ sort: 'updated' }), ids({}));
    assert.deepEqual(ids({ sort: 'created' }), [notes.plain, notes.untitled, notes.wagner, notes.border]);
    assert.deepEqual(ids({ sort: 'title' }), [notes.wagner, notes.border, notes.plain, notes.untitled], 'case does not matter');
    // border: 'border'; untitled: 'border' (tags are lower-cased); wagner: 'sahel'; plain: none.
    assert.deepEqual(ids({ sort: 'tag' }), [notes.border, notes.untitled, notes.wagner, notes.plain]);
  });

  test('the filter finds every word as a word or the start of one, in the title or the text, whatever the case or accents', () => {
    assert.deepEqual(ids({ query: 'africa' }), [notes.wagner]);
    assert.deepEqual(ids({ query: 'AFRI corps' }), [notes.wagner], 'prefixes, every word');
    assert.deepEqual(ids({ query: 'fevrier' }), [notes.border], 'accents folded');
    assert.deepEqual(ids({ query: 'الطوم' }), [notes.border], 'Arabic script');
    assert.deepEqual(ids({ query: 'africa market' }), [], 'every word must match');
    assert.deepEqual(ids({ query: 'border', sort: 'created' }), [notes.untitled, notes.border], 'tags are words too');
    assert.deepEqual(ids({ query: '  ' }).length, 4, 'no words: no filter');
    assert.deepEqual(ids({ query: '"*) (' }).length, 4, 'FTS syntax is not words: no filter');
    assert.deepEqual(ids({ query: 'africa OR market' }), [], 'OR is a word, never an operator');
  });

  test('a tag, with or without #, combines with the filter and the sort', () => {
    assert.deepEqual(ids({ tag: 'border', sort: 'title' }), [notes.border, notes.untitled]);
    assert.deepEqual(ids({ tag: '#BORDER', query: 'kidal' }), [notes.untitled]);
    assert.deepEqual(ids({ tag: 'nothing' }), []);
  });

  test('bad options are refused with the field named, and change nothing', () => {
    const before = storeDigest(db);
    for (const [input, field] of [
      [{ sort: 'size' }, 'sort'],
      [{ query: 'x'.repeat(201) }, 'query'],
      [{ query: 12 }, 'query'],
    ] as const) {
      assert.throws(
        () => call('notes.list', input),
        (e: unknown) => e instanceof ApiError && e.code === 'invalid_input' && e.issues.some((i) => i.path === field),
        JSON.stringify(input),
      );
    }
    assert.equal(storeDigest(db), before);
  });
});

describe('tags.list', () => {
  test('every tag of a live note with its count, most used first; trashed notes do not count', () => {
    assert.deepEqual(call('tags.list'), [
      { tag: 'border', count: 2 },
      { tag: 'libya', count: 1 },
      { tag: 'sahel', count: 1 },
    ]);
    call('notes.delete', { id: notes.untitled });
    assert.deepEqual(call('tags.list')[0], { tag: 'border', count: 1 });
    call('trash.restore', { kind: 'note', id: notes.untitled });
    assert.deepEqual(call('tags.list')[0], { tag: 'border', count: 2 });
    assert.throws(() => call('tags.list', { all: true }), /invalid_input|all/);
  });
});

describe('settings', () => {
  test('the welcome is not dismissed in a new store; dismissing it is kept in the file, across reopening', () => {
    const dir = tempDir();
    const first = openFieldbook(dir, { seed: false });
    assert.deepEqual(callMethod(first.db, 'settings.get', {}), { welcomeDismissed: false });
    assert.deepEqual(callMethod(first.db, 'settings.update', { welcomeDismissed: true }), { welcomeDismissed: true });
    first.close();
    const again = openFieldbook(dir, { seed: false });
    try {
      assert.deepEqual(callMethod(again.db, 'settings.get', {}), { welcomeDismissed: true });
      assert.deepEqual(callMethod(again.db, 'settings.update', {}), { welcomeDismissed: true }, 'nothing asked, nothing changed');
      assert.deepEqual(callMethod(again.db, 'settings.update', { welcomeDismissed: false }), { welcomeDismissed: false });
      const before = storeDigest(again.db);
      assert.throws(() => callMethod(again.db, 'settings.update', { welcomeDismissed: 'yes' }), /welcomeDismissed/);
      assert.throws(() => callMethod(again.db, 'settings.update', { theme: 'dark' }), /invalid_input|theme|unrecognized/i);
      assert.equal(storeDigest(again.db), before);
    } finally {
      again.close();
    }
  });
});
