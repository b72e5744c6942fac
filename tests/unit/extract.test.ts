import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chunkRanges } from '../../db/extract/tokens.ts';
import { NameMatcher, suggestWith, type Candidate, type KnownTarget, type Suggestions } from '../../db/extract/suggest.ts';

const candidatesOf = (text: string): Candidate[] => suggestWith(new NameMatcher<KnownTarget>(), text).candidates;
const namesOf = (text: string) => candidatesOf(text).map((c) => c.name);
const candidate = (text: string, name: string) => candidatesOf(text).find((c) => c.name === name);

/** Every occurrence's text is the slice of the text at its offsets. */
function assertOffsets(text: string, suggestions: Suggestions): void {
  for (const item of [...suggestions.known, ...suggestions.candidates]) {
    for (const o of item.occurrences) assert.equal(text.slice(o.start, o.end), o.text, `${item.name} at ${o.start}`);
  }
}

describe('candidates', () => {
  test('runs of capitalised words are names, with their kind guessed from the context', () => {
    const text = 'Fighters loyal to Khalifa Haftar clashed with the Tebu militia in Sebha on Tuesday.';
    const names = namesOf(text);
    assert.ok(names.includes('Khalifa Haftar'), names.join(', '));
    assert.equal(candidate(text, 'Sebha')?.kind, 'place');
    assert.equal(candidate(text, 'Khalifa Haftar')?.kind, 'actor');
    assert.ok(!names.includes('Tuesday'), 'days are not names');
    assert.ok(!names.includes('Fighters'), 'a sentence-initial common word is not a name');
  });

  test('connectors and hyphens keep a name together', () => {
    const text =
      'He wrote for the Department of the Army and the University of St Andrews. ' +
      'Clashes with al-Qaida fighters near the Al-Toum crossing were reported by the Mali-Burkina Faso-Niger task force.';
    const names = namesOf(text);
    for (const name of ['Department of the Army', 'University of St Andrews', 'al-Qaida', 'Al-Toum', 'Mali-Burkina Faso-Niger']) {
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    }
    assert.equal(candidate(text, 'Al-Toum')?.kind, 'place', '"crossing" follows a place');
    assert.equal(candidate(text, 'University of St Andrews')?.kind, 'actor');
  });

  test('an acronym in brackets after a name is its alias, and its later uses count for the name', () => {
    const text = 'The Rapid Support Forces (RSF) attacked El Fasher. Two days later the RSF withdrew.';
    const rsf = candidate(text, 'Rapid Support Forces');
    assert.ok(rsf);
    assert.deepEqual(rsf.aliases, ['RSF']);
    assert.deepEqual(
      rsf.occurrences.map((o) => o.text),
      ['Rapid Support Forces', 'RSF', 'RSF'],
    );
    assert.ok(rsf.confidence >= 0.9);
    assert.ok(!namesOf(text).includes('RSF'), 'no second candidate for the acronym');
    assert.ok(namesOf(text).includes('El Fasher'));
  });

  test('sentence-initial words are names only when nothing says they are ordinary words', () => {
    const text =
      'However, the talks failed. Security was poor, and security forces fled. Relying on Wagner, the junta held Kidal. ' +
      'The Qasr Brigade attacked Tindouf. Moscow denied it.';
    const names = namesOf(text);
    for (const word of ['However', 'Security', 'Relying', 'The', 'The Qasr Brigade'])
      assert.ok(!names.includes(word), `${word} in ${names.join(', ')}`);
    for (const name of ['Wagner', 'Kidal', 'Qasr Brigade', 'Tindouf', 'Moscow'])
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    assert.equal(candidate(text, 'Qasr Brigade')?.kind, 'actor');
    assert.ok(candidate(text, 'Moscow')!.confidence < candidate(text, 'Tindouf')!.confidence, 'a lone sentence-initial word is less sure');
  });

  test('titles, nationality adjectives and all-caps headings are left out; groups named by nationality are kept', () => {
    const text =
      'BREAKING NEWS FROM THE DESERT FRONT\n' +
      'President Mohamed Bazoum met Russian officials and Chadian rebels. U.S. Secretary of State Marco Rubio called. ' +
      'They rely on Russian logistics and an MQ-9 drone.';
    const names = namesOf(text);
    for (const name of ['Mohamed Bazoum', 'Chadian rebels', 'U.S.', 'Marco Rubio'])
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    for (const word of [
      'President',
      'President Mohamed Bazoum',
      'Russian',
      'Secretary',
      'State',
      'MQ-9',
      'BREAKING',
      'DESERT FRONT',
      'FRONT',
    ]) {
      assert.ok(!names.includes(word), `${word} in ${names.join(', ')}`);
    }
  });

  test('the same name written differently is one candidate', () => {
    const text = 'Troops reached Al-Toum. Later, AL TOUM was quiet, and al-Toum reopened in Ghat.';
    const toum = candidatesOf(text).filter((c) => c.name.toLowerCase().replace(/[- ]/g, '') === 'altoum');
    assert.equal(toum.length, 1);
    assert.equal(toum[0]!.occurrences.length, 3);
  });

  test('offsets are UTF-16 offsets into the text, whatever comes before', () => {
    const text = '🙂 Les forces de Assimi Goïta à Kidal.\n\nبسم الله الرحمن الرحيم — Ghat';
    const suggestions = suggestWith(new NameMatcher<KnownTarget>(), text);
    assertOffsets(text, suggestions);
    const kidal = suggestions.candidates.find((c) => c.name === 'Kidal');
    assert.equal(kidal?.occurrences[0]?.start, text.indexOf('Kidal'));
    assert.ok(suggestions.candidates.some((c) => c.name === 'Assimi Goïta'));
  });

  test('Arabic text does not crash, proposes no capitalised names and finds known Arabic names', () => {
    const text = 'وصل خليفة حفتر إلى طرابلس. بسم الله الرحمن الرحيم';
    const names = new NameMatcher<KnownTarget>();
    names.add('خليفة حفتر', { kind: 'actor', id: 1, name: 'Khalifa Haftar' });
    names.add('طرابلس', { kind: 'place', id: 2, name: 'Tripoli' });
    const suggestions = suggestWith(names, text);
    assert.deepEqual(suggestions.candidates, []);
    assert.deepEqual(
      suggestions.known.map((k) => [k.name, k.occurrences.map((o) => o.text)]),
      [
        ['Khalifa Haftar', ['خليفة حفتر']],
        ['Tripoli', ['طرابلس']],
      ],
    );
    assertOffsets(text, suggestions);
    assert.doesNotThrow(() => candidatesOf('ـــ ٱلْعَرَبِيَّة ‎‏ 123 ... ’s — «»'));
    assert.deepEqual(candidatesOf(''), []);
  });
});

