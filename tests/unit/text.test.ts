import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldName, foldText } from '../../db/shared/folding.ts';

test('foldText removes case and diacritics', () => {
  assert.equal(foldText('Goïta'), 'goita');
  assert.equal(foldText('TRAORÉ'), 'traore');
  assert.equal(foldText('Straße'), 'strasse');
});

test('foldText folds Arabic letter variants and strips harakat', () => {
  assert.equal(foldText('أمن'), foldText('امن'));
  assert.equal(foldText('إسلام'), foldText('اسلام'));
  assert.equal(foldText('مدينة'), foldText('مدينه'));
  assert.equal(foldText('مُحَمَّد'), 'محمد');
  assert.equal(foldText('مصطفى'), foldText('مصطفي'));
});

test('foldName treats punctuation and spacing alike and drops apostrophes', () => {
  assert.equal(foldName('Al-Qaeda'), foldName('al qaeda'));
  assert.equal(foldName("al-Qa'ida"), 'al qaida');
  assert.equal(foldName('  U.S.  Army '), 'u s army');
});
