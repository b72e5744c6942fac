// A search hit on an event says its date in words, not in EDTF.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { tempFieldbook } from '../helpers.ts';
import type { SearchResult } from '../../db/shared/search-results.ts';

const { db } = tempFieldbook();

test('an event hit reads its date in words', () => {
  const hits = callMethod(db, 'search', { query: 'detainees escape camp', kinds: ['event'] }) as SearchResult[];
  const escape = hits.find((h) => h.title.startsWith('Hundreds of IS detainees escape'));
  assert.ok(escape, JSON.stringify(hits.map((h) => h.title)));
  assert.match(escape.snippet, / · 13 October 2019 · Violence against civilians$|· 13 October 2019 · /);
  const unknownYear = (callMethod(db, 'search', { query: 'Al-Toum crossing', kinds: ['event'] }) as SearchResult[])[0]!;
  assert.match(unknownYear.snippet, /25 February, year unknown/);
  assert.doesNotMatch(unknownYear.snippet, /XXXX/);
});
