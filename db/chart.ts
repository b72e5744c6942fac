// The link chart (#/chart): actors, places, events (and sources on request) as
// nodes; relations, event participation, event-at-place and citations as
// edges, each with the evidence that supports it. A focus and a depth give the
// neighbourhood of one record (the renderer expands it step by step); no focus
// gives everything. The arrangement the analyst made (positions, pins) is kept
// in the meta table under one key, so it is saved with the store.
import { notFound } from './shared/errors.ts';
import { roleInWords } from './shared/record-words.ts';
import type { Db } from './store/db.ts';
import { cached } from './store/statements.ts';
import {
  MAX_SAVED_POSITIONS,
  NODE_ID,
  type ChartEdge,
  type ChartGraph,
  type ChartNode,
  type ChartQuote,
  type NodeKind,
  type SavedPosition,
} from './shared/chart-graph.ts';
import type { z } from 'zod';
import type * as v from './shared/map-chart-schemas.ts';

/** Relation types that read one way (A part of B); the others are mutual. */
const DIRECTED = new Set(['part of', 'rebranded as', 'supports', 'commands']);
const QUOTES_PER_EDGE = 5;

export type GraphInput = z.output<typeof v.chartGraphInput>;

interface Evidenced {
  count: number;
  quotes: ChartQuote[];
}

const ARRANGEMENT_KEY = 'chart.arrangement';

export function readArrangement(db: Db): Map<string, SavedPosition> {
  const row = cached(db, 'SELECT value FROM meta WHERE key = ?').get(ARRANGEMENT_KEY) as { value: string } | undefined;
  const saved = new Map<string, SavedPosition>();
  if (!row) return saved;
  try {
    const parsed = JSON.parse(row.value) as Record<string, [number, number, 0 | 1]>;
    for (const [id, [x, y, pinned]] of Object.entries(parsed)) {
      if (NODE_ID.test(id) && Number.isFinite(x) && Number.isFinite(y)) saved.set(id, { x, y, pinned: pinned === 1 });
    }
  } catch {
    // A value that is not ours to read is ignored (and replaced by the next save).
  }
  return saved;
}

/** Merges positions into the saved arrangement (or replaces it); returns how many nodes it holds. */
export function saveArrangement(db: Db, positions: Record<string, SavedPosition>, replace: boolean): { saved: number } {
  const arrangement = replace ? new Map<string, SavedPosition>() : readArrangement(db);
  for (const [id, position] of Object.entries(positions)) arrangement.set(id, position);
  // Oldest entries go first when the store holds too many (Map keeps insertion order; re-set ones move to the end).
  const entries = [...arrangement].slice(-MAX_SAVED_POSITIONS);
  const value = JSON.stringify(Object.fromEntries(entries.map(([id, p]) => [id, [round(p.x), round(p.y), p.pinned ? 1 : 0]])));
  cached(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    ARRANGEMENT_KEY,
    value,
  );
  return { saved: entries.length };
}

const round = (n: number) => Math.round(n * 10) / 10;

function evidenceBy(db: Db, column: 'relation_id' | 'event_id', field: string | null): Map<number, Evidenced> {
  const rows = db
    .prepare(
      `SELECT e.${column} AS subject, e.quote, e.source_id, s.title, e.start FROM evidence e JOIN sources s ON s.id = e.source_id
       WHERE e.${column} IS NOT NULL AND s.deleted_at IS NULL${field === null ? '' : ' AND e.field = ?'} ORDER BY e.credibility, e.id`,
    )
    .all(...(field === null ? [] : [field])) as { subject: number; quote: string; source_id: number; title: string; start: number }[];
  const by = new Map<number, Evidenced>();
  for (const row of rows) {
    const entry = by.get(row.subject) ?? { count: 0, quotes: [] };
    entry.count++;
    if (entry.quotes.length < QUOTES_PER_EDGE) {
      entry.quotes.push({ quote: row.quote.slice(0, 400), sourceId: row.source_id, sourceTitle: row.title, start: row.start });
    }
    by.set(row.subject, entry);
  }
  return by;
}

