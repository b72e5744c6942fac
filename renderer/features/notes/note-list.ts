// The notes list (the list pane of #/notes): filtered, sorted and narrowed to
// a tag as the address says (#/notes?q=…&sort=…&tag=…). Typing in the filter
// or choosing a sort keeps the address up to date without leaving the note
// that is open; the open note's saves update its row in place.
import type { Note, NoteSummary } from '../../../db/shared/records.ts';
import { NOTE_SORTS, type NoteSort } from '../../../db/shared/vocabulary.ts';
import { call } from '../../core/api.ts';
import { parseRoute } from '../../core/router.ts';
import { serially, viewElement, type View } from '../../core/view.ts';
import { emptyState, formatDate, h } from '../../ui/dom.ts';
import { notesHref, readNotesQuery, SORT_WORDS, tagHref, type NotesQuery } from './notes-query.ts';

/** A note's tags, each opening the list of every note carrying it. */
export function tagLinks(tags: readonly string[]): HTMLElement | null {
  if (tags.length === 0) return null;
  return h(
    'ul',
    { class: 'tag-links', 'aria-label': 'Tags' },
    tags.map((tag) => h('li', {}, h('a', { href: tagHref(tag), class: 'tag-chip', title: `Every note tagged #${tag}` }, `#${tag}`))),
  );
}

function fetchNotes(query: NotesQuery): Promise<NoteSummary[]> {
  return call('notes.list', {
    limit: 500,
    sort: query.sort,
    ...(query.q.trim() ? { query: query.q } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
  });
}

export class NoteList implements View {
  readonly el = viewElement();
  /** What the list shows (from the address; undefined until first drawn), and which note is selected in it. */
  private query: NotesQuery | undefined;
  private selected: number | null = null;
  private sequence = 0;
  private readonly newNote: () => void;

  constructor(newNote: () => void) {
    this.newNote = newNote;
  }

  /** The list as the address says, with its note selected. */
  readonly refresh = serially(async () => {
    const route = parseRoute(location.hash);
    await this.draw(route.id, route.params);
  });

  /** Nothing to end: its listeners are on its own elements. */
  dispose(): void {}

  /** The open note was saved: its row shows the new title, time, excerpt and tags. */
  updateItem(note: Note): void {
    const link = this.el.querySelector<HTMLElement>(`[data-note-id="${note.id}"]`);
    if (!link) return;
    link.querySelector('.item-title')!.textContent = note.title || 'Untitled note';
    link.querySelector('.item-meta')!.textContent = formatDate(note.updatedAt);
    link.querySelector('.item-excerpt')!.textContent = note.excerpt;
    link.parentElement?.querySelector('.tag-links')?.remove();
    const tags = tagLinks(note.tags);
    if (tags) link.after(tags);
  }

  private async draw(selected: number | null, params: URLSearchParams): Promise<void> {
    const query = readNotesQuery(params);
    const focused = this.query !== undefined && document.activeElement === this.el.querySelector('input[aria-label="Filter notes"]');
    this.query = query;
    this.selected = selected;
    const [notes, total] = await Promise.all([fetchNotes(query), call('notes.list', { limit: 1 }).then((n) => n.length)]);
    const count = h('span', { class: 'count', 'aria-label': 'notes shown' }, String(notes.length));
    const header = h(
      'div',
      { class: 'list-header' },
      h('h2', {}, 'Notes', count),
      h('button', { type: 'button', class: 'primary', onclick: () => this.newNote() }, 'New note'),
    );
    if (total === 0) {
      const hint = 'Press “New note” to start writing. Type @ to link an actor, place or event, [[ to link another note, #word to tag.';
      this.el.replaceChildren(header, emptyState('No notes yet', hint));
      return;
    }
    const ul = h('ul', { class: 'items', role: 'list' });
    const show = (shown: NoteSummary[]) => this.fill(ul, count, shown);
    const { filter, sort } = this.tools(query, show);
    this.el.replaceChildren(header, h('div', { class: 'list-tools' }, filter, sort), ...this.activeTag(query, selected), ul);
    show(notes);
    if (focused) {
      filter.focus();
      filter.setSelectionRange(filter.value.length, filter.value.length);
    }
  }

  /** The filter box and the sort, which change the list (and the address) without a new page. */
  private tools(query: NotesQuery, show: (notes: NoteSummary[]) => void): { filter: HTMLInputElement; sort: HTMLSelectElement } {
    const filter = h('input', {
      type: 'search',
      class: 'filter',
      placeholder: 'Filter notes…',
      'aria-label': 'Filter notes',
      value: query.q,
    });
    const sort = h(
      'select',
      { class: 'filter', 'aria-label': 'Sort notes' },
      NOTE_SORTS.map((key) => h('option', { value: key, selected: key === query.sort }, `Sort: ${SORT_WORDS[key]}`)),
    );
    const update = async (change: Partial<NotesQuery>) => {
      const next = { ...this.query!, ...change };
      this.query = next;
      history.replaceState(history.state, '', notesHref(this.selected, next));
      const sequence = ++this.sequence;
      const shown = await fetchNotes(next);
      if (sequence === this.sequence) show(shown);
    };
    filter.addEventListener('input', () => void update({ q: filter.value }));
    sort.addEventListener('change', () => void update({ sort: sort.value as NoteSort }));
    return { filter, sort };
  }

  /** "Tagged #border ×" when the list is narrowed to a tag. */
  private activeTag(query: NotesQuery, selected: number | null): HTMLElement[] {
    if (!query.tag) return [];
    return [
      h(
        'p',
        { class: 'active-tag' },
        'Tagged ',
        h('a', { href: '#/tags', class: 'tag-chip', title: 'Every tag' }, `#${query.tag}`),
        h(
          'a',
          { href: notesHref(selected, { ...query, tag: null }), class: 'tool', 'aria-label': `Show every note, not only #${query.tag}` },
          '×',
        ),
      ),
    ];
  }

  private fill(ul: HTMLElement, count: HTMLElement, shown: NoteSummary[]): void {
    count.textContent = String(shown.length);
    ul.replaceChildren(
      ...(shown.length
        ? shown.map((n) => this.item(n, n.id === this.selected))
        : [h('li', { class: 'muted pad' }, 'No note matches. Clear the filter or the tag to see every note.')]),
    );
  }

  private item(note: NoteSummary, active: boolean): HTMLElement {
    return h(
      'li',
      {},
      h(
        'a',
        {
          href: notesHref(note.id, this.query ?? readNotesQuery(new URLSearchParams())),
          class: `item${active ? ' active' : ''}`,
          'data-note-id': note.id,
        },
        h('span', { class: 'item-title' }, note.title || 'Untitled note'),
        h('span', { class: 'item-meta' }, formatDate(note.updatedAt)),
        h('span', { class: 'item-excerpt', dir: 'auto' }, note.excerpt),
      ),
      tagLinks(note.tags),
    );
  }
}
