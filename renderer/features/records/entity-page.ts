// Actor, place and event pages: every field editable in place and undoable,
// where each claim comes from, and the notes that mention the record. A save
// updates the page's copy of the record and redraws only what shows it: the
// page is never rebuilt under the analyst's typing (undo and merge rebuild it).
import type { MethodInput } from '../../../db/api.ts';
import { edtfInWords } from '../../../db/edtf-words.ts';
import { latitudeInWords, longitudeInWords, PRECISION_WORDS, precisionInWords, roleInWords } from '../../../db/record-words.ts';
import type { Annotation, Backlink, EventRecord, Evidence } from '../../../db/records.ts';
import { ACTOR_KINDS, EVENT_TYPES, PLACE_KINDS, type ActorKind, type EventType, type PlaceKind } from '../../../db/vocabulary.ts';
import { call } from '../../core/api.ts';
import { dateInWords, edtfTooltip } from '../../ui/date-words.ts';
import { clear, h } from '../../ui/dom.ts';
import { editableField } from '../../ui/fields.ts';
import { href, navigate, trashHref } from '../../core/router.ts';
import { notify, recordEdit } from '../../core/undo.ts';
import { aliasesEditor, mergeButton, participantsEditor, placePicker, relationsEditor } from './editors.ts';

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

type Changed = () => Promise<void>;

/** The fields an update may change: the API's own input, so a misspelt field does not compile. */
type Changes<M extends 'actors.update' | 'places.update' | 'events.update'> = Omit<MethodInput<M>, 'id'>;

/**
 * An editable field showing `current()`; its save goes through `save` (which
 * updates the page's record), can be undone with the old value, and shows the value as stored.
 */
function field<T extends string | number | null>(
  label: string,
  current: () => T,
  save: (value: T) => Promise<void>,
  changed: Changed,
  options: {
    kind?: 'text' | 'textarea' | 'select';
    options?: readonly string[];
    optionLabel?: (option: string) => string;
    display?: (value: string) => string;
    tooltip?: (value: string) => string | null;
    parse?: (text: string) => T;
    className?: string;
    placeholder?: string;
  } = {},
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
      recordEdit(`Changed ${label.toLowerCase()}`, () => save(before).then(changed));
      return asText(current());
    },
  });
}

