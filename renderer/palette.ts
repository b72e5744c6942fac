// Ctrl/Cmd+K: search everything, results grouped by kind, arrows and Enter to open.
import type { SearchResult } from '../db/search/search.ts';
import { call } from './api.ts';
import { h, markedText } from './dom.ts';
import { navigate, sectionOf } from './router.ts';

const GROUPS: [string, string][] = [
  ['actor', 'Actors'],
  ['place', 'Places'],
  ['event', 'Events'],
  ['note', 'Notes'],
  ['source', 'Sources'],
  ['annotation', 'Highlights'],
];

export class Palette {
  private readonly dialog: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private results: SearchResult[] = [];
  private selected = 0;
  private sequence = 0;

  constructor() {
    this.input = h('input', {
      type: 'search',
      class: 'palette-input',
      placeholder: 'Search actors, places, events, notes, sources…',
      'aria-label': 'Search',
      autocomplete: 'off',
    });
    this.list = h('div', { class: 'palette-results', role: 'listbox' });
    this.dialog = h(
      'dialog',
      { class: 'palette', 'aria-label': 'Search' },
      this.input,
      this.list,
      h('p', { class: 'palette-hint' }, '↑↓ to move · Enter to open · Esc to close'),
    );
    document.body.append(this.dialog);
    this.input.addEventListener('input', () => void this.search());
    this.input.addEventListener('keydown', (event) => this.key(event));
    this.dialog.addEventListener('click', (event) => {
      if (event.target === this.dialog) this.dialog.close();
    });
  }

  open(): void {
    if (!this.dialog.open) this.dialog.showModal();
    this.input.select();
    void this.search();
  }

  private async search(): Promise<void> {
    const query = this.input.value;
    const sequence = ++this.sequence;
    const results = query.trim() ? await call('search', { query, limit: 30 }).catch(() => []) : [];
    if (sequence !== this.sequence) return; // a newer keystroke has already asked
    this.results = GROUPS.flatMap(([kind]) => results.filter((r) => r.kind === kind));
    this.selected = 0;
    this.draw(query);
  }

  private draw(query: string): void {
    if (!query.trim()) {
      this.list.replaceChildren(h('p', { class: 'muted pad' }, 'Type a name, an alias, a word from a note or a source. Typos are fine.'));
      return;
    }
    if (this.results.length === 0) {
      this.list.replaceChildren(h('p', { class: 'muted pad' }, `Nothing found for “${query}”.`));
      return;
    }
    const rows: HTMLElement[] = [];
    let index = 0;
    for (const [kind, label] of GROUPS) {
      const group = this.results.filter((r) => r.kind === kind);
      if (!group.length) continue;
      rows.push(h('div', { class: 'palette-group' }, label));
      for (const result of group) {
        const i = index++;
        rows.push(
          h(
            'button',
            {
              type: 'button',
              class: `palette-row${i === this.selected ? ' selected' : ''}`,
              role: 'option',
              'aria-selected': i === this.selected ? 'true' : 'false',
              onclick: () => this.choose(i),
            },
            h('span', { class: 'palette-title', dir: 'auto' }, result.title),
            h('span', { class: 'palette-snippet', dir: 'auto' }, markedText(result.snippet)),
          ),
        );
      }
    }
    this.list.replaceChildren(...rows);
    this.list.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
  }

  private key(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const n = this.results.length;
      if (!n) return;
      this.selected = (this.selected + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.draw(this.input.value);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.choose(this.selected);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.dialog.close();
    }
  }

  private choose(index: number): void {
    const result = this.results[index];
    if (!result) return;
    this.dialog.close();
    if (result.kind === 'annotation') {
      void call('annotations.get', { id: result.id }).then((a) => navigate('sources', a.source.id, { at: a.start }));
    } else navigate(sectionOf(result.kind), result.id);
  }
}
