import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { LIST_SQL } from '../../db/repo/sources.ts';
import type { Source } from '../../db/shared/records.ts';
import { tempFieldbook } from '../helpers.ts';

test('the Sources list is read from the listing index, never from the rows that hold the texts', () => {
  const { db } = tempFieldbook();
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${LIST_SQL}`).all() as { detail: string }[]).map((row) => row.detail);
  // Reading a row's columns stored after its text walks the whole text (50-170 ms for 50 MB): the list must not.
  assert.ok(
    plan.some((step) => /^SEARCH sources USING (COVERING )?INDEX sources_listing/.test(step)),
    plan.join('\n'),
  );
  assert.ok(!plan.some((step) => /^SCAN sources\b/.test(step)), plan.join('\n'));
});

test('the list read that way shows what the rows say: a new, an edited and a trashed source', () => {
  const { db } = tempFieldbook();
  const made = callMethod(db, 'sources.create', { title: 'Convoy log', text: 'Trucks crossed at dawn.', reliability: 'C' }) as Source;
  callMethod(db, 'sources.update', { id: made.id, title: 'Convoy log, March' });
  const listed = (callMethod(db, 'sources.list', {}) as Source[]).find((s) => s.id === made.id);
  assert.equal(listed?.title, 'Convoy log, March');
  assert.equal(listed?.reliability, 'C');
  assert.equal(listed?.length, 'Trucks crossed at dawn.'.length);
  callMethod(db, 'sources.delete', { id: made.id });
  assert.ok(!(callMethod(db, 'sources.list', {}) as Source[]).some((s) => s.id === made.id));
});
