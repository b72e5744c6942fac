// The source reader: the document with its paragraphs, its evidence passages
// and highlights marked, scrolled to a passage when the route names one.
import type { Evidence, SourceDetail } from '../../db/records.ts';
import { call } from '../api.ts';
import { clear, h } from '../dom.ts';

interface Span {
  start: number;
  end: number;
  className: string;
  title: string;
}

/** The text of one paragraph with the parts covered by spans wrapped in <mark>. */
function paragraph(text: string, offset: number, spans: Span[]): HTMLElement {
  const p = h('p', { dir: 'auto' });
  let at = offset;
  const end = offset + text.length;
  for (const span of spans.filter((s) => s.end > offset && s.start < end).sort((a, b) => a.start - b.start)) {
    const from = Math.max(span.start, at);
    const to = Math.min(span.end, end);
    if (to <= from) continue;
    p.append(
      text.slice(at - offset, from - offset),
      h('mark', { class: span.className, title: span.title, 'data-start': from }, text.slice(from - offset, to - offset)),
    );
    at = to;
  }
  p.append(text.slice(at - offset));
  return p;
}

export async function showSource(main: HTMLElement, id: number, params: URLSearchParams): Promise<void> {
  const [source, evidence, annotations]: [SourceDetail, Evidence[], Awaited<ReturnType<typeof call<'annotations.list'>>>] =
    await Promise.all([call('sources.get', { id }), call('evidence.list', { sourceId: id }), call('annotations.list', { sourceId: id })]);
  const spans: Span[] = [
    ...evidence.map((e) => ({ start: e.start, end: e.end, className: 'evidence-mark', title: `Evidence for ${e.subject.name}` })),
    ...annotations.map((a) => ({ start: a.start, end: a.end, className: `hl hl-${a.color}`, title: a.comment || 'Highlight' })),
  ];
  const body = h('div', { class: 'reader-text' });
  let offset = 0;
  for (const line of source.text.split('\n')) {
    if (line.trim()) body.append(paragraph(line, offset, spans));
    offset += line.length + 1;
  }
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record reader' },
      h(
        'header',
        { class: 'record-header' },
        h('span', { class: 'kind-badge' }, 'Source'),
        h('h1', { dir: 'auto' }, source.title),
        h(
          'p',
          { class: 'facts' },
          [source.author, source.publisher, source.published, `reliability ${source.reliability}`].filter(Boolean).join(' · '),
        ),
        source.note ? h('p', { class: 'comment' }, source.note) : null,
      ),
      body,
    ),
  );
  const at = Number(params.get('at'));
  if (params.has('at') && Number.isInteger(at)) {
    const marks = [...body.querySelectorAll<HTMLElement>('mark[data-start]')];
    const target = marks.find((m) => Number(m.dataset['start']) >= at) ?? marks.at(-1);
    if (target) {
      target.classList.add('focus');
      target.scrollIntoView({ block: 'center' });
    }
  }
}
