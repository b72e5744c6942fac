// Pan (drag) and zoom (wheel, buttons) of the map's content group. Markers
// keep their size on screen: the view calls `onZoom` with the scale so they
// can be redrawn at radius / scale. A press that does not move is a click.

export interface PanZoom {
  scale(): number;
  /** Zooms by `factor` around a point of the SVG (its centre when not given). */
  zoomBy(factor: number, at?: { x: number; y: number }): void;
  reset(): void;
  /** Zooms to `scale` with a point of the content (before pan and zoom) in the middle. */
  focus(point: { x: number; y: number }, scale: number): void;
  /** Whether the last press was a drag (so the click it ends is not a click on the map). */
  dragged(): boolean;
  /** The SVG's user-space point under a mouse event, before the pan and zoom. */
  toContent(event: MouseEvent): { x: number; y: number };
  /** The part of the content (before pan and zoom) in view. */
  visible(): { x0: number; y0: number; x1: number; y1: number };
}

const MIN = 0.5;
const MAX = 60;

/** The content's transform: translate(x y) scale(k). */
export interface Transform {
  k: number;
  x: number;
  y: number;
}

const clampScale = (k: number) => Math.min(MAX, Math.max(MIN, k));

/** Zoomed by `factor` (within the limits) with the point `at` of the SVG held still. */
export function zoomAround(t: Transform, factor: number, at: { x: number; y: number }): Transform {
  const k = clampScale(t.k * factor);
  return { k, x: at.x - ((at.x - t.x) * k) / t.k, y: at.y - ((at.y - t.y) * k) / t.k };
}

/** At scale `scale` (within the limits), with the content's `point` in the middle of the SVG (`centre`). */
export function centredOn(point: { x: number; y: number }, scale: number, centre: { x: number; y: number }): Transform {
  const k = clampScale(scale);
  return { k, x: centre.x - point.x * k, y: centre.y - point.y * k };
}

/** The content (before the transform) inside the SVG's `box`. */
export function visibleArea(t: Transform, box: { x: number; y: number; width: number; height: number }) {
  return { x0: (box.x - t.x) / t.k, y0: (box.y - t.y) / t.k, x1: (box.x + box.width - t.x) / t.k, y1: (box.y + box.height - t.y) / t.k };
}

/** Where a point of the SVG falls in the content. */
export const toContentPoint = (t: Transform, at: { x: number; y: number }) => ({ x: (at.x - t.x) / t.k, y: (at.y - t.y) / t.k });

/** Drag to pan; `t` is changed in place and `apply` shows it. Returns whether the last press was a drag. */
function dragToPan(svgRoot: SVGSVGElement, t: Transform, svgPoint: (event: MouseEvent) => { x: number; y: number }, apply: () => void) {
  let drag: { x: number; y: number; tx: number; ty: number; moved: boolean } | null = null;
  let lastWasDrag = false;
  svgRoot.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    lastWasDrag = false;
    const at = svgPoint(event);
    drag = { x: at.x, y: at.y, tx: t.x, ty: t.y, moved: false };
  });
  svgRoot.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const at = svgPoint(event);
    const dx = at.x - drag.x;
    const dy = at.y - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) svgRoot.setPointerCapture(event.pointerId);
    drag.moved = true;
    svgRoot.classList.add('map-dragging');
    t.x = drag.tx + dx;
    t.y = drag.ty + dy;
    apply();
  });
  const end = () => {
    svgRoot.classList.remove('map-dragging');
    lastWasDrag = drag?.moved ?? false;
    drag = null;
  };
  svgRoot.addEventListener('pointerup', end);
  svgRoot.addEventListener('pointercancel', end);
  return () => lastWasDrag;
}

/** `onMove` is called after every pan or zoom. */
export function panZoom(svgRoot: SVGSVGElement, content: SVGGElement, onZoom: (scale: number) => void, onMove?: () => void): PanZoom {
  const t: Transform = { k: 1, x: 0, y: 0 };
  const apply = () => {
    content.setAttribute('transform', `translate(${t.x} ${t.y}) scale(${t.k})`);
    onMove?.();
  };
  const set = (next: Transform) => {
    Object.assign(t, next);
    apply();
    onZoom(t.k);
  };
  const svgPoint = (event: MouseEvent) => {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(svgRoot.getScreenCTM()!.inverse());
    return { x: point.x, y: point.y };
  };
  const box = () => svgRoot.viewBox.baseVal;
  const centre = () => ({ x: box().x + box().width / 2, y: box().y + box().height / 2 });
  const zoomBy = (factor: number, at = centre()) => set(zoomAround(t, factor, at));
  svgRoot.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      zoomBy(Math.exp(-event.deltaY * 0.002), svgPoint(event));
    },
    { passive: false },
  );
  const dragged = dragToPan(svgRoot, t, svgPoint, apply);
  return {
    scale: () => t.k,
    dragged,
    zoomBy,
    focus: (point, scale) => set(centredOn(point, scale, centre())),
    reset: () => set({ k: 1, x: 0, y: 0 }),
    visible: () => visibleArea(t, box()),
    toContent: (event) => toContentPoint(t, svgPoint(event)),
  };
}
