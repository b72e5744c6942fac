import { foldText } from '../shared/folding.ts';
import { WORD_RE } from './words.ts';

export interface ParsedQuery {
  /** Folded words outside quotes, in order. */
  words: string[];
  /** Folded words of each "quoted phrase". */
  phrases: string[][];
  /** The last word is still being typed: match it as a prefix. */
  prefixLast: boolean;
}

export function parseQuery(query: string): ParsedQuery {
  const folded = foldText(query);
  const phrases: string[][] = [];
  const rest = folded.replace(/"([^"]*)"?/g, (_m, inner: string) => {
    const words = inner.match(WORD_RE) ?? [];
    if (words.length) phrases.push(words);
    return ' ';
  });
  const words = rest.match(WORD_RE) ?? [];
  const endsInWord = /[\p{L}\p{N}\p{M}]$/u.test(folded);
  return { words, phrases, prefixLast: words.length > 0 && endsInWord && !folded.trimEnd().endsWith('"') };
}

/**
 * An FTS5 MATCH expression: every word (or one of its alternatives) and
 * phrase required, or with `any`, at least one of them; words for which
 * `leaveOut` is true are left out. Words are letters and digits only, so
 * quoting them is safe. Empty when nothing is left.
 */
export function ftsExpression(
  parsed: ParsedQuery,
  alternatives: Map<string, string[]> = new Map(),
  any = false,
  leaveOut: (word: string) => boolean = () => false,
): string {
  const parts: string[] = [];
  parsed.words.forEach((word, i) => {
    if (leaveOut(word)) return;
    const prefix = parsed.prefixLast && i === parsed.words.length - 1 ? '*' : '';
    const options = [`"${word}"${prefix}`, ...(alternatives.get(word) ?? []).map((alt) => `"${alt}"`)];
    parts.push(options.length > 1 ? `(${options.join(' OR ')})` : options[0]!);
  });
  for (const phrase of parsed.phrases) parts.push(`"${phrase.join(' ')}"`);
  return parts.join(any ? ' OR ' : ' AND ');
}
