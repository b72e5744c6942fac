// The time axis: each dated event as a dot (one certain day) or a bar (a span,
// or an uncertain, approximate or open date), stacked in lanes, zoomable from
// centuries to days, panned by dragging, Shift+wheel or the arrow keys.
import { h } from '../../ui/dom.ts';
import { href } from '../../core/router.ts';
import { attachControls } from './axis-controls.ts';
import { edtfInWords } from '../../../db/shared/edtf-words.ts';
import { CERTAINTY_WORDS, isoOfDay, type Placed } from './axis-days.ts';
import { clampLeftDay, layoutLanes, markExtent, PLOT_PAD, placeItem } from './axis-layout.ts';
import { clampZoom, fitView, MAX_ZOOM, MIN_ZOOM, spanWords, ticks, type TickUnit } from './scale.ts';

const UNIT_WORDS: Record<TickUnit, string> = { decades: 'Decades', years: 'Years', months: 'Months', days: 'Days' };

export const typeClass = (type: string) => `tl-type-${type.toLowerCase().replace(/[^a-z]+/g, '-')}`;

interface Item {
  placed: Placed;
  element: HTMLAnchorElement;
  label: HTMLElement;
  mark: HTMLElement;
  /** The label's full width; it is cut (with an ellipsis) to a maximum or the bar's length, whichever is more (axis-layout.ts). */
  natural: number;
  /** The title sits before the mark (it would run past the last event otherwise). */
  before: boolean;
}

function describe(placed: Placed): string[] {
  const { event } = placed;
  const lines = [edtfInWords(event.date), [event.type, event.place?.name].filter(Boolean).join(' · ')];
  if (placed.certainty !== 'certain') lines.push(CERTAINTY_WORDS[placed.certainty]);
  if (placed.open === 'start') lines.push('Open start: when it began is not known.');
  if (placed.open === 'end') lines.push('Open end: when it ended is not known.');
  return lines;
}

function itemElement(placed: Placed): Item {
  const { event } = placed;
  const label = h('span', { class: 'tl-label', dir: 'auto' }, event.title);
  const mark = h('span', { class: 'tl-mark', 'aria-hidden': 'true' });
  const classes = [
    'tl-item',
    placed.point ? 'tl-point' : 'tl-range',
    placed.certainty !== 'certain' ? 'tl-uncertain' : '',
    placed.open ? `tl-open-${placed.open}` : '',
    typeClass(event.type),
  ];
  const element = h(
    'a',
    {
      href: href('events', event.id),
      class: classes.filter(Boolean).join(' '),
      draggable: 'false',
      'data-event-id': event.id,
      'aria-label': `${event.title}. ${describe(placed).join('. ')}`,
    },
    label,
    mark,
  );
  return { placed, element, label, mark, natural: 0, before: false };
}

const button = (label: string, title: string, className: string, action: () => void) =>
  h('button', { type: 'button', class: className, title, 'aria-label': title, onclick: action }, label);

/** The axis of `placed` (sorted, none unplaced): zoomable, pannable, with a tooltip per event. */
export class TimelineAxis {
  readonly root: HTMLElement;
  private readonly items: Item[];
  private readonly axis = h('div', { class: 'tl-axis', 'aria-hidden': 'true' });
  private readonly grid = h('div', { class: 'tl-grid', 'aria-hidden': 'true' });
  private readonly plot: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly tooltip = h('div', { class: 'tl-tooltip', role: 'tooltip', hidden: true });
  private readonly scale = h('span', { class: 'tl-scale', 'aria-live': 'polite' });
  private readonly zoomIn = button('+', 'Zoom in (+)', 'tl-zoom-in', () => this.zoomBy(2));
  private readonly zoomOut = button('−', 'Zoom out (−)', 'tl-zoom-out', () => this.zoomBy(0.5));
  private readonly observer: ResizeObserver;
  private readonly controls: { dragging: () => boolean };
  // The view: how many pixels a day takes, and which (fractional) day is at the left edge.
  private pxPerDay = 1;
  private leftDay = 0;
  private width = 0;
  private laidOutAt = -1;
  private measured = false;
  private compact = false;
  private frame = 0;
  private readonly first: number;
  private readonly last: number;

