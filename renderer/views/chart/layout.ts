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
  if (quick) cy.batch(() => held.forEach((position, id) => void cy.getElementById(id).position(position)));
  return { quick, ms: performance.now() - started };
}

/** Positions for `count` new nodes on a ring around `at` (a large chart's expansion). */
export function ringAround(at: Position, count: number): Position[] {
  const radius = 60 + count * 6;
  return Array.from({ length: count }, (_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(count, 1);
    return { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) };
  });
}
