// Known names: the store's actors, places and events by name and alias. Built
// from the in-memory entity index and rebuilt when the index changes (a write
// through the repositories, or another connection's write).
import { entityIndexFor, type EntityIndex } from '../search/name-index.ts';
import type { Db } from '../store/db.ts';
import { matcherOf, type KnownLabels, type KnownTarget } from './known-labels.ts';
import type { NameMatcher } from './name-matcher.ts';

export type { KnownLabels, KnownTarget } from './known-labels.ts';

const built = new WeakMap<EntityIndex, { revision: number; labels: KnownLabels; matcher?: NameMatcher<KnownTarget> }>();
/** "Kurdish forces (northern Syria)" is also found as "Kurdish forces". */
const QUALIFIER_RE = /\s*\([^()]*\)\s*$/;

/** The store's names and aliases as they are now. */
export function knownLabels(db: Db): KnownLabels {
  return current(db).labels;
}

/** The matcher for the store's names as they are now. */
export function knownNames(db: Db): NameMatcher<KnownTarget> {
  const entry = current(db);
  entry.matcher ??= matcherOf(entry.labels);
  return entry.matcher;
}

function current(db: Db): { revision: number; labels: KnownLabels; matcher?: NameMatcher<KnownTarget> } {
  const index = entityIndexFor(db);
  index.complete();
  const cached = built.get(index);
  if (cached && cached.revision === index.revision) return cached;
  const entry = { revision: index.revision, labels: labelsOf(index) };
  built.set(index, entry);
  return entry;
}

function labelsOf(index: EntityIndex): KnownLabels {
  const known: KnownLabels = { targets: [], labels: [], owners: [] };
  const targetOf = new Map<string, number>();
  for (const { entity, type, label } of index.labels()) {
    const ref = `${entity.kind}:${entity.id}`;
    let target = targetOf.get(ref);
    if (target === undefined) {
      target = known.targets.push({ kind: entity.kind, id: entity.id, name: entity.name }) - 1;
      targetOf.set(ref, target);
    }
    known.labels.push(label);
    known.owners.push(target);
    const bare = label.replace(QUALIFIER_RE, '');
    if (type === 'name' && bare && bare !== label) {
      known.labels.push(bare);
      known.owners.push(target);
    }
  }
  return known;
}
