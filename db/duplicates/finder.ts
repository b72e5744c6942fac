// records.duplicates: likely duplicate pairs across the store, for the
// duplicate finder view. Exact names are grouped, not compared. Other names
// are compared only within blocks (the same first or last three or four
// letters, or the same consonant skeleton across scripts), and within a block
// only names of about the same length, so the work grows with the store, not
// with its square; budgets of comparisons and of pairs bound the worst case
// (about a second for 50,000 look-alike names) and the answer says when one ran out.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import { entityIndexFor } from '../search/name-index.ts';
import { edtfInWords } from '../shared/edtf-words.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { likeness, namesIn, prepareName, type PreparedName, scriptMatchStands } from './likeness.ts';
import type { DuplicateReason, DuplicateSide, DuplicatesResult } from '../shared/duplicates.ts';

const MAX_COMPARISONS = 500_000;
/** Pairs collected at most: more than anyone will review, and the strongest are kept first. */
const MAX_PAIRS = 5000;
/** Records sharing one exact name that are paired with each other (a name held by hundreds says little). */
const MAX_SAME = 50;
const REASON_RANK: Record<DuplicateReason['kind'], number> = { same: 0, evidence: 1, 'place-and-day': 2, spelling: 3, script: 4 };

interface Label {
  kind: EntityKind;
  id: number;
  label: string;
  name: PreparedName;
}

type PairKey = string;
const pairKey = (kind: EntityKind, a: number, b: number): PairKey => `${kind}:${Math.min(a, b)}:${Math.max(a, b)}`;

/** Name pairs: compared within blocks, about the same length, different records of one kind. */
function namePairs(
  db: Db,
  kinds: readonly EntityKind[],
  add: (kind: EntityKind, a: number, b: number, r: DuplicateReason) => void,
  full: () => boolean,
): boolean {
  const index = entityIndexFor(db);
  index.complete();
  const blocks = new Map<string, Label[]>();
  const put = (key: string, label: Label) => {
    const block = blocks.get(key);
    if (block) block.push(label);
    else blocks.set(key, [label]);
  };
  const namesOf = new Map<string, PreparedName[]>();
  const exact = new Map<string, Label[]>();
  for (const { entity, label } of index.labels()) {
    if (!kinds.includes(entity.kind)) continue;
    // "Rapid Support Forces (RSF)" is compared as itself, "Rapid Support Forces" and "RSF".
    for (const variant of namesIn(label)) {
      const name = prepareName(variant);
      if (!name.compact) continue;
      const entry = { kind: entity.kind, id: entity.id, label, name };
      const twins = exact.get(`${entity.kind}|${name.compact}`);
      if (twins) twins.push(entry);
      else exact.set(`${entity.kind}|${name.compact}`, [entry]);
      const own = namesOf.get(`${entity.kind}:${entity.id}`);
      if (own) own.push(name);
      else namesOf.set(`${entity.kind}:${entity.id}`, [name]);
      // Long names block on four letters (only two typos, one at each end, escape both blocks), short ones on three;
      // names of 8-9 letters are in both, so that any two names two letters apart in length share a block.
      const length = name.compact.length;
      for (const edge of [...(length <= 9 ? [3] : []), ...(length >= 8 ? [4] : [])]) {
        put(`${entity.kind}|p${edge}|${name.compact.slice(0, edge)}`, entry);
        put(`${entity.kind}|s${edge}|${name.compact.slice(-edge)}`, entry);
      }
      if (name.skeleton) put(`${entity.kind}|k|${name.skeleton}`, entry);
    }
  }
  // Exact names first, outside the budget: grouped by their compact form, they cost no comparison.
  for (const same of exact.values()) {
    for (let i = 0; i < same.length && i < MAX_SAME; i++) {
      for (let j = i + 1; j < same.length && j < MAX_SAME; j++) {
        const [a, b] = [same[i]!, same[j]!];
        if (a.id !== b.id && a.kind === b.kind) add(a.kind, a.id, b.id, { kind: 'same', left: a.label, right: b.label });
      }
    }
  }
  let comparisons = 0;
  for (const [key, block] of blocks) {
    if (block.length < 2) continue;
    const acrossScripts = key.includes('|k|');
    block.sort((a, b) => a.name.compact.length - b.name.compact.length);
    for (let i = 0; i < block.length; i++) {
      const a = block[i]!;
      for (let j = i + 1; j < block.length; j++) {
        const b = block[j]!;
        // A typo changes the length by two letters at most; the skeleton block holds names of any length.
        if (!acrossScripts && b.name.compact.length - a.name.compact.length > 2) break;
        if (a.id === b.id || (acrossScripts && a.name.arabic === b.name.arabic)) continue;
        if (++comparisons > MAX_COMPARISONS || full()) return true;
        const reason = likeness(a.name, b.name);
        if (reason === 'script') {
          const [latin, arabic] = a.name.arabic ? [b, a] : [a, b];
          if (!scriptMatchStands(latin.name, namesOf.get(`${arabic.kind}:${arabic.id}`) ?? [])) continue;
        }
        if (reason) add(a.kind, a.id, b.id, { kind: reason, left: a.label, right: b.label });
      }
    }
  }
  return false;
}

