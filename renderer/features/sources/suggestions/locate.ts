// Shows a passage of the reader by its offsets in the source text: scrolls it
// into the middle of what the sticky suggestions panel leaves visible and
// marks it with a CSS highlight (no change to the reader's own DOM).
const HIGHLIGHT = 'fieldbook-occurrence';

function point(p: HTMLElement, offset: number): { node: Node; offset: number } | null {
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let remaining = offset;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (remaining <= node.length) return { node, offset: remaining };
    remaining -= node.length;
    last = node;
  }
  return last ? { node: last, offset: last.length } : null;
}

function rangeAt(reader: HTMLElement, start: number, end: number): Range | null {
  const paragraphs = [...reader.querySelectorAll<HTMLElement>('p[data-offset]')];
  const p = paragraphs.filter((x) => Number(x.dataset['offset']) <= start).at(-1);
  if (!p) return null;
  const base = Number(p.dataset['offset']);
  const from = point(p, start - base);
  const to = point(p, end - base);
  if (!from || !to) return null;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

export function clearOccurrence(): void {
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.delete(HIGHLIGHT);
}

/** Scrolls the reader to [start, end) and marks it; `cover` is what sits over the top of the scroller. Returns false if not found. */
export function showOccurrence(start: number, end: number, cover?: HTMLElement): boolean {
  const reader = document.querySelector<HTMLElement>('.reader-text');
  const range = reader && rangeAt(reader, start, end);
  if (!reader || !range) return false;
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
    CSS.highlights.set(HIGHLIGHT, new Highlight(range));
  } else {
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  }
  const scroller = reader.closest<HTMLElement>('.main-pane') ?? (document.scrollingElement as HTMLElement);
  const box = scroller.getBoundingClientRect();
  // Once scrolled, a sticky panel covers its own height at the top.
  const covered = cover ? Math.min(cover.offsetHeight, scroller.clientHeight / 2) : 0;
  const rect = range.getBoundingClientRect();
  const wanted = box.top + covered + (scroller.clientHeight - covered) / 2;
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  scroller.scrollBy({ top: rect.top - wanted, behavior: reduce ? 'auto' : 'smooth' });
  return true;
}