describe('known names', () => {
  const targets = {
    is: { kind: 'actor', id: 1, name: 'Islamic State' },
    us: { kind: 'actor', id: 2, name: 'United States' },
    wagner: { kind: 'actor', id: 3, name: 'Wagner Group' },
    corps: { kind: 'actor', id: 4, name: 'Africa Corps' },
    haftar: { kind: 'actor', id: 5, name: 'Khalifa Haftar' },
    tripartite: { kind: 'actor', id: 6, name: 'Egypt-Algeria-Tunisia tripartite' },
    south: { kind: 'place', id: 7, name: 'Southern Libya' },
    lna: { kind: 'actor', id: 8, name: 'Libyan National Army' },
  } satisfies Record<string, KnownTarget>;
  const names = new NameMatcher<KnownTarget>();
  for (const [label, target] of [
    ['Islamic State', targets.is],
    ['IS', targets.is],
    ['ISIS', targets.is],
    ['United States', targets.us],
    ['US', targets.us],
    ['U.S.', targets.us],
    ['Wagner Group', targets.wagner],
    ['Wagner', targets.wagner],
    ['Africa Corps', targets.corps],
    ['Wagner Group', targets.corps],
    ['Khalifa Haftar', targets.haftar],
    ['Haftar', targets.haftar],
    ['Tripartite', targets.tripartite],
    ['Southern Libya', targets.south],
    ['Libyan National Army', targets.lna],
    ['LNA', targets.lna],
  ] as const) {
    names.add(label, target);
  }
  const found = (text: string) => {
    const suggestions = suggestWith(names, text);
    assertOffsets(text, suggestions);
    return Object.fromEntries(suggestions.known.map((k) => [k.name, k.occurrences.map((o) => o.text)]));
  };

  test('acronyms match only as written: "is" and "us" are not IS and the US', () => {
    assert.deepEqual(found('This is what they told us. It is the US view that IS is weak, and the U.S. agrees.'), {
      'United States': ['US', 'U.S.'],
      'Islamic State': ['IS'],
    });
    assert.deepEqual(found('Is it us? Us? Lna? Isis?'), {});
    // In a line written in capitals, an acronym of three letters or fewer may be a word: "IS", "US", "WHO".
    assert.deepEqual(found('THIS IS WHAT US OFFICIALS SAID ABOUT ISIS AND THE LNA'), { 'Islamic State': ['ISIS'] });
    assert.deepEqual(found('Clashes between the LNA and IS fighters'), { 'Libyan National Army': ['LNA'], 'Islamic State': ['IS'] });
  });

  test('longest match first, every record a name stands for, possessives and line breaks', () => {
    assert.deepEqual(found("The Wagner Group, later Wagner, and Haftar’s forces; Khalifa\nHaftar's LNA."), {
      'Wagner Group': ['Wagner Group', 'Wagner'],
      'Africa Corps': ['Wagner Group'],
      'Khalifa Haftar': ['Haftar', 'Khalifa\nHaftar'],
      'Libyan National Army': ['LNA'],
    });
  });

  test('case and punctuation are folded, except that a one-word name wants its capital', () => {
    assert.deepEqual(found('the libyan national army in southern Libya; a tripartite airline; the “Tripartite Failure”'), {
      'Libyan National Army': ['libyan national army'],
      'Southern Libya': ['southern Libya'],
      'Egypt-Algeria-Tunisia tripartite': ['Tripartite'],
    });
    assert.deepEqual(found('Libyan, National Army'), {}, 'punctuation inside a name breaks it');
  });

  test('sorted by first occurrence', () => {
    const suggestions = suggestWith(names, 'Haftar met the LNA, then Haftar left.');
    assert.deepEqual(
      suggestions.known.map((k) => k.name),
      ['Khalifa Haftar', 'Libyan National Army'],
    );
  });
});

test('long texts are cut at line ends', () => {
  const text = 'Kidal is far.\n'.repeat(10);
  const ranges = chunkRanges(text, 30);
  assert.equal(ranges[0]![0], 0);
  assert.equal(ranges.at(-1)![1], text.length);
  for (const [from, to] of ranges) assert.ok(to === text.length || text[to - 1] === '\n', `${from}-${to}`);
  for (let k = 1; k < ranges.length; k++) assert.equal(ranges[k]![0], ranges[k - 1]![1]);
});
