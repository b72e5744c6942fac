// Finds names in a text's words: a trie over folded word sequences, scanned
// left to right, longest match first. Case is folded except where it carries
// the meaning: an acronym ("LNA", "IS", "U.S.") matches only as written, and a
// one-word name written with a capital ("Tripartite") only where the text
// writes it with one.
import { isCapitalised, sameWord, tokenize, type Token } from './tokens.ts';

type Rule = 'any' | 'capital' | 'exact';

interface Key<T> {
  value: T;
  /** Per word: the word as written in the name, and what the text's word must satisfy. */
  raws: string[];
  rules: Rule[];
  /** Three letters or fewer: not trusted in a line written in capitals. */
  short: boolean;
  /** The name holds punctuation (a comma, brackets): the text may too. */
  loose: boolean;
}

interface Node<T> {
  next?: Map<string, Node<T>>;
  keys?: Key<T>[];
}

export interface NameMatch<T> {
  /** Token range [from, to). */
  from: number;
  to: number;
  values: T[];
}

const LETTER_RE = /\p{L}/gu;
const UPPER_RE = /\p{Lu}/gu;
/** Punctuation that ends a name unless the name itself holds it. */
const BREAK_RE = /[,;:!?()[\]{}"“”«»|/\\]|\.\s/;

export class NameMatcher<T> {
  private readonly root: Node<T> = {};
  size = 0;

  /** Adds a name (or alias) standing for `value`; false when it holds no word. */
  add(label: string, value: T): boolean {
    const tokens = tokenize(label);
    if (tokens.length === 0) return false;
    const short = (label.match(LETTER_RE)?.length ?? 0) <= 3;
    const rules = tokens.map((t): Rule => {
      if (short) return 'exact';
      const letters = t.raw.match(LETTER_RE)?.length ?? 0;
      if ((t.raw.match(UPPER_RE)?.length ?? 0) >= 2 && letters <= 4) return 'exact';
      if (tokens.length === 1 && isCapitalised(t.raw)) return 'capital';
      return 'any';
    });
    let node = this.root;
    for (const token of tokens) {
      node.next ??= new Map();
      let child = node.next.get(token.word);
      if (!child) {
        child = {};
        node.next.set(token.word, child);
      }
      node = child;
    }
    (node.keys ??= []).push({ value, raws: tokens.map((t) => t.raw.normalize('NFC')), rules, short, loose: BREAK_RE.test(label) });
    this.size++;
    return true;
  }

  /** Longest matches, left to right; tokens for which `skip` holds are never part of one. */
  scan(tokens: Token[], text: string, skip?: (i: number) => boolean): NameMatch<T>[] {
    const out: NameMatch<T>[] = [];
    for (let i = 0; i < tokens.length;) {
      if (skip?.(i)) {
        i++;
        continue;
      }
      let node = this.root;
      let best: NameMatch<T> | undefined;
      for (let j = i; j < tokens.length; j++) {
        if (j > i && (skip?.(j) || (tokens[j - 1]!.possessive && !sameWord(tokens, j - 1)))) break;
        const child = node.next?.get(tokens[j]!.word);
        if (!child) break;
        node = child;
        if (!node.keys) continue;
        const values = new Set<T>();
        for (const key of node.keys) if (accepts(key, tokens, i, text)) values.add(key.value);
        if (values.size > 0) best = { from: i, to: j + 1, values: [...values] };
      }
      if (best) {
        out.push(best);
        i = best.to;
      } else i++;
    }
    return out;
  }
}

function accepts<T>(key: Key<T>, tokens: Token[], from: number, text: string): boolean {
  for (let k = 0; k < key.rules.length; k++) {
    const token = tokens[from + k]!;
    const rule = key.rules[k]!;
    if (rule === 'exact' && (token.raw.normalize('NFC') !== key.raws[k] || (key.short && token.line.shout))) return false;
    if (rule === 'capital' && !isCapitalised(token.raw)) return false;
    if (k > 0 && !key.loose) {
      const gap = text.slice(tokens[from + k - 1]!.end, token.start);
      if (BREAK_RE.test(gap)) return false;
    }
  }
  return true;
}

/** The text offsets of tokens [from, to), a dotted acronym's last full stop included ("U.S."). */
export function spanOf(tokens: Token[], from: number, to: number, text: string): { start: number; end: number } {
  const start = tokens[from]!.start;
  let end = tokens[to - 1]!.end;
  const dotted = to - from >= 2 && tokens[to - 1]!.raw.length === 1 && text[tokens[to - 2]!.end] === '.';
  if (dotted && text[end] === '.') end++;
  return { start, end };
}