function recordActions(kind: 'actor' | 'place' | 'event', id: number, name: () => string, changed: Changed): HTMLElement {
  return h(
    'div',
    { class: 'record-actions' },
    mergeButton(kind, { id, name: name() }, changed),
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
          recordEdit(
            `Moved “${named}” to the trash`,
            async () => {
              await call('trash.restore', { kind, id });
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

const text = (t: string) => t;
const number = (t: string) => (t === '' ? null : Number(t));

export async function showActor(main: HTMLElement, id: number): Promise<void> {
  const actor = await call('actors.get', { id });
  const changed = () => showActor(main, id);
  const update = async (changes: Changes<'actors.update'>) => {
    Object.assign(actor, await call('actors.update', { id, ...changes }));
  };
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record' },
      h(
        'header',
        { class: 'record-header' },
        h(
          'div',
          { class: 'record-top' },
          h('span', { class: 'kind-badge' }, 'Actor'),
          recordActions('actor', id, () => actor.name, changed),
        ),
        h(
          'h1',
          { class: 'record-title' },
          field(
            'Name',
            () => actor.name,
            (v) => update({ name: v }),
            changed,
            { className: 'title', parse: text },
          ),
        ),
        h(
          'div',
          { class: 'fact-fields' },
          field(
            'Kind',
            () => actor.kind,
            (v) => update({ kind: v }),
            changed,
            {
              kind: 'select',
              options: ACTOR_KINDS,
              parse: (t) => t as ActorKind,
            },
          ),
          field(
            'Country',
            () => actor.country,
            (v) => update({ country: v }),
            changed,
            { placeholder: 'country (ISO code)' },
          ),
        ),
      ),
      field(
        'Description',
        () => actor.description,
        (v) => update({ description: v }),
        changed,
        {
          kind: 'textarea',
          className: 'description',
          parse: text,
        },
      ),
      aliasesEditor({ kind: 'actor', id }, actor.aliases, changed),
      relationsEditor(id, actor.relations, changed),
      section(
        'Events',
        'Takes part in no recorded event.',
        actor.events.map((e) => eventRow(e, e.role)),
      ),
      section('Evidence', 'No evidence yet. Select a passage in a source and choose “Add as evidence”.', actor.evidence.map(evidenceRow)),
      section('Mentioned in notes', 'No note mentions this actor yet. Type @ in a note to link it.', actor.backlinks.map(backlinkRow)),
      section('Highlights', 'No highlight is linked to this actor.', actor.annotations.map(annotationRow)),
    ),
  );
}

const PRECISIONS = ['1', '2', '3'] as const;

export async function showPlace(main: HTMLElement, id: number): Promise<void> {
  const place = await call('places.get', { id });
  const changed = () => showPlace(main, id);
  const update = async (changes: Changes<'places.update'>) => {
    Object.assign(place, await call('places.update', { id, ...changes }));
  };
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record' },
      h(
        'header',
        { class: 'record-header' },
        h(
          'div',
          { class: 'record-top' },
          h('span', { class: 'kind-badge' }, 'Place'),
          recordActions('place', id, () => place.name, changed),
        ),
        h(
          'h1',
          { class: 'record-title' },
          field(
            'Name',
            () => place.name,
            (v) => update({ name: v }),
            changed,
            { className: 'title', parse: text },
          ),
        ),
        h(
          'div',
          { class: 'fact-fields' },
          field(
            'Kind',
            () => place.kind,
            (v) => update({ kind: v }),
            changed,
            {
              kind: 'select',
              options: PLACE_KINDS,
              parse: (t) => t as PlaceKind,
            },
          ),
          field(
            'Country',
            () => place.country,
            (v) => update({ country: v }),
            changed,
            { placeholder: 'country (ISO code)' },
          ),
          // Latitude and longitude are set together: the other one is the page's current value.
          field(
            'Latitude',
            () => place.lat,
            (v) => update({ lat: v, lon: v === null ? null : (place.lon ?? 0) }),
            changed,
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
            changed,
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
            changed,
            {
              kind: 'select',
              options: PRECISIONS,
              optionLabel: (v) => `${v}: ${precisionInWords(Number(v))}`,
              className: 'precision',
              display: (v) => `(${precisionInWords(Number(v))})`,
              tooltip: (v) => PRECISION_WORDS[Number(v) as 1 | 2 | 3]?.long ?? null,
            },
          ),
        ),
      ),
      field(
        'Description',
        () => place.description,
        (v) => update({ description: v }),
        changed,
        {
          kind: 'textarea',
          className: 'description',
          parse: text,
        },
      ),
      aliasesEditor({ kind: 'place', id }, place.aliases, changed),
      section(
        'Events here',
        'No recorded event took place here.',
        place.events.map((e) => eventRow(e)),
      ),
      section('Evidence', 'No evidence yet.', place.evidence.map(evidenceRow)),
      section('Mentioned in notes', 'No note mentions this place yet.', place.backlinks.map(backlinkRow)),
      section('Highlights', 'No highlight is linked to this place.', place.annotations.map(annotationRow)),
    ),
  );
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

export async function showEvent(main: HTMLElement, id: number): Promise<void> {
  const event = await call('events.get', { id });
  const changed = () => showEvent(main, id);
  const range = h('span', { class: 'row-meta date-range' });
  const showDate = () => {
    range.textContent = dateRange(event);
    range.hidden = !range.textContent;
  };
  const update = async (changes: Changes<'events.update'>) => {
    Object.assign(event, await call('events.update', { id, ...changes }));
    showDate();
  };
  showDate();
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record' },
      h(
        'header',
        { class: 'record-header' },
        h(
          'div',
          { class: 'record-top' },
          h('span', { class: 'kind-badge' }, 'Event'),
          recordActions('event', id, () => event.title, changed),
        ),
        h(
          'h1',
          { class: 'record-title' },
          field(
            'Title',
            () => event.title,
            (v) => update({ title: v }),
            changed,
            { className: 'title', parse: text },
          ),
        ),
        h(
          'div',
          { class: 'fact-fields' },
          field(
            'Date (EDTF)',
            () => event.date,
            (v) => update({ date: v }),
            changed,
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
            changed,
            {
              kind: 'select',
              options: EVENT_TYPES,
              parse: (t) => t as EventType,
            },
          ),
          field(
            'Sub-type',
            () => event.subType,
            (v) => update({ subType: v }),
            changed,
          ),
          field(
            'Fatalities',
            () => event.fatalities,
            (v) => update({ fatalities: v }),
            changed,
            { parse: number },
          ),
        ),
        placePicker(event.place, async (placeId) => {
          const before = event.place?.id ?? null;
          await update({ placeId });
          recordEdit('Changed the place', () => update({ placeId: before }).then(changed));
          return event.place;
        }),
      ),
      field(
        'Summary',
        () => event.summary,
        (v) => update({ summary: v }),
        changed,
        {
          kind: 'textarea',
          className: 'description',
          parse: text,
        },
      ),
      participantsEditor(id, event.participants, changed),
      section('Evidence', 'No evidence yet.', event.evidence.map(evidenceRow)),
      section('Mentioned in notes', 'No note mentions this event yet.', event.backlinks.map(backlinkRow)),
      section('Highlights', 'No highlight is linked to this event.', event.annotations.map(annotationRow)),
    ),
  );
}