  constructor(placed: Placed[], summary: string) {
    this.items = placed.map(itemElement);
    this.first = Math.min(...placed.map((p) => p.start));
    this.last = Math.max(...placed.map((p) => p.end)) + 1;
    this.plot = h(
      'div',
      { class: 'tl-plot' },
      this.grid,
      this.items.map((i) => i.element),
    );
    this.viewport = h(
      'div',
      {
        class: 'tl-viewport',
        tabindex: 0,
        role: 'group',
        'aria-label': 'Timeline. Drag or use the arrow keys to move along it; + and − zoom, 0 fits every event.',
      },
      this.axis,
      this.plot,
    );
    this.chart = h('div', { class: 'tl-chart' }, this.viewport, this.tooltip);
    this.root = h(
      'div',
      { class: 'tl-chart-view' },
      this.toolbar(summary),
      this.chart,
      h('p', { class: 'tl-hint' }, 'Drag or Shift+scroll to move · Ctrl+scroll (⌘+scroll) or + and − to zoom · click an event to open it'),
    );
    // Resizing keeps the centre; the first size seen fits every event.
    this.observer = new ResizeObserver(() => this.resized());
    this.observer.observe(this.viewport);
    this.controls = this.attachControls();
    this.attachTooltips();
  }

  /** Stops watching the viewport's size and drops a frame not yet drawn. */
  dispose(): void {
    this.observer.disconnect();
    cancelAnimationFrame(this.frame);
  }

  private toolbar(summary: string): HTMLElement {
    return h(
      'div',
      { class: 'tl-toolbar' },
      h(
        'div',
        { class: 'tl-zoom', role: 'group', 'aria-label': 'Zoom' },
        this.zoomOut,
        this.zoomIn,
        button('Fit', 'Fit every event in view (0)', 'tl-fit', () => this.fit()),
      ),
      this.scale,
      button('Filter to this span', 'Keep only the events in the span in view (and show them so on the map)', 'tl-use-span', () => {
        // The view (timeline-view.ts) takes the span as its from/to filter, shared with the map and the chart.
        const from = isoOfDay(this.leftDay);
        const to = isoOfDay(this.leftDay + this.width / this.pxPerDay);
        if (from && to) this.root.dispatchEvent(new CustomEvent('tl-span', { bubbles: true, detail: { from, to } }));
      }),
      h('span', { class: 'tl-spacer' }),
      h('span', { class: 'tl-summary' }, summary),
    );
  }

  private resized(): void {
    const next = this.viewport.clientWidth;
    if (next <= 0 || next === this.width) return;
    const centre = this.leftDay + this.width / 2 / this.pxPerDay;
    const firstTime = this.width === 0;
    this.width = next;
    if (firstTime) this.fit();
    else {
      this.leftDay = centre - this.width / 2 / this.pxPerDay;
      this.schedule();
    }
  }

  private measure(): void {
    for (const item of this.items) {
      // A title hidden by the last draw (out of view) measures 0 px wide: shown for the measure, draw() hides it again.
      item.element.hidden = false;
      item.element.style.width = 'max-content';
      item.label.style.maxWidth = 'none';
    }
    for (const item of this.items) item.natural = Math.ceil(item.label.getBoundingClientRect().width);
    this.measured = true;
  }

  private layout(): void {
    const lanes = layoutLanes(this.items, this.first, this.last, this.pxPerDay);
    this.compact = lanes.compact;
    this.chart.classList.toggle('tl-compact', lanes.compact);
    this.items.forEach((item, i) => {
      item.before = lanes.before[i]!;
      item.element.style.top = `${PLOT_PAD + lanes.lanes[i]! * lanes.laneHeight}px`;
    });
    this.plot.style.height = `${lanes.height}px`;
    this.laidOutAt = this.pxPerDay;
  }

  private draw(): void {
    this.frame = 0;
    if (!this.measured) this.measure();
    if (this.laidOutAt !== this.pxPerDay) this.layout();
    this.leftDay = clampLeftDay(this.leftDay, this.width, this.pxPerDay, this.first, this.last);
    const rightDay = this.leftDay + this.width / this.pxPerDay;
    const { unit, ticks: marks } = ticks(this.leftDay, rightDay, this.pxPerDay);
    this.drawTicks(unit, marks);
    this.scale.textContent = `${UNIT_WORDS[unit]} · ${spanWords(this.leftDay, rightDay, unit)}${this.compact ? ' · zoom in to see titles' : ''}`;
    this.zoomIn.disabled = this.pxPerDay >= MAX_ZOOM;
    this.zoomOut.disabled = this.pxPerDay <= MIN_ZOOM;
    for (const item of this.items) this.drawItem(item);
    this.viewport.dataset['ready'] = 'true';
  }

