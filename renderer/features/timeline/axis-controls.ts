// How the axis is moved: drag, Shift+wheel or a sideways swipe to pan;
// Ctrl/⌘+wheel (or a pinch) to zoom where the pointer is; the keyboard.

export interface AxisView {
  /** Zooms by `factor`, holding still the day `anchor` pixels from the left edge. */
  zoomAt(factor: number, anchor: number): void;
  panBy(pixels: number): void;
  fit(): void;
  width(): number;
  /** Where keyboard zoom holds still (the focused event, or the middle). */
  keyboardAnchor(): number;
  /** A drag began: hide what would get in the way. */
  onDragStart(): void;
}

/** Wires the controls to the viewport; returns whether a drag is under way. */
export function attachControls(viewport: HTMLElement, view: AxisView): { dragging: () => boolean } {
  viewport.addEventListener(
    'wheel',
    (event) => {
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? view.width() : 1;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault(); // not the page's own zoom
        const rect = viewport.getBoundingClientRect();
        view.zoomAt(Math.exp(-event.deltaY * unit * 0.002), event.clientX - rect.left);
      } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        view.panBy((event.deltaX || event.deltaY) * unit);
      }
      // A plain vertical wheel scrolls the lanes (and then the page), as usual.
    },
    { passive: false },
  );

  let drag: { x: number; pointer: number; moved: boolean } | null = null;
  let swallowClick = false;
  viewport.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || event.offsetX >= viewport.clientWidth) return; // not on the scrollbar
    drag = { x: event.clientX, pointer: event.pointerId, moved: false };
  });
  viewport.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.pointer) return;
    const dx = event.clientX - drag.x;
    if (!drag.moved && Math.abs(dx) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      viewport.setPointerCapture(event.pointerId);
      viewport.classList.add('tl-dragging');
      view.onDragStart();
    }
    view.panBy(-dx);
    drag.x = event.clientX;
  });
  const endDrag = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointer) return;
    if (drag.moved) {
      // The release of a drag that began on an event is not a click on it.
      swallowClick = true;
      setTimeout(() => (swallowClick = false), 0);
      viewport.classList.remove('tl-dragging');
    }
    drag = null;
  };
  viewport.addEventListener('pointerup', endDrag);
  viewport.addEventListener('pointercancel', endDrag);
  viewport.addEventListener(
    'click',
    (event) => {
      if (!swallowClick) return;
      event.preventDefault();
      event.stopPropagation();
      swallowClick = false;
    },
    true,
  );

  viewport.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => view.panBy(-view.width() / 5),
      ArrowRight: () => view.panBy(view.width() / 5),
      '+': () => view.zoomAt(2, view.keyboardAnchor()),
      '=': () => view.zoomAt(2, view.keyboardAnchor()),
      '-': () => view.zoomAt(0.5, view.keyboardAnchor()),
      _: () => view.zoomAt(0.5, view.keyboardAnchor()),
      '0': () => view.fit(),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  return { dragging: () => drag?.moved ?? false };
}
