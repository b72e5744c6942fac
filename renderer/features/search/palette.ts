// Ctrl/Cmd+K: search everything. The best hit leads as "Best match"; the rest
// are grouped by kind, each group placed by its own best hit, so the order of
// the API's one ranked list is kept. Arrows and Enter open a result; a text
// result opens on its first match (search-landing.ts). While open, it searches
// again after any change (a record renamed or merged, a source's text indexed),
// so it never offers what is no longer there; closed, it hears nothing. While
// the store is still indexing names (a large store opened after a crash), it
// says that misspelt names cannot be found yet, and asks again every second.
import { call } from '../../core/api.ts';
import { Subscriptions, type ChangeKind } from '../../core/changes.ts';
import type { View } from '../../core/view.ts';
import { h, markedText } from '../../ui/dom.ts';
import { navigate, sectionOf } from '../../core/router.ts';
import type { SearchReadiness, SearchResult } from '../../../db/shared/search-results.ts';

/** The text of a snippet's first <mark>: the words the opened page will scroll to and mark. */
export function firstMarked(snippet: string): string | undefined {
  const mark = /<mark>(.*?)<\/mark>/.exec(snippet);
  return mark ? mark[1]!.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))) : undefined;
}

const GROUP_LABELS: Record<string, string> = Object.fromEntries([
  ['actor', 'Actors'],
  ['place', 'Places'],
  ['event', 'Events'],
  ['note', 'Notes'],
  ['source', 'Sources'],
  ['annotation', 'Highlights'],
]);

interface Section {
  label: string;
  results: SearchResult[];
}

/** The best hit alone, then every kind's hits, the groups in the order of their best hit. */
function sections(results: readonly SearchResult[]): Section[] {
  const [best, ...rest] = results;
  if (!best) return [];
  const groups = new Map<string, SearchResult[]>();
  for (const result of rest) groups.set(result.kind, [...(groups.get(result.kind) ?? []), result]);
  return [
    { label: 'Best match', results: [best] },
    ...[...groups].map(([kind, group]) => ({ label: GROUP_LABELS[kind] ?? kind, results: group })),
  ];
}

/** How often the open palette searches again while names are being indexed. */
const READINESS_RETRY_MS = 1000;
const READY: SearchReadiness = { ready: true, rebuilding: false, names: 0 };

/** What a search can find: a change of any of these may change the results. */
const SEARCHED: readonly ChangeKind[] = ['actor', 'place', 'event', 'source', 'note'];

