// Deterministic generated corpora for the search benchmark: entity names with
// aliases (acronyms, other spellings, Arabic transliterations), notes of
// realistic length, and queries with 0-2 typos whose target is known.

export type Random = () => number;

/** mulberry32: a small seeded PRNG, so every run generates the same corpus. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const ONSETS = ['k', 't', 'm', 'b', 'd', 'z', 's', 'r', 'n', 'h', 'f', 'g', 'l', 'ch', 'sh', 'gh', 'dj', 'kh', 'tr', 'br'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ou', 'ai', 'a', 'i'];
const ACCENTED: Record<string, string> = { e: 'é', i: 'ï', o: 'ô', a: 'à', u: 'ü' };
const CODAS = ['', '', 'n', 'r', 'l', 'm', 's', 'k'];
const ARABIC = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const PATTERNS = [
  (w: string[]) => `${w[0]} ${w[1]}`,
  (w: string[]) => `${w[0]} ${w[1]} ${w[2]}`,
  (w: string[]) => `Front for the Liberation of ${w[0]}`,
  (w: string[]) => `${w[0]} Defence Forces`,
  (w: string[]) => `Brigade of ${w[0]} ${w[1]}`,
  (w: string[]) => `${w[0]} Revolutionary Council`,
  (w: string[]) => `National Movement of ${w[0]}`,
];

function capital(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

export function pseudoWord(random: Random, syllables = 2 + Math.floor(random() * 2), accents = 0): string {
  let word = '';
  for (let i = 0; i < syllables; i++)
    word += pick(random, ONSETS) + pick(random, VOWELS) + (i === syllables - 1 ? pick(random, CODAS) : '');
  if (accents > 0 && random() < accents) {
    const at = [...word].findIndex((c) => c in ACCENTED);
    if (at >= 0) word = word.slice(0, at) + ACCENTED[word[at]!] + word.slice(at + 1);
  }
  return word;
}

function arabicWord(random: Random): string {
  let word = '';
  const length = 3 + Math.floor(random() * 4);
  for (let i = 0; i < length; i++) word += ARABIC[Math.floor(random() * ARABIC.length)];
  return word;
}

export interface GeneratedEntity {
  kind: 'actor' | 'place' | 'event';
  name: string;
  aliases: string[];
}

function acronym(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => !['for', 'the', 'of'].includes(w))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function otherSpelling(random: Random, word: string): string {
  const swaps: [RegExp, string][] = [
    [/ou/, 'u'],
    [/k/, 'q'],
    [/i/, 'y'],
    [/dj/, 'j'],
    [/sh/, 'ch'],
  ];
  const usable = swaps.filter(([re]) => re.test(word));
  if (usable.length === 0) return `${word}a`;
  const [re, to] = pick(random, usable);
  return word.replace(re, to);
}

export function generateEntities(count: number, seed: number): GeneratedEntity[] {
  const random = seededRandom(seed);
  const entities: GeneratedEntity[] = [];
  const used = new Set<string>();
  while (entities.length < count) {
    const roll = random();
    const kind = roll < 0.6 ? 'actor' : roll < 0.85 ? 'place' : 'event';
    const words = [0, 1, 2].map(() => capital(pseudoWord(random, undefined, 0.15)));
    const arabicName = random() < 0.08;
    let name =
      kind === 'place'
        ? words[0]!
        : kind === 'event'
          ? `${pick(random, ['Attack on', 'Clashes near', 'Summit in', 'Ambush at', 'Protest in'])} ${words[0]} ${words[1]}`
          : pick(random, PATTERNS)(words);
    if (arabicName) name = `${arabicWord(random)} ${arabicWord(random)}`;
    if (used.has(name)) continue;
    used.add(name);
    // Actors and places have aliases; events have none in the store (loadEntities writes none).
    const aliases: string[] = [];
    if (!arabicName && kind !== 'event') {
      if (name.includes(' ') && random() < 0.6) aliases.push(acronym(name));
      if (random() < 0.4) aliases.push(name.replace(words[0]!, capital(otherSpelling(random, words[0]!.toLowerCase()))));
      if (random() < 0.1) aliases.push(`${arabicWord(random)} ${arabicWord(random)}`);
    }
    entities.push({ kind, name, aliases: aliases.filter((a) => a !== name) });
  }
  return entities;
}

/** One to two typos: a substituted, dropped, doubled or swapped letter. */
export function withTypos(random: Random, text: string, typos: number): string {
  let out = text;
  for (let n = 0; n < typos; n++) {
    const letters = [...out].map((c, i) => [c, i] as const).filter(([c]) => /\p{L}/u.test(c));
    if (letters.length < 4) break;
    const [, at] = letters[1 + Math.floor(random() * (letters.length - 2))]!;
    const chars = [...out];
    const op = Math.floor(random() * 4);
    if (op === 0) chars[at] = pick(random, [...'aeioustrnlkm']);
    else if (op === 1) chars.splice(at, 1);
    else if (op === 2) chars.splice(at, 0, chars[at]!);
    else if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
    out = chars.join('');
  }
  return out;
}

