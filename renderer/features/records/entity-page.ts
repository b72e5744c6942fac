// Actor, place and event pages: every field editable in place and undoable,
// where each claim comes from, and the notes that mention the record. A save
// updates the page's copy of the record and redraws only what shows it: the
// page is never rebuilt under the analyst's typing: its changes are published
// as made in the page (core/changes.ts); one made elsewhere, an undo or a merge
// rebuild it.
import { edtfInWords } from '../../../db/shared/edtf-words.ts';
import { latitudeInWords, longitudeInWords, PRECISION_WORDS, precisionInWords, roleInWords } from '../../../db/shared/record-words.ts';
import type { Alias, Annotation, Backlink, EventDetail, EventRecord, Evidence, PlaceDetail } from '../../../db/shared/records.ts';
import { ACTOR_KINDS, EVENT_TYPES, PLACE_KINDS, type EventType } from '../../../db/shared/vocabulary.ts';
import { call } from '../../core/api.ts';
import { dateInWords, edtfTooltip } from '../../ui/date-words.ts';
import { h } from '../../ui/dom.ts';
import { editableField } from '../../ui/fields.ts';
import { href, navigate, trashHref } from '../../core/router.ts';
import { publish, Subscriptions } from '../../core/changes.ts';
import { notify, recordEdit } from '../../core/undo.ts';
import { serially, viewElement, type View } from '../../core/view.ts';
import { aliasesEditor, mergeButton, participantsEditor, placePicker, relationsEditor } from './editors.ts';
import type { MethodInput } from '../../../db/shared/contract.ts';

function section(title: string, empty: string, items: HTMLElement[]): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'data-section': title.toLowerCase() },
    h('h3', {}, title, items.length ? h('span', { class: 'count' }, String(items.length)) : null),
    items.length ? h('ul', { class: 'rows' }, items) : h('p', { class: 'muted' }, empty),
  );
}

function eventRow(event: EventRecord, role?: string): HTMLElement {
  return h(
    'li',
    {},
    h('a', { href: href('events', event.id) }, event.title),
    h(
      'span',
      { class: 'row-meta' },
      dateInWords(event.date, 'row-date'),
      [role ? roleInWords(role) : '', event.place?.name].filter(Boolean).map((text) => ` · ${text}`),
    ),
  );
}

function evidenceRow(evidence: Evidence): HTMLElement {
  return h(
    'li',
    { class: 'evidence' },
    h(
      'a',
      // An orphaned passage is no longer at its offsets: open the source at the top.
      {
        href: evidence.source.trashed
          ? trashHref('source', evidence.source.id)
          : evidence.orphaned
            ? href('sources', evidence.source.id)
            : href('sources', evidence.source.id, { at: evidence.start, len: evidence.end - evidence.start }),
        class: `quote-link${evidence.source.trashed ? ' link-trashed' : ''}`,
        title: evidence.source.trashed ? 'Its source is in the trash: opens its trash entry' : null,
      },
      h('blockquote', { dir: 'auto' }, evidence.quote),
    ),
    h(
      'span',
      { class: 'row-meta' },
      evidence.source.title,
      ` · credibility ${evidence.credibility}`,
      evidence.field ? ` · ${evidence.field}` : '',
    ),
    evidence.comment ? h('p', { class: 'comment' }, evidence.comment) : null,
  );
}

function backlinkRow(backlink: Backlink): HTMLElement {
  return h(
    'li',
    {},
    h('a', { href: href('notes', backlink.noteId) }, backlink.noteTitle || 'Untitled note'),
    h('p', { class: 'context', dir: 'auto' }, backlink.context),
  );
}

function annotationRow(annotation: Annotation): HTMLElement {
  return h(
    'li',
    {},
    h(
      'a',
      {
        href: annotation.source.trashed
          ? trashHref('source', annotation.source.id)
          : annotation.orphaned
            ? href('sources', annotation.source.id)
            : href('sources', annotation.source.id, { at: annotation.start }),
        class: `hl hl-${annotation.color} quote${annotation.source.trashed ? ' link-trashed' : ''}`,
        title: annotation.source.trashed ? 'Its source is in the trash: opens its trash entry' : null,
        dir: 'auto',
      },
      annotation.quote,
    ),
    h('span', { class: 'row-meta' }, annotation.source.title),
    annotation.comment ? h('p', { class: 'comment' }, annotation.comment) : null,
  );
}

