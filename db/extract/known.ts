// Known names: the store's actors, places and events by name and alias. The
// matcher is built from the in-memory entity index and rebuilt when the index
// changes (a write through the repositories, or another connection's write).
import { entityIndexFor, type EntityIndex } from '../search/name-index.ts';
import type { Db } from '../store/db.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { NameMatcher } from './name-matcher.ts';

export interface KnownTarget {
  kind: EntityKind;
  id: number;
  name: string;
}

const matchers = new WeakMap<EntityIndex, { revision: number; matcher: NameMatcher<KnownTarget> }>();
/** "Kurdish forces (northern Syria)" is also found as "Kurdish forces". */
const QUALIFIER_RE = /\s*\([^()]*\)\s*$/;

/** The matcher for the store's names as they are now. */
export function knownNames(db: Db): NameMatcher<KnownTarget> {
  const index = entityIndexFor(db);
  index.complete();
  const cached = matchers.get(index);
  if (cached && cached.revision === index.revision) return cached.matcher;
  const matcher = new NameMatcher<KnownTarget>();
  const targets = new Map<string, KnownTarget>();
  for (const { entity, type, label } of index.labels()) {
    const ref = `${entity.kind}:${entity.id}`;
    let target = targets.get(ref);
    if (!target) {
      target = { kind: entity.kind, id: entity.id, name: entity.name };
      targets.set(ref, target);
    }
    matcher.add(label, target);
    const bare = label.replace(QUALIFIER_RE, '');
    if (type === 'name' && bare && bare !== label) matcher.add(bare, target);
  }
  matchers.set(index, { revision: index.revision, matcher });
  return matcher;
}
