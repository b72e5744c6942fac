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
import { call } from '../../core/api.ts';
import { h } from '../../ui/dom.ts';
import { href, parseRoute, sectionOf } from '../../core/router.ts';
import { notify } from '../../core/undo.ts';
import { serially, viewElement, type View } from '../../core/view.ts';
import { chartHash, focusOf } from './address.ts';
import { FULL_LAYOUT_LIMIT, isLarge, ringAround, runLayout } from './layout.ts';
import { evidenceHref, nodeMenu, type NodeMenu } from './node-menu.ts';
import { eventInRange, linkFilters, linkInRange, rangeOf, type DateRange, type LinkFilters } from './filters.ts';
import { chartStyle } from './style.ts';
import type { ChartEdge, ChartGraph, ChartNode, NodeKind } from '../../../db/shared/chart-graph.ts';

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

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Lets a message paint before a long computation takes the main thread. */
const paint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** One drawing of the chart for an address: its controls and node list (the list pane) and the canvas. */
class Chart {
  readonly side: HTMLElement[];
  readonly view: HTMLElement;
  private cy!: Core;
  private menu: NodeMenu | undefined;
  private readonly canvas = h('div', { class: 'chart-canvas', 'data-state': 'laying-out' });
  private readonly tooltip = h('div', { class: 'chart-tooltip', hidden: true, role: 'tooltip' });
  private readonly status = h('p', { class: 'chart-status', 'aria-live': 'polite' });
  private readonly pathLine = h('p', { class: 'chart-path', 'aria-live': 'polite' });
  private readonly layoutNote = h('p', { class: 'chart-layout-note', hidden: true });
  private readonly search = h('input', { type: 'search', class: 'tl-input', name: 'chart-search', placeholder: 'Find in the chart…' });
  private readonly nodeList = h('ul', { role: 'list', class: 'chart-nodes' });
  private readonly count = h('span', { class: 'count chart-count' }, '');
  private readonly selectedBox = h('div', { class: 'chart-selected' });
  private readonly sizeBy = h(
    'select',
    { name: 'size', class: 'tl-input' },
    h('option', { value: 'degree' }, 'Size by links (degree)'),
    h('option', { value: 'betweenness' }, 'Size by betweenness'),
  );
  /** Kinds unchecked, and nodes the analyst hid (from the node's menu), until "Show hidden". */
  private readonly hidden = new Set<NodeKind>();
  private readonly hiddenNodes = new Set<string>();
  private readonly showHidden = h('button', { type: 'button', class: 'chart-show-hidden', hidden: true }, '');
  private readonly filters: LinkFilters;
  private readonly everything: HTMLAnchorElement;
  private readonly scheme = matchMedia('(prefers-color-scheme: dark)');
  private readonly restyle = () => this.cy.style(chartStyle());
  private searching = 0;
  private readonly first: ChartGraph;
  private readonly focus: string | undefined;
  private readonly withSources: boolean;

  constructor(first: ChartGraph, params: URLSearchParams) {
    this.first = first;
    this.focus = focusOf(params);
    this.withSources = params.get('sources') === '1';
    this.filters = linkFilters(rangeOf(params), () => {
      const hash = chartHash(this.focus, this.withSources, this.filters.range());
      if (location.hash !== hash) history.replaceState(history.state, '', hash);
      this.everything.href = chartHash(undefined, this.withSources, this.filters.range());
      this.applyHidden();
    });
    this.everything = h(
      'a',
      { href: chartHash(undefined, this.withSources, this.filters.range()), class: 'chart-everything' },
      'Show everything',
    );
    if (!this.withSources) this.hidden.add('source');
    this.showHidden.addEventListener('click', () => {
      this.hiddenNodes.clear();
      this.applyHidden();
    });
    this.sizeBy.addEventListener('change', () => void this.resize());
    this.side = this.sidebar();
    this.view = h('div', { class: 'chart-view' }, this.canvas, this.tooltip);
  }

  private sidebar(): HTMLElement[] {
    return [
      h('div', { class: 'list-header' }, h('h2', {}, 'Link chart'), this.count),
      h(
        'div',
        { class: 'tl-filters' },
        this.search,
        h('div', { class: 'chart-kinds', role: 'group', 'aria-label': 'Show kinds' }, this.kindToggles()),
        h(
          'div',
          { class: 'chart-actions' },
          this.everything,
          h('button', { type: 'button', onclick: () => void this.relayout(true) }, 'Re-arrange'),
          h('button', { type: 'button', class: 'chart-png', onclick: () => this.exportPng() }, 'PNG'),
          h('button', { type: 'button', class: 'chart-svg', onclick: () => this.exportSvg() }, 'SVG'),
          this.showHidden,
        ),
        this.sizeBy,
        this.filters.element,
        this.status,
        this.layoutNote,
        this.pathLine,
        this.selectedBox,
      ),
      h('section', { 'aria-label': 'Nodes in the chart' }, this.nodeList),
    ];
  }

