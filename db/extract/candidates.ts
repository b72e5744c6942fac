// Candidate names: what the text presents as proper nouns and the store does
// not know. Two passes over the text's words: the first collects runs of
// capitalised words (with connectors such as "of" or "al-" inside, titles,
// sentence-initial common words and nationality adjectives left out), the
// second finds every occurrence of the names so collected and reads a kind
// from their context.
import { foldName } from '../shared/folding.ts';
import { NameMatcher, spanOf } from './name-matcher.ts';
import { isAcronym, isCapitalised, sameWord, type Token } from './tokens.ts';
import type { Candidate, CandidateKind, Occurrence } from '../shared/suggestion-types.ts';
import {
  ACTOR_NAME_WORDS,
  ADJECTIVE_SUFFIXES,
  CALENDAR,
  COMMON_ENDING,
  CONNECTORS,
  GROUP_MODIFIERS,
  GROUP_NOUNS,
  isDemonym,
  PARTICLES,
  PLACE_FOLLOWERS,
  PLACE_NAME_WORDS,
  PLACE_PREPOSITIONS,
  WEAK_PLACE_PREPOSITIONS,
  STOPWORDS,
  TITLE_OFFICES,
  TITLES,
} from './word-lists.ts';

/** How sure a first sighting makes us that a run is a name, before repeats. */
const STRENGTH = {
  acronymDefined: 0.9,
  multiWord: 0.75,
  acronym: 0.65,
  group: 0.45,
  quoted: 0.4,
  single: 0.55,
  weakMultiWord: 0.5,
  weakSingle: 0.3,
} as const;
const REPEAT_BONUS = 0.05;
const MAX_REPEAT_BONUS = 0.15;
const KIND_WORD_BONUS = 0.05;

interface Draft {
  /** Folded words, space-separated. */
  key: string;
  /** Written forms of the name, with how often each was collected. */
  forms: Map<string, number>;
  /** Folded alias → its written form. */
  aliases: Map<string, string>;
  strength: number;
  occurrences: Occurrence[];
  placeVotes: number;
}