type PageKind = 'actor' | 'place' | 'event';

/** The fields an update may change: the API's own input, so a misspelt field does not compile. */
type Changes<M extends 'actors.update' | 'places.update' | 'events.update'> = Omit<MethodInput<M>, 'id'>;

/** The page of actor, place or event `id`: rebuilt after a change to the record made anywhere but on the page itself. */
export async function recordPage(kind: PageKind, id: number): Promise<View> {
  const el = viewElement();
  const article = { actor: actorArticle, place: placeArticle, event: eventArticle }[kind];
  const refresh = serially(async () => el.replaceChildren(await article(id, el)));
  await refresh();
  const subscriptions = new Subscriptions();
  const view: View = { el, refresh, dispose: () => subscriptions.dispose() };
  subscriptions.refresh(view, kind, id);
  return view;
}

interface FieldOptions<T> {
  kind?: 'text' | 'textarea' | 'select';
  options?: readonly string[];
  optionLabel?: (option: string) => string;
  display?: (value: string) => string;
  tooltip?: (value: string) => string | null;
  parse?: (text: string) => T;
  className?: string;
  placeholder?: string;
}

/**
 * An editable field showing `current()`; its save goes through `save` (which
 * updates the page's record), can be undone with the old value, and shows the value as stored.
 */
function field<T extends string | number | null>(
  label: string,
  current: () => T,
  save: (value: T) => Promise<void>,
  options: FieldOptions<T> = {},
): HTMLElement {
  const parse = options.parse ?? ((text: string) => (text === '' ? null : text) as T);
  const asText = (value: T) => (value === null ? '' : String(value));
  return editableField({
    label,
    value: asText(current()),
    kind: options.kind,
    options: options.options,
    optionLabel: options.optionLabel,
    display: options.display,
    tooltip: options.tooltip,
    className: options.className,
    placeholder: options.placeholder ?? `Add ${label.toLowerCase()}`,
    save: async (text) => {
      const before = current();
      await save(parse(text));
      recordEdit(`Changed ${label.toLowerCase()}`, () => save(before));
      return asText(current());
    },
  });
}

/** Merge and Delete. `page`: the page's element, where the deletion is made (the page is left, not rebuilt). */
function recordActions(kind: PageKind, id: number, name: () => string, page: HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'record-actions' },
    mergeButton(kind, { id, name: name() }),
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: async () => {
          const named = name();
          try {
            await call(`${kind}s.delete`, { id });
          } catch (error) {
            notify(`“${named}” was not deleted: ${(error as Error).message}`);
            return;
          }
          publish(kind, id, page);
          recordEdit(
            `Moved “${named}” to the trash`,
            async () => {
              await call('trash.restore', { kind, id });
              publish(kind, id);
              navigate(`${kind}s`, id);
            },
            { key: `trash:${kind}:${id}` },
          );
          navigate(`${kind}s`);
        },
      },
      'Delete',
    ),
  );
}

/** The top of a record's page: its kind, Merge and Delete, its title field, then its facts. */
function recordHeader(kind: PageKind, id: number, name: () => string, page: HTMLElement, title: HTMLElement, ...facts: HTMLElement[]) {
  return h(
    'header',
    { class: 'record-header' },
    h(
      'div',
      { class: 'record-top' },
      h('span', { class: 'kind-badge' }, kind[0]!.toUpperCase() + kind.slice(1)),
      recordActions(kind, id, name, page),
    ),
    h('h1', { class: 'record-title' }, title),
    h('div', { class: 'fact-fields' }, facts),
  );
}

const text = (t: string) => t;
const number = (t: string) => (t === '' ? null : Number(t));

/** The page's copy of record `id` of `kind`, and its update: saved, then copied into the record and published as made in `page`. */
async function pageRecord<K extends PageKind>(kind: K, id: number, page: HTMLElement, saved: () => void = () => undefined) {
  const record = await call(`${kind}s.get`, { id });
  const update = async (changes: Changes<`${K}s.update`>) => {
    Object.assign(record, await call(`${kind}s.update`, { id, ...changes }));
    publish(kind, id, page);
    saved();
  };
  return { record, update };
}

