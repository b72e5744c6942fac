// The notes feature: the note being edited (the main pane of #/notes/ID) and
// the controller that ties it to the notes list beside it (note-list.ts): a
// save updates the note's row in place; leaving the note saves it first.
import type { Editor, JSONContent } from '@tiptap/core';
import type { Note } from '../../../db/shared/records.ts';
import { call, callOnUnload } from '../../core/api.ts';
import { openRecord } from '../../core/open-record.ts';
import { navigate, sectionOf, trashHref } from '../../core/router.ts';
import { openTrashEntry } from '../../core/trashed.ts';
import { recordEdit } from '../../core/undo.ts';
import { viewElement, type View } from '../../core/view.ts';
import { clear, h } from '../../ui/dom.ts';
import { Autosave, type SaveState } from '../../editor/autosave.ts';
import { createNoteEditor, refreshMentionLabels } from '../../editor/editor.ts';
import { NoteList, tagLinks } from './note-list.ts';
import { tagHref } from './notes-query.ts';

const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Edited',
  saving: 'Saving…',
  error: 'Not saved: retrying on the next edit',
};

/** The note being edited: its title, toolbar, editor, and the links and backlinks under it. */
class NoteView implements View {
  readonly el = viewElement();
  private editor: Editor | undefined;
  private autosave: Autosave | undefined;
  private titleInput: HTMLInputElement | undefined;
  /** The open note's links whose target is in the trash, as "kind:id". */
  private trashedLinks = new Set<string>();
  private readonly note: Note;
  private readonly saved: (note: Note) => void;

  constructor(note: Note, saved: (note: Note) => void) {
    this.note = note;
    this.saved = saved;
    this.render(note);
  }

  /**
   * Nothing to redraw: the editor holds what is stored (it saves within half
   * a second of each edit), and the links follow each save.
   */
  refresh(): void {}

  mounted(): void {
    if (!this.note.title && this.note.text.trim() === '') this.titleInput?.focus();
  }

  /** Saves pending edits; resolves when they have landed. */
  async flush(): Promise<void> {
    await this.autosave?.flush();
  }

  /** Leaves the editor once what was typed is saved. */
  dispose(): void {
    void this.flush().finally(() => {
      this.editor?.destroy();
      this.editor = undefined;
    });
  }

  /** Last resort when the page goes away mid-edit: a save that outlives the page. */
  saveOnUnload(): void {
    if (!this.autosave?.pending || !this.editor || !this.titleInput) return;
    callOnUnload('notes.update', { id: this.note.id, title: this.titleInput.value, body: this.editor.getJSON() as never });
  }

  private render(note: Note): void {
    const status = h('span', { class: 'save-state', 'data-state': 'saved', role: 'status' }, 'Saved');
    const title = h('input', { class: 'note-title', value: note.title, placeholder: 'Untitled note', 'aria-label': 'Title', dir: 'auto' });
    const body = h('div', { class: 'editor-host' });
    const links = h('section', { class: 'note-links' });
    this.titleInput = title;
    this.el.append(h('article', { class: 'note' }, h('header', { class: 'note-header' }, title, status), this.toolbar(), body, links));
    this.renderLinks(links, note);

    const id = note.id;
    this.autosave = new Autosave(
      async () => {
        const saved = await call('notes.update', { id, title: title.value, body: this.editor!.getJSON() as never });
        this.renderLinks(links, saved);
        this.saved(saved);
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
    await this.flush();
    const id = this.note.id;
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
}

/** The notes feature on screen: the list, and the note open beside it (the last ones shown: a view disposed of since has saved and lets go). */
export class Notes {
  private list: NoteList | undefined;
  private open: NoteView | undefined;

  constructor() {
    window.addEventListener('pagehide', () => this.open?.saveOnUnload());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.flush();
    });
  }

  /** Saves the open note's pending edits; resolves when they have landed. */
  async flush(): Promise<void> {
    await this.open?.flush();
  }

  async create(): Promise<void> {
    await this.flush();
    const note = await call('notes.create', { title: '' });
    navigate('notes', note.id);
  }

  /** The list pane of #/notes. */
  async listView(): Promise<View> {
    const list = new NoteList(() => void this.create());
    await list.refresh();
    this.list = list;
    return list;
  }

  /** The note `id`, open in the editor. */
  async noteView(id: number): Promise<View> {
    const note = await call('notes.get', { id });
    this.open = new NoteView(note, (saved) => this.list?.updateItem(saved));
    return this.open;
  }
}