/** Strips accents (as a hurried typist would) or changes case and punctuation. */
export function carelessly(random: Random, text: string): string {
  let out = text;
  if (random() < 0.4) out = out.normalize('NFKD').replace(/\p{M}/gu, '');
  if (random() < 0.3) out = out.toLowerCase();
  if (random() < 0.1) out = out.replace(/ /g, '-');
  return out;
}

export interface Query {
  text: string;
  target: number;
  typos: number;
}

export function entityQueries(entities: GeneratedEntity[], count: number, seed: number): Query[] {
  const random = seededRandom(seed);
  const queries: Query[] = [];
  for (let i = 0; i < count; i++) {
    const target = Math.floor(random() * entities.length);
    const entity = entities[target]!;
    const base = entity.aliases.length && random() < 0.3 ? pick(random, entity.aliases) : entity.name;
    const typos = i % 3;
    queries.push({ text: carelessly(random, withTypos(random, base, base.length >= 6 ? typos : 0)), target, typos });
  }
  return queries;
}

const COMMON = (
  'the of and to in a is that for on with as by was at from his her they are this be has have not but were been which ' +
  'their an or had its who will more after also two than first said new one year other over into some could them after ' +
  'forces border attack village convoy commander meeting report sources local officials security army group fighters ' +
  'road market town camp patrol smuggling weapons fuel drone base militia council ceasefire supply route night morning'
).split(' ');

export interface GeneratedNote {
  title: string;
  text: string;
  /** Rare words of this note, for queries. */
  rare: string[];
}

export function generateNotes(count: number, seed: number, entities: GeneratedEntity[]): GeneratedNote[] {
  const random = seededRandom(seed);
  const vocabulary = Array.from({ length: 30000 }, () => pseudoWord(random, 2 + Math.floor(random() * 3), 0.05));
  const notes: GeneratedNote[] = [];
  for (let i = 0; i < count; i++) {
    const rare = [pick(random, vocabulary), pick(random, vocabulary)];
    const words: string[] = [];
    const length = 80 + Math.floor(random() * 320);
    for (let w = 0; w < length; w++) {
      const roll = random();
      if (roll < 0.7) words.push(pick(random, COMMON));
      else if (roll < 0.97) words.push(vocabulary[Math.floor(vocabulary.length * random() ** 2)]!);
      else words.push(pick(random, entities).name);
    }
    for (const word of rare) words.splice(Math.floor(random() * words.length), 0, word);
    const sentences: string[] = [];
    for (let s = 0; s < words.length;) {
      const step = 8 + Math.floor(random() * 14);
      sentences.push(`${capital(words.slice(s, s + step).join(' '))}.`);
      s += step;
    }
    const title = `${capital(pick(random, COMMON))} ${pick(random, vocabulary)} ${pick(random, COMMON)}`;
    notes.push({ title, text: sentences.join(' '), rare });
  }
  return notes;
}

export function noteQueries(notes: GeneratedNote[], count: number, seed: number): Query[] {
  const random = seededRandom(seed);
  const queries: Query[] = [];
  for (let i = 0; i < count; i++) {
    const target = Math.floor(random() * notes.length);
    const note = notes[target]!;
    const typos = i % 2;
    const [a, b] = note.rare as [string, string];
    queries.push({ text: `${withTypos(random, a, typos)} ${b}`, target, typos });
  }
  return queries;
}