  private kindToggles(): HTMLElement[] {
    return KINDS.map(([kind, label]) => {
      const box = h('input', { type: 'checkbox', name: `show-${kind}`, checked: kind !== 'source' || this.withSources });
      box.addEventListener('change', () => {
        if (kind === 'source' && box.checked && !this.withSources) {
          location.hash = chartHash(this.focus, true, this.filters.range());
          return;
        }
        if (box.checked) this.hidden.delete(kind);
        else this.hidden.add(kind);
        this.applyHidden();
      });
      return h('label', { class: 'chart-kind' }, box, h('span', {}, label));
    });
  }

  /** Draws the chart in its canvas (which must be on screen: cytoscape sizes itself to it) and lays out the nodes without a place. */
  async start(): Promise<void> {
    const large = isLarge(this.first.nodes.length);
    this.cy = cytoscape({
      container: this.canvas,
      elements: [...this.first.nodes.map(nodeElement), ...this.first.edges.map(edgeElement)],
      style: chartStyle(),
      // Saved positions as they are; the nodes without one are laid out below.
      layout: { name: 'preset' },
      // A large chart: edges left out and a snapshot moved while panning or zooming, one pixel per pixel.
      ...(large ? { hideEdgesOnViewport: true, textureOnViewport: true, pixelRatio: 1 } : {}),
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
    });
    // A large chart's first frames (before the layout and the fit) are drawn zoomed out, where no label is drawn.
    if (large) this.cy.zoom(0.05);
    this.scheme.addEventListener('change', this.restyle);
    this.listenToNodes();
    this.listenToEdges();
    this.listenToSearch();
    if (this.focus) this.cy.getElementById(this.focus).select();
    this.updateDegrees();
    this.updateSizes();
    this.showTypes();
    this.applyHidden();
    const unplaced = this.cy.nodes().filter((n) => !this.first.nodes.find((f) => f.id === n.id())?.saved);
    if (unplaced.empty()) {
      this.cy.fit(undefined, 40);
      this.canvas.dataset['state'] = 'ready';
    } else await this.relayout(false, this.cy.nodes().difference(unplaced));
    this.showSelected();
  }

  dispose(): void {
    clearTimeout(this.searching);
    this.scheme.removeEventListener('change', this.restyle);
    this.menu?.dispose();
    this.cy?.destroy();
  }

  private async resize(): Promise<void> {
    if (this.sizeBy.value === 'betweenness' && isLarge(this.cy.nodes().length)) {
      // Seconds on a large chart: say so, and let that paint before the main thread is taken.
      this.status.textContent = `Computing betweenness for ${this.cy.nodes(':visible').length.toLocaleString()} records…`;
      await paint();
    }
    this.updateSizes();
    this.renderList();
  }

  private updateDegrees(): void {
    this.cy.nodes().forEach((n) => void n.data('degree', n.degree(false)));
  }

  /** Node size (0 to 1): links counted up to 20, or betweenness among the nodes shown (cytoscape's own, normalised). */
  private updateSizes(): void {
    const { cy } = this;
    const by = this.sizeBy.value;
    this.canvas.dataset['size'] = by;
    if (by === 'betweenness') {
      const centrality = cy.elements(':visible').betweennessCentrality({ directed: false });
      cy.batch(() => cy.nodes().forEach((n) => void n.data('size', n.visible() ? centrality.betweennessNormalized(n) : 0)));
    } else {
      cy.batch(() => cy.nodes().forEach((n) => void n.data('size', Math.min(20, n.degree(false)) / 20)));
    }
  }

