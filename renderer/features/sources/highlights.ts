// Every highlight with its comment and links, filterable by source, colour
// and linked record, and searchable.
import type { Annotation } from '../../../db/shared/records.ts';
import { call } from '../../core/api.ts';
import { emptyState, h } from '../../ui/dom.ts';
import { viewElement, type View } from '../../core/view.ts';
import { href } from '../../core/router.ts';
import { COLORS } from './reader/passage-actions.ts';
import './reader/reader-edit.css';
import { foldText } from '../../../db/shared/folding.ts';

/** #/highlights: the filters in the list pane, the highlights they keep in the main pane. */
export async function highlightsView(): Promise<View> {
  const el = viewElement();
  const aside = viewElement();
  const refresh = async () => {
    const all: Annotation[] = await call('annotations.list', {});
    drawHighlights(all, el, aside);
  };
  await refresh();
  return { el, aside, refresh, dispose: () => undefined };
}

function select(label: string, all: string, options: [value: string | number, text: string][]): HTMLSelectElement {
  return h(
    'select',
    { class: 'filter', 'aria-label': label },
    h('option', { value: '' }, all),
    options.map(([value, text]) => h('option', { value }, text)),
  );
}

function drawHighlights(all: Annotation[], el: HTMLElement, aside: HTMLElement): void {
  const sources = [...new Map(all.map((a) => [a.source.id, a.source.title])).entries()];
  const records = [...new Map(all.flatMap((a) => a.links).map((l) => [`${l.kind}:${l.id}`, l])).values()];
  const text = h('input', { type: 'search', class: 'filter', placeholder: 'Search highlights…', 'aria-label': 'Search highlights' });
  const source = select('Source', 'All sources', sources);
  const color = select(
    'Colour',
    'All colours',
    COLORS.map((c) => [c, c]),
  );
  const record = select(
    'Linked record',
    'Any linked record',
    records.map((r) => [`${r.kind}:${r.id}`, `${r.name} (${r.kind})`]),
  );
  const rows = h('ul', { class: 'rows highlights' });
  const count = h('span', { class: 'count' });
  const draw = () => {
    const q = foldText(text.value.trim());
    const shown = all.filter(
      (a) =>
        (!source.value || String(a.source.id) === source.value) &&
        (!color.value || a.color === color.value) &&
        (!record.value || a.links.some((l) => `${l.kind}:${l.id}` === record.value)) &&
        (!q || foldText(`${a.quote} ${a.comment} ${a.links.map((l) => l.name).join(' ')}`).includes(q)),
    );
    count.textContent = `${shown.length} of ${all.length}`;
    rows.replaceChildren(...shown.map(highlightRow));
  };
  for (const control of [text, source, color, record]) control.addEventListener('input', draw);
  aside.replaceChildren(h('div', { class: 'list-header' }, h('h2', {}, 'Highlights'), count), text, source, color, record);
  if (all.length === 0) {
    el.replaceChildren(
      emptyState('No highlights yet', 'Open a source and select a passage to highlight it, comment on it or link it to a record.'),
    );
    return;
  }
  el.replaceChildren(h('article', { class: 'record' }, h('header', { class: 'record-header' }, h('h1', {}, 'Highlights')), rows));
  draw();
}

function highlightRow(a: Annotation): HTMLElement {
  return h(
    'li',
    { class: 'highlight-row' },
    // An orphaned highlight has no place in the text: its link opens the source, where it is listed above the text.
    h(
      'a',
      { href: href('sources', a.source.id, a.orphaned ? undefined : { at: a.start }), class: `hl hl-${a.color} quote`, dir: 'auto' },
      a.quote,
    ),
    a.orphaned ? h('span', { class: 'orphan-tag', title: 'No longer found in the text after an edit' }, 'orphaned') : null,
    a.comment ? h('p', { class: 'comment', dir: 'auto' }, a.comment) : null,
    h(
      'p',
      { class: 'row-meta' },
      a.source.title,
      ...a.links.map((l) => [' · ', h('a', { href: href(`${l.kind}s` as never, l.id), class: `chip chip-${l.kind}` }, l.name)]).flat(),
    ),
  );
}