/** What links to a record from elsewhere, shown at the foot of its page. */
type Linked = { evidence: Evidence[]; backlinks: Backlink[]; annotations: Annotation[] };

/** The fields an actor and a place share, `T` being the kinds of the one or the other. */
type NamedChanges<T extends string> = Pick<Changes<'actors.update'>, 'name' | 'description' | 'country'> & { kind?: T };

/** What an actor's page and a place's page differ in; the rest of the two is one page. */
interface NamedPage<T extends string> {
  kinds: readonly T[];
  /** Facts after the country (a place's coordinates). */
  facts: HTMLElement[];
  /** Sections after the aliases (an actor's relations, the events). */
  sections: HTMLElement[];
  /** What the notes and highlights sections say while empty. */
  empty: { evidence: string; backlinks: string; annotations: string };
}

function namedArticle<T extends string>(
  kind: 'actor' | 'place',
  record: { id: number; name: string; kind: T; country: string | null; description: string; aliases: Alias[] } & Linked,
  update: (changes: NamedChanges<T>) => Promise<void>,
  page: HTMLElement,
  shape: NamedPage<T>,
): HTMLElement {
  return h(
    'article',
    { class: 'record' },
    recordHeader(
      kind,
      record.id,
      () => record.name,
      page,
      field(
        'Name',
        () => record.name,
        (v) => update({ name: v }),
        { className: 'title', parse: text },
      ),
      field(
        'Kind',
        () => record.kind,
        (v) => update({ kind: v }),
        { kind: 'select', options: shape.kinds, parse: (t) => t as T },
      ),
      field(
        'Country',
        () => record.country,
        (v) => update({ country: v }),
        { placeholder: 'country (ISO code)' },
      ),
      ...shape.facts,
    ),
    field(
      'Description',
      () => record.description,
      (v) => update({ description: v }),
      { kind: 'textarea', className: 'description', parse: text },
    ),
    aliasesEditor({ kind, id: record.id }, record.aliases),
    ...shape.sections,
    ...linkedSections(record, shape.empty),
  );
}

/** Evidence, the notes that mention the record and its highlights. */
function linkedSections(record: Linked, empty: NamedPage<string>['empty']): HTMLElement[] {
  return [
    section('Evidence', empty.evidence, record.evidence.map(evidenceRow)),
    section('Mentioned in notes', empty.backlinks, record.backlinks.map(backlinkRow)),
    section('Highlights', empty.annotations, record.annotations.map(annotationRow)),
  ];
}

async function actorArticle(id: number, page: HTMLElement): Promise<HTMLElement> {
  const { record: actor, update } = await pageRecord('actor', id, page);
  return namedArticle('actor', actor, update, page, {
    kinds: ACTOR_KINDS,
    facts: [],
    sections: [
      relationsEditor(id, actor.relations),
      section(
        'Events',
        'Takes part in no recorded event.',
        actor.events.map((e) => eventRow(e, e.role)),
      ),
    ],
    empty: {
      evidence: 'No evidence yet. Select a passage in a source and choose “Add as evidence”.',
      backlinks: 'No note mentions this actor yet. Type @ in a note to link it.',
      annotations: 'No highlight is linked to this actor.',
    },
  });
}

const PRECISIONS = ['1', '2', '3'] as const;

