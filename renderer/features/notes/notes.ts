// The notes list and the note being edited.
import type { Editor, JSONContent } from '@tiptap/core';
import type { Note, NoteSummary } from '../../../db/records.ts';
import { call, callOnUnload } from '../../core/api.ts';
import { clear, emptyState, formatDate, h } from '../../ui/dom.ts';
import { Autosave, type SaveState } from '../../editor/autosave.ts';
import { createNoteEditor, refreshMentionLabels } from '../../editor/editor.ts';
import { openRecord } from '../../core/open-record.ts';
import { navigate, sectionOf, trashHref } from '../../core/router.ts';
import { openTrashEntry } from '../../core/trashed.ts';
import { recordEdit } from '../../core/undo.ts';
import { notesHref, readNotesQuery, SORT_WORDS, tagHref, type NotesQuery } from './notes-query.ts';
import { NOTE_SORTS, type NoteSort } from '../../../db/vocabulary.ts';

const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Edited',
  saving: 'Saving…',
  error: 'Not saved: retrying on the next edit',
};

/** A note's tags, each opening the list of every note carrying it. */
export function tagLinks(tags: readonly string[]): HTMLElement | null {
  if (tags.length === 0) return null;
  return h(
    'ul',
    { class: 'tag-links', 'aria-label': 'Tags' },
    tags.map((tag) => h('li', {}, h('a', { href: tagHref(tag), class: 'tag-chip', title: `Every note tagged #${tag}` }, `#${tag}`))),
  );
}

export class NotesView {
  private editor: Editor | undefined;
  private autosave: Autosave | undefined;
  private noteId: number | null = null;
  private titleInput: HTMLInputElement | undefined;
  /** The open note's links whose target is in the trash, as "kind:id". */
  private trashedLinks = new Set<string>();
  /** What the list shows (from the address), and which note is selected in it. */
  private listQuery: NotesQuery | undefined;
  private selected: number | null = null;
  private listSequence = 0;
  private readonly list: HTMLElement;
  private readonly main: HTMLElement;

