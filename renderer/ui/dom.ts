// Tiny DOM helpers. Text always goes in as text nodes: nothing from the store
// is ever parsed as HTML, except search snippets through markedText().

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/**
 * A search snippet as DOM: the server escapes everything and wraps matches in
 * <mark>; this rebuilds it from text nodes, so even a bad snippet cannot inject markup.
 */
export function markedText(snippet: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const decode = (text: string) => text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
  snippet.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const mark = /^<mark>(.*)<\/mark>$/.exec(part);
    if (mark) fragment.append(h('mark', {}, decode(mark[1]!)));
    else if (part) fragment.append(decode(part));
  });
  return fragment;
}

/** A labelled <select> of plain values, `selected` chosen. */
export function selectOf(label: string, values: readonly string[], selected?: string): HTMLSelectElement {
  return h(
    'select',
    { 'aria-label': label },
    values.map((v) => h('option', { value: v, selected: v === selected }, v)),
  );
}

export function clear(element: Element): void {
  element.replaceChildren();
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, {
        day: 'numeric',
        month: 'short',
        year: date.getFullYear() === today.getFullYear() ? undefined : 'numeric',
      });
}

export function emptyState(title: string, hint: string): HTMLElement {
  return h('div', { class: 'empty' }, h('p', { class: 'empty-title' }, title), h('p', { class: 'empty-hint' }, hint));
}
