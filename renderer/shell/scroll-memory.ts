// Back and Forward return to where a page was scrolled. Each history entry gets
// an id in history.state; the main pane's scroll position is kept for the page
// on screen while the app runs, and put back when that entry is shown again.
const positions = new Map<string, number>();
let counter = 0;
/**
 * The entry whose page is on screen, undefined while a page renders: the pane
 * is cleared and refilled then, and its scroll belongs to no page.
 */
let shown: string | undefined;

function entryId(): string {
  const state = (history.state ?? {}) as { entry?: string };
  if (state.entry) return state.entry;
  const entry = `${Date.now().toString(36)}-${++counter}`;
  history.replaceState({ ...state, entry }, '');
  return entry;
}

/** Keeps `pane`'s scroll position for the page on screen. */
export function rememberScroll(pane: HTMLElement): void {
  pane.addEventListener(
    'scroll',
    () => {
      if (shown) positions.set(shown, pane.scrollTop);
    },
    { passive: true },
  );
}

/** Called before a page renders into `pane`: the page on screen keeps its position as it is now. */
export function leavePage(pane: HTMLElement): void {
  if (shown) positions.set(shown, pane.scrollTop);
  shown = undefined;
}

/**
 * Called once the current history entry's page is rendered: scrolls `pane`
 * back to where it was when this entry was last shown (nothing on a first visit).
 */
export function restoreScroll(pane: HTMLElement): void {
  shown = entryId();
  const top = positions.get(shown);
  if (top !== undefined) pane.scrollTop = top;
}
