// The name index holds the search vocabulary too (for corrections). A store
// with few records but a large vocabulary (one long imported text) is indexed
// in slices, not whole inside a search: whole, each search after another
// connection's write (an import's worker, a chunk at a time) rebuilt it, for
// seconds, while every other call waited.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import { openStore } from '../../db/store/open.ts';
import type { SearchReadiness, SearchResult } from '../../db/shared/search-results.ts';
import { tempDir } from '../helpers.ts';

/** `count` distinct words of letters only: qaaaax, qbaaax, … */
function distinctWords(count: number): string[] {
  const letter = (i: number, place: number) => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(i / 26 ** place) % 26]!;
  return Array.from({ length: count }, (_, i) => `q${letter(i, 0)}${letter(i, 1)}${letter(i, 2)}${letter(i, 3)}x`);
}

test('after another connection brings a large vocabulary, a search does not rebuild the whole index; prepared, it is whole', () => {
  const dir = tempDir();
  const { db, close } = openFieldbook(dir);
  try {
    const search = (query: string) => callMethod(db, 'search', { query, limit: 5 }) as SearchResult[];
    assert.equal(search('Haftar')[0]?.title, 'Khalifa Haftar');
    assert.equal((callMethod(db, 'search.prepare', { slices: 1 }) as SearchReadiness).ready, true, 'a small store: whole at once');

    // Another connection (as an import's worker) stores a text of 25,000 new words.
    const other = openStore(path.join(dir, 'fieldbook.sqlite'), { mustExist: true });
    try {
      callMethod(other, 'sources.create', { title: 'A long glossary', text: distinctWords(25_000).join(' ') });
    } finally {
      other.close();
    }

    // The next search sees the write and answers, names from the store; the index is rebuilt in slices.
    assert.equal(search('Haftar')[0]?.title, 'Khalifa Haftar');
    assert.equal((callMethod(db, 'search.prepare', { slices: 1 }) as SearchReadiness).ready, false, 'not built whole inside the search');
    assert.equal((callMethod(db, 'search.prepare', {}) as SearchReadiness).ready, true);
    assert.equal(search('Haftr')[0]?.title, 'Khalifa Haftar', 'corrections again, from the whole index');
  } finally {
    close();
  }
});
