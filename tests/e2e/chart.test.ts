/// <reference lib="dom" />
// The link chart (#/chart) in Chromium through the browser shell, on the seeded
// store: focus on an actor, expand, the arrangement kept across a reload, the
// shortest path between two actors, and not one request leaving the app.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import type { Actor, Relation } from '../../db/shared/records.ts';
import { appForTests, appShowsAddress, callApi, openView, screenshots } from './browser-shell.ts';
import type { ChartGraph } from '../../db/shared/chart-graph.ts';

const app = appForTests('fieldbook-chart-', { width: 1400, height: 860 });
const requests: string[] = [];
const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);

async function openChart(query: string): Promise<void> {
  if (requests.length === 0) app.page.on('request', (request) => requests.push(request.url()));
  await openView(app.page, app.shell.origin, `#/chart${query}`, '.chart-canvas[data-state=ready]', '.chart-canvas');
}

const listed = () => app.page.$$eval('.chart-nodes li', (items) => items.map((li) => (li as HTMLElement).dataset['nodeId']!).sort());

/** Where cytoscape has each node (read from the instance it keeps on its container). */
const positions = () =>
  app.page.evaluate(() => {
    const cy = (
      document.querySelector('.chart-canvas') as unknown as {
        _cyreg: { cy: { nodes(): { id(): string; position(): { x: number; y: number } }[] } };
      }
    )._cyreg.cy;
    return Object.fromEntries(cy.nodes().map((n) => [n.id(), n.position()]));
  });

let lna: Actor;

test('the chart opens on an actor with its neighbours, and expanding adds nodes', async () => {
  lna = (await api<Actor[]>('actors.list')).find((a) => a.name === 'Libyan National Army')!;
  await openChart(`?focus=actor:${lna.id}`);
  const ids = await listed();
  assert.ok(ids.includes(`actor:${lna.id}`));
  for (const r of await api<Relation[]>('relations.list', { actorId: lna.id })) {
    const other = r.source.id === lna.id ? r.target.id : r.source.id;
    assert.ok(ids.includes(`actor:${other}`), `${r.type} partner is drawn`);
  }
  assert.equal(Number(await app.page.getAttribute('.chart-canvas', 'data-nodes')), ids.length);
  assert.equal((await app.page.locator('.chart-canvas canvas').count()) > 0, true);
  await screenshots(app.page, 'chart');

  // Expand an event: its place (and the other participants) join the chart.
  const event = ids.find((id) => id.startsWith('event:'))!;
  await app.page.click(`.chart-nodes li[data-node-id="${event}"] button`);
  await app.page.click('.chart-expand');
  await app.page.waitForFunction((before) => document.querySelectorAll('.chart-nodes li').length > before, ids.length);
  await app.page.waitForSelector('.chart-canvas[data-state=ready]');
  const wider = await api<ChartGraph>('chart.graph', { focus: event, depth: 1 });
  const now = await listed();
  for (const n of wider.nodes) assert.ok(now.includes(n.id), `${n.id} added by the expansion`);
});

test('the arrangement is saved in the store and restored after a reload', async () => {
  await openChart(`?focus=actor:${lna.id}`);
  // Pin the focus actor where it is.
  await app.page.click(`.chart-nodes li[data-node-id="actor:${lna.id}"] button`);
  const saves = Number((await app.page.getAttribute('.chart-canvas', 'data-saved')) ?? 0);
  await app.page.click('.chart-pin');
  await app.page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('.chart-canvas')!.dataset['saved'] ?? 0) > n, saves);
  const before = await positions();
  const stored = await api<ChartGraph>('chart.graph', { focus: `actor:${lna.id}`, depth: 1 });
  for (const node of stored.nodes) {
    assert.ok(node.saved, `${node.id} has a saved position`);
    assert.ok(Math.abs(node.saved.x - before[node.id]!.x) < 0.1 && Math.abs(node.saved.y - before[node.id]!.y) < 0.1);
  }
  assert.equal(stored.nodes.find((n) => n.id === `actor:${lna.id}`)!.saved!.pinned, true);
  await app.page.reload();
  await app.page.waitForSelector('.chart-canvas[data-state=ready]');
  const after = await positions();
  for (const node of stored.nodes) {
    assert.ok(
      Math.abs(after[node.id]!.x - node.saved!.x) < 0.1 && Math.abs(after[node.id]!.y - node.saved!.y) < 0.1,
      `${node.id} is where it was: ${JSON.stringify([after[node.id], node.saved])}`,
    );
  }
  assert.equal(await app.page.textContent('.chart-pin'), 'Unpin');
});

