// The time axis: each dated event as a dot (one certain day) or a bar (a span,
// or an uncertain, approximate or open date), stacked in lanes, zoomable from
// centuries to days, panned by dragging, Shift+wheel or the arrow keys.
import { h } from '../../ui/dom.ts';
import { href } from '../../core/router.ts';
import { attachControls } from './axis-controls.ts';
import { edtfInWords } from '../../../db/edtf-words.ts';
import { CERTAINTY_WORDS, isoOfDay, type Placed } from './dates.ts';
import { packLanes } from './lanes.ts';
import { clampZoom, fitView, labelSide, MAX_ZOOM, MIN_ZOOM, spanWords, ticks, type TickUnit } from './scale.ts';

const LANE_HEIGHT = 40;
/** Beyond this many lanes of titled events, titles give way to bare marks in tight lanes (zoom in or point to read). */
const MAX_TITLED_LANES = 36;
const COMPACT_LANE_HEIGHT = 16;
const PLOT_PAD = 10;
const DOT = 10;
/** Narrowest bar, so a one-day uncertain date still reads as a bar. */
const MIN_BAR = 16;
/** The faded tail drawn on the open side of an open interval ("../2023"): a sign, not a duration. */
const OPEN_TAIL = 56;
/** How far past the visible edges bars are still drawn (clipped beyond). */
const MARGIN = 24;
const LABEL_MAX = 260;

const UNIT_WORDS: Record<TickUnit, string> = { decades: 'Decades', years: 'Years', months: 'Months', days: 'Days' };

export const typeClass = (type: string) => `tl-type-${type.toLowerCase().replace(/[^a-z]+/g, '-')}`;

const labelWidth = (item: Item, markWidth: number) => Math.min(item.natural, Math.max(LABEL_MAX, markWidth));

interface Item {
  placed: Placed;
  element: HTMLAnchorElement;
  label: HTMLElement;
  mark: HTMLElement;
  /** The label's full width; it is cut (with an ellipsis) to LABEL_MAX or the bar's length, whichever is more. */
  natural: number;
  lane: number;
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
  return { placed, element, label, mark, natural: 0, lane: 0, before: false };
}

