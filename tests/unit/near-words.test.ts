// The deletion index behind corrections of names: it must offer every word
// within the bound, however the letters were mistyped (q-grams did not:
// "pacthouge" shares no trigram with "patchogue").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NearWords } from '../../db/search/near-words.ts';
import { correctionBound, editDistance } from '../../db/search/spelling.ts';

/** mulberry32, so the test is the same every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function withinBound(words: string[], query: string): string[] {
  const bound = correctionBound(query);
  return words.filter((w) => editDistance(query, w, bound) <= bound).sort();
}

function found(index: NearWords, words: string[], query: string): string[] {
  const bound = correctionBound(query);
  return [...index.candidates(query, bound)]
    .map((id) => words[id]!)
    .filter((w) => editDistance(query, w, bound) <= bound)
    .sort();
}

test('two swapped pairs are within the bound and found: pacthouge is patchogue, saeron is salerno', () => {
  const words = ['patchogue', 'salerno', 'pachuca', 'saronno', 'serono', 'patch'];
  const index = NearWords.of(words, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(found(index, words, 'pacthouge'), ['patchogue']);
  assert.ok(found(index, words, 'saeron').includes('salerno'));
});

test('every word within the bound is a candidate: edits of every kind, on random words', () => {
  const random = seeded(7);
  const letters = 'aeioulnrstkmdhbg';
  const word = () => Array.from({ length: 3 + Math.floor(random() * 9) }, () => letters[Math.floor(random() * letters.length)]).join('');
  const words = [...new Set(Array.from({ length: 3000 }, word))];
  const index = NearWords.of(
    words,
    words.map((_w, i) => i),
  );
  const edit = (w: string): string => {
    const at = Math.floor(random() * w.length);
    const letter = letters[Math.floor(random() * letters.length)]!;
    switch (Math.floor(random() * 4)) {
      case 0:
        return w.slice(0, at) + letter + w.slice(at + 1);
      case 1:
        return w.slice(0, at) + w.slice(at + 1);
      case 2:
        return w.slice(0, at) + letter + w.slice(at);
      default:
        return at + 1 < w.length ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w;
    }
  };
  for (let i = 0; i < 400; i++) {
    const source = words[Math.floor(random() * words.length)]!;
    const query = i % 2 ? edit(edit(source)) : edit(source);
    assert.deepEqual(found(index, words, query), withinBound(words, query), query);
  }
});

test('words added after the build are found too', () => {
  const words = ['haftar', 'tripoli'];
  const index = NearWords.of(words, [0, 1]);
  words.push('misrata');
  index.add(2, 'misrata');
  assert.deepEqual(found(index, words, 'misarta'), ['misrata']);
  assert.deepEqual(found(index, words, 'hafter'), ['haftar']);
});