/** Latitude, longitude and precision; latitude and longitude are set together (the other one is the page's current value). */
function coordinateFields(place: PlaceDetail, update: (changes: Changes<'places.update'>) => Promise<void>): HTMLElement[] {
  return [
    field(
      'Latitude',
      () => place.lat,
      (v) => update({ lat: v, lon: v === null ? null : (place.lon ?? 0) }),
      {
        parse: number,
        className: 'latitude',
        display: (v) => latitudeInWords(Number(v)),
        tooltip: (v) => `Latitude ${v}`,
      },
    ),
    field(
      'Longitude',
      () => place.lon,
      (v) => update({ lon: v, lat: v === null ? null : (place.lat ?? 0) }),
      {
        parse: number,
        className: 'longitude',
        display: (v) => longitudeInWords(Number(v)),
        tooltip: (v) => `Longitude ${v}`,
      },
    ),
    field(
      'Precision',
      () => (place.precision === null ? null : String(place.precision)),
      (v) => update({ precision: v === null ? null : (Number(v) as 1 | 2 | 3) }),
      {
        kind: 'select',
        options: PRECISIONS,
        optionLabel: (v) => `${v}: ${precisionInWords(Number(v))}`,
        className: 'precision',
        display: (v) => `(${precisionInWords(Number(v))})`,
        tooltip: (v) => PRECISION_WORDS[Number(v) as 1 | 2 | 3]?.long ?? null,
      },
    ),
  ];
}

async function placeArticle(id: number, page: HTMLElement): Promise<HTMLElement> {
  const { record: place, update } = await pageRecord('place', id, page);
  return namedArticle('place', place, update, page, {
    kinds: PLACE_KINDS,
    facts: coordinateFields(place, update),
    sections: [
      section(
        'Events here',
        'No recorded event took place here.',
        place.events.map((e) => eventRow(e)),
      ),
    ],
    empty: {
      evidence: 'No evidence yet.',
      backlinks: 'No note mentions this place yet.',
      annotations: 'No highlight is linked to this place.',
    },
  });
}

/** The days an event's date can mean, in words, as shown beside it. */
function dateRange(event: EventRecord): string {
  if (event.dateMin || event.dateMax) {
    if (event.dateMin === event.dateMax) return `on the timeline: ${edtfInWords(event.dateMin)}`;
    const from = event.dateMin ? edtfInWords(event.dateMin) : 'an unknown day';
    const to = event.dateMax ? edtfInWords(event.dateMax) : 'an unknown day';
    return `on the timeline: from ${from} to ${to}`;
  }
  return event.date ? 'year unknown: not placed on the timeline' : '';
}

/** Date, what it spans, type, sub-type and fatalities. */
function eventFacts(event: EventDetail, update: (changes: Changes<'events.update'>) => Promise<void>, range: HTMLElement): HTMLElement[] {
  return [
    field(
      'Date (EDTF)',
      () => event.date,
      (v) => update({ date: v }),
      {
        placeholder: 'date, e.g. 2019-10-13, 2023-12?, XXXX-02-25',
        className: 'date-words',
        display: edtfInWords,
        tooltip: edtfTooltip,
      },
    ),
    range,
    field(
      'Type',
      () => event.type,
      (v) => update({ type: v }),
      { kind: 'select', options: EVENT_TYPES, parse: (t) => t as EventType },
    ),
    field(
      'Sub-type',
      () => event.subType,
      (v) => update({ subType: v }),
    ),
    field(
      'Fatalities',
      () => event.fatalities,
      (v) => update({ fatalities: v }),
      { parse: number },
    ),
  ];
}

async function eventArticle(id: number, page: HTMLElement): Promise<HTMLElement> {
  const range = h('span', { class: 'row-meta date-range' });
  const showDate = () => {
    range.textContent = dateRange(event);
    range.hidden = !range.textContent;
  };
  const { record: event, update } = await pageRecord('event', id, page, showDate);
  showDate();
  const header = recordHeader(
    'event',
    id,
    () => event.title,
    page,
    field(
      'Title',
      () => event.title,
      (v) => update({ title: v }),
      { className: 'title', parse: text },
    ),
    ...eventFacts(event, update, range),
  );
  header.append(
    placePicker(event.place, async (placeId) => {
      const before = event.place?.id ?? null;
      await update({ placeId });
      recordEdit('Changed the place', () => update({ placeId: before }));
      return event.place;
    }),
  );
  return h(
    'article',
    { class: 'record' },
    header,
    field(
      'Summary',
      () => event.summary,
      (v) => update({ summary: v }),
      { kind: 'textarea', className: 'description', parse: text },
    ),
    participantsEditor(id, event.participants),
    ...linkedSections(event, {
      evidence: 'No evidence yet.',
      backlinks: 'No note mentions this event yet.',
      annotations: 'No highlight is linked to this event.',
    }),
  );
}
