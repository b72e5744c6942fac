// The source text as paragraphs of segments: every boundary of a highlight,
// an evidence passage or a known-entity mention splits the text, and each
// segment carries the classes and data of everything that covers it.
import { h } from '../../../ui/dom.ts';

export interface Span {
  start: number;
  end: number;
  className: string;
  data: Record<string, string>;
  title?: string;
}

export function renderText(text: string, spans: readonly Span[]): HTMLElement {
  const container = h('div', { class: 'reader-text' });
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) container.append(paragraph(line, offset, spans));
    offset += line.length + 1;
  }
  return container;
}

function paragraph(line: string, offset: number, spans: readonly Span[]): HTMLElement {
  const end = offset + line.length;
  const inside = spans.filter((s) => s.end > offset && s.start < end);
  const cuts = new Set([offset, end]);
  for (const s of inside) {
    cuts.add(Math.max(offset, s.start));
    cuts.add(Math.min(end, s.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const p = h('p', { dir: 'auto', 'data-offset': offset });
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const text = line.slice(from - offset, to - offset);
    const covering = inside.filter((s) => s.start <= from && s.end >= to);
    if (covering.length === 0) {
      p.append(text);
      continue;
    }
    const segment = h('span', { class: covering.map((s) => s.className).join(' '), 'data-start': from });
    for (const s of covering) for (const [k, v] of Object.entries(s.data)) segment.dataset[k] = v;
    const title = covering
      .map((s) => s.title)
      .filter(Boolean)
      .join(' · ');
    if (title) segment.title = title;
    segment.append(text);
    p.append(segment);
  }
  return p;
}

/** The selection as offsets into the source text, or null when it is empty or leaves the text. */
export function selectedRange(container: HTMLElement): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const at = (node: Node, offsetInNode: number): number | null => {
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    const p = element?.closest<HTMLElement>('p[data-offset]');
    if (!p || !container.contains(p)) return null;
    const before = document.createRange();
    before.setStart(p, 0);
    before.setEnd(node, offsetInNode);
    return Number(p.dataset['offset']) + before.toString().length;
  };
  const start = at(range.startContainer, range.startOffset);
  const end = at(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}
