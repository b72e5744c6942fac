// How the chart is laid out. Up to FULL_LAYOUT_LIMIT nodes: fCoSE at its
// default quality (spectral start, then force-directed polish, pinned nodes
// held). Above it the force phase costs seconds to minutes on the main thread
// (fCoSE on 1,000 nodes / 2,500 links: about 20 s here), so the chart takes
// fCoSE's "draft" quality, the spectral arrangement alone (about 1.5 s for
// 2,000 nodes / 5,000 links), puts the pinned nodes back where they were, and
// says so; expanding a node of a large chart rings the new nodes around it
// instead of laying the whole chart out again.
import type { Core, LayoutOptions, NodeCollection, NodeSingular, Position } from 'cytoscape';

export const FULL_LAYOUT_LIMIT = 250;

export const isLarge = (nodes: number) => nodes > FULL_LAYOUT_LIMIT;

/** Runs the layout; `fixed` nodes keep their places. Returns whether it was the quick one. */
export async function runLayout(cy: Core, fixed: NodeCollection, randomize: boolean): Promise<{ quick: boolean; ms: number }> {
  const quick = isLarge(cy.nodes().length);
  const held = new Map<string, Position>(fixed.map((n) => [n.id(), { ...(n as NodeSingular).position() }]));
  const started = performance.now();
  const layout = cy.layout({
    name: 'fcose',
    animate: false,
    randomize: quick || randomize,
    quality: quick ? 'draft' : 'default',
    nodeRepulsion: () => 9000,
    idealEdgeLength: () => 90,
    fixedNodeConstraint: quick || fixed.empty() ? undefined : [...held].map(([nodeId, position]) => ({ nodeId, position })),
  } as LayoutOptions);
  const done = new Promise((resolve) => layout.one('layoutstop', resolve));
  layout.run();
  await done;
  if (quick) {
    cy.batch(() => {
      held.forEach((position, id) => void cy.getElementById(id).position(position));
      spreadCoincident(cy, held);
    });
  }
  return { quick, ms: performance.now() - started };
}

/**
 * The spectral draft puts nodes it cannot tell apart (the leaves of one node) on one point:
 * each such heap is spread on a ring around that point.
 */
function spreadCoincident(cy: Core, held: Map<string, Position>): void {
  const free = (cy.nodes().toArray() as NodeSingular[]).filter((n) => !held.has(n.id()));
  const heaps = coincidentHeaps(free.map((n) => ({ id: n.id(), ...n.position() })));
  for (const heap of heaps) {
    const node = (id: string) => cy.getElementById(id) as NodeSingular;
    const ring = ringAround({ ...node(heap[0]!).position() }, heap.length, 24);
    heap.forEach((id, i) => void node(id).position(ring[i]!));
  }
}

/** The groups of two or more points (their ids) lying within a few units of one another, in the order met. */
export function coincidentHeaps(points: readonly { id: string; x: number; y: number }[]): string[][] {
  const heaps = new Map<string, string[]>();
  for (const { id, x, y } of points) {
    const key = `${Math.round(x / 4)}:${Math.round(y / 4)}`;
    const heap = heaps.get(key);
    if (heap) heap.push(id);
    else heaps.set(key, [id]);
  }
  return [...heaps.values()].filter((heap) => heap.length >= 2);
}

/** Positions for `count` nodes on a ring around `at` (a large chart's expansion, a heap spread out). */
export function ringAround(at: Position, count: number, base = 60): Position[] {
  const radius = base + count * 6;
  return Array.from({ length: count }, (_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(count, 1);
    return { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) };
  });
}
