// Which views an address shows: for each pane, a key and how to open its view.
// A pane keeps its view while the key stays (shell/panes.ts): the notes list
// while notes are chosen in it, a record list while its records are opened,
// the note being edited while only the list's filter changes in the address.
// Every other view is keyed by the whole address, so a new address opens it anew.
import type { Route } from '../core/router.ts';
import { fixedView, type View } from '../core/view.ts';
import { emptyState } from '../ui/dom.ts';
import { backupsView } from '../features/backups/backups.ts';
import { chartView } from '../features/chart/chart-view.ts';
import { duplicatesView } from '../features/duplicates/finder.ts';
import { mapView } from '../features/map/map-view.ts';
import { mergesView } from '../features/merges/merges.ts';
import type { Notes } from '../features/notes/notes.ts';
import { tagsView } from '../features/notes/tags.ts';
import { notesHome, type WelcomeActions } from '../features/notes/welcome.ts';
import { recordPage } from '../features/records/entity-page.ts';
import { recordList } from '../features/records/record-list.ts';
import { highlightsView } from '../features/sources/highlights.ts';
import { sourcePage } from '../features/sources/source-page.ts';
import { timelineView } from '../features/timeline/timeline-view.ts';
import { trashView } from '../features/trash/trash.ts';

export interface Slot {
  key: string;
  open: () => View | Promise<View>;
}

/** The views of an address. No list slot: the main view fills the list pane with its aside. */
export interface Screen {
  list: Slot | null;
  main: Slot;
}

export interface App {
  notes: Notes;
  welcome: WelcomeActions;
}

const RECORD_KIND = { actors: 'actor', places: 'place', events: 'event' } as const;

const chooseARecord = () => fixedView(emptyState('Choose a record on the left', 'Or press Ctrl+K to search everything.'));

export function screenFor(route: Route, app: App): Screen {
  const address = `${route.section}/${route.id ?? ''}?${route.params}`;
  const only = (open: () => View | Promise<View>): Screen => ({ list: null, main: { key: address, open } });
  switch (route.section) {
    case 'notes': {
      const id = route.id;
      return {
        list: { key: 'notes', open: () => app.notes.listView() },
        main:
          id === null ? { key: 'notes/', open: () => notesHome(app.welcome) } : { key: `notes/${id}`, open: () => app.notes.noteView(id) },
      };
    }
    case 'tags':
      return only(() => tagsView(route.params));
    case 'highlights':
      return only(() => highlightsView());
    case 'timeline':
      return only(() => timelineView(route.params));
    case 'map':
      return only(() => mapView(route.params));
    case 'chart':
      return only(() => chartView(route.params));
    case 'duplicates':
      return only(() => duplicatesView());
    case 'trash':
      return only(() => trashView(route.params));
    case 'merges':
      return only(() => mergesView(route.params));
    case 'backups':
      return only(() => backupsView());
    case 'actors':
    case 'places':
    case 'events':
    case 'sources': {
      const { section, id } = route;
      const list = { key: section, open: () => recordList(section) };
      if (id === null) return { list, main: { key: address, open: chooseARecord } };
      const page = section === 'sources' ? () => sourcePage(id, route.params) : () => recordPage(RECORD_KIND[section], id);
      return { list, main: { key: address, open: page } };
    }
  }
}
