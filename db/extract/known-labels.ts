// The store's known names as plain data, which a worker thread can be given,
// and the matcher made from them.
import type { EntityKind } from '../shared/vocabulary.ts';
import { NameMatcher } from './name-matcher.ts';

export interface KnownTarget {
  kind: EntityKind;
  id: number;
  name: string;
}

/** Every name and alias (`labels`), each standing for `targets[owners[i]]`. */
export interface KnownLabels {
  targets: KnownTarget[];
  labels: string[];
  owners: number[];
}

export function matcherOf(known: KnownLabels): NameMatcher<KnownTarget> {
  const matcher = new NameMatcher<KnownTarget>();
  known.labels.forEach((label, i) => matcher.add(label, known.targets[known.owners[i]!]!));
  return matcher;
}
