// #/chart and #/chart?focus=actor:5: the link chart. Nodes are actors, places,
// events (sources on request); edges relations, participation, event-at-place
// and citations, as widths by evidence and with the quotes on hover. Start from
// a record and expand (double-click, or Expand), or show everything; hide kinds;
// search; drag a node to pin it there; two actors selected show the shortest
// path between them. The arrangement is saved in the store (chart.arrange).
import './chart.css';
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import cytoscapeSvg from 'cytoscape-svg';
import type { ChartEdge, ChartGraph, ChartNode, NodeKind } from '../../../db/chart.ts';
import { call } from '../../core/api.ts';
import { clear, h } from '../../ui/dom.ts';
import { href, sectionOf } from '../../core/router.ts';
import { notify } from '../../core/undo.ts';
import { viewElement, type View } from '../../core/view.ts';
import { FULL_LAYOUT_LIMIT, isLarge, ringAround, runLayout } from './layout.ts';
import { evidenceHref, nodeMenu } from './menu.ts';
import { eventInRange, linkFilters, linkInRange, rangeOf, type DateRange } from './filters.ts';
import { chartStyle } from './style.ts';

cytoscape.use(fcose);
cytoscape.use(cytoscapeSvg);

const KINDS: [NodeKind, string][] = [
  ['actor', 'Actors'],
  ['place', 'Places'],
  ['event', 'Events'],
  ['source', 'Sources'],
];
/** How many nodes the side list shows at most. */
const LIST_LIMIT = 300;
const NODE_PARAM = /^(actor|place|event|source):[1-9]\d*$/;

const nodeElement = (n: ChartNode): ElementDefinition => ({
  group: 'nodes',
  data: {
    id: n.id,
    kind: n.kind,
    recordId: n.recordId,
    label: n.label,
    sub: n.sub,
    from: n.from,
    to: n.to,
    pinned: n.saved?.pinned ?? false,
    degree: 0,
    size: 0,
    shown: true,
  },
  ...(n.saved ? { position: { x: n.saved.x, y: n.saved.y } } : {}),
});
const edgeElement = (e: ChartEdge): ElementDefinition => ({
  group: 'edges',
  data: { ...e, evidence: e.evidenceCount, shown: true },
});