  constructor(list: HTMLElement, main: HTMLElement) {
    this.list = list;
    this.main = main;
    window.addEventListener('pagehide', () => this.saveOnUnload());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.flush();
    });
  }

  /** Saves pending edits; resolves when they have landed. */
  async flush(): Promise<void> {
    await this.autosave?.flush();
  }

  /**
   * The list, filtered, sorted and narrowed to a tag as the address says
   * (#/notes?q=…&sort=…&tag=…). Typing in the filter or choosing a sort keeps
   * the address up to date without leaving the note that is open.
   */
  async showList(selected: number | null, params: URLSearchParams = new URLSearchParams()): Promise<void> {
    const query = readNotesQuery(params);
    const same = this.list.dataset['section'] === 'notes' && this.listQuery !== undefined;
    const focused = same && document.activeElement === this.list.querySelector('input[aria-label="Filter notes"]');
    this.listQuery = query;
    this.selected = selected;
    const [notes, total] = await Promise.all([this.fetchNotes(query), call('notes.list', { limit: 1 }).then((n) => n.length)]);
    clear(this.list);
    this.list.dataset['section'] = 'notes';
    this.list.append(
      h(
        'div',
        { class: 'list-header' },
        h('h2', {}, 'Notes', h('span', { class: 'count', 'aria-label': 'notes shown' }, String(notes.length))),
        h('button', { type: 'button', class: 'primary', onclick: () => void this.create() }, 'New note'),
      ),
    );
    if (total === 0) {
      this.list.append(
        emptyState(
          'No notes yet',
          'Press “New note” to start writing. Type @ to link an actor, place or event, [[ to link another note, #word to tag.',
        ),
      );
      return;
    }
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
    const ul = h('ul', { class: 'items', role: 'list' });
    const count = this.list.querySelector<HTMLElement>('.list-header .count')!;
    const draw = (shown: NoteSummary[]) => {
      count.textContent = String(shown.length);
      ul.replaceChildren(
        ...(shown.length
          ? shown.map((n) => this.item(n, n.id === this.selected))
          : [h('li', { class: 'muted pad' }, 'No note matches. Clear the filter or the tag to see every note.')]),
      );
    };
    const update = async (change: Partial<NotesQuery>) => {
      const next = { ...this.listQuery!, ...change };
      this.listQuery = next;
      history.replaceState(history.state, '', notesHref(this.selected, next));
      const sequence = ++this.listSequence;
      const shown = await this.fetchNotes(next);
      if (sequence === this.listSequence) draw(shown);
    };
    filter.addEventListener('input', () => void update({ q: filter.value }));
    sort.addEventListener('change', () => void update({ sort: sort.value as NoteSort }));
    this.list.append(
      h('div', { class: 'list-tools' }, filter, sort),
      ...(query.tag
        ? [
            h(
              'p',
              { class: 'active-tag' },
              'Tagged ',
              h('a', { href: '#/tags', class: 'tag-chip', title: 'Every tag' }, `#${query.tag}`),
              h(
                'a',
                {
                  href: notesHref(selected, { ...query, tag: null }),
                  class: 'tool',
                  'aria-label': `Show every note, not only #${query.tag}`,
                },
                '×',
              ),
            ),
          ]
        : []),
      ul,
    );
    draw(notes);
    if (focused) {
      filter.focus();
      filter.setSelectionRange(filter.value.length, filter.value.length);
    }
  }

  private fetchNotes(query: NotesQuery): Promise<NoteSummary[]> {
    return call('notes.list', {
      limit: 500,
      sort: query.sort,
      ...(query.q.trim() ? { query: query.q } : {}),
      ...(query.tag ? { tag: query.tag } : {}),
    });
  }

  private item(note: NoteSummary, active: boolean): HTMLElement {
    return h(
      'li',
      {},
      h(
        'a',
        {
          href: notesHref(note.id, this.listQuery ?? readNotesQuery(new URLSearchParams())),
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

  async create(): Promise<void> {
    await this.flush();
    const note = await call('notes.create', { title: '' });
    navigate('notes', note.id);
  }

  async open(id: number | null): Promise<void> {
    if (id === this.noteId && this.editor) return;
    await this.flush();
    this.editor?.destroy();
    this.editor = undefined;
    this.autosave = undefined;
    this.noteId = null;
    clear(this.main);
    if (id === null) {
      this.main.append(emptyState('No note open', 'Choose a note on the left, or press Ctrl+K to search everything.'));
      return;
    }
    const note = await call('notes.get', { id });
    this.noteId = id;
    this.render(note);
  }

  private render(note: Note): void {
    const status = h('span', { class: 'save-state', 'data-state': 'saved', role: 'status' }, 'Saved');
    const title = h('input', { class: 'note-title', value: note.title, placeholder: 'Untitled note', 'aria-label': 'Title', dir: 'auto' });
    const body = h('div', { class: 'editor-host' });
    const links = h('section', { class: 'note-links' });
    this.titleInput = title;
    this.main.append(h('article', { class: 'note' }, h('header', { class: 'note-header' }, title, status), this.toolbar(), body, links));
    this.renderLinks(links, note);

    const id = note.id;
    this.autosave = new Autosave(
      async () => {
        const saved = await call('notes.update', { id, title: title.value, body: this.editor!.getJSON() as never });
        this.renderLinks(links, saved);
        this.refreshListItem(saved);
      },
      (state) => {
        status.textContent = SAVE_LABEL[state];
        status.dataset['state'] = state;
      },
    );
    const names = new Map(note.links.map((l) => [`${l.kind}:${l.id}`, l.name]));
    const isTrashed = (kind: string, target: number) => this.trashedLinks.has(`${kind}:${target}`);
    let unreadable: string | undefined;
    this.editor = createNoteEditor({
      element: body,
      content: refreshMentionLabels(note.body as JSONContent, names),
      onChange: () => this.autosave?.touch(),
      onBlur: () => void this.flush(),
      onMentionClick: (kind, target) => void (isTrashed(kind, target) ? openTrashEntry(kind, target) : openRecord(kind, target)),
      isTrashed,
      onTagClick: (tag) => (location.hash = tagHref(tag)),
      onContentError: (message) => (unreadable = message),
    });
    if (unreadable !== undefined) {
      // What the editor shows is not what is stored: editing it would lose the rest.
      this.autosave = undefined;
      this.editor.setEditable(false);
      title.disabled = true;
      status.textContent = 'Read-only';
      status.dataset['state'] = 'error';
      body.before(
        h(
          'p',
          { class: 'note-unreadable', role: 'alert' },
          `This note holds content this version of Fieldbook cannot show (${unreadable}). It is kept exactly as stored, and nothing here is saved over it. Its text:`,
        ),
        h('div', { class: 'note-plain', dir: 'auto' }, note.text),
      );
    }
    title.addEventListener('input', () => this.autosave?.touch());
    title.addEventListener('blur', () => void this.flush());
    title.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.editor?.commands.focus('start');
      }
    });
    if (!note.title && note.text.trim() === '') title.focus();
  }

  private toolbar(): HTMLElement {
    const run = (command: (e: Editor) => void) => (event: Event) => {
      event.preventDefault();
      if (this.editor) command(this.editor);
    };
    const button = (label: string, title: string, command: (e: Editor) => void) =>
      h('button', { type: 'button', class: 'tool', title, 'aria-label': title, onmousedown: run(command) }, label);
    return h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Formatting' },
      button('H1', 'Heading 1', (e) => e.chain().focus().toggleHeading({ level: 1 }).run()),
      button('H2', 'Heading 2', (e) => e.chain().focus().toggleHeading({ level: 2 }).run()),
      button('B', 'Bold (Ctrl+B)', (e) => e.chain().focus().toggleBold().run()),
      button('I', 'Italic (Ctrl+I)', (e) => e.chain().focus().toggleItalic().run()),
      button('U', 'Underline (Ctrl+U)', (e) => e.chain().focus().toggleUnderline().run()),
      button('S', 'Strikethrough', (e) => e.chain().focus().toggleStrike().run()),
      button('•', 'Bulleted list', (e) => e.chain().focus().toggleBulletList().run()),
      button('1.', 'Numbered list', (e) => e.chain().focus().toggleOrderedList().run()),
      button('☐', 'Task list', (e) => e.chain().focus().toggleTaskList().run()),
      button('❝', 'Quote', (e) => e.chain().focus().toggleBlockquote().run()),
      button('</>', 'Code block', (e) => e.chain().focus().toggleCodeBlock().run()),
      button('⊞', 'Table', (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()),
      button('―', 'Horizontal rule', (e) => e.chain().focus().setHorizontalRule().run()),
      button('Link', 'Link (https://…)', (e) => {
        const previous = String(e.getAttributes('link')['href'] ?? '');
        const url = window.prompt('Link address (https://…)', previous);
        if (url === null) return;
        if (url === '') e.chain().focus().unsetLink().run();
        else if (/^(https?:|mailto:)/i.test(url)) e.chain().focus().setLink({ href: url }).run();
      }),
      button('↶', 'Undo (Ctrl+Z)', (e) => e.chain().focus().undo().run()),
      button('↷', 'Redo (Ctrl+Shift+Z)', (e) => e.chain().focus().redo().run()),
      h('span', { class: 'toolbar-spacer' }),
      h('button', { type: 'button', class: 'tool danger', title: 'Move to trash', onclick: () => void this.trash() }, 'Delete'),
    );
  }

  private async trash(): Promise<void> {
    if (this.noteId === null) return;
    await this.flush();
    const id = this.noteId;
    const title = this.titleInput?.value || 'Untitled note';
    await call('notes.delete', { id });
    recordEdit(
      `Moved “${title}” to the trash`,
      async () => {
        await call('trash.restore', { kind: 'note', id });
        navigate('notes', id);
      },
      { key: `trash:note:${id}` },
    );
    this.editor?.destroy();
    this.editor = undefined;
    this.autosave = undefined;
    this.noteId = null;
    navigate('notes');
  }

  private renderLinks(section: HTMLElement, note: Note): void {
    clear(section);
    this.trashedLinks = new Set(note.links.filter((l) => l.trashed).map((l) => `${l.kind}:${l.id}`));
    if (note.tags.length) section.append(h('h3', {}, 'Tags'), tagLinks(note.tags)!);
    if (note.links.length) {
      section.append(
        h('h3', {}, 'Links'),
        h(
          'ul',
          { class: 'link-list' },
          note.links.map((l) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href:
                    l.trashed && l.kind !== 'annotation'
                      ? trashHref(l.kind, l.id)
                      : l.kind === 'annotation'
                        ? '#'
                        : `#/${sectionOf(l.kind)}/${l.id}`,
                  class: `chip chip-${l.kind}${l.trashed ? ' chip-trashed' : ''}`,
                  title: l.trashed ? 'In the trash: opens its trash entry' : null,
                  onclick: (event: Event) => {
                    event.preventDefault();
                    void (l.trashed ? openTrashEntry(l.kind, l.id) : openRecord(l.kind, l.id));
                  },
                },
                l.name,
              ),
            ),
          ),
        ),
      );
    }
    section.append(h('h3', {}, 'Linked from'));
    section.append(
      note.backlinks.length
        ? h(
            'ul',
            { class: 'backlinks' },
            note.backlinks.map((b) =>
              h('li', {}, h('a', { href: `#/notes/${b.noteId}` }, b.noteTitle || 'Untitled note'), h('p', { dir: 'auto' }, b.context)),
            ),
          )
        : h('p', { class: 'muted' }, 'No other note links here yet. Type [[ in a note to link to this one.'),
    );
  }

  private refreshListItem(note: Note): void {
    const link = this.list.querySelector<HTMLElement>(`[data-note-id="${note.id}"]`);
    if (!link) return;
    link.querySelector('.item-title')!.textContent = note.title || 'Untitled note';
    link.querySelector('.item-meta')!.textContent = formatDate(note.updatedAt);
    link.querySelector('.item-excerpt')!.textContent = note.excerpt;
    link.parentElement?.querySelector('.tag-links')?.remove();
    const tags = tagLinks(note.tags);
    if (tags) link.after(tags);
  }

  /** Last resort when the page goes away mid-edit: a save that outlives the page. */
  private saveOnUnload(): void {
    if (!this.autosave?.pending || this.noteId === null || !this.editor || !this.titleInput) return;
    callOnUnload('notes.update', { id: this.noteId, title: this.titleInput.value, body: this.editor.getJSON() as never });
  }
}