const EVIDENCE_SQL: Record<EntityKind, string> = {
  actor: 'actor_id',
  place: 'place_id',
  event: 'event_id',
};

/**
 * Records of one kind citing the same span of a source (the very same passage
 * for actors and places, any overlap for events). Only a supporting reason: one
 * passage often names several actors or tells of two events.
 */
function sharedEvidence(db: Db, kind: EntityKind, add: (kind: EntityKind, a: number, b: number, r: DuplicateReason) => void): void {
  const column = EVIDENCE_SQL[kind];
  const overlap = kind === 'event' ? 'b.start < a."end" AND a.start < b."end"' : 'b.start = a.start AND b."end" = a."end"';
  const rows = cached(
    db,
    `SELECT a.${column} AS x, b.${column} AS y, count(*) AS n
       FROM evidence a JOIN evidence b ON b.source_id = a.source_id AND b.${column} > a.${column} AND ${overlap}
       JOIN ${kind}s ra ON ra.id = a.${column} AND ra.deleted_at IS NULL
       JOIN ${kind}s rb ON rb.id = b.${column} AND rb.deleted_at IS NULL
       WHERE a.${column} IS NOT NULL AND b.${column} IS NOT NULL AND a.orphaned_at IS NULL AND b.orphaned_at IS NULL
       GROUP BY x, y`,
  ).all() as { x: number; y: number; n: number }[];
  for (const r of rows) add(kind, r.x, r.y, { kind: 'evidence', passages: r.n });
}

/** Events at the same place on the same (known) day. */
function samePlaceAndDay(db: Db, add: (kind: EntityKind, a: number, b: number, r: DuplicateReason) => void): void {
  const rows = cached(
    db,
    `SELECT a.id AS x, b.id AS y, p.name AS place, a.date_min AS day
       FROM events a JOIN events b ON b.place_id = a.place_id AND b.id > a.id AND b.date_min = a.date_min AND b.date_max = a.date_max
       JOIN places p ON p.id = a.place_id
       WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL AND a.date_min IS NOT NULL AND a.date_min = a.date_max`,
  ).all() as { x: number; y: number; place: string; day: string }[];
  for (const r of rows) add('event', r.x, r.y, { kind: 'place-and-day', place: r.place, date: edtfInWords(r.day) });
}

/** Actors linked by a relation are known to the analyst as two: not offered as duplicates. */
function related(db: Db): Set<PairKey> {
  const rows = cached(db, 'SELECT source_id AS a, target_id AS b FROM relations').all() as { a: number; b: number }[];
  return new Set(rows.map((r) => pairKey('actor', r.a, r.b)));
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Each record's side of a pair, by id: its name and the fields shown for it. */
function sidesOf<R extends { id: number; name: string }>(
  rows: R[],
  fields: (row: R) => DuplicateSide['fields'],
): Map<number, DuplicateSide> {
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, fields: fields(r) }]));
}

