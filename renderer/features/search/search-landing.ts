// Opening a text hit from search: the page scrolls to the first occurrence of
// the words the hit marked, marks it (the CSS Custom Highlight API, so the
// text and the editor's document are left alone) and offers the way back to
// the results.
import { h } from '../../ui/dom.ts';

const HIGHLIGHT = 'search-hit';

/** The range of the first case-insensitive occurrence of `wanted` in `root`'s text, across element boundaries. */
export function findText(root: Node, wanted: string): Range | undefined {
  const needle = wanted.toLocaleLowerCase();
  if (!needle) return undefined;
  const nodes: { node: Text; start: number }[] = [];
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    nodes.push({ node, start: text.length });
    text += node.data;
  }
  const at = text.toLocaleLowerCase().indexOf(needle);
  if (at < 0) return undefined;
  const locate = (offset: number, end: boolean) => {
    const index = nodes.findLastIndex((n) => (end ? n.start < offset : n.start <= offset));
    const { node, start } = nodes[Math.max(0, index)]!;
    return { node, offset: offset - start };
  };
  const from = locate(at, false);
  const to = locate(at + needle.length, true);
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/**
 * Scrolls `container`'s text to the first `wanted`, marks it, and puts a bar
 * above the page with the way back to the results. Returns whether it was found.
 */
export function landOnMatch(main: HTMLElement, wanted: string, backToResults: () => void): boolean {
  const text = main.querySelector('.reader-text, .ProseMirror') ?? main;
  const range = findText(text, wanted);
  CSS.highlights.delete(HIGHLIGHT);
  const bar = h(
    'div',
    { class: 'search-landing', role: 'status' },
    range ? h('span', {}, 'Found “', h('mark', {}, wanted), '”') : h('span', {}, `“${wanted}” is no longer in this text.`),
    h('button', { type: 'button', onclick: backToResults }, '← Back to results'),
  );
  main.prepend(bar);
  window.addEventListener(
    'hashchange',
    () => {
      bar.remove();
      CSS.highlights.delete(HIGHLIGHT);
    },
    { once: true },
  );
  if (!range) return false;
  CSS.highlights.set(HIGHLIGHT, new Highlight(range));
  (range.startContainer.parentElement ?? text).scrollIntoView({ block: 'center' });
  return true;
}
