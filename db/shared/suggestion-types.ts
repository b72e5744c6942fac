// What the suggestions extractor returns: plain JSON, offsets in UTF-16 code
// units of the text (String.prototype.slice), so the UI can mark them.
import type { EntityKind } from './vocabulary.ts';

export interface Occurrence {
  start: number;
  end: number;
  /** text.slice(start, end) */
  text: string;
}

/** A record of the store named in the text, by its name or an alias. */
export interface KnownMention {
  kind: EntityKind;
  id: number;
  name: string;
  occurrences: Occurrence[];
}

export type CandidateKind = 'actor' | 'place';

/** A name the text presents as a proper noun that the store does not know. */
export interface Candidate {
  name: string;
  /** A guess: 'place' after "in/at/near/from/to" or before "crossing/region/border", 'actor' otherwise. */
  kind: CandidateKind;
  /** 0 to 1: how sure the extractor is that this is a name. */
  confidence: number;
  /** Other forms seen for it, such as the acronym in "Rapid Support Forces (RSF)". */
  aliases: string[];
  occurrences: Occurrence[];
}

export interface Suggestions {
  known: KnownMention[];
  candidates: Candidate[];
  dates?: never;
}