  private drawTicks(unit: TickUnit, marks: ReturnType<typeof ticks>['ticks']): void {
    const x = (day: number) => (day - this.leftDay) * this.pxPerDay;
    this.axis.dataset['unit'] = unit;
    this.viewport.dataset['unit'] = unit;
    this.axis.replaceChildren(
      ...marks
        .filter((t) => x(t.day) >= -1)
        .map((t) => h('span', { class: `tl-tick-label${t.major ? ' major' : ''}`, style: `left:${x(t.day).toFixed(1)}px` }, t.label)),
    );
    this.grid.replaceChildren(
      ...marks.map((t) => h('span', { class: `tl-gridline${t.major ? ' major' : ''}`, style: `left:${x(t.day).toFixed(1)}px` })),
    );
  }

  private drawItem(item: Item): void {
    const placement = placeItem(markExtent(item.placed, this.leftDay, this.pxPerDay), item.natural, item.before, this.compact, this.width);
    item.element.hidden = placement.hidden;
    if (placement.hidden) return;
    item.element.classList.toggle('tl-label-before', placement.before);
    item.element.style.left = `${placement.left.toFixed(1)}px`;
    item.element.style.width = `${placement.width}px`;
    item.label.style.maxWidth = `${placement.labelWidth}px`;
    item.mark.style.width = `${placement.markWidth.toFixed(1)}px`;
    item.mark.style.marginLeft = placement.before ? `${placement.markOffset.toFixed(1)}px` : '';
    item.label.style.transform = placement.shift > 0 ? `translateX(${placement.shift.toFixed(1)}px)` : '';
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
  }

  /**
   * Every event in view, from the first event's start to the last one's end
   * (scale.ts's fitView): titles that would run past the end go before their mark.
   */
  private fit(): void {
    if (this.width <= 0) return;
    ({ pxPerDay: this.pxPerDay, leftDay: this.leftDay } = fitView(this.first, this.last, this.width));
    this.hideTooltip();
    this.schedule();
  }

  private zoomAt(factor: number, anchor: number): void {
    const day = this.leftDay + anchor / this.pxPerDay;
    this.pxPerDay = clampZoom(this.pxPerDay * factor);
    this.leftDay = day - anchor / this.pxPerDay;
    this.hideTooltip();
    this.schedule();
  }

  private zoomBy(factor: number): void {
    this.zoomAt(factor, this.width / 2);
  }

  private attachControls(): { dragging: () => boolean } {
    return attachControls(this.viewport, {
      zoomAt: (factor, anchor) => this.zoomAt(factor, anchor),
      panBy: (pixels) => {
        this.leftDay += pixels / this.pxPerDay;
        this.schedule();
      },
      fit: () => this.fit(),
      width: () => this.width,
      onDragStart: () => this.hideTooltip(),
      keyboardAnchor: () => {
        const focused = this.items.find((item) => item.element === document.activeElement);
        if (!focused) return this.width / 2;
        const box = focused.mark.getBoundingClientRect();
        return box.left + box.width / 2 - this.viewport.getBoundingClientRect().left;
      },
    });
  }

  /** The tooltip: what the dot or bar means, in words, on hover or focus. */
  private attachTooltips(): void {
    for (const item of this.items) {
      item.element.addEventListener('pointerenter', () => this.showTooltip(item));
      item.element.addEventListener('focus', () => this.showTooltip(item));
      item.element.addEventListener('pointerleave', () => this.hideTooltip());
      item.element.addEventListener('blur', () => this.hideTooltip());
    }
    this.viewport.addEventListener('scroll', () => {
      this.hideTooltip();
      // Focus or find-in-page may scroll sideways; the view moves only by leftDay.
      if (this.viewport.scrollLeft) this.viewport.scrollLeft = 0;
    });
  }

  private showTooltip(item: Item): void {
    if (this.controls.dragging()) return;
    const [when, what, ...notes] = describe(item.placed);
    this.tooltip.replaceChildren(
      h('strong', { dir: 'auto' }, item.placed.event.title),
      h('span', {}, when ?? ''),
      ...(what ? [h('span', { class: 'muted' }, what)] : []),
      ...notes.map((note) => h('span', { class: 'tl-tooltip-note' }, note)),
    );
    this.tooltip.hidden = false;
    const box = this.chart.getBoundingClientRect();
    const mark = item.mark.getBoundingClientRect();
    const left = Math.max(0, Math.min(mark.left - box.left, box.width - this.tooltip.offsetWidth));
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${mark.bottom - box.top + 8}px`;
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
  }
}
