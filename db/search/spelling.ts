// What counts as the same word, a near spelling, or the same name in another
// script. Shared by the name index and full-text search so that both bound
// their corrections the same way (DESIGN.md, Search: trust rules).
import { stemmer } from 'stemmer';

/** Damerau-Levenshtein bound for correcting a typed word: none under 4 letters, 1 for 4-5, 2 from 6. */
export function correctionBound(word: string): number {
  const length = [...word].length;
  if (length < 4) return 0;
  return length <= 5 ? 1 : 2;
}

/**
 * Optimal-string-alignment distance (Damerau-Levenshtein with adjacent
 * transpositions), or `max + 1` as soon as it must exceed `max`. Counted in
 * code points: a letter outside the Basic Multilingual Plane is one letter.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) return distanceOf([...a], [...b], max);
  return distanceOf(a, b, max);
}

const SURROGATE = /[\uD800-\uDFFF]/;
// Three rows of the table, reused: corrections measure thousands of words a search.
let before = new Int32Array(64);
let previous = new Int32Array(64);
let current = new Int32Array(64);

function distanceOf(s: string | string[], t: string | string[], max: number): number {
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (previous.length <= t.length) {
    before = new Int32Array(t.length * 2);
    previous = new Int32Array(t.length * 2);
    current = new Int32Array(t.length * 2);
  }
  for (let j = 0; j <= t.length; j++) previous[j] = j;
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[t.length]!, max + 1);
}

const ARABIC_SCRIPT = /\p{Script=Arabic}/u;
// Arabic proclitics before the article: wa-, bi-, li-, fa-, ka- (and the article itself).
const ARABIC_ARTICLE = /^(?:[وفبلك]?ال|لل)(?=\p{L}{2})/u;

/** The stem of a folded word: Porter's for Latin script, the word without its article for Arabic. */
export function stemOf(word: string): string {
  if (ARABIC_SCRIPT.test(word)) return word.replace(ARABIC_ARTICLE, '');
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/** Inflections of one word (kidnapping, kidnapped; peacekeepers, peacekeeping) count as the same word. */
export function isSameWord(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 4 && stemOf(a) === stemOf(b));
}

// Arabic letters as the consonants a Latin transliteration writes for them;
// long vowels, hamza and ayn are left out, as vowels are on the Latin side.
const ARABIC_CONSONANTS: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 't',
  ج: 'j',
  ح: 'h',
  خ: 'k',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 's',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  غ: 'j',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  پ: 'b',
  چ: 's',
  ژ: 'j',
  گ: 'j',
};
const LATIN_DIGRAPHS: [RegExp, string][] = [
  [/gh/g, 'g'],
  [/kh/g, 'k'],
  [/sh|ch/g, 's'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/ph/g, 'f'],
  [/dj/g, 'j'],
];
// g and j are one class: Arabic ج is written g, j or dj, and غ gh or g.
const LATIN_CONSONANTS: Record<string, string> = { c: 'k', q: 'k', p: 'b', v: 'f', x: 'ks', g: 'j' };

/**
 * The consonant skeleton of a folded word, the same for a name in Arabic
 * script and its Latin transliterations: حفتر, Haftar, Hifter and Hafter are
 * all "hftr". Undefined for other scripts and for words with no consonant.
 */
export function consonantSkeleton(word: string): string | undefined {
  let out = '';
  if (ARABIC_SCRIPT.test(word)) {
    // The article is not part of the name: الكفرة is Kufra.
    const bare = word.replace(ARABIC_ARTICLE, '').replace(/ه$/, '');
    for (const letter of bare) out += ARABIC_CONSONANTS[letter] ?? '';
  } else if (/^[a-z]+$/.test(word)) {
    let latin = word.replace(/^(?:al|el)(?=[a-z]{3})/, '');
    for (const [pattern, consonant] of LATIN_DIGRAPHS) latin = latin.replace(pattern, consonant);
    for (const letter of latin) if (!'aeiouyw'.includes(letter)) out += LATIN_CONSONANTS[letter] ?? letter;
  } else {
    return undefined;
  }
  out = out.replace(/(.)\1+/g, '$1');
  return out.length > 0 ? out : undefined;
}

/** Skeletons shorter than this say too little to match a name on. */
export const MIN_SKELETON = 3;

/** True when the word is written in Arabic script. */
export function isArabicScript(word: string): boolean {
  return ARABIC_SCRIPT.test(word);
}
