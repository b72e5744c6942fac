// The window: the sections on the left, the list pane and the main pane. Each
// address shows a view in each pane (shell/routes.ts, shell/panes.ts); an undo
// refreshes the views on screen, since it may touch anything.
import { onFlushRequest, onMenuCommand } from './core/api.ts';
import { navigate, parseRoute, type Section } from './core/router.ts';
import { trashedItemHref } from './core/trashed.ts';
import { onUndone, undoLast } from './core/undo.ts';
import { exportButton } from './features/exchange/export-dialog.ts';
import { Notes } from './features/notes/notes.ts';
import { Palette } from './features/search/palette.ts';
import { landOnMatch } from './features/search/search-landing.ts';
import { Pane } from './shell/panes.ts';
import { screenFor } from './shell/routes.ts';
import { leavePage, rememberScroll, restoreScroll } from './shell/scroll-memory.ts';
import { showStoreStatus } from './shell/store-status.ts';
import { h } from './ui/dom.ts';

const NAV: [Section, string][] = [
  ['notes', 'Notes'],
  ['tags', 'Tags'],
  ['actors', 'Actors'],
  ['places', 'Places'],
  ['events', 'Events'],
  ['timeline', 'Timeline'],
  ['map', 'Map'],
  ['chart', 'Link chart'],
  ['sources', 'Sources'],
  ['highlights', 'Highlights'],
  ['duplicates', 'Duplicates'],
  ['trash', 'Trash'],
  ['merges', 'Merges'],
  ['backups', 'Backups'],
];

const app = document.getElementById('app')!;
const palette = new Palette();
document.body.append(palette.el);
const nav = h(
  'nav',
  { class: 'sidebar', 'aria-label': 'Sections' },
  h('div', { class: 'brand' }, 'Fieldbook'),
  h(
    'button',
    { type: 'button', class: 'search-button', onclick: () => palette.open() },
    h('span', {}, 'Search'),
    h('kbd', {}, navigator.platform.startsWith('Mac') ? '⌘K' : 'Ctrl K'),
  ),
  h(
    'ul',
    { role: 'list' },
    NAV.map(([section, label]) => h('li', {}, h('a', { href: `#/${section}`, 'data-section': section }, label))),
  ),
  exportButton(),
);
const list = h('aside', { class: 'list-pane', 'aria-label': 'List' });
const main = h('main', { class: 'main-pane' });
app.append(nav, list, main);
const listPane = new Pane(list);
const mainPane = new Pane(main);
const notes = new Notes();
const welcome = { search: (query: string) => palette.open(query), newNote: () => void notes.create() };
void showStoreStatus(nav).catch(() => undefined);
rememberScroll(main);

let rendering = Promise.resolve();

async function render(): Promise<void> {
  const address = location.hash;
  app.setAttribute('aria-busy', 'true');
  leavePage(main);
  const route = parseRoute(address);
  for (const link of nav.querySelectorAll<HTMLElement>('a[data-section]')) {
    link.classList.toggle('active', link.dataset['section'] === route.section);
  }
  const screen = screenFor(route, { notes, welcome });
  mainPane.leave(screen.main.key);
  // What was typed in the open note is saved before anything else is shown.
  await notes.flush().catch(() => undefined);
  try {
    if (screen.list) await listPane.show(screen.list.key, screen.list.open);
    await mainPane.show(screen.main.key, screen.main.open);
    if (!screen.list) listPane.showElement(mainPane.view!.aside ?? h('div'));
    const find = route.params.get('find');
    if (find && route.id !== null && (route.section === 'notes' || route.section === 'sources')) {
      landOnMatch(main, find, () => palette.open());
    }
  } catch (error) {
    // A link to something in the trash opens its trash entry.
    const trashed = await trashedItemHref(route, error).catch(() => null);
    if (trashed) {
      location.replace(trashed);
      return;
    }
    mainPane.showElement(
      h(
        'div',
        { class: 'empty error' },
        h('p', { class: 'empty-title' }, 'This could not be opened'),
        h('p', { class: 'empty-hint' }, (error as Error).message),
      ),
    );
  }
  // Back to a page seen before: where it was scrolled wins over the passage its address points at.
  restoreScroll(main);
  // #/actors/5?show=evidence (from the link chart): the record's Evidence section.
  if (route.params.get('show') === 'evidence') main.querySelector('[data-section=evidence]')?.scrollIntoView({ block: 'start' });
  // Which address the panes show: between a change of address and its render, aria-busy alone still says the last one is done.
  app.dataset['shown'] = address;
  app.setAttribute('aria-busy', 'false');
}

function isTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

function queueRender(): void {
  rendering = rendering.then(render, render);
}

window.addEventListener('hashchange', queueRender);
onUndone(queueRender);
window.addEventListener('keydown', (event) => {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && event.key.toLowerCase() === 'k') {
    event.preventDefault();
    palette.open();
  } else if (mod && event.key.toLowerCase() === 's') {
    event.preventDefault();
    void notes.flush();
  } else if (mod && !event.shiftKey && event.key.toLowerCase() === 'z' && !isTextField(event.target)) {
    // Outside text fields (which have their own undo), Ctrl/Cmd+Z undoes the last destructive action or record edit.
    event.preventDefault();
    void undoLast();
  } else if (event.altKey && event.key.toLowerCase() === 'n') {
    event.preventDefault();
    void notes.create();
  }
});
onMenuCommand((command) => {
  if (command === 'search') palette.open();
  else if (command === 'new-note') void notes.create();
});
onFlushRequest(() => notes.flush());

if (!location.hash) navigate('notes');
else queueRender();
