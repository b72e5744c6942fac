// Other forms of a query word that full-text search may look for:
// - inflections, the same word (kidnapping finds kidnapped): as typed;
// - corrections of a word no live text holds, within the edit-distance bound
//   (spelling.ts), the most likely first: fewest edits, then the same
//   consonant skeleton as typed (hifter: haftar, not after), then the words
//   the most texts hold (crek: creek, not reka).
// Words come from the search vocabulary; whether live texts hold a word, and
// how many (counted up to a cap), comes from the full-text indexes, so a word
// whose texts were all deleted is never offered.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import type { ParsedQuery } from './query.ts';
import { consonantSkeleton, correctionBound, editDistance, isArabicScript, isSameWord, stemOf } from './spelling.ts';
import { isLiveTerm, liveCount, MAX_TERM, termsLike } from './terms.ts';

export interface WordForms {
  /** Typed word → other inflections of it that texts hold. */
  inflections: Map<string, string[]>;
  /** Typed word no text holds → its likeliest corrections, best first. */
  corrections: Map<string, string[]>;
}

const TRIGRAM_CANDIDATES = 300;
const MAX_INFLECTIONS = 8;
const MAX_CORRECTIONS = 3;
/** Texts counted per index when corrections are ranked by how many texts hold them. */
const FREQUENCY_CAP = 1000;
const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const ARABIC_PROCLITICS = ['ال', 'وال', 'بال', 'فال', 'كال', 'لل'];

function vocabularyWithPrefix(db: Db, prefix: string, limit: number): string[] {
  const rows = cached(db, 'SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?').all(
    prefix,
    `${prefix}\uffff`,
    limit,
  ) as { term: string }[];
  return rows.map((r) => r.term);
}

function inflectionsOf(db: Db, word: string): string[] {
  if (word.length < 4) return [];
  const stem = stemOf(word);
  const candidates = isArabicScript(word)
    ? [stem, ...ARABIC_PROCLITICS.map((clitic) => clitic + stem)]
    : stem.length >= 4
      ? vocabularyWithPrefix(db, stem, 200)
      : [];
  return candidates.filter((c) => c !== word && isSameWord(word, c) && isLiveTerm(db, c)).slice(0, MAX_INFLECTIONS);
}

/** Every Latin spelling one edit away (deletion, transposition, substitution, insertion). */
function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length) out.add(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < word.length) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (const letter of LATIN) {
      if (i < word.length) out.add(word.slice(0, i) + letter + word.slice(i + 1));
      out.add(word.slice(0, i) + letter + word.slice(i));
    }
  }
  out.delete(word);
  return out;
}

/** Spellings of the store's vocabulary within a bound of a word, with their edits: the name index's deletion index, when it is whole. */
export type Spellings = (word: string, bound: number) => [string, number][];

/** Candidates from the trigram index of the vocabulary, and for short words their one-edit neighbours (while no Spellings are at hand). */
function spellingsInStore(db: Db, word: string, bound: number): [string, number][] {
  const candidates = new Set(termsLike(db, word, TRIGRAM_CANDIDATES));
  // Short words share few trigrams with their typos: look their one-edit neighbours up directly.
  if (bound === 1 && /^[a-z]+$/.test(word)) {
    const exists = cached(db, 'SELECT 1 FROM search_terms WHERE term = ?');
    for (const spelling of oneEditAway(word)) if (exists.get(spelling)) candidates.add(spelling);
  }
  return [...candidates].map((term) => [term, editDistance(word, term, bound)]);
}

function correctionsOf(db: Db, word: string, spellings: Spellings | undefined): string[] {
  const bound = correctionBound(word);
  if (bound === 0 || word.length > MAX_TERM) return [];
  const skeleton = consonantSkeleton(word);
  const candidates = (spellings ? spellings(word, bound) : spellingsInStore(db, word, bound)).filter(
    ([term, distance]) => distance <= bound && term !== word,
  );
  // The fewest edits first: texts are counted only for the spellings at the fewest edits some live text holds.
  for (let distance = 0; distance <= bound; distance++) {
    const live = candidates
      .filter((c) => c[1] === distance)
      .map(([term]) => ({
        term,
        sameSkeleton: skeleton !== undefined && consonantSkeleton(term) === skeleton,
        frequency: liveCount(db, term, FREQUENCY_CAP),
      }))
      .filter((c) => c.frequency > 0);
    if (live.length === 0) continue;
    const best = live.some((c) => c.sameSkeleton) ? live.filter((c) => c.sameSkeleton) : live;
    return best
      .sort((a, b) => b.frequency - a.frequency || a.term.localeCompare(b.term))
      .slice(0, MAX_CORRECTIONS)
      .map((c) => c.term);
  }
  return [];
}

/**
 * Inflections of every query word, and corrections of the words no live text
 * holds, found by `spellings` when given (else by the vocabulary's trigrams).
 */
export function wordForms(db: Db, parsed: ParsedQuery, spellings?: Spellings): WordForms {
  const forms: WordForms = { inflections: new Map(), corrections: new Map() };
  parsed.words.forEach((word, i) => {
    const typing = parsed.prefixLast && i === parsed.words.length - 1;
    const inflections = inflectionsOf(db, word);
    if (inflections.length) forms.inflections.set(word, inflections);
    // Only a word of 4 to MAX_TERM letters can be corrected: no other needs looking up.
    if (inflections.length || correctionBound(word) === 0 || word.length > MAX_TERM || isLiveTerm(db, word)) return;
    // A word still being typed is matched as a prefix: it needs no correction while some word starts with it.
    if (typing && vocabularyWithPrefix(db, word, 1).length > 0) return;
    const corrections = correctionsOf(db, word, spellings);
    if (corrections.length) forms.corrections.set(word, corrections);
  });
  return forms;
}
