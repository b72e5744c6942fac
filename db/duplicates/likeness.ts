// When two names are likely the same name: equal once folded, a typo apart
// (the correction bound of search: none under 4 letters, 1 for 4-5, 2 from 6),
// or the same consonants written in Arabic script and in Latin letters.
import { foldName } from '../shared/folding.ts';
import { consonantSkeleton, correctionBound, editDistance, isArabicScript, MIN_SKELETON } from '../search/spelling.ts';
import type { Likeness } from '../shared/duplicates.ts';

/** A name prepared once for many comparisons. */
export interface PreparedName {
  /** Folded, words separated by single spaces. */
  folded: string;
  /** Folded, without spaces: "Al Qaida" and "Al-Qaida" and "AlQaida" are one. */
  compact: string;
  arabic: boolean;
  /** The consonant skeletons of its words (see spelling.ts), undefined when a word has none. */
  skeleton: string | undefined;
}

export function prepareName(name: string): PreparedName {
  const folded = foldName(name);
  const words = folded ? folded.split(' ') : [];
  const skeletons = words.map((w) => consonantSkeleton(w));
  const complete = skeletons.every((s) => s !== undefined) && skeletons.join('').length >= MIN_SKELETON;
  return {
    folded,
    compact: words.join(''),
    arabic: words.some(isArabicScript),
    // Latin words must keep enough consonants to tell them apart ("aouia" says nothing).
    skeleton:
      complete && words.every((w, i) => isArabicScript(w) || skeletons[i]!.length >= 0.4 * w.length) ? skeletons.join(' ') : undefined,
  };
}

/** How `a` and `b` are alike, or null when they are different names. */
export function likeness(a: PreparedName, b: PreparedName): Likeness | null {
  if (!a.compact || !b.compact) return null;
  if (a.compact === b.compact) return 'same';
  if (a.arabic !== b.arabic) return a.skeleton !== undefined && a.skeleton === b.skeleton ? 'script' : null;
  const shorter = a.compact.length <= b.compact.length ? a.compact : b.compact;
  const bound = correctionBound(shorter);
  if (bound > 0 && editDistance(a.compact, b.compact, bound) <= bound) return 'spelling';
  return null;
}

/**
 * Whether a script match of a Latin name with an Arabic label stands: not
 * when the record also has a Latin name of that skeleton, whose spelling then
 * decides ("Nigeria" is not Niger's النيجر, since Niger is written "Niger").
 */
export function scriptMatchStands(latin: PreparedName, ownLatinLabels: readonly PreparedName[]): boolean {
  return !ownLatinLabels.some((own) => !own.arabic && own.skeleton === latin.skeleton);
}

/** "RSF", "AQIM", "G5": what an acronym in brackets looks like (a qualifier such as "(northern Syria)" is not one). */
const ACRONYM = /^[\p{Lu}\d.&-]{2,12}$/u;

/**
 * The names a typed name stands for: itself and, for "Rapid Support Forces
 * (RSF)", the name without its acronym in brackets and the acronym.
 */
export function namesIn(typed: string): string[] {
  const names = [typed.trim()];
  const match = /^(.+?)\s*[([]([^()[\]]+)[)\]]\s*$/u.exec(typed.trim());
  if (match && ACRONYM.test(match[2]!.trim())) names.push(match[1]!.trim(), match[2]!.trim());
  return [...new Set(names.filter((n) => foldName(n).length > 0))];
}
