// Actor, place and event pages: every field editable in place and undoable,
// where each claim comes from, and the notes that mention the record.
import { edtfInWords } from '../../db/edtf-words.ts';
import { latitudeInWords, longitudeInWords, PRECISION_WORDS, precisionInWords, roleInWords } from '../../db/record-words.ts';
import type { Annotation, Backlink, EventRecord, Evidence } from '../../db/records.ts';
import { ACTOR_KINDS, EVENT_TYPES, PLACE_KINDS } from '../../db/vocabulary.ts';
import { call } from '../api.ts';
import { dateInWords, edtfTooltip } from '../date-words.ts';
import { clear, h } from '../dom.ts';
import { editableField } from '../fields.ts';
import { href, navigate } from '../router.ts';
import { recordEdit } from '../undo.ts';
import { aliasesEditor, mergeButton, participantsEditor, placePicker, relationsEditor } from './entity/editors.ts';

function section(title: string, empty: string, items: HTMLElement[]): HTMLElement {
  return h(
    'section',
    { class: 'panel' },
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
        href: evidence.orphaned
          ? href('sources', evidence.source.id)
          : href('sources', evidence.source.id, { at: evidence.start, len: evidence.end - evidence.start }),
        class: 'quote-link',
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
        href: annotation.orphaned ? href('sources', annotation.source.id) : href('sources', annotation.source.id, { at: annotation.start }),
        class: `hl hl-${annotation.color} quote`,
        dir: 'auto',
      },
      annotation.quote,
    ),
    h('span', { class: 'row-meta' }, annotation.source.title),
    annotation.comment ? h('p', { class: 'comment' }, annotation.comment) : null,
  );
}

/** An editable field whose save goes through `update` and can be undone with the old value. */
function field<T extends string | number | null>(
  label: string,
  value: T,
  update: (value: T) => Promise<unknown>,
  changed: () => Promise<void>,
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
  return editableField({
    label,
    value: value === null ? '' : String(value),
    kind: options.kind,
    options: options.options,
    optionLabel: options.optionLabel,
    display: options.display,
    tooltip: options.tooltip,
    className: options.className,
    placeholder: options.placeholder ?? `Add ${label.toLowerCase()}`,
    save: async (text) => {
      await update(parse(text));
      recordEdit(`Changed ${label.toLowerCase()}`, () => update(value).then(changed));
      await changed();
    },
  });
}

function recordActions(kind: 'actor' | 'place' | 'event', id: number, name: string, changed: () => Promise<void>): HTMLElement {
  return h(
    'div',
    { class: 'record-actions' },
    kind !== 'event' ? mergeButton(kind, { id, name }, changed) : null,
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: async () => {
          await call(`${kind}s.delete`, { id });
          recordEdit(`Moved “${name}” to the trash`, async () => {
            await call('trash.restore', { kind, id });
            navigate(`${kind}s`, id);
          });
          navigate(`${kind}s`);
        },
      },
      'Delete',
    ),
  );
}

const text = (t: string) => t;

