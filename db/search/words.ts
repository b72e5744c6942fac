import { foldText } from '../shared/folding.ts';

/** Word characters as SQLite's unicode61 tokenizer sees them (combining marks kept inside words). */
export const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;

/** The distinct folded words of a text, as the full-text indexes store them. */
export function foldedWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of foldText(text).matchAll(WORD_RE)) words.add(match[0]);
  return words;
}