const NONE: Evidenced = { count: 0, quotes: [] };

type GraphNode = Omit<ChartNode, 'saved'>;

/** The live actors, places and events (and sources, when asked) as nodes, each kind in id order. */
function chartNodes(db: Db, sources: boolean): GraphNode[] {
  const nodes: GraphNode[] = [];
  const add = (kind: NodeKind, rows: { id: number; label: string; sub: string; from?: string | null; to?: string | null }[]) => {
    for (const r of rows)
      nodes.push({ id: `${kind}:${r.id}`, kind, recordId: r.id, label: r.label, sub: r.sub, from: r.from ?? null, to: r.to ?? null });
  };
  add('actor', db.prepare('SELECT id, name AS label, kind AS sub FROM actors WHERE deleted_at IS NULL ORDER BY id').all() as never);
  add('place', db.prepare('SELECT id, name AS label, kind AS sub FROM places WHERE deleted_at IS NULL ORDER BY id').all() as never);
  add(
    'event',
    db
      .prepare(
        'SELECT id, title AS label, type AS sub, date_min AS "from", date_max AS "to" FROM events WHERE deleted_at IS NULL ORDER BY id',
      )
      .all() as never,
  );
  if (sources)
    add(
      'source',
      db.prepare('SELECT id, title AS label, reliability AS sub FROM sources WHERE deleted_at IS NULL ORDER BY id').all() as never,
    );
  return nodes;
}

/** An edge for each relation between actors, with the evidence for it. */
function relationEdges(db: Db): ChartEdge[] {
  const relationEvidence = evidenceBy(db, 'relation_id', null);
  const relations = db.prepare('SELECT id, source_id, target_id, type, start_min, end_max FROM relations ORDER BY id').all() as {
    id: number;
    source_id: number;
    target_id: number;
    type: string;
    start_min: string | null;
    end_max: string | null;
  }[];
  return relations.map((r) => {
    const evidence = relationEvidence.get(r.id) ?? NONE;
    return {
      id: `relation:${r.id}`,
      kind: 'relation',
      source: `actor:${r.source_id}`,
      target: `actor:${r.target_id}`,
      label: r.type,
      directed: DIRECTED.has(r.type),
      from: r.start_min,
      to: r.end_max,
      evidenceCount: evidence.count,
      quotes: evidence.quotes,
    };
  });
}

interface EventSpan {
  id: number;
  place_id: number | null;
  date_min: string | null;
  date_max: string | null;
}

/** An edge from each participant of a live event to the event, dated as the event is. */
function participationEdges(db: Db, events: Map<number, EventSpan>): ChartEdge[] {
  const participantEvidence = evidenceBy(db, 'event_id', 'participants');
  const participants = db.prepare('SELECT event_id, actor_id, role FROM event_participants ORDER BY event_id, actor_id').all() as {
    event_id: number;
    actor_id: number;
    role: string;
  }[];
  return participants.flatMap((p) => {
    const event = events.get(p.event_id);
    if (!event) return [];
    const evidence = participantEvidence.get(p.event_id) ?? NONE;
    return {
      id: `participation:${p.event_id}:${p.actor_id}:${p.role}`,
      kind: 'participation',
      source: `actor:${p.actor_id}`,
      target: `event:${p.event_id}`,
      label: roleInWords(p.role),
      directed: false,
      from: event.date_min,
      to: event.date_max,
      evidenceCount: evidence.count,
      quotes: evidence.quotes,
    };
  });
}

