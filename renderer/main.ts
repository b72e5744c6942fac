import { onFlushRequest, onMenuCommand } from './core/api.ts';
import { h } from './ui/dom.ts';
import { Palette } from './features/search/palette.ts';
import { landOnMatch } from './features/search/search-landing.ts';
import { leavePage, rememberScroll, restoreScroll } from './shell/scroll-memory.ts';
import { CHANGED_EVENT, onUndone, undoLast } from './core/undo.ts';
import { navigate, parseRoute, type Section } from './core/router.ts';
import { showActor, showEvent, showPlace } from './features/records/entity-page.ts';
import { NotesView } from './features/notes/notes.ts';
import { showTags } from './features/notes/tags.ts';
import { showNotesHome } from './features/notes/welcome.ts';
import { showRecordList } from './features/records/record-list.ts';
import { showSource } from './features/sources/source-page.ts';
import { showTrash } from './features/trash/trash.ts';
import { showMerges } from './features/merges/merges.ts';
import { trashedItemHref } from './core/trashed.ts';
import { showBackups } from './features/backups/backups.ts';
import { showHighlights } from './features/sources/highlights.ts';
import { showStoreStatus } from './shell/store-status.ts';
import { showTimeline } from './features/timeline/timeline-view.ts';
import { exportButton } from './features/exchange/export-dialog.ts';
import { showMap } from './features/map/map-view.ts';
import { showChart } from './features/chart/chart-view.ts';
import { showDuplicates } from './features/duplicates/finder.ts';

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
const notes = new NotesView(list, main);
void showStoreStatus(nav).catch(() => undefined);
rememberScroll(main);

let rendering = Promise.resolve();

async function render(): Promise<void> {
  leavePage(main);
  const route = parseRoute(location.hash);
  for (const link of nav.querySelectorAll<HTMLElement>('a[data-section]')) {
    link.classList.toggle('active', link.dataset['section'] === route.section);
  }
  if (route.section !== 'notes') await notes.open(null).catch(() => undefined);
  try {
    switch (route.section) {
      case 'notes':
        await notes.open(route.id);
        if (route.id === null) await showNotesHome(main, { search: (query) => palette.open(query), newNote: () => void notes.create() });
        await notes.showList(route.id, route.params);
        break;
      case 'tags':
        await showTags(list, main, route.params);
        break;
      case 'highlights':
        await showHighlights(list, main);
        break;
      case 'timeline':
        await showTimeline(list, main, route.params);
        break;
      case 'map':
        await showMap(list, main, route.params);
        break;
      case 'chart':
        await showChart(list, main, route.params);
        break;
      case 'duplicates':
        await showDuplicates(list, main);
        break;
      case 'trash':
        await showTrash(list, main, route.params);
        break;
      case 'merges':
        await showMerges(list, main, route.params);
        break;
      case 'backups':
        await showBackups(list, main);
        break;
      default: {
        await showRecordList(list, route.section, route.id);
        if (route.id === null) {
          main.replaceChildren(
            h(
              'div',
              { class: 'empty' },
              h('p', { class: 'empty-title' }, 'Choose a record on the left'),
              h('p', { class: 'empty-hint' }, 'Or press Ctrl+K to search everything.'),
            ),
          );
        } else if (route.section === 'actors') await showActor(main, route.id);
        else if (route.section === 'places') await showPlace(main, route.id);
        else if (route.section === 'events') await showEvent(main, route.id);
        else if (route.section === 'sources') await showSource(main, route.id, route.params);
      }
    }
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
    main.replaceChildren(
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
// An edit on a record page (rename, merge, delete, undo) shows in the list beside it.
window.addEventListener(CHANGED_EVENT, () => {
  const route = parseRoute(location.hash);
  if (['actors', 'places', 'events', 'sources'].includes(route.section)) {
    rendering = rendering.then(() => showRecordList(list, route.section, route.id)).catch(() => undefined);
  }
});
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