  private renderList(): void {
    const nodes = this.cy.nodes(':visible').toArray() as NodeSingular[];
    const betweenness = this.sizeBy.value === 'betweenness';
    const rank = (n: NodeSingular) => (betweenness ? (n.data('size') as number) : n.degree(false));
    nodes.sort((a, b) => rank(b) - rank(a));
    // A large chart lists its most linked (or most central) nodes, and those selected.
    const listed = nodes.filter((n, i) => i < LIST_LIMIT || n.selected() || n.hasClass('path'));
    this.nodeList.replaceChildren(
      ...listed.map((n) => this.listItem(n, betweenness)),
      ...(listed.length < nodes.length
        ? [h('li', { class: 'empty-hint chart-more' }, `and ${(nodes.length - listed.length).toLocaleString()} more: find them above`)]
        : []),
    );
    const shown = this.cy.nodes().filter((n) => n.visible()).length;
    this.count.textContent = String(shown);
    const links = this.cy.edges().filter((e) => e.visible()).length;
    this.status.textContent = `${shown} of ${this.first.total} records · ${links} links`;
    this.canvas.dataset['nodes'] = String(shown);
    this.canvas.dataset['edges'] = String(links);
  }

  private listItem(n: NodeSingular, betweenness: boolean): HTMLElement {
    return h(
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
            if (!add) this.cy.elements().unselect();
            n.select();
            this.cy.animate({ center: { eles: n } }, { duration: 150 });
          },
        },
        n.data('label') as string,
      ),
      h(
        'span',
        { class: 'count', title: betweenness ? 'betweenness (0 to 1)' : 'links' },
        betweenness ? (n.data('size') as number).toFixed(2) : String(n.degree(false)),
      ),
    );
  }

  /** Hides the nodes of unchecked kinds and events out of the date range, and the links the filters leave out. */
  private applyHidden(): void {
    const range = this.filters.range();
    const types = this.filters.hiddenTypes();
    // Only the elements whose state changes are touched (a style change per element is slow on a large chart).
    const show = (element: cytoscape.NodeSingular | cytoscape.EdgeSingular, shown: boolean) => {
      if (element.data('shown') === shown) return;
      element.data('shown', shown);
      element.style('display', shown ? 'element' : 'none');
    };
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const kind = n.data('kind') as NodeKind;
        const inRange = kind !== 'event' || eventInRange(n.data() as DateRange, range);
        show(n, !this.hidden.has(kind) && !this.hiddenNodes.has(n.id()) && inRange);
      });
      this.cy.edges().forEach((e) => {
        const data = e.data() as ChartEdge;
        show(e, !(data.kind === 'relation' && types.has(data.label)) && linkInRange(data, range));
      });
    });
    this.showHidden.hidden = this.hiddenNodes.size === 0;
    this.showHidden.textContent = `Show hidden (${this.hiddenNodes.size})`;
    if (this.sizeBy.value === 'betweenness') this.updateSizes();
    this.renderList();
  }

  private showTypes(): void {
    this.filters.setTypes(
      this.cy
        .edges()
        .filter((e) => e.data('kind') === 'relation')
        .map((e) => e.data('label') as string),
    );
  }

  private async saveArrangement(nodes = this.cy.nodes()): Promise<void> {
    const positions = Object.fromEntries(
      nodes.map((n) => [n.id(), { x: n.position('x'), y: n.position('y'), pinned: n.data('pinned') === true }]),
    );
    await call('chart.arrange', { positions });
    this.canvas.dataset['saved'] = String(Number(this.canvas.dataset['saved'] ?? 0) + 1);
  }

  /** Lays out the nodes without a place; the pinned (and, unless `all`, the placed) ones stay where they are. */
  private async relayout(all: boolean, placed = this.cy.collection()): Promise<void> {
    const { cy, canvas } = this;
    canvas.dataset['state'] = 'laying-out';
    const count = cy.nodes().length;
    if (isLarge(count)) {
      this.status.textContent = `Arranging ${count.toLocaleString()} records…`;
      await paint();
    }
    const fixed = cy.nodes().filter((n) => n.data('pinned') === true || (!all && placed.has(n)));
    const { quick, ms } = await runLayout(cy, fixed, all || placed.empty());
    canvas.dataset['layout'] = quick ? 'quick' : 'full';
    canvas.dataset['layoutMs'] = String(Math.round(ms));
    this.layoutNote.hidden = !quick;
    this.layoutNote.textContent = quick
      ? `${count.toLocaleString()} records: a quick arrangement (fCoSE's spectral draft, without the force-directed polish, which takes too long above ${FULL_LAYOUT_LIMIT} records). Start from a record for the full layout.`
      : '';
    cy.fit(undefined, 40);
    this.renderList();
    await this.saveArrangement();
    canvas.dataset['state'] = 'ready';
  }

  /** Adds the records around `node`: laid out with the rest, or (on a large chart) ringed around it. */
  private async expand(node: NodeSingular): Promise<void> {
    const { cy } = this;
    const more = await call('chart.graph', { focus: node.id(), depth: 1, sources: this.withSources });
    const before = cy.nodes();
    const fresh = more.nodes.filter((n) => cy.getElementById(n.id).empty());
    const at = node.position();
    // A large chart is not laid out again for an expansion: the new nodes ring the expanded one.
    const large = isLarge(cy.nodes().length + fresh.length);
    const ring = ringAround(at, fresh.length);
    const near = () => ({ x: at.x + Math.random() * 60 - 30, y: at.y + Math.random() * 60 - 30 });
    cy.add(fresh.map((n, i) => ({ ...nodeElement(n), position: n.saved ? { x: n.saved.x, y: n.saved.y } : large ? ring[i]! : near() })));
    cy.add(more.edges.filter((e) => cy.getElementById(e.id).empty()).map(edgeElement));
    this.updateDegrees();
    this.updateSizes();
    this.showTypes();
    this.applyHidden();
    const isFresh = (n: NodeSingular, saved?: boolean) =>
      fresh.some((f) => f.id === n.id() && (saved === undefined || !!f.saved === saved));
    if (large) await this.saveArrangement(cy.nodes().filter((n) => isFresh(n)));
    else if (fresh.some((n) => !n.saved)) await this.relayout(false, before.union(cy.nodes().filter((n) => isFresh(n, true))));
    notify(
      fresh.length
        ? `${fresh.length} more ${fresh.length === 1 ? 'record' : 'records'} around ${node.data('label') as string}`
        : 'Nothing more around it',
    );
    this.renderList();
  }

  /** The shortest path between two selected actors; what can be done with one selected node. */
  private showSelected(): void {
    const nodes = this.cy.nodes(':selected');
    this.cy.elements().removeClass('path');
    this.pathLine.textContent = '';
    const actors = nodes.filter((n) => n.data('kind') === 'actor');
    if (nodes.length === 2 && actors.length === 2) this.showPath(actors[0]!, actors[1]!);
    this.selectedBox.replaceChildren();
    if (nodes.length === 1) this.selectedBox.append(...this.selectedActions(nodes[0]!));
    else if (nodes.length > 2 || (nodes.length === 2 && actors.length < 2)) {
      this.selectedBox.append(h('p', { class: 'empty-hint' }, 'Select two actors to see the shortest path between them.'));
    }
    this.renderList();
  }

  private showPath(from: NodeSingular, to: NodeSingular): void {
    const found = this.cy.elements(':visible').aStar({ root: from, goal: to, directed: false });
    if (found.found) {
      found.path.addClass('path');
      const names = found.path
        .nodes()
        .map((n) => n.data('label') as string)
        .join(' → ');
      this.pathLine.textContent = `Shortest path (${found.distance} steps): ${names}`;
    } else this.pathLine.textContent = `No path between ${from.data('label') as string} and ${to.data('label') as string}.`;
  }

  private selectedActions(node: NodeSingular): HTMLElement[] {
    const kind = node.data('kind') as string;
    return [
      h('p', { class: 'chart-selected-name' }, `${node.data('label') as string} (${node.data('sub') as string})`),
      h(
        'div',
        { class: 'chart-actions' },
        h('a', { href: href(sectionOf(kind), node.data('recordId') as number), class: 'chart-open' }, 'Open'),
        h('button', { type: 'button', class: 'chart-expand', onclick: () => void this.expand(node) }, 'Expand'),
        h('button', { type: 'button', class: 'chart-pin', onclick: () => this.togglePin(node) }, node.data('pinned') ? 'Unpin' : 'Pin'),
        h('button', { type: 'button', class: 'chart-hide', onclick: () => this.hideNode(node) }, 'Hide'),
        evidenceHref(node) ? h('a', { href: evidenceHref(node)!, class: 'chart-evidence' }, 'Evidence') : null,
        h('a', { href: chartHash(node.id(), this.withSources, this.filters.range()) }, 'Start from here'),
      ),
    ];
  }

  private togglePin(node: NodeSingular): void {
    node.data('pinned', !node.data('pinned'));
    void this.saveArrangement(node);
    this.showSelected();
  }

  private hideNode(node: NodeSingular): void {
    node.unselect();
    this.hiddenNodes.add(node.id());
    this.applyHidden();
  }

  private listenToNodes(): void {
    const { cy } = this;
    this.menu = nodeMenu(this.view, {
      expand: (node) => void this.expand(node),
      hide: (node) => this.hideNode(node),
      togglePin: (node) => this.togglePin(node),
    });
    cy.on('cxttap', 'node', (event) => this.menu!.open(event.target as NodeSingular, event.renderedPosition));
    cy.on('tap viewport', () => this.menu!.close());
    this.canvas.addEventListener('contextmenu', (event) => event.preventDefault());
    cy.on('select unselect', 'node', () => queueMicrotask(() => this.showSelected()));
    cy.on('dbltap', 'node', (event) => {
      const node = event.target as NodeSingular;
      location.hash = href(sectionOf(node.data('kind') as string), node.data('recordId') as number);
    });
    // Dragged where the analyst wants it: pinned there, and saved.
    cy.on('dragfree', 'node', (event) => {
      const node = event.target as NodeSingular;
      node.data('pinned', true);
      void this.saveArrangement(node);
    });
  }

  /** A link's tooltip: who is linked how, with the quotes behind it. */
  private listenToEdges(): void {
    this.cy.on('mouseover', 'edge', (event) => {
      const edge = event.target as cytoscape.EdgeSingular;
      edge.addClass('hover');
      const data = edge.data() as ChartEdge;
      const dates = data.from || data.to ? ` (${data.from ?? '…'} – ${data.to ?? '…'})` : '';
      const ends = `${edge.source().data('label') as string} ${data.label} ${edge.target().data('label') as string}`;
      this.tooltip.replaceChildren(
        h('p', { class: 'chart-tooltip-title' }, `${ends}${dates}`),
        data.quotes.length
          ? h(
              'ul',
              { role: 'list' },
              data.quotes.map((q) => h('li', {}, h('q', {}, q.quote), h('span', { class: 'chart-tooltip-source' }, ` ${q.sourceTitle}`))),
            )
          : h('p', { class: 'empty-hint' }, 'No passage supports this link yet.'),
        data.evidenceCount > data.quotes.length
          ? h('p', { class: 'empty-hint' }, `and ${data.evidenceCount - data.quotes.length} more`)
          : '',
      );
      const p = event.renderedPosition;
      this.tooltip.style.left = `${p.x + 12}px`;
      this.tooltip.style.top = `${p.y + 12}px`;
      this.tooltip.hidden = false;
    });
    this.cy.on('mouseout', 'edge', (event) => {
      (event.target as cytoscape.EdgeSingular).removeClass('hover');
      this.tooltip.hidden = true;
    });
  }

  private listenToSearch(): void {
    this.search.addEventListener('input', () => {
      clearTimeout(this.searching);
      this.searching = window.setTimeout(() => {
        const words = this.search.value.trim().toLowerCase();
        this.cy.nodes().removeClass('match');
        if (!words) return;
        const found = this.cy.nodes().filter((n) => (n.data('label') as string).toLowerCase().includes(words));
        found.addClass('match');
        if (found.nonempty()) this.cy.animate({ fit: { eles: found, padding: 80 } }, { duration: 200 });
        this.status.textContent = `${found.length} found for “${this.search.value.trim()}”`;
      }, 150);
    });
  }

  private exportPng(): void {
    const bg = getComputedStyle(document.body).backgroundColor;
    download('link-chart.png', this.cy.png({ output: 'blob', full: true, scale: 2, bg }));
  }

  private exportSvg(): void {
    const text = (this.cy as unknown as { svg(options: object): string }).svg({
      full: true,
      scale: 1,
      bg: getComputedStyle(document.body).backgroundColor,
    });
    download('link-chart.svg', new Blob([text], { type: 'image/svg+xml' }));
  }
}

async function openChart(params: URLSearchParams): Promise<Chart> {
  const focus = focusOf(params);
  const first: ChartGraph = await call('chart.graph', { ...(focus ? { focus } : {}), depth: 1, sources: params.get('sources') === '1' });
  return new Chart(first, params);
}

/** #/chart: the controls and the node list in the list pane, the chart in the main pane (drawn once on screen). */
export async function chartView(params: URLSearchParams): Promise<View> {
  const el = viewElement();
  const aside = viewElement();
  let shown: Chart | undefined;
  const show = async (chart: Chart) => {
    shown?.dispose();
    shown = chart;
    aside.replaceChildren(...chart.side);
    el.replaceChildren(chart.view);
    await chart.start();
  };
  const first = await openChart(params);
  aside.replaceChildren(...first.side);
  el.replaceChildren(first.view);
  return {
    el,
    aside,
    mounted: () => show(first),
    refresh: serially(async () => show(await openChart(parseRoute(location.hash).params))),
    dispose: () => shown?.dispose(),
  };
}
