import { invalid } from './errors.ts';

/** Context kept either side of a quote, enough to tell repeated quotes apart. */
export const CONTEXT_CHARS = 32;

/** A W3C TextQuoteSelector plus TextPositionSelector, offsets in UTF-16 code units. */
export interface TextAnchor {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export function anchorAt(text: string, start: number, end: number): TextAnchor {
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
    start,
    end,
  };
}

/**
 * Anchors `quote` in `text`: at `start` when given (it must match there),
 * else at its first occurrence. Throws an invalid_input ApiError naming
 * `path` when the quote is not in the text.
 */
export function anchorQuote(text: string, quote: string, start: number | undefined, path = 'quote'): TextAnchor {
  if (start !== undefined) {
    if (text.slice(start, start + quote.length) !== quote) {
      throw invalid(path, `the quote does not occur at offset ${start} of the source text`);
    }
    return anchorAt(text, start, start + quote.length);
  }
  const at = text.indexOf(quote);
  if (at < 0) throw invalid(path, 'the quote does not occur verbatim in the source text');
  return anchorAt(text, at, at + quote.length);
}