/** The chart's address: what it starts from, whether sources are drawn, and the date range shared with the timeline and map. */
function chartHash(focus: string | undefined, sources: boolean, range: DateRange): string {
  const params = new URLSearchParams();
  if (focus) params.set('focus', focus);
  if (sources) params.set('sources', '1');
  if (range.from !== null) params.set('from', range.from);
  if (range.to !== null) params.set('to', range.to);
  const search = params.toString();
  return `#/chart${search ? `?${search}` : ''}`;
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function showChart(list: HTMLElement, main: HTMLElement, params: URLSearchParams): Promise<void> {
  const focus = NODE_PARAM.test(params.get('focus') ?? '') ? params.get('focus')! : undefined;
  const withSources = params.get('sources') === '1';
  const first: ChartGraph = await call('chart.graph', { ...(focus ? { focus } : {}), depth: 1, sources: withSources });

  const canvas = h('div', { class: 'chart-canvas', 'data-state': 'laying-out' });
  const tooltip = h('div', { class: 'chart-tooltip', hidden: true, role: 'tooltip' });
  const status = h('p', { class: 'chart-status', 'aria-live': 'polite' });
  const pathLine = h('p', { class: 'chart-path', 'aria-live': 'polite' });
  const layoutNote = h('p', { class: 'chart-layout-note', hidden: true });
  const search = h('input', { type: 'search', class: 'tl-input', name: 'chart-search', placeholder: 'Find in the chart…' });
  const nodeList = h('ul', { role: 'list', class: 'chart-nodes' });
  const hidden = new Set<NodeKind>();
  const selectedBox = h('div', { class: 'chart-selected' });
  const filters = linkFilters(rangeOf(params), () => {
    const hash = chartHash(focus, withSources, filters.range());
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
    everything.href = chartHash(undefined, withSources, filters.range());
    applyHidden();
  });
  const everything = h('a', { href: chartHash(undefined, withSources, filters.range()), class: 'chart-everything' }, 'Show everything');

  const kindToggles = KINDS.map(([kind, label]) => {
    const box = h('input', { type: 'checkbox', name: `show-${kind}`, checked: kind !== 'source' || withSources });
    box.addEventListener('change', () => {
      if (kind === 'source' && box.checked && !withSources) {
        location.hash = chartHash(focus, true, filters.range());
        return;
      }
      if (box.checked) hidden.delete(kind);
      else hidden.add(kind);
      applyHidden();
    });
    return h('label', { class: 'chart-kind' }, box, h('span', {}, label));
  });
  if (!withSources) hidden.add('source');
  /** Nodes the analyst hid (from the node's menu), until "Show hidden". */
  const hiddenNodes = new Set<string>();
  const showHidden = h(
    'button',
    {
      type: 'button',
      class: 'chart-show-hidden',
      hidden: true,
      onclick: () => {
        hiddenNodes.clear();
        applyHidden();
      },
    },
    '',
  );
  const sizeBy = h(
    'select',
    { name: 'size', class: 'tl-input' },
    h('option', { value: 'degree' }, 'Size by links (degree)'),
    h('option', { value: 'betweenness' }, 'Size by betweenness'),
  );
  sizeBy.addEventListener('change', async () => {
    if (sizeBy.value === 'betweenness' && isLarge(cy.nodes().length)) {
      // Seconds on a large chart: say so, and let that paint before the main thread is taken.
      status.textContent = `Computing betweenness for ${cy.nodes(':visible').length.toLocaleString()} records…`;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    }
    updateSizes();
    renderList();
  });

  clear(list);
  list.append(
    h('div', { class: 'list-header' }, h('h2', {}, 'Link chart'), h('span', { class: 'count chart-count' }, '')),
    h(
      'div',
      { class: 'tl-filters' },
      search,
      h('div', { class: 'chart-kinds', role: 'group', 'aria-label': 'Show kinds' }, kindToggles),
      h(
        'div',
        { class: 'chart-actions' },
        everything,
        h('button', { type: 'button', onclick: () => void relayout(true) }, 'Re-arrange'),
        h('button', { type: 'button', class: 'chart-png', onclick: () => exportPng() }, 'PNG'),
        h('button', { type: 'button', class: 'chart-svg', onclick: () => exportSvg() }, 'SVG'),
        showHidden,
      ),
      sizeBy,
      filters.element,
      status,
      layoutNote,
      pathLine,
      selectedBox,
    ),
    h('section', { 'aria-label': 'Nodes in the chart' }, nodeList),
  );
  clear(main);
  const view = h('div', { class: 'chart-view' }, canvas, tooltip);
  main.append(view);

  const cy: Core = cytoscape({
    container: canvas,
    elements: [...first.nodes.map(nodeElement), ...first.edges.map(edgeElement)],
    style: chartStyle(),
    // Saved positions as they are; the nodes without one are laid out below.
    layout: { name: 'preset' },
    // A large chart: edges left out and a snapshot moved while panning or zooming, one pixel per pixel.
    ...(isLarge(first.nodes.length) ? { hideEdgesOnViewport: true, textureOnViewport: true, pixelRatio: 1 } : {}),
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
  });
  // A large chart's first frames (before the layout and the fit) are drawn zoomed out, where no label is drawn.
  if (isLarge(first.nodes.length)) cy.zoom(0.05);
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  const restyle = () => (canvas.isConnected ? cy.style(chartStyle()) : scheme.removeEventListener('change', restyle));
  scheme.addEventListener('change', restyle);

  const updateDegrees = () => cy.nodes().forEach((n) => void n.data('degree', n.degree(false)));

  /** Node size (0 to 1): links counted up to 20, or betweenness among the nodes shown (cytoscape's own, normalised). */
  function updateSizes(): void {
    const by = sizeBy.value;
    canvas.dataset['size'] = by;
    if (by === 'betweenness') {
      const shown = cy.elements(':visible');
      const centrality = shown.betweennessCentrality({ directed: false });
      cy.batch(() => cy.nodes().forEach((n) => void n.data('size', n.visible() ? centrality.betweennessNormalized(n) : 0)));
    } else {
      cy.batch(() => cy.nodes().forEach((n) => void n.data('size', Math.min(20, n.degree(false)) / 20)));
    }
  }

  function renderList(): void {
    const nodes = cy.nodes(':visible').toArray() as NodeSingular[];
    const betweenness = sizeBy.value === 'betweenness';
    const rank = (n: NodeSingular) => (betweenness ? (n.data('size') as number) : n.degree(false));
    nodes.sort((a, b) => rank(b) - rank(a));
    // A large chart lists its most linked (or most central) nodes, and those selected.
    const listed = nodes.filter((n, i) => i < LIST_LIMIT || n.selected() || n.hasClass('path'));
    nodeList.replaceChildren(
      ...listed.map((n) =>
        h(
          'li',
          {
            class: [n.selected() ? 'selected' : '', n.hasClass('path') ? 'on-path' : ''].filter(Boolean).join(' ') || null,
            'data-node-id': n.id(),
          },
          h(
            'button',
            {
              type: 'button',
              class: `chart-node chart-node-${n.data('kind') as string}`,
              onclick: (event: Event) => {
                const add = (event as MouseEvent).ctrlKey || (event as MouseEvent).metaKey || (event as MouseEvent).shiftKey;
                if (!add) cy.elements().unselect();
                n.select();
                cy.animate({ center: { eles: n } }, { duration: 150 });
              },
            },
            n.data('label') as string,
          ),
          h(
            'span',
            { class: 'count', title: betweenness ? 'betweenness (0 to 1)' : 'links' },
            betweenness ? (n.data('size') as number).toFixed(2) : String(n.degree(false)),
          ),
        ),
      ),
      ...(listed.length < nodes.length
        ? [h('li', { class: 'empty-hint chart-more' }, `and ${(nodes.length - listed.length).toLocaleString()} more: find them above`)]
        : []),
    );
    const shown = cy.nodes().filter((n) => n.visible()).length;
    (list.querySelector('.chart-count') as HTMLElement).textContent = String(shown);
    const links = cy.edges().filter((e) => e.visible()).length;
    status.textContent = `${shown} of ${first.total} records · ${links} links`;
    canvas.dataset['nodes'] = String(shown);
    canvas.dataset['edges'] = String(links);
  }

  /** Hides the nodes of unchecked kinds and events out of the date range, and the links the filters leave out. */
  function applyHidden(): void {
    const range = filters.range();
    const types = filters.hiddenTypes();
    // Only the elements whose state changes are touched (a style change per element is slow on a large chart).
    const show = (element: cytoscape.NodeSingular | cytoscape.EdgeSingular, shown: boolean) => {
      if (element.data('shown') === shown) return;
      element.data('shown', shown);
      element.style('display', shown ? 'element' : 'none');
    };
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const kind = n.data('kind') as NodeKind;
        show(n, !hidden.has(kind) && !hiddenNodes.has(n.id()) && (kind !== 'event' || eventInRange(n.data() as DateRange, range)));
      });
      cy.edges().forEach((e) => {
        const data = e.data() as ChartEdge;
        show(e, !(data.kind === 'relation' && types.has(data.label)) && linkInRange(data, range));
      });
    });
    showHidden.hidden = hiddenNodes.size === 0;
    showHidden.textContent = `Show hidden (${hiddenNodes.size})`;
    if (sizeBy.value === 'betweenness') updateSizes();
    renderList();
  }
  const showTypes = () =>
    filters.setTypes(
      cy
        .edges()
        .filter((e) => e.data('kind') === 'relation')
        .map((e) => e.data('label') as string),
    );

  async function saveArrangement(nodes = cy.nodes()): Promise<void> {
    const positions = Object.fromEntries(
      nodes.map((n) => [n.id(), { x: n.position('x'), y: n.position('y'), pinned: n.data('pinned') === true }]),
    );
    await call('chart.arrange', { positions });
    canvas.dataset['saved'] = String(Number(canvas.dataset['saved'] ?? 0) + 1);
  }

  /** Lays out the nodes without a place; the pinned (and, unless `all`, the placed) ones stay where they are. */
  async function relayout(all: boolean, placed = cy.collection()): Promise<void> {
    canvas.dataset['state'] = 'laying-out';
    const count = cy.nodes().length;
    if (isLarge(count)) {
      status.textContent = `Arranging ${count.toLocaleString()} records…`;
      // Let the message paint before the layout takes the main thread.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    }
    const fixed = cy.nodes().filter((n) => n.data('pinned') === true || (!all && placed.has(n)));
    const { quick, ms } = await runLayout(cy, fixed, all || placed.empty());
    canvas.dataset['layout'] = quick ? 'quick' : 'full';
    canvas.dataset['layoutMs'] = String(Math.round(ms));
    layoutNote.hidden = !quick;
    layoutNote.textContent = quick
      ? `${count.toLocaleString()} records: a quick arrangement (fCoSE's spectral draft, without the force-directed polish, which takes too long above ${FULL_LAYOUT_LIMIT} records). Start from a record for the full layout.`
      : '';
    cy.fit(undefined, 40);
    renderList();
    await saveArrangement();
    canvas.dataset['state'] = 'ready';
  }

  async function expand(node: NodeSingular): Promise<void> {
    const more = await call('chart.graph', { focus: node.id(), depth: 1, sources: withSources });
    const before = cy.nodes();
    const fresh = more.nodes.filter((n) => cy.getElementById(n.id).empty());
    const at = node.position();
    // A large chart is not laid out again for an expansion: the new nodes ring the expanded one.
    const large = isLarge(cy.nodes().length + fresh.length);
    const ring = ringAround(at, fresh.length);
    cy.add(
      fresh.map((n, i) => ({
        ...nodeElement(n),
        position: n.saved
          ? { x: n.saved.x, y: n.saved.y }
          : large
            ? ring[i]!
            : { x: at.x + Math.random() * 60 - 30, y: at.y + Math.random() * 60 - 30 },
      })),
    );
    cy.add(more.edges.filter((e) => cy.getElementById(e.id).empty()).map(edgeElement));
    updateDegrees();
    updateSizes();
    showTypes();
    applyHidden();
    if (large) await saveArrangement(cy.nodes().filter((n) => fresh.some((f) => f.id === n.id())));
    else if (fresh.some((n) => !n.saved))
      await relayout(false, before.union(cy.nodes().filter((n) => fresh.some((f) => f.id === n.id() && f.saved))));
    notify(
      fresh.length
        ? `${fresh.length} more ${fresh.length === 1 ? 'record' : 'records'} around ${node.data('label') as string}`
        : 'Nothing more around it',
    );
    renderList();
  }

  function showSelected(): void {
    const nodes = cy.nodes(':selected');
    cy.elements().removeClass('path');
    pathLine.textContent = '';
    const actors = nodes.filter((n) => n.data('kind') === 'actor');
    if (nodes.length === 2 && actors.length === 2) {
      const found = cy.elements(':visible').aStar({ root: actors[0]!, goal: actors[1]!, directed: false });
      if (found.found) {
        found.path.addClass('path');
        pathLine.textContent = `Shortest path (${found.distance} steps): ${found.path
          .nodes()
          .map((n) => n.data('label') as string)
          .join(' → ')}`;
      } else pathLine.textContent = `No path between ${actors[0]!.data('label') as string} and ${actors[1]!.data('label') as string}.`;
    }
    selectedBox.replaceChildren();
    if (nodes.length === 1) {
      const node = nodes[0]!;
      const kind = node.data('kind') as string;
      selectedBox.append(
        h('p', { class: 'chart-selected-name' }, `${node.data('label') as string} (${node.data('sub') as string})`),
        h(
          'div',
          { class: 'chart-actions' },
          h('a', { href: href(sectionOf(kind), node.data('recordId') as number), class: 'chart-open' }, 'Open'),
          h('button', { type: 'button', class: 'chart-expand', onclick: () => void expand(node) }, 'Expand'),
          h('button', { type: 'button', class: 'chart-pin', onclick: () => togglePin(node) }, node.data('pinned') ? 'Unpin' : 'Pin'),
          h('button', { type: 'button', class: 'chart-hide', onclick: () => hideNode(node) }, 'Hide'),
          evidenceHref(node) ? h('a', { href: evidenceHref(node)!, class: 'chart-evidence' }, 'Evidence') : null,
          h('a', { href: chartHash(node.id(), withSources, filters.range()) }, 'Start from here'),
        ),
      );
    } else if (nodes.length > 2 || (nodes.length === 2 && actors.length < 2)) {
      selectedBox.append(h('p', { class: 'empty-hint' }, 'Select two actors to see the shortest path between them.'));
    }
    renderList();
  }

  function togglePin(node: NodeSingular): void {
    node.data('pinned', !node.data('pinned'));
    void saveArrangement(node);
    showSelected();
  }
  function hideNode(node: NodeSingular): void {
    node.unselect();
    hiddenNodes.add(node.id());
    applyHidden();
  }
  const menu = nodeMenu(view, { expand: (node) => void expand(node), hide: hideNode, togglePin });
  cy.on('cxttap', 'node', (event) => menu.open(event.target as NodeSingular, event.renderedPosition));
  cy.on('tap viewport', () => menu.close());
  canvas.addEventListener('contextmenu', (event) => event.preventDefault());

  cy.on('select unselect', 'node', () => queueMicrotask(showSelected));
  cy.on('dbltap', 'node', (event) => {
    const node = event.target as NodeSingular;
    location.hash = href(sectionOf(node.data('kind') as string), node.data('recordId') as number);
  });
  // Dragged where the analyst wants it: pinned there, and saved.
  cy.on('dragfree', 'node', (event) => {
    const node = event.target as NodeSingular;
    node.data('pinned', true);
    void saveArrangement(node);
  });
  cy.on('mouseover', 'edge', (event) => {
    const edge = event.target as cytoscape.EdgeSingular;
    edge.addClass('hover');
    const data = edge.data() as ChartEdge;
    const dates = data.from || data.to ? ` (${data.from ?? '…'} – ${data.to ?? '…'})` : '';
    tooltip.replaceChildren(
      h(
        'p',
        { class: 'chart-tooltip-title' },
        `${edge.source().data('label') as string} ${data.label} ${edge.target().data('label') as string}${dates}`,
      ),
      data.quotes.length
        ? h(
            'ul',
            { role: 'list' },
            data.quotes.map((q) => h('li', {}, h('q', {}, q.quote), h('span', { class: 'chart-tooltip-source' }, ` ${q.sourceTitle}`))),
          )
        : h('p', { class: 'empty-hint' }, 'No passage supports this link yet.'),
      data.evidenceCount > data.quotes.length ? h('p', { class: 'empty-hint' }, `and ${data.evidenceCount - data.quotes.length} more`) : '',
    );
    const p = event.renderedPosition;
    tooltip.style.left = `${p.x + 12}px`;
    tooltip.style.top = `${p.y + 12}px`;
    tooltip.hidden = false;
  });
  cy.on('mouseout', 'edge', (event) => {
    (event.target as cytoscape.EdgeSingular).removeClass('hover');
    tooltip.hidden = true;
  });

  let searching = 0;
  search.addEventListener('input', () => {
    clearTimeout(searching);
    searching = window.setTimeout(() => {
      const words = search.value.trim().toLowerCase();
      cy.nodes().removeClass('match');
      if (!words) return;
      const found = cy.nodes().filter((n) => (n.data('label') as string).toLowerCase().includes(words));
      found.addClass('match');
      if (found.nonempty()) cy.animate({ fit: { eles: found, padding: 80 } }, { duration: 200 });
      status.textContent = `${found.length} found for “${search.value.trim()}”`;
    }, 150);
  });

  function exportPng(): void {
    download('link-chart.png', cy.png({ output: 'blob', full: true, scale: 2, bg: getComputedStyle(document.body).backgroundColor }));
  }
  function exportSvg(): void {
    const text = (cy as unknown as { svg(options: object): string }).svg({
      full: true,
      scale: 1,
      bg: getComputedStyle(document.body).backgroundColor,
    });
    download('link-chart.svg', new Blob([text], { type: 'image/svg+xml' }));
  }

  if (focus) cy.getElementById(focus).select();
  updateDegrees();
  updateSizes();
  showTypes();
  applyHidden();
  const unplaced = cy.nodes().filter((n) => !first.nodes.find((f) => f.id === n.id())?.saved);
  if (unplaced.empty()) {
    cy.fit(undefined, 40);
    canvas.dataset['state'] = 'ready';
  } else await relayout(false, cy.nodes().difference(unplaced));
  showSelected();
}

/** #/chart: the controls and the node list in the list pane, the chart in the main pane. */
export function chartView(params: URLSearchParams): View {
  const el = viewElement();
  const aside = viewElement();
  return { el, aside, refresh: () => undefined, mounted: () => showChart(aside, el, params), dispose: () => undefined };
}
