/// <reference lib="dom" />
// The link chart at scale, measured in Chromium (playwright-core, the e2e
// tests' headless Chromium) against the browser shell: a store of
// CHART_NODES actors and CHART_EDGES relations (default 2,000 and 5,000),
// opened on "Show everything" (#/chart). Prints the time until the chart is
// ready and the layout's own time (the quick layout above the chart's limit,
// see renderer/features/chart/layout.ts), the time per frame while one node (the
// most linked) is dragged, and the time to size nodes by betweenness.
// Needs the renderer built (npm run build). Prints figures; not a pass/fail test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callMethod } from '../db/api.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import { openApp } from '../tests/e2e/browser-shell.ts';
import { describeFrames, dragInCircle } from './frames.ts';

const NODES = Number(process.env['CHART_NODES'] ?? 2000);
const EDGES = Number(process.env['CHART_EDGES'] ?? 5000);
const DRAG_STEPS = 120;
const TYPES = ['allied with', 'part of', 'fights', 'supports', 'commands', 'rebranded as'] as const;

/**
 * The seeded store topped up to NODES nodes and EDGES links with a deterministic pseudo-random graph of
 * actors and relations: a few hubs (as actors in a conflict are), every new actor linked at least once.
 */
function fillStore(dataDir: string): void {
  const fieldbook = openFieldbook(dataDir);
  const seeded = callMethod(fieldbook.db, 'chart.graph', { depth: 1, sources: false }) as { nodes: unknown[]; edges: unknown[] };
  const nodes = NODES - seeded.nodes.length;
  const edges = EDGES - seeded.edges.length;
  let state = 7;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const ids: number[] = [];
  for (let i = 0; i < nodes; i++) {
    ids.push((callMethod(fieldbook.db, 'actors.create', { name: `Actor ${i + 1}`, kind: 'armed group' }) as { id: number }).id);
  }
  const seen = new Set<string>();
  let made = 0;
  const link = (a: number, b: number) => {
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    // One relation in four is dated, so the date filter has something to do.
    const start = made % 4 === 0 ? String(2010 + (made % 15)) : null;
    callMethod(fieldbook.db, 'relations.create', { sourceId: ids[a], targetId: ids[b], type: TYPES[made % TYPES.length], start });
    made++;
  };
  for (let i = 1; i < nodes; i++) link(i, Math.floor(random() * i));
  while (made < edges) link(Math.floor(random() ** 2 * nodes), Math.floor(random() * nodes));
  fieldbook.close();
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-chart-'));
const filling = performance.now();
fillStore(dataDir);
console.log(`store: the seed topped up to ${NODES} nodes and ${EDGES} links in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
const { shell, browser, page } = await openApp(dataDir, { width: 1400, height: 900 });
try {
  const opened = performance.now();
  await page.evaluate(() => (location.hash = '#/chart'));
  await page.waitForSelector('.chart-canvas[data-state=ready]', { timeout: 600_000 });
  const ready = performance.now() - opened;
  const layout = await page.getAttribute('.chart-canvas', 'data-layout');
  const layoutMs = Number(await page.getAttribute('.chart-canvas', 'data-layout-ms'));
  const shown = await page.getAttribute('.chart-canvas', 'data-nodes');
  const links = await page.getAttribute('.chart-canvas', 'data-edges');
  console.log(
    `chart, ${shown} nodes / ${links} links: ready ${(ready / 1000).toFixed(1)} s after opening (fetch, build, layout, save); ` +
      `layout ${layout} (fCoSE ${layout === 'quick' ? 'draft' : 'default'}) ${layoutMs} ms`,
  );

  // Drag the most linked node (the one with the most edges to redraw) in a circle, recording the frames meanwhile.
  const box = (await page.locator('.chart-canvas').boundingBox())!;
  const start = await page.evaluate(() => {
    const cy = (
      document.querySelector('.chart-canvas') as unknown as {
        _cyreg: { cy: { nodes(): { degree(loops: boolean): number; renderedPosition(): { x: number; y: number } }[] } };
      }
    )._cyreg.cy;
    const hub = [...cy.nodes()].sort((a, b) => b.degree(false) - a.degree(false))[0]!;
    return { ...hub.renderedPosition(), degree: hub.degree(false) };
  });
  const drag = await dragInCircle(page, box.x + start.x, box.y + start.y, 120, 80, DRAG_STEPS);
  console.log(
    `dragging one node (${start.degree} links) over ${DRAG_STEPS} pointer moves in ${(drag.ms / 1000).toFixed(1)} s: ${describeFrames(drag)}`,
  );

  const sizing = performance.now();
  await page.selectOption('select[name=size]', 'betweenness');
  await page.waitForSelector('.chart-canvas[data-size=betweenness]');
  await page.waitForFunction(() => document.querySelector('.chart-nodes li .count')?.textContent?.includes('.'));
  console.log(`size by betweenness (cytoscape's betweennessCentrality): ${((performance.now() - sizing) / 1000).toFixed(1)} s`);
} finally {
  await browser.close();
  await shell.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