test('two actors selected: the shortest path between them is highlighted', async () => {
  await openChart(`?focus=actor:${lna.id}`);
  const graph = await api<ChartGraph>('chart.graph', { focus: `actor:${lna.id}`, depth: 1 });
  // Two actors that are both linked to the LNA but not to each other directly (a path of two steps), or any two.
  const partners = graph.nodes.filter((n) => n.kind === 'actor' && n.id !== `actor:${lna.id}`);
  assert.ok(partners.length >= 2);
  const [a, b] = [partners[0]!.id, partners[1]!.id];
  await app.page.click(`.chart-nodes li[data-node-id="${a}"] button`);
  await app.page.click(`.chart-nodes li[data-node-id="${b}"] button`, { modifiers: ['Control'] });
  await app.page.waitForSelector('.chart-path:has-text("Shortest path")');
  const onPath = await app.page.$$eval('.chart-nodes li.on-path', (items) => items.map((li) => (li as HTMLElement).dataset['nodeId']));
  assert.ok(onPath.includes(a) && onPath.includes(b));
  assert.ok(onPath.length >= 2);
  await screenshots(app.page, 'chart-path');
});

/** Which of the chart's links cytoscape draws (an id to whether it is visible). */
const linkShown = () =>
  app.page.evaluate(() => {
    const cy = (
      document.querySelector('.chart-canvas') as unknown as {
        _cyreg: { cy: { edges(): { id(): string; visible(): boolean }[] } };
      }
    )._cyreg.cy;
    return Object.fromEntries(cy.edges().map((e) => [e.id(), e.visible()]));
  });

test('unchecking a relation type hides its links, and checking it shows them again', async () => {
  await openChart('');
  const graph = await api<ChartGraph>('chart.graph', { depth: 1 });
  const partOf = graph.edges.filter((e) => e.kind === 'relation' && e.label === 'part of').map((e) => e.id);
  const others = graph.edges.filter((e) => e.kind === 'relation' && e.label !== 'part of').map((e) => e.id);
  assert.ok(partOf.length > 0 && others.length > 0);
  const before = await linkShown();
  for (const id of [...partOf, ...others]) assert.equal(before[id], true, `${id} drawn at first`);
  const links = Number(await app.page.getAttribute('.chart-canvas', 'data-edges'));

  await app.page.uncheck('input[name=relation-type][value="part of"]');
  await app.page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('.chart-canvas')!.dataset['edges']) < n, links);
  const after = await linkShown();
  for (const id of partOf) assert.equal(after[id], false, `${id} hidden`);
  for (const id of others) assert.equal(after[id], true, `${id} still drawn`);
  assert.equal(Number(await app.page.getAttribute('.chart-canvas', 'data-edges')), links - partOf.length);

  await app.page.check('input[name=relation-type][value="part of"]');
  await app.page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('.chart-canvas')!.dataset['edges']) === n, links);
});

test('a date range in the address or the date fields hides the links dated outside it', async () => {
  const graph = await api<ChartGraph>('chart.graph', { depth: 1 });
  // Relations that began in 2025 (the trilateral task force), and standing relations without dates.
  const late = graph.edges.filter((e) => e.kind === 'relation' && e.from !== null && e.from >= '2025-01-01').map((e) => e.id);
  const undated = graph.edges.filter((e) => e.kind === 'relation' && e.from === null && e.to === null).map((e) => e.id);
  assert.ok(late.length > 0 && undated.length > 0);

  await openChart('?to=2020');
  assert.equal(await app.page.inputValue('.chart-filters input[name=to]'), '2020-12-31');
  let shown = await linkShown();
  for (const id of late) assert.equal(shown[id], false, `${id} (from 2025) hidden before 2020`);
  for (const id of undated) assert.equal(shown[id], true, `${id} (no dates) stays`);
  // Events after 2020 are left out as the timeline leaves them out.
  const lateEvents = graph.nodes.filter((n) => n.kind === 'event' && n.from !== null && n.from > '2020-12-31').map((n) => n.id);
  assert.ok(lateEvents.length > 0);
  const listedNow = await listed();
  for (const id of lateEvents) assert.ok(!listedNow.includes(id), `${id} is after the range`);
  await screenshots(app.page, 'chart-filtered');

  // "Any date" shows them again and takes the range out of the address.
  await app.page.click('.chart-range-clear');
  await app.page.waitForFunction(() => !location.hash.includes('to='));
  shown = await linkShown();
  for (const id of late) assert.equal(shown[id], true);

  // A range typed in the fields goes to the address (the timeline's and the map's parameters).
  await app.page.fill('.chart-filters input[name=from]', '2025-01-01');
  await app.page.dispatchEvent('.chart-filters input[name=from]', 'change');
  await app.page.waitForFunction(() => location.hash.includes('from=2025-01-01'));
  shown = await linkShown();
  for (const id of late) assert.equal(shown[id], true, `${id} is in the range`);
  const ended = graph.edges.filter((e) => e.to !== null && e.to < '2025-01-01').map((e) => e.id);
  for (const id of ended) assert.equal(shown[id], false, `${id} ended before the range`);
});

