// What every view of the app is (a record page, the timeline, the trash…):
// its element, a way to show again what the store holds, and its end. The
// shell (shell/panes.ts) puts a view's element in a pane, refreshes the view
// while its address stays, and disposes of it when another takes its place.
import { h } from '../ui/dom.ts';

export interface View {
  /** What the view shows in its pane (the main one, or the list pane for a list). */
  readonly el: HTMLElement;
  /** For a view that fills both panes: what goes in the list pane beside it (its filters, its list). */
  readonly aside?: HTMLElement;
  /** Shows what the store holds now: after a change made elsewhere, an undo, the same address opened again. */
  refresh(): Promise<void> | void;
  /** What needs the element on screen (focus, scrolling to a passage, a canvas sized to its pane): run once it is there. */
  mounted?(): Promise<void> | void;
  /** Ends the view: its listeners, timers, observers, editors and subscriptions. */
  dispose(): void;
}

/**
 * The element a view draws into. It takes no room of its own (display:
 * contents), so what the view draws sits in the pane as if put there directly.
 */
export function viewElement(): HTMLElement {
  return h('div', { class: 'view' });
}

/** A view of a fixed element (an error, an empty state): nothing to refresh or end. */
export function fixedView(el: HTMLElement): View {
  return { el, refresh: () => undefined, dispose: () => undefined };
}

/**
 * Runs `draw` one at a time: asked while a draw runs, it draws once more
 * after it (callers asking meanwhile share that one), so two draws never race
 * to fill the same element.
 */
export function serially(draw: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const current: Promise<void> = draw().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}