const SPACE_RE = /^[ \t\u00a0]+$/;
const HYPHEN_RE = /^[-‐‑]$/;
/** "Libya Politics & Security" */
const AMPERSAND_RE = /^[ \t\u00a0]*&[ \t\u00a0]*$/;
const OPEN_PAREN_RE = /^\s*\(\s*$/;
const NUMBER_RE = /^\p{N}/u;
/** MQ-9, AK-47, F-16: equipment, not actors or places. */
const MODEL_RE = /^\p{Lu}{1,4}[-‐‑]?\p{N}+$/u;
/** "U.S. Army": the full stop of a dotted acronym, then the name goes on. */
const DOTTED_GAP_RE = /^\.[ \t\u00a0]+$/;
const OPEN_QUOTE_RE = /["“«‘]\s*$/;
const CLOSE_QUOTE_RE = /^[.,;:!?]?["”»’]/;
/** Words, not the tail of a handle or an address ("@plichta_marcel"). */
const WORDS_RE = /(?<![\p{L}\p{M}\p{N}_@#/.])[\p{L}\p{M}]+/gu;
const LOWER_START_RE = /^\p{Ll}/u;

/** The words the text writes in lowercase somewhere: a capital at the start of a sentence proves nothing for them. */
export function lowercaseWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.matchAll(WORDS_RE)) if (LOWER_START_RE.test(match[0])) words.add(match[0]);
  return words;
}

export class CandidateFinder {
  private readonly drafts = new Map<string, Draft>();
  private readonly lowercase: Set<string>;
  private names: NameMatcher<Draft> | undefined;

  constructor(lowercase: Set<string>) {
    this.lowercase = lowercase;
  }

  /** Pass 1, piece by piece: runs of capitalised words that no known name covers. */
  collect(tokens: Token[], text: string, covered: Uint8Array): void {
    const piece = new Piece(tokens, text, covered);
    for (let i = 0; i < tokens.length;) {
      if (!piece.opensRun(i)) {
        i++;
        continue;
      }
      const last = piece.extendRun(i);
      i = this.run(piece, i, last);
    }
  }

  /** Takes the run [first, last] apart into names; returns where to go on. */
  private run(piece: Piece, first: number, last: number): number {
    const { tokens } = piece;
    // Titles ("President", "Secretary of State") and sentence-initial common words split the run.
    const parts: number[][] = [[]];
    for (let i = first; i <= last; i++) {
      const token = tokens[i]!;
      if (isCapitalised(token.raw) && TITLES.has(token.word)) {
        if (tokens[i + 1]?.word === 'of' && i + 2 <= last && TITLE_OFFICES.has(tokens[i + 2]!.word)) i += 2;
        parts.push([]);
      } else if (CALENDAR.has(token.word) || (this.isWeak(token) && this.isCommon(token))) parts.push([]);
      // "European NATO allies": the adjective is not part of the name.
      else if (i < last && isDemonym(token.word) && isAcronym(tokens[i + 1]!.raw)) parts.push([]);
      else parts.at(-1)!.push(i);
    }
    let next = last + 1;
    for (const part of parts) {
      // A name neither starts nor ends with a connector or a number ("al-Qaida" may start with its particle).
      while (part.length > 0 && this.isFiller(piece, part[0]!, true)) part.shift();
      while (part.length > 0 && this.isFiller(piece, part.at(-1)!, false)) part.pop();
      if (part.length === 0) continue;
      const from = part[0]!;
      const to = part.at(-1)!;
      const acronym = to === last ? piece.definedAcronym(last) : undefined;
      if (this.name(piece, from, to, acronym) && acronym !== undefined) next = last + 2;
    }
    return next;
  }

  /** Adds the name tokens[from..to] (or what it introduces); false when it is no name. */
  private name(piece: Piece, from: number, to: number, acronym: string | undefined): boolean {
    const { tokens } = piece;
    const single = to === from || (to === from + 1 && sameWord(tokens, from));
    const strong = (i: number) => !this.isWeak(tokens[i]!) || (isAcronym(tokens[i]!.raw) && !tokens[i]!.line.shout);
    let anyStrong = false;
    for (let i = from; i <= to; i++) anyStrong ||= strong(i);

    // "Chadian rebels", "Niger-based militants", "Nigerien border": a nationality makes a name with what follows.
    const group = piece.groupAfter(to);
    const lastWord = tokens[to]!.word;
    if (group) this.add(piece, from, group.to, STRENGTH.group, undefined);
    // "Russian logistics", "West African states", "neither American nor European"; but "the Mediterranean" is a name.
    if (isDemonym(lastWord) && !acronym) {
      if (group || piece.lowerAfter(to) || (single && !piece.afterThe(from))) return group !== undefined;
    }
    if (single && tokens[from]!.raw.length === 1) return false;
    const span = spanOf(tokens, from, to + 1, piece.text);
    if (MODEL_RE.test(piece.text.slice(span.start, span.end))) return false;

    let strength: number;
    if (acronym) strength = STRENGTH.acronymDefined;
    else if (!single) strength = anyStrong ? STRENGTH.multiWord : STRENGTH.weakMultiWord;
    else if (anyStrong) strength = isAcronym(tokens[from]!.raw) ? STRENGTH.acronym : STRENGTH.single;
    else {
      // A lone capitalised word at the start of a sentence or in a heading.
      if (tokens[from]!.line.heading) return false;
      strength = STRENGTH.weakSingle;
    }
    // “Border War”, “Permanent War Systems”: a coined phrase in quotes as often as a name.
    if (piece.quoted(from, to)) strength = Math.min(strength, STRENGTH.quoted);
    this.add(piece, from, to, strength, acronym);
    return true;
  }

  private add(piece: Piece, from: number, to: number, strength: number, acronym: string | undefined): void {
    const { tokens, text } = piece;
    const words: string[] = [];
    for (let i = from; i <= to; i++) words.push(tokens[i]!.word);
    const key = words.join(' ');
    const span = spanOf(tokens, from, to + 1, text);
    const form = text.slice(span.start, span.end).replace(/\s+/g, ' ');
    let draft = this.drafts.get(key);
    if (!draft) {
      draft = { key, forms: new Map(), aliases: new Map(), strength, occurrences: [], placeVotes: 0 };
      this.drafts.set(key, draft);
    }
    draft.forms.set(form, (draft.forms.get(form) ?? 0) + 1);
    draft.strength = Math.max(draft.strength, strength);
    if (acronym) draft.aliases.set(foldName(acronym), acronym);
  }

  private isWeak(token: Token): boolean {
    return token.sentenceStart || token.line.heading;
  }

  /** A function word, a word the text also writes in lowercase, or one with the ending of a common word ("Countering"). */
  private isCommon(token: Token): boolean {
    if (isAcronym(token.raw) && !token.line.shout) return false;
    const word = token.word;
    return STOPWORDS.has(word) || this.lowercase.has(token.raw.toLowerCase()) || (word.length >= 5 && COMMON_ENDING.test(word));
  }

  private isFiller(piece: Piece, i: number, atStart: boolean): boolean {
    const token = piece.tokens[i]!;
    if (NUMBER_RE.test(token.raw)) return atStart;
    if (isCapitalised(token.raw)) return false;
    if (atStart && PARTICLES.has(token.word) && piece.hyphenAfter(i)) return false;
    return true;
  }

  /** Pass 2, piece by piece: every occurrence of the names collected, outside known names. */
  locate(tokens: Token[], text: string, covered: Uint8Array): void {
    const names = (this.names ??= this.matcher());
    const piece = new Piece(tokens, text, covered);
    for (const match of names.scan(tokens, text, (i) => covered[i] === 1)) {
      const span = spanOf(tokens, match.from, match.to, text);
      const place = piece.placeContext(match.from, match.to);
      for (const draft of match.values) {
        draft.occurrences.push({ start: span.start, end: span.end, text: text.slice(span.start, span.end) });
        draft.placeVotes += place;
      }
    }
  }

  /** Folds a draft introduced as an acronym elsewhere ("RSF") into the name it stands for. */
  private matcher(): NameMatcher<Draft> {
    for (const draft of this.drafts.values()) {
      for (const alias of draft.aliases.keys()) {
        const other = this.drafts.get(alias);
        if (!other || other === draft) continue;
        for (const form of other.forms.keys()) draft.aliases.set(foldName(form), form);
        draft.strength = Math.max(draft.strength, other.strength);
        this.drafts.delete(alias);
      }
    }
    const names = new NameMatcher<Draft>();
    for (const draft of this.drafts.values()) {
      for (const form of draft.forms.keys()) names.add(form, draft);
      for (const alias of draft.aliases.values()) names.add(alias, draft);
    }
    return names;
  }

  finish(): Candidate[] {
    const out: Candidate[] = [];
    for (const draft of this.drafts.values()) {
      if (draft.occurrences.length === 0) continue;
      const name = bestForm(draft.forms);
      const words = draft.key.split(' ');
      const named = kindOfName(words);
      const place = draft.placeVotes >= 1 && 3 * draft.placeVotes >= draft.occurrences.length;
      const kind: CandidateKind = named ?? (place ? 'place' : 'actor');
      const repeats = Math.min(MAX_REPEAT_BONUS, REPEAT_BONUS * (draft.occurrences.length - 1));
      const confidence = Math.min(0.99, draft.strength + repeats + (named ? KIND_WORD_BONUS : 0));
      const aliases = [...draft.aliases.entries()].filter(([folded]) => folded !== draft.key).map(([, form]) => form);
      out.push({ name, kind, confidence: Math.round(confidence * 100) / 100, aliases, occurrences: draft.occurrences });
    }
    return out.sort((a, b) => a.occurrences[0]!.start - b.occurrences[0]!.start);
  }
}

/** The usual written form, a mixed-case one before one in capitals ("Bamako" before "BAMAKO"). */
function bestForm(forms: Map<string, number>): string {
  let best = '';
  let bestScore = -1;
  for (const [form, count] of forms) {
    const score = (/\p{Ll}/u.test(form) || form.length <= 5 ? 1000 : 0) + count;
    if (score > bestScore) {
      best = form;
      bestScore = score;
    }
  }
  return best;
}

/** "Point 35" and "Al-Toum crossing" are places, "Chadian rebels" and "Alliance of Sahel States" actors. */
function kindOfName(words: string[]): CandidateKind | undefined {
  const last = words.findLast((w) => !NUMBER_RE.test(w)) ?? '';
  if (ACTOR_NAME_WORDS.has(last) || GROUP_NOUNS.has(last)) return 'actor';
  if (PLACE_NAME_WORDS.has(last)) return 'place';
  if (words.some((w) => ACTOR_NAME_WORDS.has(w))) return 'actor';
  return undefined;
}

/** One piece of the text's words and what the known names cover of it. */
class Piece {
  readonly tokens: Token[];
  readonly text: string;
  private readonly covered: Uint8Array;

  constructor(tokens: Token[], text: string, covered: Uint8Array) {
    this.tokens = tokens;
    this.text = text;
    this.covered = covered;
  }

  /** Between tokens i and i+1. */
  gap(i: number): string {
    return this.text.slice(this.tokens[i]!.end, this.tokens[i + 1]!.start);
  }

  hyphenAfter(i: number): boolean {
    return i + 1 < this.tokens.length && HYPHEN_RE.test(this.gap(i));
  }

  private free(i: number): boolean {
    return i < this.tokens.length && this.covered[i] !== 1;
  }

  private capitalised(i: number): boolean {
    return this.free(i) && isCapitalised(this.tokens[i]!.raw);
  }

  private lower(i: number): boolean {
    return this.free(i) && /^\p{Ll}/u.test(this.tokens[i]!.raw);
  }

  /** Token i is followed by a lowercase word: "Russian logistics", "Western-backed". */
  lowerAfter(i: number): boolean {
    return this.lower(i + 1) && this.joined(i);
  }

  /** "the Mediterranean", "the southern Mediterranean". */
  afterThe(i: number): boolean {
    const the = (k: number) => k >= 0 && this.tokens[k]!.word === 'the' && SPACE_RE.test(this.gap(k));
    return the(i - 1) || (i >= 1 && this.lower(i - 1) && SPACE_RE.test(this.gap(i - 1)) && the(i - 2));
  }

  /** Tokens [from, to] stand in quotes. */
  quoted(from: number, to: number): boolean {
    const before = from > 0 ? this.gap(from - 1) : this.text.slice(Math.max(0, this.tokens[from]!.start - 2), this.tokens[from]!.start);
    const after = to + 1 < this.tokens.length ? this.gap(to) : this.text.slice(this.tokens[to]!.end, this.tokens[to]!.end + 2);
    return OPEN_QUOTE_RE.test(before) && CLOSE_QUOTE_RE.test(after);
  }

  /** Lines in capitals (headings) open none. */
  opensRun(i: number): boolean {
    if (this.tokens[i]!.line.shout) return false;
    if (this.capitalised(i)) return true;
    return this.free(i) && PARTICLES.has(this.tokens[i]!.word) && this.hyphenAfter(i) && this.capitalised(i + 1);
  }

  /** The last token of the run opened at i. */
  extendRun(i: number): number {
    const { tokens } = this;
    let last = i;
    while (this.free(last + 1)) {
      const k = last + 1;
      if (sameWord(tokens, last)) {
        last = k;
        continue;
      }
      if (tokens[last]!.possessive) break;
      const gap = this.gap(last);
      // U.S., U.N.
      if (gap === '.' && /^\p{Lu}$/u.test(tokens[last]!.raw) && /^\p{Lu}$/u.test(tokens[k]!.raw)) {
        last = k;
        continue;
      }
      // U.S. Army
      const dotted = last > i && /^\p{Lu}$/u.test(tokens[last]!.raw) && this.gap(last - 1) === '.';
      if (dotted && DOTTED_GAP_RE.test(gap) && this.capitalised(k) && !STOPWORDS.has(tokens[k]!.word)) {
        last = k;
        continue;
      }
      const space = SPACE_RE.test(gap);
      if (!space && !HYPHEN_RE.test(gap) && !AMPERSAND_RE.test(gap)) break;
      if (this.capitalised(k) || (NUMBER_RE.test(tokens[k]!.raw) && !tokens[k]!.sentenceStart)) {
        last = k;
        continue;
      }
      if (!space) break;
      // "Department of the Army": up to two connectors, then a capitalised word.
      let m = k;
      while (m < k + 2 && this.lower(m) && CONNECTORS.has(tokens[m]!.word) && (m === k || this.joined(m - 1))) m++;
      if (m > k && this.capitalised(m) && this.joined(m - 1)) {
        last = m;
        continue;
      }
      break;
    }
    return last;
  }

  private joined(i: number): boolean {
    const gap = this.gap(i);
    return SPACE_RE.test(gap) || HYPHEN_RE.test(gap);
  }

  /** "Rapid Support Forces (RSF)": the acronym in brackets right after the token at i. */
  definedAcronym(i: number): string | undefined {
    const next = this.tokens[i + 1];
    if (!next || !this.free(i + 1) || !OPEN_PAREN_RE.test(this.gap(i)) || !isAcronym(next.raw)) return undefined;
    if (this.tokens[i + 2]?.start === next.start) return undefined;
    return /^\s*\)/.test(this.text.slice(next.end, next.end + 3)) ? next.raw : undefined;
  }

  /** "Chadian rebels", "Niger-based militants", "Nigerien border": the last token of the group named after token i. */
  groupAfter(i: number): { to: number } | undefined {
    const { tokens } = this;
    let k = i + 1;
    if (this.hyphenAfter(i) && this.lower(k) && ADJECTIVE_SUFFIXES.has(tokens[k]!.word)) k++;
    else if (!isDemonym(tokens[i]!.word)) return undefined;
    let to: number | undefined;
    for (let seen = 0; seen < 3 && this.lower(k) && SPACE_RE.test(this.gap(k - 1)); seen++, k++) {
      const word = tokens[k]!.word;
      if (GROUP_NOUNS.has(word) || (seen === 0 && PLACE_FOLLOWERS.has(word) && isDemonym(tokens[i]!.word))) to = k;
      else if (!GROUP_MODIFIERS.has(word)) break;
      if (PLACE_FOLLOWERS.has(word)) break;
    }
    return to === undefined ? undefined : { to };
  }

  /** How much the words around tokens [from, to) say place: 1 for "in Kidal" or "Al-Toum crossing", 0.5 for "from Tripoli". */
  placeContext(from: number, to: number): number {
    const { tokens } = this;
    if (to < tokens.length && SPACE_RE.test(this.gap(to - 1)) && this.lower(to) && PLACE_FOLLOWERS.has(tokens[to]!.word)) return 1;
    let before = from - 1;
    if (before >= 0 && tokens[before]!.word === 'the' && SPACE_RE.test(this.gap(before))) before--;
    if (before < 0 || !SPACE_RE.test(this.gap(before)) || !this.lower(before)) return 0;
    const word = tokens[before]!.word;
    return PLACE_PREPOSITIONS.has(word) ? 1 : WEAK_PLACE_PREPOSITIONS.has(word) ? 0.5 : 0;
  }
}
