// A long text folded for the indexes ahead of the transaction that stores it
// (see api.ts's prepare step): folding a 45 MB text takes seconds, which no
// lock, and where possible not even the store's thread, should spend. The
// import sandbox folds the text it read in its own thread; the result is
// handed over here and used when the same text is stored.
import { foldText } from '../shared/folding.ts';
import { vocabularyOf } from './terms.ts';

export interface PreparedText {
  text: string;
  folded: string;
  vocabulary: Set<string>;
}

let handedOver: PreparedText | undefined;

/** Keeps `prepared` for the next prepareText of that same text (one at a time). */
export function handOverPreparedText(prepared: { text: string; folded: string; vocabulary: Iterable<string> }): void {
  handedOver = { text: prepared.text, folded: prepared.folded, vocabulary: new Set(prepared.vocabulary) };
}

export function prepareText(text: string): PreparedText {
  const ready = handedOver;
  handedOver = undefined;
  if (ready?.text === text) return ready;
  return { text, folded: foldText(text), vocabulary: vocabularyOf(text) };
}