export async function showActor(main: HTMLElement, id: number): Promise<void> {
  const actor = await call('actors.get', { id });
  const changed = () => showActor(main, id);
  const update = (fields: Record<string, unknown>) => call('actors.update', { id, ...fields });
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record' },
      h(
        'header',
        { class: 'record-header' },
        h('div', { class: 'record-top' }, h('span', { class: 'kind-badge' }, 'Actor'), recordActions('actor', id, actor.name, changed)),
        h(
          'h1',
          { class: 'record-title' },
          field('Name', actor.name, (v) => update({ name: v ?? '' }), changed, { className: 'title', parse: text }),
        ),
        h(
          'div',
          { class: 'fact-fields' },
          field('Kind', actor.kind, (v) => update({ kind: v }), changed, { kind: 'select', options: ACTOR_KINDS, parse: text }),
          field('Country', actor.country, (v) => update({ country: v }), changed, { placeholder: 'country (ISO code)' }),
        ),
      ),
      field('Description', actor.description, (v) => update({ description: v ?? '' }), changed, {
        kind: 'textarea',
        className: 'description',
        parse: text,
      }),
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

const number = (t: string) => (t === '' ? null : Number(t));

export async function showPlace(main: HTMLElement, id: number): Promise<void> {
  const place = await call('places.get', { id });
  const changed = () => showPlace(main, id);
  const update = (fields: Record<string, unknown>) => call('places.update', { id, ...fields });
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record' },
      h(
        'header',
        { class: 'record-header' },
        h('div', { class: 'record-top' }, h('span', { class: 'kind-badge' }, 'Place'), recordActions('place', id, place.name, changed)),
        h(
          'h1',
          { class: 'record-title' },
          field('Name', place.name, (v) => update({ name: v ?? '' }), changed, { className: 'title', parse: text }),
        ),
        h(
          'div',
          { class: 'fact-fields' },
          field('Kind', place.kind, (v) => update({ kind: v }), changed, { kind: 'select', options: PLACE_KINDS, parse: text }),
          field('Country', place.country, (v) => update({ country: v }), changed, { placeholder: 'country (ISO code)' }),
          field('Latitude', place.lat, (v) => update({ lat: v, lon: v === null ? null : (place.lon ?? 0) }), changed, {
            parse: number,
            className: 'latitude',
            display: (v) => latitudeInWords(Number(v)),
            tooltip: (v) => `Latitude ${v}`,
          }),
          field('Longitude', place.lon, (v) => update({ lon: v, lat: v === null ? null : (place.lat ?? 0) }), changed, {
            parse: number,
            className: 'longitude',
            display: (v) => longitudeInWords(Number(v)),
            tooltip: (v) => `Longitude ${v}`,
          }),
          field(
            'Precision',
            place.precision === null ? null : String(place.precision),
            (v) => update({ precision: v === null ? null : Number(v) }),
            changed,
            {
              kind: 'select',
              options: ['1', '2', '3'],
              optionLabel: (v) => `${v}: ${precisionInWords(Number(v))}`,
              className: 'precision',
              display: (v) => `(${precisionInWords(Number(v))})`,
              tooltip: (v) => PRECISION_WORDS[Number(v) as 1 | 2 | 3]?.long ?? null,
            },
          ),
        ),
      ),
      field('Description', place.description, (v) => update({ description: v ?? '' }), changed, {
        kind: 'textarea',
        className: 'description',
        parse: text,
      }),
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

export async function showEvent(main: HTMLElement, id: number): Promise<void> {
  const event = await call('events.get', { id });
  const changed = () => showEvent(main, id);
  const update = (fields: Record<string, unknown>) => call('events.update', { id, ...fields });
  const range =
    event.dateMin || event.dateMax
      ? event.dateMin === event.dateMax
        ? `on the timeline: ${edtfInWords(event.dateMin)}`
        : `on the timeline: from ${event.dateMin ? edtfInWords(event.dateMin) : 'an unknown day'} to ${event.dateMax ? edtfInWords(event.dateMax) : 'an unknown day'}`
      : event.date
        ? 'year unknown: not placed on the timeline'
        : '';
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record' },
      h(
        'header',
        { class: 'record-header' },
        h('div', { class: 'record-top' }, h('span', { class: 'kind-badge' }, 'Event'), recordActions('event', id, event.title, changed)),
        h(
          'h1',
          { class: 'record-title' },
          field('Title', event.title, (v) => update({ title: v ?? '' }), changed, { className: 'title', parse: text }),
        ),
        h(
          'div',
          { class: 'fact-fields' },
          field('Date (EDTF)', event.date, (v) => update({ date: v }), changed, {
            placeholder: 'date, e.g. 2019-10-13, 2023-12?, XXXX-02-25',
            className: 'date-words',
            display: edtfInWords,
            tooltip: edtfTooltip,
          }),
          range ? h('span', { class: 'row-meta date-range' }, range) : null,
          field('Type', event.type, (v) => update({ type: v }), changed, { kind: 'select', options: EVENT_TYPES, parse: text }),
          field('Sub-type', event.subType, (v) => update({ subType: v }), changed),
          field('Fatalities', event.fatalities, (v) => update({ fatalities: v }), changed, { parse: number }),
        ),
        placePicker(event.place, async (placeId) => {
          const before = event.place?.id ?? null;
          await update({ placeId });
          recordEdit('Changed the place', () => update({ placeId: before }).then(changed));
          await changed();
        }),
      ),
      field('Summary', event.summary, (v) => update({ summary: v ?? '' }), changed, {
        kind: 'textarea',
        className: 'description',
        parse: text,
      }),
      participantsEditor(id, event.participants, changed),
      section('Evidence', 'No evidence yet.', event.evidence.map(evidenceRow)),
      section('Mentioned in notes', 'No note mentions this event yet.', event.backlinks.map(backlinkRow)),
      section('Highlights', 'No highlight is linked to this event.', event.annotations.map(annotationRow)),
    ),
  );
}
