// The Notes page with no note open: on a new store, a short welcome (the
// seeded sources, a few searches to try, how to start a note) until the
// analyst closes it; the dismissal is kept in the store, so it holds in every shell.
import { edtfInWords } from '../../../db/shared/edtf-words.ts';
import type { Source } from '../../../db/shared/records.ts';
import { call } from '../../core/api.ts';
import { edtfTooltip } from '../../ui/date-words.ts';
import { emptyState, h } from '../../ui/dom.ts';
import { href } from '../../core/router.ts';
import { serially, viewElement, type View } from '../../core/view.ts';

export interface WelcomeActions {
  search: (query: string) => void;
  newNote: () => void;
}

/** Searches that show what the palette does: a name, a misspelling, another script, a phrase from the sources. */
const EXAMPLE_SEARCHES: { query: string; why: string }[] = [
  { query: 'Wagner', why: 'an armed group and what it became' },
  { query: 'Hafter', why: 'misspelt, still finds Khalifa Haftar' },
  { query: 'طرابلس', why: 'Tripoli in Arabic script' },
  { query: 'Alliance of Sahel States', why: 'a phrase from the sources' },
];

/** The Notes page with no note open; "Hide this welcome" and "Show the welcome again" redraw it. */
export async function notesHome(actions: WelcomeActions): Promise<View> {
  const el = viewElement();
  const setDismissed = async (welcomeDismissed: boolean) => {
    await call('settings.update', { welcomeDismissed });
    await refresh();
  };
  const refresh = serially(async () => {
    const settings = await call('settings.get', {});
    if (settings.welcomeDismissed) {
      el.replaceChildren(noNoteOpen(() => void setDismissed(false)));
      return;
    }
    const sources = await call('sources.list', {});
    el.replaceChildren(welcome(sources, actions, () => void setDismissed(true)));
  });
  await refresh();
  return { el, refresh, dispose: () => undefined };
}

function noNoteOpen(showWelcome: () => void): HTMLElement {
  const empty = emptyState('No note open', 'Choose a note on the left, or press Ctrl+K to search everything.');
  empty.append(h('button', { type: 'button', class: 'link-button', onclick: showWelcome }, 'Show the welcome again'));
  return empty;
}

function welcome(sources: Source[], actions: WelcomeActions, dismiss: () => void): HTMLElement {
  return h(
    'article',
    { class: 'welcome', 'aria-labelledby': 'welcome-title' },
    h('h1', { id: 'welcome-title' }, 'Welcome to Fieldbook'),
    h(
      'p',
      { class: 'welcome-lead' },
      'Read the sources, highlight what matters, and write notes linked to the actors, places and events they name. Everything stays on this machine.',
    ),
    h(
      'div',
      { class: 'action-row' },
      h('button', { type: 'button', class: 'primary', onclick: actions.newNote }, 'New note'),
      h('button', { type: 'button', onclick: dismiss }, 'Hide this welcome'),
    ),
    sourcesPart(sources),
    searchesPart(actions),
    firstNotePart(),
  );
}

function sourcesPart(sources: Source[]): HTMLElement {
  return h(
    'section',
    { class: 'welcome-part' },
    h('h2', {}, sources.length === 1 ? 'One source to start with' : `${sources.length} sources to start with`),
    sources.length
      ? h(
          'ul',
          { class: 'welcome-sources', role: 'list' },
          sources.map((source) =>
            h(
              'li',
              {},
              h('a', { href: href('sources', source.id), dir: 'auto' }, source.title),
              source.published
                ? h('span', { class: 'row-meta', title: edtfTooltip(source.published) }, `published ${edtfInWords(source.published)}`)
                : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No source yet: import a PDF, HTML, Markdown or text file from the Sources list.'),
  );
}

function searchesPart(actions: WelcomeActions): HTMLElement {
  return h(
    'section',
    { class: 'welcome-part' },
    h('h2', {}, 'Try a search'),
    h(
      'ul',
      { class: 'welcome-searches', role: 'list' },
      EXAMPLE_SEARCHES.map(({ query, why }) =>
        h(
          'li',
          {},
          h('button', { type: 'button', class: 'search-example', dir: 'auto', onclick: () => actions.search(query) }, query),
          h('span', { class: 'row-meta' }, why),
        ),
      ),
    ),
    h('p', { class: 'muted small' }, 'Ctrl+K (⌘K) opens search from anywhere.'),
  );
}

function firstNotePart(): HTMLElement {
  return h(
    'section',
    { class: 'welcome-part' },
    h('h2', {}, 'Your first note'),
    h(
      'ol',
      { class: 'welcome-steps' },
      h('li', {}, 'Press New note (or Alt+N) and give it a title.'),
      h('li', {}, 'Type @ to link an actor, place or event, and [[ to link another note.'),
      h('li', {}, 'Type #word to tag it; tags gather notes in the Tags view.'),
      h('li', {}, 'In a source, select a passage to highlight it, quote it into a note or make it evidence for a record.'),
    ),
  );
}
