// The Tags view (#/tags): every tag with how many notes carry it; choosing
// one (#/tags?tag=border) lists those notes beside it.
import type { NoteSummary } from '../../../db/shared/records.ts';
import { call } from '../../core/api.ts';
import { emptyState, formatDate, h } from '../../ui/dom.ts';
import { serially, viewElement, type View } from '../../core/view.ts';
import { notesHref, readNotesQuery, tagHref } from './notes-query.ts';
import type { MethodResult } from '../../../db/shared/contract.ts';

/** #/tags: the tags in the list pane, the notes of the chosen one in the main pane. */
export async function tagsView(params: URLSearchParams): Promise<View> {
  const selected = params.get('tag')?.trim().replace(/^#/, '').toLowerCase() || null;
  const el = viewElement();
  const aside = viewElement();
  const refresh = serially(async () => {
    const [tags, notes] = await Promise.all([
      call('tags.list', {}),
      selected ? call('notes.list', { tag: selected, limit: 500 }) : Promise.resolve([] as NoteSummary[]),
    ]);
    aside.replaceChildren(...tagList(tags, selected));
    el.replaceChildren(
      selected ? tagNotes(selected, notes) : emptyState('Choose a tag', 'Its notes are listed here. Tags come from #words in your notes.'),
    );
  });
  await refresh();
  return { el, aside, refresh, dispose: () => undefined };
}

function tagList(tags: MethodResult<'tags.list'>, selected: string | null): HTMLElement[] {
  const header = h('div', { class: 'list-header' }, h('h2', {}, 'Tags', h('span', { class: 'count' }, String(tags.length))));
  if (tags.length === 0) {
    return [header, emptyState('No tags yet', 'Type #word in a note to tag it: every note with that tag is then one click away.')];
  }
  return [
    header,
    h(
      'ul',
      { class: 'items', role: 'list', 'aria-label': 'Tags' },
      tags.map(({ tag, count }) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: `#/tags?${new URLSearchParams({ tag })}`, class: `item tag-item${tag === selected ? ' active' : ''}`, 'data-tag': tag },
            h('span', { class: 'item-title' }, `#${tag}`),
            h('span', { class: 'count', 'aria-label': `${count} note${count === 1 ? '' : 's'}` }, String(count)),
          ),
        ),
      ),
    ),
  ];
}

function tagNotes(selected: string, notes: NoteSummary[]): HTMLElement {
  const query = { ...readNotesQuery(new URLSearchParams()), tag: selected };
  return h(
    'section',
    { class: 'tag-notes' },
    h(
      'header',
      { class: 'record-header' },
      h('span', { class: 'kind-badge' }, 'Tag'),
      h('h1', { class: 'record-title' }, `#${selected}`),
      h(
        'p',
        { class: 'row-meta' },
        `${notes.length} note${notes.length === 1 ? '' : 's'} · `,
        h('a', { href: tagHref(selected) }, 'show them in the Notes list'),
      ),
    ),
    notes.length
      ? h(
          'ul',
          { class: 'rows' },
          notes.map((note) =>
            h(
              'li',
              {},
              h('a', { href: notesHref(note.id, query), 'data-note-id': note.id }, note.title || 'Untitled note'),
              h('span', { class: 'row-meta' }, formatDate(note.updatedAt)),
              h('p', { class: 'context', dir: 'auto' }, note.excerpt),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No note carries this tag now.'),
  );
}
