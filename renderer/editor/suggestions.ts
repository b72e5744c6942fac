// The popup under the caret for `@` (actors, places, events) and `[[` (notes).
import type { SuggestionKeyDownProps, SuggestionOptions, SuggestionProps } from '@tiptap/suggestion';
import { call } from '../core/api.ts';
import { h, markedText } from '../ui/dom.ts';

export interface SuggestionItem {
  kind: string;
  id: number;
  title: string;
  snippet: string;
}

const KIND_LABEL: Record<string, string> = { actor: 'Actor', place: 'Place', event: 'Event', note: 'Note' };

async function entityItems(query: string): Promise<SuggestionItem[]> {
  if (!query.trim()) return [];
  return call('search', { query, kinds: ['actor', 'place', 'event'], limit: 8 });
}

async function noteItems(query: string): Promise<SuggestionItem[]> {
  const q = query.trim().toLowerCase();
  if (q.length >= 3) return call('search', { query, kinds: ['note'], limit: 8 });
  const notes = await call('notes.list', { limit: 200 });
  return notes
    .filter((n) => (n.title || 'Untitled').toLowerCase().includes(q))
    .slice(0, 8)
    .map((n) => ({ kind: 'note', id: n.id, title: n.title || 'Untitled note', snippet: '' }));
}

function popupRenderer(emptyHint: string) {
  return () => {
    let popup: HTMLElement | undefined;
    let selected = 0;
    let current: SuggestionProps<SuggestionItem> | undefined;

    const choose = (index: number) => {
      const item = current?.items[index];
      if (item && current) current.command({ id: item.id, label: item.title, kind: item.kind } as never);
    };
    const draw = () => {
      if (!popup || !current) return;
      const rect = current.clientRect?.();
      if (rect) {
        popup.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - 340))}px`;
        popup.style.top = `${rect.bottom + 6}px`;
      }
      popup.replaceChildren(
        ...(current.items.length
          ? current.items.map((item, i) =>
              h(
                'button',
                {
                  type: 'button',
                  class: `suggestion${i === selected ? ' selected' : ''}`,
                  role: 'option',
                  'aria-selected': i === selected ? 'true' : 'false',
                  onmousedown: (event: Event) => {
                    event.preventDefault();
                    choose(i);
                  },
                },
                h('span', { class: `kind kind-${item.kind}` }, KIND_LABEL[item.kind] ?? item.kind),
                h('span', { class: 'suggestion-title' }, item.title),
                item.snippet ? h('span', { class: 'suggestion-detail' }, markedText(item.snippet)) : null,
              ),
            )
          : [h('div', { class: 'suggestion-empty' }, current.loading ? 'Searching…' : current.query.trim() ? 'No match' : emptyHint)]),
      );
    };
    return {
      onStart(props: SuggestionProps<SuggestionItem>) {
        current = props;
        selected = 0;
        popup = h('div', { class: 'suggestions', role: 'listbox' });
        document.body.append(popup);
        draw();
      },
      onUpdate(props: SuggestionProps<SuggestionItem>) {
        current = props;
        selected = Math.min(selected, Math.max(0, props.items.length - 1));
        draw();
      },
      onKeyDown({ event }: SuggestionKeyDownProps) {
        const count = current?.items.length ?? 0;
        if (event.key === 'ArrowDown') selected = count ? (selected + 1) % count : 0;
        else if (event.key === 'ArrowUp') selected = count ? (selected - 1 + count) % count : 0;
        else if (event.key === 'Enter' || event.key === 'Tab') {
          if (!count) return false;
          choose(selected);
          return true;
        } else if (event.key === 'Escape') {
          popup?.remove();
          popup = undefined;
          return true;
        } else return false;
        draw();
        return true;
      },
      onExit() {
        popup?.remove();
        popup = undefined;
        current = undefined;
      },
    };
  };
}

type Suggestion = Omit<SuggestionOptions<SuggestionItem>, 'editor'>;

export const entitySuggestion: Suggestion = {
  char: '@',
  allowSpaces: true,
  items: ({ query }) => entityItems(query),
  render: popupRenderer('Type a name: actor, place or event'),
};

export const noteSuggestion: Suggestion = {
  char: '[[',
  allowSpaces: true,
  items: ({ query }) => noteItems(query),
  render: popupRenderer('Type a note title'),
};