/** An edge from each live event to its place. */
function locationEdges(db: Db, events: Map<number, EventSpan>): ChartEdge[] {
  const placeEvidence = evidenceBy(db, 'event_id', 'place');
  return [...events.values()].flatMap((event) => {
    if (event.place_id === null) return [];
    const evidence = placeEvidence.get(event.id) ?? NONE;
    return {
      id: `location:${event.id}`,
      kind: 'location',
      source: `event:${event.id}`,
      target: `place:${event.place_id}`,
      label: 'at',
      directed: true,
      from: event.date_min,
      to: event.date_max,
      evidenceCount: evidence.count,
      quotes: evidence.quotes,
    };
  });
}

/** An edge from each source to each record its evidence supports, with one quote for all of it. */
function citationEdges(db: Db, nodes: GraphNode[]): ChartEdge[] {
  const citations = db
    .prepare(
      `SELECT source_id, CASE WHEN actor_id IS NOT NULL THEN 'actor:' || actor_id WHEN place_id IS NOT NULL THEN 'place:' || place_id
              WHEN event_id IS NOT NULL THEN 'event:' || event_id END AS subject, count(*) AS n, min(quote) AS quote, min(start) AS start
       FROM evidence WHERE relation_id IS NULL GROUP BY source_id, subject ORDER BY source_id, subject`,
    )
    .all() as { source_id: number; subject: string; n: number; quote: string; start: number }[];
  const titles = new Map(nodes.filter((n) => n.kind === 'source').map((n) => [n.id, n.label]));
  return citations.map((c) => {
    const source = `source:${c.source_id}`;
    return {
      id: `citation:${c.source_id}:${c.subject}`,
      kind: 'citation',
      source,
      target: c.subject,
      label: 'cites',
      directed: true,
      from: null,
      to: null,
      evidenceCount: c.n,
      quotes: [{ quote: c.quote.slice(0, 400), sourceId: c.source_id, sourceTitle: titles.get(source) ?? '', start: c.start }],
    };
  });
}

/** Every node and edge of the store (sources and their citations only when asked); edges to records not shown are left out. */
function wholeGraph(db: Db, sources: boolean): { nodes: GraphNode[]; edges: ChartEdge[] } {
  const nodes = chartNodes(db, sources);
  const present = new Set(nodes.map((n) => n.id));
  const events = new Map(
    (db.prepare('SELECT id, place_id, date_min, date_max FROM events WHERE deleted_at IS NULL').all() as EventSpan[]).map((e) => [e.id, e]),
  );
  const edges = [
    ...relationEdges(db),
    ...participationEdges(db, events),
    ...locationEdges(db, events),
    ...(sources ? citationEdges(db, nodes) : []),
  ].filter((edge) => present.has(edge.source) && present.has(edge.target));
  return { nodes, edges };
}

/** The chart around `focus` to `depth` steps (every edge between the nodes reached), or the whole graph. */
export function chartGraph(db: Db, input: GraphInput): ChartGraph {
  const whole = wholeGraph(db, input.sources || input.focus?.startsWith('source:') === true);
  const total = whole.nodes.length;
  let keep: Set<string> | null = null;
  if (input.focus !== undefined) {
    if (!whole.nodes.some((n) => n.id === input.focus)) {
      const [kind, id] = input.focus.split(':');
      throw notFound(kind!, Number(id));
    }
    const neighbours = new Map<string, string[]>();
    const link = (from: string, to: string) => {
      const list = neighbours.get(from);
      if (list) list.push(to);
      else neighbours.set(from, [to]);
    };
    for (const e of whole.edges) (link(e.source, e.target), link(e.target, e.source));
    keep = new Set([input.focus]);
    let frontier = [input.focus];
    for (let step = 0; step < input.depth && frontier.length; step++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const other of neighbours.get(id) ?? []) {
          if (!keep.has(other)) (keep.add(other), next.push(other));
        }
      }
      frontier = next;
    }
  }
  const saved = readArrangement(db);
  const nodes = whole.nodes.filter((n) => keep === null || keep.has(n.id)).map((n) => ({ ...n, saved: saved.get(n.id) ?? null }));
  const edges = keep === null ? whole.edges : whole.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  return { nodes, edges, total };
}
