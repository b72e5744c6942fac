// Every highlight with its comment and links, filterable by source, colour
// and linked record, and searchable.
import type { Annotation } from '../../../db/records.ts';
import { call } from '../../core/api.ts';
import { clear, emptyState, h } from '../../ui/dom.ts';
import { href } from '../../core/router.ts';
import { COLORS } from './reader/passage-actions.ts';
import './reader/reader-edit.css';
import { foldText } from '../../../db/text.ts';

export async function showHighlights(list: HTMLElement, main: HTMLElement): Promise<void> {
  const all: Annotation[] = await call('annotations.list', {});
  const sources = [...new Map(all.map((a) => [a.source.id, a.source.title])).entries()];
  const records = [...new Map(all.flatMap((a) => a.links).map((l) => [`${l.kind}:${l.id}`, l])).values()];
  const text = h('input', { type: 'search', class: 'filter', placeholder: 'Search highlights…', 'aria-label': 'Search highlights' });
  const source = h(
    'select',
    { class: 'filter', 'aria-label': 'Source' },
    h('option', { value: '' }, 'All sources'),
    sources.map(([id, title]) => h('option', { value: id }, title)),
  );
  const color = h(
    'select',
    { class: 'filter', 'aria-label': 'Colour' },
    h('option', { value: '' }, 'All colours'),
    COLORS.map((c) => h('option', { value: c }, c)),
  );
  const record = h(
    'select',
    { class: 'filter', 'aria-label': 'Linked record' },
    h('option', { value: '' }, 'Any linked record'),
    records.map((r) => h('option', { value: `${r.kind}:${r.id}` }, `${r.name} (${r.kind})`)),
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
    rows.replaceChildren(
      ...shown.map((a) =>
        h(
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
            ...a.links
              .map((l) => [' · ', h('a', { href: href(`${l.kind}s` as never, l.id), class: `chip chip-${l.kind}` }, l.name)])
              .flat(),
          ),
        ),
      ),
    );
  };
  for (const control of [text, source, color, record]) control.addEventListener('input', draw);
  clear(list);
  clear(main);
  list.append(h('div', { class: 'list-header' }, h('h2', {}, 'Highlights'), count), text, source, color, record);
  if (all.length === 0) {
    main.append(
      emptyState('No highlights yet', 'Open a source and select a passage to highlight it, comment on it or link it to a record.'),
    );
    return;
  }
  main.append(h('article', { class: 'record' }, h('header', { class: 'record-header' }, h('h1', {}, 'Highlights')), rows));
  draw();
}