export function renderChart(placed: Placed[], summary: string): HTMLElement {
  const items = placed.map(itemElement);
  const axis = h('div', { class: 'tl-axis', 'aria-hidden': 'true' });
  const grid = h('div', { class: 'tl-grid', 'aria-hidden': 'true' });
  const plot = h(
    'div',
    { class: 'tl-plot' },
    grid,
    items.map((i) => i.element),
  );
  const viewport = h(
    'div',
    {
      class: 'tl-viewport',
      tabindex: 0,
      role: 'group',
      'aria-label': 'Timeline. Drag or use the arrow keys to move along it; + and − zoom, 0 fits every event.',
    },
    axis,
    plot,
  );
  const tooltip = h('div', { class: 'tl-tooltip', role: 'tooltip', hidden: true });
  const scale = h('span', { class: 'tl-scale', 'aria-live': 'polite' });
  const button = (label: string, title: string, className: string, action: () => void) =>
    h('button', { type: 'button', class: className, title, 'aria-label': title, onclick: action }, label);
  const zoomOut = button('−', 'Zoom out (−)', 'tl-zoom-out', () => zoomBy(0.5));
  const zoomIn = button('+', 'Zoom in (+)', 'tl-zoom-in', () => zoomBy(2));
  const toolbar = h(
    'div',
    { class: 'tl-toolbar' },
    h(
      'div',
      { class: 'tl-zoom', role: 'group', 'aria-label': 'Zoom' },
      zoomOut,
      zoomIn,
      button('Fit', 'Fit every event in view (0)', 'tl-fit', () => fit()),
    ),
    scale,
    button('Filter to this span', 'Keep only the events in the span in view (and show them so on the map)', 'tl-use-span', () => {
      // The view (timeline-view.ts) takes the span as its from/to filter, shared with the map and the chart.
      const from = isoOfDay(leftDay);
      const to = isoOfDay(leftDay + width / pxPerDay);
      if (from && to) root.dispatchEvent(new CustomEvent('tl-span', { bubbles: true, detail: { from, to } }));
    }),
    h('span', { class: 'tl-spacer' }),
    h('span', { class: 'tl-summary' }, summary),
  );
  const chart = h('div', { class: 'tl-chart' }, viewport, tooltip);
  const root = h(
    'div',
    { class: 'tl-chart-view' },
    toolbar,
    chart,
    h('p', { class: 'tl-hint' }, 'Drag or Shift+scroll to move · Ctrl+scroll (⌘+scroll) or + and − to zoom · click an event to open it'),
  );

  // The view: how many pixels a day takes, and which (fractional) day is at the left edge.
  let pxPerDay = 1;
  let leftDay = 0;
  let width = 0;
  let laidOutAt = -1;
  let measured = false;
  let compact = false;
  let frame = 0;
  const first = Math.min(...placed.map((p) => p.start));
  const last = Math.max(...placed.map((p) => p.end)) + 1;

  const markOf = (p: Placed, origin: number, scale = pxPerDay) => {
    const x0 = (p.start - origin) * scale;
    const x1 = (p.end + 1 - origin) * scale;
    if (p.open === 'start') return { left: x1 - OPEN_TAIL, width: OPEN_TAIL };
    if (p.open === 'end') return { left: x0, width: OPEN_TAIL };
    const w = p.point ? DOT : Math.max(x1 - x0, MIN_BAR);
    return { left: (x0 + x1) / 2 - w / 2, width: w };
  };

  function measure(): void {
    for (const item of items) {
      // A title hidden by the last draw (out of view) measures 0 px wide: shown for the measure, draw() hides it again.
      item.element.hidden = false;
      item.element.style.width = 'max-content';
      item.label.style.maxWidth = 'none';
    }
    for (const item of items) item.natural = Math.ceil(item.label.getBoundingClientRect().width);
    measured = true;
  }

  function layout(): void {
    const end = (last - first) * pxPerDay;
    const extents = (titled: boolean) =>
      items.map((item) => {
        const mark = markOf(item.placed, first);
        const label = labelWidth(item, mark.width);
        item.before = titled && labelSide(mark.left, mark.width, label, end) === 'before';
        if (!titled) return { left: mark.left, right: mark.left + mark.width };
        if (item.before) return { left: Math.min(mark.left, mark.left + mark.width - label), right: mark.left + mark.width };
        return { left: mark.left, right: mark.left + Math.max(mark.width, label) };
      });
    let packed = packLanes(extents(true));
    compact = packed.count > MAX_TITLED_LANES;
    if (compact) packed = packLanes(extents(false), 4);
    chart.classList.toggle('tl-compact', compact);
    const height = compact ? COMPACT_LANE_HEIGHT : LANE_HEIGHT;
    items.forEach((item, i) => {
      item.lane = packed.lanes[i]!;
      item.element.style.top = `${PLOT_PAD + item.lane * height}px`;
    });
    plot.style.height = `${PLOT_PAD * 2 + Math.max(packed.count, 1) * height}px`;
    laidOutAt = pxPerDay;
  }

  function clampPan(): void {
    const days = width / pxPerDay;
    const edge = Math.min(80, width / 4) / pxPerDay;
    leftDay = Math.min(last - edge, Math.max(first - days + edge, leftDay));
  }

  function draw(): void {
    frame = 0;
    if (!measured) measure();
    if (laidOutAt !== pxPerDay) layout();
    clampPan();
    const rightDay = leftDay + width / pxPerDay;
    const x = (day: number) => (day - leftDay) * pxPerDay;
    const { unit, ticks: marks } = ticks(leftDay, rightDay, pxPerDay);
    axis.dataset['unit'] = unit;
    viewport.dataset['unit'] = unit;
    axis.replaceChildren(
      ...marks
        .filter((t) => x(t.day) >= -1)
        .map((t) => h('span', { class: `tl-tick-label${t.major ? ' major' : ''}`, style: `left:${x(t.day).toFixed(1)}px` }, t.label)),
    );
    grid.replaceChildren(
      ...marks.map((t) => h('span', { class: `tl-gridline${t.major ? ' major' : ''}`, style: `left:${x(t.day).toFixed(1)}px` })),
    );
    scale.textContent = `${UNIT_WORDS[unit]} · ${spanWords(leftDay, rightDay, unit)}${compact ? ' · zoom in to see titles' : ''}`;
    zoomIn.disabled = pxPerDay >= MAX_ZOOM;
    zoomOut.disabled = pxPerDay <= MIN_ZOOM;
    for (const item of items) {
      const mark = markOf(item.placed, leftDay);
      const left = Math.max(mark.left, -MARGIN);
      const right = Math.min(mark.left + mark.width, width + MARGIN);
      const label = compact ? 0 : labelWidth(item, mark.width);
      const visible = right > -MARGIN && left < width + MARGIN && (right > 0 || left + label > 0);
      item.element.hidden = !visible;
      if (!visible) continue;
      const markWidth = Math.max(right - left, Math.min(mark.width, 2));
      const before = item.before && !compact;
      const elementWidth = Math.max(markWidth, label);
      const elementLeft = before ? left + markWidth - elementWidth : left;
      item.element.classList.toggle('tl-label-before', before);
      item.element.style.left = `${elementLeft.toFixed(1)}px`;
      item.element.style.width = `${elementWidth}px`;
      item.label.style.maxWidth = `${label}px`;
      item.mark.style.width = `${markWidth.toFixed(1)}px`;
      item.mark.style.marginLeft = before ? `${(left - elementLeft).toFixed(1)}px` : '';
      // A long bar keeps its label in view while it is scrolled past its start.
      const shift = before ? 0 : Math.max(0, Math.min(-left, markWidth - label));
      item.label.style.transform = shift > 0 ? `translateX(${shift.toFixed(1)}px)` : '';
    }
    viewport.dataset['ready'] = 'true';
  }

  function schedule(): void {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  /**
   * Every event in view, from the first event's start to the last one's end
   * (scale.ts's fitView): titles that would run past the end go before their mark.
   */
  function fit(): void {
    if (width <= 0) return;
    ({ pxPerDay, leftDay } = fitView(first, last, width));
    hideTooltip();
    schedule();
  }

  function zoomAt(factor: number, anchor: number): void {
    const day = leftDay + anchor / pxPerDay;
    pxPerDay = clampZoom(pxPerDay * factor);
    leftDay = day - anchor / pxPerDay;
    hideTooltip();
    schedule();
  }

  function zoomBy(factor: number): void {
    zoomAt(factor, width / 2);
  }

  function panBy(pixels: number): void {
    leftDay += pixels / pxPerDay;
    schedule();
  }

  // Resizing keeps the centre; the first size seen fits every event.
  const observer = new ResizeObserver(() => {
    if (!viewport.isConnected) return observer.disconnect();
    const next = viewport.clientWidth;
    if (next <= 0 || next === width) return;
    const centre = leftDay + width / 2 / pxPerDay;
    const firstTime = width === 0;
    width = next;
    if (firstTime) fit();
    else {
      leftDay = centre - width / 2 / pxPerDay;
      schedule();
    }
  });
  observer.observe(viewport);

  const controls = attachControls(viewport, {
    zoomAt,
    panBy,
    fit,
    width: () => width,
    onDragStart: hideTooltip,
    keyboardAnchor: () => {
      const focused = items.find((item) => item.element === document.activeElement);
      if (!focused) return width / 2;
      const box = focused.mark.getBoundingClientRect();
      return box.left + box.width / 2 - viewport.getBoundingClientRect().left;
    },
  });

  // The tooltip: what the dot or bar means, in words, on hover or focus.
  function showTooltip(item: Item): void {
    if (controls.dragging()) return;
    const [when, what, ...notes] = describe(item.placed);
    tooltip.replaceChildren(
      h('strong', { dir: 'auto' }, item.placed.event.title),
      h('span', {}, when ?? ''),
      ...(what ? [h('span', { class: 'muted' }, what)] : []),
      ...notes.map((note) => h('span', { class: 'tl-tooltip-note' }, note)),
    );
    tooltip.hidden = false;
    const box = chart.getBoundingClientRect();
    const mark = item.mark.getBoundingClientRect();
    const left = Math.max(0, Math.min(mark.left - box.left, box.width - tooltip.offsetWidth));
    tooltip.style.left = `${left}px`;
    tooltip.style.top = `${mark.bottom - box.top + 8}px`;
  }
  function hideTooltip(): void {
    tooltip.hidden = true;
  }
  for (const item of items) {
    item.element.addEventListener('pointerenter', () => showTooltip(item));
    item.element.addEventListener('focus', () => showTooltip(item));
    item.element.addEventListener('pointerleave', hideTooltip);
    item.element.addEventListener('blur', hideTooltip);
  }
  viewport.addEventListener('scroll', () => {
    hideTooltip();
    // Focus or find-in-page may scroll sideways; the view moves only by leftDay.
    if (viewport.scrollLeft) viewport.scrollLeft = 0;
  });

  return root;
}
