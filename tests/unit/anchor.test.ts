import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { anchorAt, anchorQuote, boundedDistance, FUZZY_THRESHOLD, reanchor, type Reanchored, type TextAnchor } from '../../db/anchor.ts';

const doc = readFileSync(new URL('../../resources/seed/documents/004_2bb7879cc81fd913.txt', import.meta.url), 'utf8');

function quoted(text: string, quote: string, occurrence = 0): TextAnchor {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  assert.ok(at >= 0, `"${quote}" occurs ${occurrence + 1} times in the text`);
  return anchorAt(text, at, at + quote.length);
}

function insertAt(text: string, at: number, inserted: string): string {
  return text.slice(0, at) + inserted + text.slice(at);
}

function anchorOf(result: Reanchored): TextAnchor {
  assert.notEqual(result.status, 'orphaned');
  return (result as Extract<Reanchored, { anchor: TextAnchor }>).anchor;
}

/** Whatever the status, a returned anchor must describe the text it points into. */
function assertConsistent(text: string, result: Reanchored): void {
  if (result.status === 'orphaned') return;
  assert.deepEqual(result.anchor, anchorAt(text, result.anchor.start, result.anchor.end));
}

const PASSAGE = 'An attack on an army base and an internally displaced persons camp in Djibo';

describe('reanchor', () => {
  test('an unchanged text gives the anchor back exactly, as stored and without extra fields', () => {
    const anchor = quoted(doc, PASSAGE);
    assert.deepEqual(reanchor(doc, anchor), { status: 'exact', anchor });
    assert.deepEqual(reanchor(doc, { ...anchor, prefix: anchor.prefix.slice(-5), id: 7 } as TextAnchor), {
      status: 'exact',
      anchor: { ...anchor, prefix: anchor.prefix.slice(-5) },
    });
  });

  test('an insertion before the passage moves it by the inserted length', () => {
    const anchor = quoted(doc, PASSAGE);
    const edited = insertAt(doc, 200, 'A NEW SENTENCE WRITTEN BY THE EDITOR. ');
    const result = reanchor(edited, anchor);
    assert.equal(result.status, 'moved');
    assert.deepEqual(anchorOf(result), { ...anchor, start: anchor.start + 38, end: anchor.end + 38 });
  });

  test('an insertion after the passage, beyond its suffix, leaves it exact', () => {
    const anchor = quoted(doc, PASSAGE);
    const edited = insertAt(doc, anchor.end + 100, ' (updated)');
    assert.deepEqual(reanchor(edited, anchor), { status: 'exact', anchor });
  });

  test('an insertion inside the passage is a fuzzy match with the new quote', () => {
    const anchor = quoted(doc, PASSAGE);
    const edited = doc.replace('an army base', 'an army forward base');
    const result = reanchor(edited, anchor);
    assert.equal(result.status, 'fuzzy');
    assert.equal(anchorOf(result).quote, 'An attack on an army forward base and an internally displaced persons camp in Djibo');
    assert.equal(anchorOf(result).start, anchor.start);
    assert.equal(anchorOf(result).end, anchor.end + 8);
    assertConsistent(edited, result);
  });

  test('a deletion or a substitution inside the passage is a fuzzy match too', () => {
    const anchor = quoted(doc, PASSAGE);
    const deleted = doc.replace('an internally displaced persons camp', 'a displaced persons camp');
    assert.equal(anchorOf(reanchor(deleted, anchor)).quote, 'An attack on an army base and a displaced persons camp in Djibo');
    const substituted = doc.replace('in Djibo on December', 'in Djibu on December');
    const result = reanchor(substituted, anchor);
    assert.equal(result.status, 'fuzzy');
    assert.equal(anchorOf(result).quote, PASSAGE.replace('Djibo', 'Djibu'));
  });

  test('an edit at the very edge of the quote keeps the span tight, guided by the context', () => {
    const anchor = quoted(doc, 'Burkina Faso is also struggling');
    const edited = doc.replace('Burkina Faso is also struggling', 'urkina Faso is also struggling');
    assert.equal(anchorOf(reanchor(edited, anchor)).quote, 'urkina Faso is also struggling');
    const trimmed = doc.replace('Burkina Faso is also struggling', 'Burkina Faso is also strugglin');
    assert.equal(anchorOf(reanchor(trimmed, anchor)).quote, 'Burkina Faso is also strugglin');
  });

  test('a passage both moved and edited is still found', () => {
    const anchor = quoted(doc, PASSAGE);
    const edited = insertAt(doc.replace('an army base', 'a military base'), 0, 'EDITOR’S NOTE: '.repeat(200));
    const result = reanchor(edited, anchor);
    assert.equal(result.status, 'fuzzy');
    assert.equal(anchorOf(result).quote, 'An attack on a military base and an internally displaced persons camp in Djibo');
  });

  test('a deleted passage is orphaned', () => {
    const anchor = quoted(doc, PASSAGE);
    const edited = doc.replace(`${PASSAGE} on December 17th killed 40 and injured 42. `, '');
    assert.deepEqual(reanchor(edited, anchor), { status: 'orphaned' });
  });

  test('a passage rewritten beyond recognition is orphaned', () => {
    const anchor = quoted(doc, PASSAGE);
    const edited = doc.replace(PASSAGE, 'A raid on a garrison and a camp for displaced people near Djibo');
    assert.deepEqual(reanchor(edited, anchor), { status: 'orphaned' });
  });

  test('a short quote is never matched approximately', () => {
    const text = 'The AES was founded. Nothing else.';
    assert.deepEqual(reanchor('The AFS was founded. Nothing else.', quoted(text, 'AES')), { status: 'orphaned' });
  });

  test('fuzzy matches stop at the similarity threshold', () => {
    const text = 'Before the passage. abcdefghijklmnopqrst. After the passage.';
    const anchor = quoted(text, 'abcdefghijklmnopqrst');
    // 20 characters: 4 edits give 0.8, 5 give 0.75.
    const four = reanchor(text.replace('abcdefghijklmnopqrst', 'abXdeXghXjkXmnopqrst'), anchor);
    assert.equal(four.status, 'fuzzy');
    assert.equal(anchorOf(four).quote, 'abXdeXghXjkXmnopqrst');
    const five = reanchor(text.replace('abcdefghijklmnopqrst', 'abXdeXghXjkXmnXpqrst'), anchor);
    assert.deepEqual(five, { status: 'orphaned' });
    assert.equal(FUZZY_THRESHOLD, 0.8);
  });

  test('of repeated quotes the one whose prefix and suffix match is chosen, not the nearest', () => {
    const text = [
      'In Mali, the Wagner Group guarded the mines.',
      'In Libya, the Wagner Group held the airbase at Al-Jufra.',
      'In Sudan, the Wagner Group traded in gold.',
    ].join(' ');
    const anchor = quoted(text, 'the Wagner Group', 1);
    // The insertion shifts the text so that the third occurrence now sits nearest the old offset.
    const edited = insertAt(text, 0, 'x'.repeat(text.indexOf('In Sudan') - text.indexOf('In Libya')));
    const result = reanchor(edited, anchor);
    assert.equal(result.status, 'moved');
    assert.equal(anchorOf(result).start, edited.indexOf('the Wagner Group held'));
  });

  test('repeated quotes in identical surroundings are told apart by distance from the old offset', () => {
    const text = 'Patrol report. the Wagner Group withdrew. '.repeat(5);
    const anchor = quoted(text, 'the Wagner Group', 2);
    const result = reanchor(`>> ${text}`, anchor);
    assert.equal(result.status, 'moved');
    assert.equal(anchorOf(result).start, anchor.start + 3);
  });

  test('an edit inside the prefix only: same quote, refreshed context', () => {
    const anchor = quoted(doc, PASSAGE);
    const substituted = doc.slice(0, anchor.start - 10) + 'X' + doc.slice(anchor.start - 9);
    const same = reanchor(substituted, anchor);
    assert.equal(same.status, 'moved');
    assert.deepEqual(anchorOf(same), anchorAt(substituted, anchor.start, anchor.end));
    const inserted = insertAt(doc, anchor.start - 5, 'INSERTED');
    const shifted = reanchor(inserted, anchor);
    assert.equal(shifted.status, 'moved');
    assert.equal(anchorOf(shifted).start, anchor.start + 8);
    assert.equal(anchorOf(shifted).quote, PASSAGE);
    assert.ok(anchorOf(shifted).prefix.includes('INSERTED'));
  });

  test('a common quote edited in place is not carried off to a verbatim copy with none of its context', () => {
    const text = 'Officials said the Wagner Group left. Elsewhere, reports said the Wagner Group stayed on in the north.';
    const anchor = quoted(text, 'the Wagner Group', 1);
    const edited = text.replace('reports said the Wagner Group stayed', 'reports said the Wagner group stayed');
    const result = reanchor(edited, anchor);
    assert.equal(result.status, 'fuzzy');
    assert.equal(anchorOf(result).quote, 'the Wagner group');
    assert.equal(anchorOf(result).start, anchor.start);
  });

  test('Arabic text: moved, edited and exact', () => {
    const text =
      'بسم الله الرحمن الرحيم. عقدت اللجنة الأمنية المشتركة اجتماعها في طرابلس يوم السادس عشر من يونيو، ' +
      'وناقشت تأمين الحدود المشتركة بين تونس وليبيا والجزائر ومكافحة التهريب عبر الصحراء. وأكد المشاركون أهمية التنسيق.';
    const anchor = quoted(text, 'تأمين الحدود المشتركة بين تونس وليبيا والجزائر');
    assert.deepEqual(reanchor(text, anchor), { status: 'exact', anchor });
    const preface = 'تقرير خاص: ';
    const moved = reanchor(preface + text, anchor);
    assert.equal(moved.status, 'moved');
    assert.equal(anchorOf(moved).start, anchor.start + preface.length);
    const edited = text.replace('بين تونس وليبيا', 'بين تونس وليبيا ومصر');
    const fuzzy = reanchor(edited, anchor);
    assert.equal(fuzzy.status, 'fuzzy');
    assert.equal(anchorOf(fuzzy).quote, 'تأمين الحدود المشتركة بين تونس وليبيا ومصر والجزائر');
    assertConsistent(edited, fuzzy);
    // Harakat added to a word are an edit like any other.
    const vowelled = text.replace('تأمين', 'تَأْمِين');
    assert.equal(anchorOf(reanchor(vowelled, anchor)).quote, 'تَأْمِين الحدود المشتركة بين تونس وليبيا والجزائر');
  });

  test('a fuzzy match never cuts a surrogate pair in two', () => {
    const text = 'Status report 🇱🇾 Libya: the border crossing at Ras Ajdir reopened 🚧 today.';
    const anchor = quoted(text, 'Libya: the border crossing at Ras Ajdir reopened');
    const edited = text.replace('Libya:', '🇱🇾🇱🇾 Libya ').replace('reopened', 'reopened 🚧');
    const result = reanchor(edited, anchor);
    assertConsistent(edited, result);
    if (result.status !== 'orphaned') {
      assert.ok(!/^[\uDC00-\uDFFF]/.test(result.anchor.quote), 'does not start inside a pair');
      assert.ok(!/[\uD800-\uDBFF]$/.test(result.anchor.quote), 'does not end inside a pair');
    }
  });

  test('quotes at the very start and end of the text, with empty prefix or suffix', () => {
    const text = 'Start of text. Middle. End of text';
    const first = quoted(text, 'Start of text');
    const last = quoted(text, 'End of text');
    assert.equal(first.prefix, '');
    assert.equal(last.suffix, '');
    assert.deepEqual(reanchor(text, first), { status: 'exact', anchor: first });
    assert.deepEqual(reanchor(text, last), { status: 'exact', anchor: last });
    // An empty suffix is matched by anything: text appended after the last quote leaves it exact.
    assert.deepEqual(reanchor(`${text}, and more.`, last), { status: 'exact', anchor: last });
    assert.equal(reanchor(`Preface. ${text}`, first).status, 'moved');
  });

  test('offsets that are out of range, negative, fractional or not numbers never throw', () => {
    const anchor = quoted(doc, PASSAGE);
    for (const start of [-5, doc.length + 10, Number.NaN, Number.POSITIVE_INFINITY, anchor.start + 0.5]) {
      const result = reanchor(doc, { ...anchor, start, end: start + PASSAGE.length });
      assert.equal(result.status, 'moved', `start ${start}`);
      assert.equal(anchorOf(result).start, anchor.start);
    }
    // The quote, not a stored end offset that does not fit it, is the truth; the anchor needs saving again.
    assert.deepEqual(reanchor(doc, { ...anchor, end: anchor.start }), { status: 'moved', anchor });
  });

  test('an empty text or an empty quote', () => {
    const anchor = quoted(doc, PASSAGE);
    assert.deepEqual(reanchor('', anchor), { status: 'orphaned' });
    const text = 'before|after';
    const caret = anchorAt(text, 6, 6);
    assert.deepEqual(reanchor(text, caret), { status: 'exact', anchor: caret });
    const moved = reanchor(`>> ${text}`, caret);
    assert.equal(moved.status, 'moved');
    assert.equal(anchorOf(moved).start, 9);
    assert.deepEqual(reanchor('something else', caret), { status: 'orphaned' });
    assert.deepEqual(reanchor('', anchorAt('', 0, 0)), { status: 'exact', anchor: anchorAt('', 0, 0) });
  });

  test('every single edit inside a quote of a real document is found at the right span', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    for (let trial = 0; trial < 200; trial++) {
      const length = 20 + random(200);
      const start = random(doc.length - length);
      const anchor = anchorAt(doc, start, start + length);
      const at = start + 1 + random(length - 2);
      const kind = random(3);
      const inserted = kind === 1 ? '' : 'ZQ';
      const edited = doc.slice(0, at) + inserted + doc.slice(kind === 0 ? at : at + 1);
      const expected = edited.slice(start, start + length + inserted.length - (kind === 0 ? 0 : 1));
      const result = reanchor(edited, anchor);
      assert.equal(result.status, 'fuzzy', `trial ${trial}`);
      assert.equal(anchorOf(result).quote, expected, `trial ${trial}`);
      assert.equal(anchorOf(result).start, start, `trial ${trial}`);
    }
  });

  test('thousands of highlights on a 100 KB text are re-anchored in well under a few seconds', () => {
    // The seed document's words shuffled into 100 KB, so that quotes are not repeated verbatim.
    const words = doc.split(/\s+/);
    let text = '';
    for (let i = 0; text.length < 100_000; i++) text += `${words[(i * 7919 + ((i * i) % 101)) % words.length]} `;
    const anchors: TextAnchor[] = [];
    for (let i = 0; i < 3000; i++) {
      const start = (i * 7919) % (text.length - 300);
      anchors.push(anchorAt(text, start, start + 20 + (i % 250)));
    }
    let edited = `An editor’s preface.\n${text}`;
    for (let i = 0; i < 300; i++) {
      const at = (i * 104_729) % edited.length;
      edited = `${edited.slice(0, at)}[sic]${edited.slice(at + 2)}`;
    }
    const started = performance.now();
    const counts: Record<string, number> = {};
    for (const anchor of anchors) {
      const result = reanchor(edited, anchor);
      counts[result.status] = (counts[result.status] ?? 0) + 1;
    }
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 5000, `took ${Math.round(elapsed)} ms`);
    assert.ok((counts.moved ?? 0) > 1500 && (counts.fuzzy ?? 0) > 500, JSON.stringify(counts));
  });
});

test('boundedDistance agrees with a plain Levenshtein distance up to its bound', () => {
  const levenshtein = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length]!;
  };
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((seed / 2 ** 31) * n);
  };
  const word = (): string => Array.from({ length: random(10) }, () => 'abc'[random(3)]).join('');
  for (let i = 0; i < 3000; i++) {
    const [a, b, max] = [word(), word(), random(6)];
    assert.equal(boundedDistance(a, b, max), Math.min(levenshtein(a, b), max + 1), `${a} ${b} ${max}`);
  }
});

test('anchorQuote still anchors at a given offset or at the first occurrence', () => {
  assert.deepEqual(anchorQuote('a b a b', 'a b', 4), anchorAt('a b a b', 4, 7));
  assert.deepEqual(anchorQuote('a b a b', 'a b', undefined), anchorAt('a b a b', 0, 3));
  assert.throws(() => anchorQuote('a b', 'c', undefined), /does not occur verbatim/);
});