/** Where a node is drawn, in page pixels. */
async function nodeOnScreen(id: string): Promise<{ x: number; y: number }> {
  const box = (await app.page.locator('.chart-canvas').boundingBox())!;
  const at = await app.page.evaluate((wanted) => {
    const cy = (
      document.querySelector('.chart-canvas') as unknown as {
        _cyreg: { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } };
      }
    )._cyreg.cy;
    return cy.getElementById(wanted).renderedPosition();
  }, id);
  return { x: box.x + at.x, y: box.y + at.y };
}

/** Right-clicks a node; returns the node the menu opened for (the one drawn on top there). */
async function openMenu(id: string): Promise<string> {
  const at = await nodeOnScreen(id);
  await app.page.mouse.click(at.x, at.y, { button: 'right' });
  await app.page.waitForSelector('.chart-menu:not([hidden])');
  return (await app.page.getAttribute('.chart-menu', 'data-node-id'))!;
}

test("a node's menu hides it, and expands it", async () => {
  await openChart(`?focus=actor:${lna.id}`);
  const ids = await listed();
  const other = ids.find((id) => id !== `actor:${lna.id}` && id.startsWith('actor:'))!;
  const target = await openMenu(other);
  assert.ok(ids.includes(target));
  await screenshots(app.page, 'chart-menu');
  await app.page.click('.chart-menu .chart-menu-hide');
  await app.page.waitForFunction((id) => !document.querySelector(`.chart-nodes li[data-node-id="${id}"]`), target);
  assert.deepEqual(await listed(), ids.filter((id) => id !== target).sort());
  assert.equal(await app.page.isHidden('.chart-menu'), true);
  // Hidden until "Show hidden".
  await app.page.click('.chart-show-hidden');
  await app.page.waitForSelector(`.chart-nodes li[data-node-id="${target}"]`);
  assert.equal(await app.page.isHidden('.chart-show-hidden'), true);

  // Expand from the menu: every neighbour of the node joins the chart.
  const event = ids.find((id) => id.startsWith('event:'))!;
  const expanded = await openMenu(event);
  const around = await api<ChartGraph>('chart.graph', { focus: expanded, depth: 1 });
  await app.page.click('.chart-menu .chart-menu-expand');
  await app.page.waitForFunction(
    (wanted) => wanted.every((id) => document.querySelector(`.chart-nodes li[data-node-id="${id}"]`)),
    around.nodes.map((n) => n.id),
  );
  await app.page.waitForSelector('.chart-canvas[data-state=ready]');
});

test("the menu's Open evidence opens the record at its Evidence section", async () => {
  await openChart(`?focus=actor:${lna.id}`);
  const target = await openMenu(`actor:${lna.id}`);
  const [kind, id] = target.split(':');
  const section = { actor: 'actors', place: 'places', event: 'events' }[kind as 'actor'];
  await app.page.click('.chart-menu .chart-menu-evidence');
  await app.page.waitForFunction((wanted) => location.hash === wanted, `#/${section}/${id}?show=evidence`);
  await appShowsAddress(app.page);
  await app.page.waitForSelector('[data-section=evidence]');
  // In view: at the top of the pane, or as far as the pane scrolls.
  const view = await app.page.$eval('[data-section=evidence]', (el) => {
    const pane = el.closest('main') ?? document.scrollingElement!;
    const atEnd = pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 2;
    return { top: el.getBoundingClientRect().top, atEnd, height: innerHeight };
  });
  assert.ok(view.top >= 0 && view.top < view.height - 40, `the Evidence section is in view (${JSON.stringify(view)})`);
  assert.ok(view.top < 120 || view.atEnd, `scrolled to it (${JSON.stringify(view)})`);
});

