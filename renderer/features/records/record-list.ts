// Lists of actors, places, events and sources (the list pane beside their
// pages), filterable as you type, redrawn after any change of their kind.
import type { Actor, EventRecord, Place, Source } from '../../../db/shared/records.ts';
import { call } from '../../core/api.ts';
import { emptyState, h } from '../../ui/dom.ts';
import { parseRoute, type Section } from '../../core/router.ts';
import { publish, Subscriptions, type ChangeKind } from '../../core/changes.ts';
import { serially, viewElement, type View } from '../../core/view.ts';
import { openNewRecordForm } from '../duplicates/new-record.ts';
import { enableFileDrop, importButton } from '../sources/import/file-import.ts';
import { edtfInWords } from '../../../db/shared/edtf-words.ts';
import { coordinatesInWords } from '../../../db/shared/record-words.ts';
import { foldText } from '../../../db/shared/folding.ts';
import { edtfTooltip } from '../../ui/date-words.ts';
import { followIndexing, indexingMeta } from '../sources/indexing.ts';

type Row = {
  id: number;
  title: string;
  meta: string;
  /** The codes behind the words of `meta` (an EDTF date), as its tooltip. */
  metaTitle?: string | null;
  terms: string;
  sort?: Record<string, string | number>;
  /** A source whose text is still being indexed for search (features/sources/indexing.ts). */
  indexing?: boolean;
};

/** An actor's or a place's row: its kind, country and `more` below its name; found by its name and aliases. */
function namedRow(record: Actor | Place, more: string): Row {
  return {
    id: record.id,
    title: record.name,
    meta: [record.kind, record.country, more].filter(Boolean).join(' · '),
    terms: foldText([record.name, ...record.aliases.map((x) => x.name)].join(' ')),
  };
}

async function rows(section: Section): Promise<Row[]> {
  switch (section) {
    case 'actors':
      return (await call('actors.list', {})).map((a: Actor) => namedRow(a, a.aliases.map((x) => x.name).join(', ')));
    case 'places':
      return (await call('places.list', {})).map((p: Place) => namedRow(p, coordinatesInWords(p.lat, p.lon, p.precision)));
    case 'events':
      return (await call('events.list', {})).map((e: EventRecord) => ({
        id: e.id,
        title: e.title,
        meta: [edtfInWords(e.date), e.type, e.place?.name].filter(Boolean).join(' · '),
        metaTitle: edtfTooltip(e.date),
        terms: foldText(`${e.title} ${e.place?.name ?? ''}`),
      }));
    case 'sources':
      return (await call('sources.list', {})).map((s: Source) => ({
        id: s.id,
        title: s.title,
        meta: [
          s.author,
          s.publisher,
          s.published ? `published ${edtfInWords(s.published)}` : null,
          `reliability ${s.reliability}`,
          `${s.annotationCount} highlight${s.annotationCount === 1 ? '' : 's'}`,
          indexingMeta(s),
        ]
          .filter(Boolean)
          .join(' · '),
        metaTitle: edtfTooltip(s.published),
        terms: foldText(`${s.title} ${s.author ?? ''} ${s.publisher ?? ''}`),
        sort: { date: s.publishedMin ?? '9999', title: foldText(s.title), reliability: s.reliability, highlights: -s.annotationCount },
        indexing: s.indexing,
      }));
    default:
      return [];
  }
}

const TITLES: Partial<Record<Section, string>> = { actors: 'Actors', places: 'Places', events: 'Events', sources: 'Sources' };
const EMPTY: Partial<Record<Section, string>> = {
  actors: 'Actors appear here as you add them from sources or notes.',
  places: 'Places appear here as you add them.',
  events: 'Events appear here as you add them.',
  sources: 'Sources are the documents you read and annotate: import a PDF, HTML, Markdown or text file, or drop one here.',
};

const NEW: Partial<Record<Section, 'actor' | 'place' | 'event'>> = { actors: 'actor', places: 'place', events: 'event' };

