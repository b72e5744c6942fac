// Link chart layout time: the fCoSE layout the chart uses (cytoscape-fcose, run
// headless in Node; the layout code is the same as in the renderer) on a
// generated graph of 2,000 nodes and 5,000 edges, with and without pinned
// nodes. Prints figures; not a pass/fail test. CHART_NODES, CHART_EDGES and
// CHART_RUNS (default 2000, 5000, 1) change the size and the number of runs.
import cytoscape, { type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

const NODES = Number(process.env['CHART_NODES'] ?? 2000);
const EDGES = Number(process.env['CHART_EDGES'] ?? 5000);

/** A deterministic pseudo-random graph: a few hubs (as actors in a conflict are), every node linked at least once. */
function graph(seed = 7): ElementDefinition[] {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const elements: ElementDefinition[] = [];
  for (let i = 0; i < NODES; i++) elements.push({ group: 'nodes', data: { id: `n${i}` } });
  const seen = new Set<string>();
  let made = 0;
  const link = (a: number, b: number) => {
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    elements.push({ group: 'edges', data: { id: `e${made++}`, source: `n${a}`, target: `n${b}` } });
  };
  for (let i = 1; i < NODES; i++) link(i, Math.floor(random() * i));
  while (made < EDGES) link(Math.floor(random() ** 2 * NODES), Math.floor(random() * NODES));
  return elements;
}

async function layoutTime(pinned: number): Promise<number> {
  const cy = cytoscape({ headless: true, styleEnabled: true, elements: graph() });
  const fixed = cy
    .nodes()
    .slice(0, pinned)
    .map((n, i) => ({ nodeId: n.id(), position: { x: (i % 10) * 100, y: Math.floor(i / 10) * 100 } }));
  const started = performance.now();
  const layout = cy.layout({
    name: 'fcose',
    animate: false,
    randomize: true,
    quality: 'default',
    nodeRepulsion: () => 9000,
    idealEdgeLength: () => 90,
    fixedNodeConstraint: fixed.length ? fixed : undefined,
  } as cytoscape.LayoutOptions);
  const done = new Promise((resolve) => layout.one('layoutstop', resolve));
  layout.run();
  await done;
  return performance.now() - started;
}

const runs = Number(process.env['CHART_RUNS'] ?? 1);
for (const pinned of [0, 50]) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await layoutTime(pinned));
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `chart layout (fCoSE), ${NODES} nodes, ${EDGES} edges, ${pinned} pinned: median ${median.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)}) over ${runs} runs`,
  );
}