/** The search palette: a view whose element (a modal dialog) the shell adds to the page once; `open` shows it. */
export class Palette implements View {
  readonly el: HTMLDialogElement;
  private readonly dialog: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private results: SearchResult[] = [];
  private sections: Section[] = [];
  private selected = 0;
  private sequence = 0;
  /** Held while the palette is open. */
  private subscriptions: Subscriptions | null = null;
  /** Whether the last search had the whole name index (else misspellings could not be matched). */
  private namesReady = true;
  private retry: ReturnType<typeof setTimeout> | undefined;

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
    this.el = this.dialog;
    this.input.addEventListener('input', () => void this.search());
    this.dialog.addEventListener('close', () => this.unsubscribe());
    this.input.addEventListener('keydown', (event) => this.key(event));
    this.dialog.addEventListener('click', (event) => {
      if (event.target === this.dialog) this.dialog.close();
    });
  }

  /** Opens the palette; with a query, searches for it at once. */
  open(query?: string): void {
    if (!this.dialog.open) {
      this.dialog.showModal();
      this.subscriptions = new Subscriptions();
      for (const kind of SEARCHED) this.subscriptions.refresh(this, kind);
    }
    if (query !== undefined) this.input.value = query;
    this.input.select();
    void this.search();
  }

  /** Searches again for what is typed, keeping the row chosen where it still is. */
  refresh(): Promise<void> {
    return this.search(this.selected);
  }

  /** Ends the palette: its subscriptions, and its element with the listeners on it. */
  dispose(): void {
    this.unsubscribe();
    this.dialog.close();
    this.dialog.remove();
  }

  private unsubscribe(): void {
    this.subscriptions?.dispose();
    this.subscriptions = null;
    clearTimeout(this.retry);
  }

  private async search(selected = 0): Promise<void> {
    const query = this.input.value;
    const sequence = ++this.sequence;
    clearTimeout(this.retry);
    const [results, readiness] = query.trim()
      ? await Promise.all([call('search', { query, limit: 30 }).catch(() => []), call('search.readiness', {}).catch(() => READY)])
      : [[], READY];
    if (sequence !== this.sequence) return; // a newer keystroke has already asked
    this.sections = sections(results);
    this.results = this.sections.flatMap((section) => section.results);
    this.selected = Math.min(selected, Math.max(0, this.results.length - 1));
    this.namesReady = readiness.ready;
    this.draw(query);
    if (!readiness.ready && this.dialog.open) this.retry = setTimeout(() => void this.search(this.selected), READINESS_RETRY_MS);
  }

  /** Said while the name index is being built: what is missing from the results meanwhile. */
  private indexingNotice(query: string): HTMLElement | null {
    if (!query.trim() || this.namesReady) return null;
    return h(
      'p',
      { class: 'palette-indexing', role: 'status' },
      'Still indexing names: names are found as typed for now, misspelt or in another script once it is done.',
    );
  }

  private draw(query: string): void {
    // Redrawn after a change, the rows keep the focus one of them had (the search box, when no row is left).
    const hadFocus = this.list.contains(document.activeElement);
    if (!query.trim() || this.results.length === 0) {
      this.list.replaceChildren(
        ...[
          this.indexingNotice(query),
          h(
            'p',
            { class: 'muted pad' },
            query.trim() ? `Nothing found for “${query}”.` : 'Type a name, an alias, a word from a note or a source. Typos are fine.',
          ),
        ].filter((row) => row !== null),
      );
      if (query.trim()) this.list.dataset['query'] = query;
      if (hadFocus) this.input.focus();
      return;
    }
    const rows: HTMLElement[] = [];
    const notice = this.indexingNotice(query);
    if (notice) rows.push(notice);
    // Results found only through corrected spellings say so, with the spelling searched.
    const correction = this.results.every((r) => r.correction) ? this.results[0]?.correction : undefined;
    if (correction) rows.push(h('p', { class: 'palette-correction' }, 'Showing results for ', h('strong', {}, correction)));
    let index = 0;
    for (const section of this.sections) {
      rows.push(h('div', { class: 'palette-group' }, section.label));
      for (const result of section.results) {
        const i = index++;
        rows.push(
          h(
            'button',
            {
              type: 'button',
              class: `palette-row${i === this.selected ? ' selected' : ''}`,
              role: 'option',
              'aria-selected': i === this.selected ? 'true' : 'false',
              'data-kind': result.kind,
              onclick: () => this.choose(i),
            },
            h('span', { class: 'palette-title', dir: 'auto' }, result.title),
            result.via ? h('span', { class: 'palette-via', dir: 'auto' }, `names ${result.via}`) : null,
            h('span', { class: 'palette-snippet', dir: 'auto' }, markedText(result.snippet)),
          ),
        );
      }
    }
    this.list.replaceChildren(...rows);
    this.list.dataset['query'] = query;
    const selected = this.list.querySelector<HTMLElement>('.selected');
    selected?.scrollIntoView({ block: 'nearest' });
    if (hadFocus) (selected ?? this.input).focus();
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
    const find =
      result.kind === 'note' || result.kind === 'source' || result.kind === 'annotation' ? firstMarked(result.snippet) : undefined;
    const params = find ? { find } : undefined;
    if (result.kind === 'annotation') {
      void call('annotations.get', { id: result.id }).then((a) => navigate('sources', a.source.id, { at: a.start, ...params }));
    } else navigate(sectionOf(result.kind), result.id, params);
  }
}
