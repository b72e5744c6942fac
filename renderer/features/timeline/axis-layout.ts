// Where the time axis puts each event, as numbers only (no DOM, unit-tested):
// the extent of its mark at a zoom, the lanes that keep titles from
// overlapping, how far the view may be panned, and where each item, its
// title and its mark are drawn in the visible span. axis.ts applies them.
import type { Placed } from './axis-days.ts';
import { packLanes } from './lanes.ts';
import { labelSide } from './scale.ts';

export const LANE_HEIGHT = 40;
/** Beyond this many lanes of titled events, titles give way to bare marks in tight lanes (zoom in or point to read). */
export const MAX_TITLED_LANES = 36;
export const COMPACT_LANE_HEIGHT = 16;
export const PLOT_PAD = 10;
const DOT = 10;
/** Narrowest bar, so a one-day uncertain date still reads as a bar. */
const MIN_BAR = 16;
/** The faded tail drawn on the open side of an open interval ("../2023"): a sign, not a duration. */
const OPEN_TAIL = 56;
/** How far past the visible edges bars are still drawn (clipped beyond). */
const MARGIN = 24;
const LABEL_MAX = 260;

export interface Extent {
  left: number;
  width: number;
}

/** The mark of an event in pixels from day `origin`, at `pxPerDay`: a dot, a bar, or the tail of an open interval. */
export function markExtent(p: Pick<Placed, 'start' | 'end' | 'point' | 'open'>, origin: number, pxPerDay: number): Extent {
  const x0 = (p.start - origin) * pxPerDay;
  const x1 = (p.end + 1 - origin) * pxPerDay;
  if (p.open === 'start') return { left: x1 - OPEN_TAIL, width: OPEN_TAIL };
  if (p.open === 'end') return { left: x0, width: OPEN_TAIL };
  const width = p.point ? DOT : Math.max(x1 - x0, MIN_BAR);
  return { left: (x0 + x1) / 2 - width / 2, width };
}

/** How wide a title is drawn: its natural width, cut to LABEL_MAX or the bar's length, whichever is more. */
export const labelWidth = (natural: number, markWidth: number) => Math.min(natural, Math.max(LABEL_MAX, markWidth));

/** An event to lay out: its dates and its title's natural width in pixels. */
export interface AxisItem {
  placed: Pick<Placed, 'start' | 'end' | 'point' | 'open'>;
  natural: number;
}

export interface Lanes {
  /** Each item's lane, in the order given. */
  lanes: number[];
  count: number;
  /** Too many lanes of titles: bare marks in tight lanes instead. */
  compact: boolean;
  /** Each item's title goes before its mark (it would run past the last event otherwise). */
  before: boolean[];
  /** Lane height in pixels, and the plot's height. */
  laneHeight: number;
  height: number;
}

/** The lanes of every item at `pxPerDay`, the axis running from day `first` to day `last`. */
export function layoutLanes(items: readonly AxisItem[], first: number, last: number, pxPerDay: number): Lanes {
  const end = (last - first) * pxPerDay;
  const before = items.map(() => false);
  const extents = (titled: boolean) =>
    items.map((item, i) => {
      const mark = markExtent(item.placed, first, pxPerDay);
      const label = labelWidth(item.natural, mark.width);
      before[i] = titled && labelSide(mark.left, mark.width, label, end) === 'before';
      if (!titled) return { left: mark.left, right: mark.left + mark.width };
      if (before[i]) return { left: Math.min(mark.left, mark.left + mark.width - label), right: mark.left + mark.width };
      return { left: mark.left, right: mark.left + Math.max(mark.width, label) };
    });
  let packed = packLanes(extents(true));
  const compact = packed.count > MAX_TITLED_LANES;
  if (compact) packed = packLanes(extents(false), 4);
  const laneHeight = compact ? COMPACT_LANE_HEIGHT : LANE_HEIGHT;
  return { ...packed, compact, before, laneHeight, height: PLOT_PAD * 2 + Math.max(packed.count, 1) * laneHeight };
}

/** The left edge's day kept so that some of the events stay in view (a fifth of the width, at most 80 pixels, at either end). */
export function clampLeftDay(leftDay: number, width: number, pxPerDay: number, first: number, last: number): number {
  const days = width / pxPerDay;
  const edge = Math.min(80, width / 4) / pxPerDay;
  return Math.min(last - edge, Math.max(first - days + edge, leftDay));
}

/** Where an item is drawn in a view `width` pixels wide: hidden, or its box, its title's width, its mark, and the title's shift. */
export type Placement =
  | { hidden: true }
  | {
      hidden: false;
      left: number;
      width: number;
      labelWidth: number;
      markWidth: number;
      /** The mark's offset inside the item when the title comes first. */
      markOffset: number;
      before: boolean;
      /** A long bar scrolled past its start keeps its title in view by this much. */
      shift: number;
    };

/** Places an item whose mark is at `mark` (pixels from the view's left edge), clipped a little beyond the edges. */
export function placeItem(mark: Extent, natural: number, before: boolean, compact: boolean, width: number): Placement {
  const left = Math.max(mark.left, -MARGIN);
  const right = Math.min(mark.left + mark.width, width + MARGIN);
  const label = compact ? 0 : labelWidth(natural, mark.width);
  const visible = right > -MARGIN && left < width + MARGIN && (right > 0 || left + label > 0);
  if (!visible) return { hidden: true };
  const markWidth = Math.max(right - left, Math.min(mark.width, 2));
  const titleFirst = before && !compact;
  const itemWidth = Math.max(markWidth, label);
  const itemLeft = titleFirst ? left + markWidth - itemWidth : left;
  return {
    hidden: false,
    left: itemLeft,
    width: itemWidth,
    labelWidth: label,
    markWidth,
    markOffset: titleFirst ? left - itemLeft : 0,
    before: titleFirst,
    shift: titleFirst ? 0 : Math.max(0, Math.min(-left, markWidth - label)),
  };
}
