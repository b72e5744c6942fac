import type { EntityKind } from './vocabulary.ts';
// What records.similar and records.duplicates return.

export type Likeness = 'same' | 'spelling' | 'script';

export type SimilarReason = Likeness | 'passage';

export interface SimilarRecord {
  kind: EntityKind;
  id: number;
  name: string;
  /** Kind and country, or date and type. */
  detail: string;
  reason: SimilarReason;
  /** The record's name or alias that matched (for 'passage': the passage it already cites). */
  matched: string;
  matchedAs: 'name' | 'alias' | 'evidence';
  /** The typed name it matched. */
  typed: string;
}

export type DuplicateReason =
  | { kind: Likeness; left: string; right: string }
  | { kind: 'evidence'; passages: number }
  | { kind: 'place-and-day'; place: string; date: string };

export interface DuplicateSide {
  id: number;
  name: string;
  /** What to compare side by side: label and value, in the same order on both sides. */
  fields: { label: string; value: string }[];
}

export interface DuplicatePair {
  kind: EntityKind;
  left: DuplicateSide;
  right: DuplicateSide;
  reasons: DuplicateReason[];
  /** Whether the API can merge this kind (every kind now: events since migration 9). */
  mergeable: boolean;
}

export interface DuplicatesResult {
  pairs: DuplicatePair[];
  /** True when the comparison budget ran out before every block was compared. */
  truncated: boolean;
}
