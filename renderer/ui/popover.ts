// A small floating panel anchored to a rectangle (a selection, a highlight):
// one at a time, closed by Escape, a click outside, or its own actions.
import { h } from './dom.ts';

let current: { element: HTMLElement; close: () => void } | undefined;

export function closePopover(): void {
  current?.close();
}

export function openPopover(anchor: DOMRect, content: HTMLElement, options: { label: string }): HTMLElement {
  closePopover();
  // Whatever opened the popover (a button, a field) gets focus back when it closes by Escape or its own action.
  const trigger = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  const element = h('div', { class: 'popover', role: 'dialog', 'aria-label': options.label }, content);
  document.body.append(element);
  const width = Math.min(360, window.innerWidth - 16);
  element.style.width = `${width}px`;
  element.style.left = `${Math.max(8, Math.min(anchor.left, window.innerWidth - width - 8))}px`;
  const below = anchor.bottom + 8;
  const place = () => {
    element.style.top = `${below + element.offsetHeight > window.innerHeight ? Math.max(8, anchor.top - element.offsetHeight - 8) : below}px`;
  };
  place();
  // Content that grows after opening (a warning shown as a name is typed) moves the panel to stay on screen.
  const resized = new ResizeObserver(place);
  resized.observe(element);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };
  const onDown = (event: MouseEvent) => {
    // A click elsewhere puts focus where it clicked.
    if (!element.contains(event.target as Node)) close(false);
  };
  const close = (restoreFocus = true) => {
    const focusInside = element.contains(document.activeElement) || document.activeElement === document.body;
    resized.disconnect();
    element.remove();
    document.removeEventListener('keydown', onKey, true);
    document.removeEventListener('mousedown', onDown, true);
    if (current?.element === element) current = undefined;
    if (restoreFocus && focusInside && trigger?.isConnected) trigger.focus();
  };
  document.addEventListener('keydown', onKey, true);
  setTimeout(() => document.addEventListener('mousedown', onDown, true));
  current = { element, close };
  element.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  return element;
}

/**
 * A search box that suggests actors, places and events (the same fuzzy search as @ mentions).
 * Enter picks the first suggestion (once the search for what was typed has answered) and never
 * submits a form around the picker; the arrow keys move through the suggestions.
 */
export function entityPicker(
  onPick: (item: { kind: 'actor' | 'place' | 'event'; id: number; title: string }) => void,
  search: (q: string) => Promise<{ kind: string; id: number; title: string; snippet: string }[]>,
  placeholder = 'Actor, place or event…',
): HTMLElement {
  const input = h('input', {
    type: 'search',
    class: 'picker-input',
    placeholder,
    'aria-label': 'Find a record',
    autocomplete: 'off',
  });
  const list = h('div', { class: 'picker-results', role: 'listbox' });
  const rows = () => [...list.querySelectorAll<HTMLButtonElement>('.picker-row')];
  let sequence = 0;
  let searched: Promise<void> = Promise.resolve();
  const pick = (item: { kind: 'actor' | 'place' | 'event'; id: number; title: string }) => {
    const fromList = list.contains(document.activeElement);
    sequence++;
    input.value = '';
    list.replaceChildren();
    if (fromList) input.focus();
    onPick(item);
  };
  const refresh = async () => {
    const mine = ++sequence;
    const results = input.value.trim() ? await search(input.value) : [];
    if (mine !== sequence) return;
    list.replaceChildren(
      ...results.map((r) =>
        h(
          'button',
          {
            type: 'button',
            class: 'picker-row',
            role: 'option',
            onclick: () => pick({ kind: r.kind as 'actor' | 'place' | 'event', id: r.id, title: r.title }),
          },
          h('span', { class: `kind kind-${r.kind}` }, r.kind),
          ' ',
          r.title,
        ),
      ),
    );
  };
  input.addEventListener('input', () => {
    searched = refresh().catch(() => undefined);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const typed = input.value;
      void searched.then(() => {
        if (input.value === typed) rows()[0]?.click();
      });
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      rows()[0]?.focus();
    }
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const all = rows();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? all[Math.min(at + 1, all.length - 1)] : at <= 0 ? input : all[at - 1];
    next?.focus();
  });
  return h('div', { class: 'picker' }, input, list);
}