/** "New actor": a form asking the name first, with the records it may duplicate. */
function newRecordButton(section: Section): HTMLElement | null {
  const kind = NEW[section];
  if (!kind) return null;
  return h(
    'button',
    { type: 'button', class: 'primary', onclick: (event: Event) => openNewRecordForm(event.currentTarget as HTMLElement, kind) },
    `New ${kind}`,
  );
}

export type ListSection = 'actors' | 'places' | 'events' | 'sources';
const KIND: Record<ListSection, ChangeKind> = { actors: 'actor', places: 'place', events: 'event', sources: 'source' };

/** The list of a section, with the record the address opens selected in it. */
export async function recordList(section: ListSection): Promise<View> {
  const el = viewElement();
  const refresh = serially(() => drawList(el, section, parseRoute(location.hash).id));
  await refresh();
  const subscriptions = new Subscriptions();
  // While Sources is listed, files dropped on the window are imported; the list pane shows where they go.
  const stopDrop = section === 'sources' ? enableFileDrop(() => el.parentElement ?? el) : () => undefined;
  const view: View = {
    el,
    refresh,
    dispose: () => {
      subscriptions.dispose();
      stopDrop();
    },
  };
  subscriptions.refresh(view, KIND[section]);
  return view;
}

async function drawList(el: HTMLElement, section: ListSection, selected: number | null): Promise<void> {
  const all = await rows(section);
  // Redrawn after an edit, the list keeps what the analyst typed and chose.
  const previous = el.querySelector<HTMLInputElement>('input[aria-label="Filter"]');
  // Typing in the filter while an edit elsewhere redraws the list goes on in the new box, caret and all.
  const typing = previous !== null && previous === document.activeElement ? [previous.selectionStart, previous.selectionEnd] : null;
  const previousSort = el.querySelector<HTMLSelectElement>('select[aria-label="Sort by"]')?.value;
  const filter = h('input', {
    type: 'search',
    class: 'filter',
    placeholder: `Filter ${TITLES[section]?.toLowerCase()}…`,
    'aria-label': 'Filter',
    value: previous?.value ?? '',
  });
  const ul = h('ul', { class: 'items', role: 'list' });
  const sortKeys = all[0]?.sort ? Object.keys(all[0].sort) : [];
  const sort = h(
    'select',
    { class: 'filter', 'aria-label': 'Sort by' },
    sortKeys.map((k) => h('option', { value: k, selected: k === previousSort }, `Sort by ${k}`)),
  );
  const draw = () => drawRows(ul, section, all, foldText(filter.value.trim()), sort.value, selected);
  filter.addEventListener('input', draw);
  sort.addEventListener('input', draw);
  const header = h(
    'div',
    { class: 'list-header' },
    h('h2', {}, TITLES[section] ?? '', h('span', { class: 'count' }, String(all.length))),
    section === 'sources' ? importButton() : newRecordButton(section),
  );
  if (all.length === 0) {
    el.replaceChildren(header, emptyState(`No ${TITLES[section]?.toLowerCase()} yet`, EMPTY[section] ?? ''));
    return;
  }
  el.replaceChildren(header, filter, ...(sortKeys.length ? [sort] : []), ul);
  draw();
  // Redrawn when the sources it says are being indexed are done.
  followIndexing(
    ul,
    all.filter((r) => r.indexing).map((r) => r.id),
    () => publish('source'),
  );
  if (typing) {
    filter.focus();
    filter.setSelectionRange(typing[0] ?? null, typing[1] ?? null);
  }
}

function drawRows(ul: HTMLElement, section: Section, all: Row[], q: string, key: string, selected: number | null): void {
  const shown = q ? all.filter((r) => r.terms.includes(q)) : [...all];
  if (key) shown.sort((a, b) => (a.sort![key]! < b.sort![key]! ? -1 : a.sort![key]! > b.sort![key]! ? 1 : 0));
  ul.replaceChildren(
    ...shown.map((r) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: `#/${section}/${r.id}`, class: `item${r.id === selected ? ' active' : ''}` },
          h('span', { class: 'item-title', dir: 'auto' }, r.title),
          h('span', { class: 'item-meta', dir: 'auto', title: r.metaTitle ?? null }, r.meta),
        ),
      ),
    ),
  );
}