test('nodes can be sized by betweenness (cytoscape’s own centrality)', async () => {
  await openChart('');
  const sizes = () =>
    app.page.evaluate(() => {
      const cy = (
        document.querySelector('.chart-canvas') as unknown as {
          _cyreg: { cy: { nodes(): { id(): string; data(key: string): number; width(): number }[] } };
        }
      )._cyreg.cy;
      return Object.fromEntries(cy.nodes().map((n) => [n.id(), { size: n.data('size'), width: n.width() }]));
    });
  await app.page.selectOption('select[name=size]', 'betweenness');
  await app.page.waitForSelector('.chart-canvas[data-size=betweenness]');
  const by = await sizes();
  const values = Object.values(by);
  assert.ok(values.every((v) => v.size >= 0 && v.size <= 1));
  // A broker (on many shortest paths) is drawn larger than a leaf, whose betweenness is 0.
  const top = Object.entries(by).sort((a, b) => b[1].size - a[1].size)[0]!;
  const leaf = Object.entries(by).find(([, v]) => v.size === 0)!;
  assert.ok(top[1].size > 0 && top[1].width > leaf[1].width, `${top[0]} is larger than ${leaf[0]}`);
  // The list is ranked by it.
  const first = await app.page.getAttribute('.chart-nodes li:first-child', 'data-node-id');
  assert.equal(by[first!]!.size, top[1].size);
});

test('above the full-layout limit, "Show everything" takes the quick layout and says so', async () => {
  // Top the seeded store up past the limit (250 nodes) with linked actors.
  const graph = await api<ChartGraph>('chart.graph', { depth: 1 });
  const made: number[] = [];
  for (let i = made.length; graph.nodes.length + made.length <= 260; i++) {
    made.push((await api<Actor>('actors.create', { name: `Bench actor ${i}`, kind: 'armed group' })).id);
    // A tree (each new actor linked to an earlier one), hung from the LNA.
    const parent = made.length > 1 ? made[Math.floor((made.length - 2) / 3)]! : lna.id;
    await api('relations.create', { sourceId: made.at(-1), targetId: parent, type: 'allied with' });
  }
  await app.page.goto(`${app.shell.origin}/#/notes`); // away first: the last test left the page on #/chart
  await openChart('');
  assert.equal(await app.page.getAttribute('.chart-canvas', 'data-layout'), 'quick');
  const note = (await app.page.textContent('.chart-layout-note:not([hidden])'))!;
  assert.match(note, /quick arrangement/);
  await screenshots(app.page, 'chart-large');
  assert.equal(Number(await app.page.getAttribute('.chart-canvas', 'data-nodes')), graph.nodes.length + made.length);
  // Every node has a place of its own after the layout (not all heaped at one point).
  const spread = new Set(Object.values(await positions()).map((p) => `${Math.round(p.x)}:${Math.round(p.y)}`));
  assert.ok(spread.size > 250, `${spread.size} distinct positions`);
  // Started from one record, the chart is small again and gets the full layout.
  await openChart(`?focus=actor:${lna.id}`);
  assert.equal(await app.page.isHidden('.chart-layout-note'), true);
});

test('the chart exports as PNG and SVG files', async () => {
  await openChart(`?focus=actor:${lna.id}`);
  for (const [button, check] of [
    ['.chart-png', (bytes: Buffer) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
    ['.chart-svg', (bytes: Buffer) => /^<\?xml|^<svg/.test(bytes.toString('utf8', 0, 100)) && bytes.toString('utf8').includes('</svg>')],
  ] as const) {
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.click(button)]);
    const bytes = fs.readFileSync((await download.path())!);
    assert.ok(bytes.length > 1000, `${button}: ${bytes.length} bytes`);
    assert.ok(check(bytes), `${button}: ${download.suggestedFilename()} is the right kind of file`);
  }
});

test('no request left the app', () => {
  assert.ok(requests.length > 0);
  const outside = requests.filter((url) => !url.startsWith(`${app.shell.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(outside, []);
});