function sides(db: Db, kind: EntityKind, ids: number[]): Map<number, DuplicateSide> {
  const json = JSON.stringify(ids);
  const evidence = `(SELECT count(*) FROM evidence WHERE ${EVIDENCE_SQL[kind]} = r.id)`;
  if (kind === 'event') {
    const rows = cached(
      db,
      `SELECT r.id, r.title AS name, r.date, r.type, r.fatalities, p.name AS place, ${evidence} AS evidence,
              (SELECT group_concat(a.name, ', ') FROM event_participants ep JOIN actors a ON a.id = ep.actor_id WHERE ep.event_id = r.id) AS actors
         FROM events r LEFT JOIN places p ON p.id = r.place_id WHERE r.id IN (SELECT value FROM json_each(?))`,
    ).all(json) as {
      id: number;
      name: string;
      date: string | null;
      type: string;
      fatalities: number | null;
      place: string | null;
      evidence: number;
      actors: string | null;
    }[];
    return sidesOf(rows, (r) => [
      { label: 'Date', value: r.date ? edtfInWords(r.date) : 'undated' },
      { label: 'Type', value: r.type },
      { label: 'Place', value: r.place ?? '—' },
      { label: 'Actors', value: r.actors ?? '—' },
      { label: 'Fatalities', value: r.fatalities === null ? '—' : String(r.fatalities) },
      { label: 'Evidence', value: count(r.evidence, 'passage') },
    ]);
  }
  const aliasTable = kind === 'actor' ? 'actor_aliases' : 'place_aliases';
  const rows = cached(
    db,
    `SELECT r.id, r.name, r.kind, r.country, r.description, ${evidence} AS evidence,
            (SELECT group_concat(name, ', ') FROM ${aliasTable} WHERE ${EVIDENCE_SQL[kind]} = r.id) AS aliases
       FROM ${kind}s r WHERE r.id IN (SELECT value FROM json_each(?))`,
  ).all(json) as {
    id: number;
    name: string;
    kind: string;
    country: string | null;
    description: string;
    evidence: number;
    aliases: string | null;
  }[];
  return sidesOf(rows, (r) => [
    { label: 'Also known as', value: r.aliases ?? '—' },
    { label: 'Kind', value: r.kind },
    { label: 'Country', value: r.country ?? '—' },
    { label: 'Evidence', value: count(r.evidence, 'passage') },
    { label: 'Description', value: r.description.length > 200 ? `${r.description.slice(0, 199)}…` : r.description || '—' },
  ]);
}

export function findDuplicates(db: Db, input: { kinds: EntityKind[]; limit: number }): DuplicatesResult {
  const found = new Map<PairKey, { kind: EntityKind; a: number; b: number; reasons: DuplicateReason[] }>();
  const knownApart = related(db);
  let overflow = false;
  const add = (kind: EntityKind, x: number, y: number, reason: DuplicateReason) => {
    const key = pairKey(kind, x, y);
    if (kind === 'actor' && knownApart.has(key)) return;
    if (!found.has(key) && found.size >= MAX_PAIRS) {
      overflow = true;
      return;
    }
    const pair = found.get(key) ?? { kind, a: Math.min(x, y), b: Math.max(x, y), reasons: [] };
    // One reason of each sort is enough to show why; of the names, the closest.
    const isName = (r: DuplicateReason) => r.kind === 'same' || r.kind === 'spelling' || r.kind === 'script';
    const sameSort = pair.reasons.findIndex((r) => r.kind === reason.kind || (isName(r) && isName(reason)));
    if (sameSort < 0) pair.reasons.push(reason);
    else if (REASON_RANK[reason.kind] < REASON_RANK[pair.reasons[sameSort]!.kind]) pair.reasons[sameSort] = reason;
    found.set(key, pair);
  };
  const truncated = namePairs(db, input.kinds, add, () => overflow) || overflow;
  if (input.kinds.includes('event')) samePlaceAndDay(db, add);
  const listed = new Set(found.keys());
  for (const kind of input.kinds) sharedEvidence(db, kind, (k, x, y, reason) => listed.has(pairKey(k, x, y)) && add(k, x, y, reason));

  const strength = (reasons: DuplicateReason[]) => Math.min(...reasons.map((r) => REASON_RANK[r.kind])) - 0.5 * (reasons.length - 1);
  const ranked = [...found.values()]
    .sort((x, y) => strength(x.reasons) - strength(y.reasons) || x.a - y.a || x.b - y.b)
    .slice(0, input.limit);
  const byKind = new Map<EntityKind, Map<number, DuplicateSide>>();
  for (const kind of input.kinds) {
    const ids = ranked.filter((p) => p.kind === kind).flatMap((p) => [p.a, p.b]);
    byKind.set(kind, sides(db, kind, [...new Set(ids)]));
  }
  const pairs = ranked.flatMap((p) => {
    const left = byKind.get(p.kind)?.get(p.a);
    const right = byKind.get(p.kind)?.get(p.b);
    return left && right
      ? [
          {
            kind: p.kind,
            left,
            right,
            reasons: p.reasons.sort((x, y) => REASON_RANK[x.kind] - REASON_RANK[y.kind]),
            mergeable: true,
          },
        ]
      : [];
  });
  return { pairs, truncated };
}
