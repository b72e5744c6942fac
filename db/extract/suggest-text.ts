// Suggestions for a text against a set of known names: the known names it
// holds and the candidate names it holds that are not known. Pure, so that a
// long text can be read in a worker thread (suggest-in-worker.ts).
import { CandidateFinder, lowercaseWords } from './candidates.ts';
import type { KnownTarget } from './known-labels.ts';
import { NameMatcher, spanOf } from './name-matcher.ts';
import { chunkRanges, tokenize, type Token } from './tokens.ts';
import type { KnownMention, Occurrence, Suggestions } from '../shared/suggestion-types.ts';

/** The known names of `names` in `text`, and its candidate names (an empty matcher: candidates only). */
export function suggestWith(names: NameMatcher<KnownTarget>, text: string): Suggestions {
  const known = new Map<KnownTarget, Occurrence[]>();
  const finder = new CandidateFinder(lowercaseWords(text));
  const ranges = chunkRanges(text);

  /** Tokens of a piece of the text, and which of them known names cover (recording those when asked). */
  const read = (from: number, to: number, record: boolean): { tokens: Token[]; covered: Uint8Array } => {
    const tokens = tokenize(text, from, to);
    const covered = new Uint8Array(tokens.length);
    for (const match of names.scan(tokens, text)) {
      covered.fill(1, match.from, match.to);
      if (!record) continue;
      const { start, end } = spanOf(tokens, match.from, match.to, text);
      for (const target of match.values) {
        let occurrences = known.get(target);
        if (!occurrences) known.set(target, (occurrences = []));
        occurrences.push({ start, end, text: text.slice(start, end) });
      }
    }
    return { tokens, covered };
  };

  // A text of one piece is read once; a longer one is read again for the second pass rather than held in memory.
  const kept: { tokens: Token[]; covered: Uint8Array }[] = [];
  for (const [from, to] of ranges) {
    const piece = read(from, to, true);
    finder.collect(piece.tokens, text, piece.covered);
    if (ranges.length === 1) kept.push(piece);
  }
  for (const [k, [from, to]] of ranges.entries()) {
    const piece = kept[k] ?? read(from, to, false);
    finder.locate(piece.tokens, text, piece.covered);
  }

  const mentions: KnownMention[] = [...known].map(([target, occurrences]) => ({ ...target, occurrences }));
  return { known: mentions, candidates: finder.finish() };
}
