import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEdtf, parseEdtf } from '../../db/shared/edtf.ts';

test('a day, a month and an interval give their earliest and latest day', () => {
  assert.deepEqual(parseEdtf('2019-10-13'), { edtf: '2019-10-13', min: '2019-10-13', max: '2019-10-13' });
  assert.deepEqual(parseEdtf('2023-12?'), { edtf: '2023-12?', min: '2023-12-01', max: '2023-12-31' });
  assert.deepEqual(parseEdtf('2019-09/2019-10'), { edtf: '2019-09/2019-10', min: '2019-09-01', max: '2019-10-31' });
});

test('a date whose year is unknown has no bounds rather than a guessed year', () => {
  assert.deepEqual(parseEdtf('XXXX-02-25'), { edtf: 'XXXX-02-25', min: null, max: null });
});

test('a date with an unknown last digit spans the decade', () => {
  assert.deepEqual(parseEdtf('199X'), { edtf: '199X', min: '1990-01-01', max: '1999-12-31' });
});

test('text that is not EDTF is refused with an explanation', () => {
  assert.equal(isEdtf('last Tuesday'), false);
  assert.equal(isEdtf('2023-13-01'), false);
  assert.throws(() => parseEdtf('soon'), /is not an EDTF date/);
});
