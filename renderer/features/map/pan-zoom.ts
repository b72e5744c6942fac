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

/** `onMove` is called after every pan or zoom. */
export function panZoom(svgRoot: SVGSVGElement, content: SVGGElement, onZoom: (scale: number) => void, onMove?: () => void): PanZoom {
  let k = 1;
  let tx = 0;
  let ty = 0;
  const apply = () => {
    content.setAttribute('transform', `translate(${tx} ${ty}) scale(${k})`);
    onMove?.();
  };
  const svgPoint = (event: MouseEvent) => {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(svgRoot.getScreenCTM()!.inverse());
    return { x: point.x, y: point.y };
  };
  const centre = () => {
    const box = svgRoot.viewBox.baseVal;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const zoomBy = (factor: number, at = centre()) => {
    const next = Math.min(MAX, Math.max(MIN, k * factor));
    tx = at.x - ((at.x - tx) * next) / k;
    ty = at.y - ((at.y - ty) * next) / k;
    k = next;
    apply();
    onZoom(k);
  };

  svgRoot.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      zoomBy(Math.exp(-event.deltaY * 0.002), svgPoint(event));
    },
    { passive: false },
  );
  let drag: { x: number; y: number; tx: number; ty: number; moved: boolean } | null = null;
  let lastWasDrag = false;
  svgRoot.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    lastWasDrag = false;
    const at = svgPoint(event);
    drag = { x: at.x, y: at.y, tx, ty, moved: false };
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
    tx = drag.tx + dx;
    ty = drag.ty + dy;
    apply();
  });
  const end = () => {
    svgRoot.classList.remove('map-dragging');
    lastWasDrag = drag?.moved ?? false;
    drag = null;
  };
  svgRoot.addEventListener('pointerup', end);
  svgRoot.addEventListener('pointercancel', end);

  return {
    scale: () => k,
    dragged: () => lastWasDrag,
    zoomBy,
    focus(point, scale) {
      k = Math.min(MAX, Math.max(MIN, scale));
      const middle = centre();
      tx = middle.x - point.x * k;
      ty = middle.y - point.y * k;
      apply();
      onZoom(k);
    },
    reset() {
      k = 1;
      tx = ty = 0;
      apply();
      onZoom(k);
    },
    visible() {
      const box = svgRoot.viewBox.baseVal;
      return { x0: (box.x - tx) / k, y0: (box.y - ty) / k, x1: (box.x + box.width - tx) / k, y1: (box.y + box.height - ty) / k };
    },
    toContent(event) {
      const at = svgPoint(event);
      return { x: (at.x - tx) / k, y: (at.y - ty) / k };
    },
  };
}
