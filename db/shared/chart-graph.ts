// What chart.graph returns: the link chart's nodes and edges, and the saved arrangement.

export const NODE_KINDS = ['actor', 'place', 'event', 'source'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export const EDGE_KINDS = ['relation', 'participation', 'location', 'citation'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];
/** `actor:5`, `event:12`: a node's id in the chart and in the saved arrangement. */
export const NODE_ID = /^(actor|place|event|source):[1-9]\d{0,15}$/;
export const MAX_SAVED_POSITIONS = 50_000;

export interface SavedPosition {
  x: number;
  y: number;
  pinned: boolean;
}

export interface ChartNode {
  id: string;
  kind: NodeKind;
  recordId: number;
  label: string;
  /** Actor kind, place kind, event type, source reliability. */
  sub: string;
  /** An event's earliest and latest day (null when unknown, and for the other kinds). */
  from: string | null;
  to: string | null;
  /** Where the analyst left it, if the arrangement has it. */
  saved: SavedPosition | null;
}

export interface ChartQuote {
  quote: string;
  sourceId: number;
  sourceTitle: string;
  start: number;
}

export interface ChartEdge {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  /** Relation type, participant role, "at", "cites". */
  label: string;
  directed: boolean;
  /** Earliest and latest day the edge can hold (relation start/end, the event's dates); null when unknown. */
  from: string | null;
  to: string | null;
  evidenceCount: number;
  quotes: ChartQuote[];
}

export interface ChartGraph {
  nodes: ChartNode[];
  edges: ChartEdge[];
  /** Nodes of the whole store (sources included only when asked), to say "12 of 140 shown". */
  total: number;
}
