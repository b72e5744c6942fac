// "New actor / place / event from selection": a form pre-filled from the
// passage, saved with the passage as evidence and its credibility grade, in
// one call. Records it may duplicate show as the name is typed, each with
// Open and a way to use it instead (the name as its alias, the passage as its
// evidence); then the button says "Create anyway".
import { ACTOR_KINDS, EVENT_TYPES, PLACE_KINDS, type ActorKind, type EventType, type PlaceKind } from '../../../../db/shared/vocabulary.ts';
import { call, errorText } from '../../../core/api.ts';
import { h, selectOf } from '../../../ui/dom.ts';
import { closePopover } from '../../../ui/popover.ts';
import { href, sectionOf } from '../../../core/router.ts';
import { publish } from '../../../core/changes.ts';
import { recordEdit } from '../../../core/undo.ts';
import { coordinateSuggestions } from '../../map/coordinate-suggestions.ts';
import { similarChecker, similarWarning, type SimilarChoice } from '../../duplicates/similar-warning.ts';
import type { Passage } from './passage.ts';

type Kind = 'actor' | 'place' | 'event';

/** Dates the passage states, as EDTF resolved against the source's publication date (empty when the API has no date parser). */
async function datesIn(passage: Passage): Promise<{ edtf: string; text: string; note: string }[]> {
  try {
    return await call('dates.find', { text: passage.quote, sourceId: passage.sourceId });
  } catch {
    return [];
  }
}

/** The form's controls. */
interface Controls {
  kind: HTMLSelectElement;
  name: HTMLInputElement;
  actorKind: HTMLSelectElement;
  placeKind: HTMLSelectElement;
  eventType: HTMLSelectElement;
  date: HTMLInputElement;
  dateNote: HTMLElement;
  credibility: HTMLSelectElement;
  error: HTMLElement;
  /** The fields of the kind chosen (an actor's kind; a place's kind and coordinates; an event's type and date). */
  specific: HTMLElement;
  warning: HTMLElement;
  submit: HTMLButtonElement;
  coordinates: ReturnType<typeof coordinateSuggestions>;
}

function controls(passage: Passage): Controls {
  const name = h('input', { value: passage.quote.slice(0, 300), 'aria-label': 'Name', required: true, dir: 'auto' });
  return {
    kind: selectOf('Record type', ['actor', 'place', 'event'], 'actor'),
    name,
    actorKind: selectOf('Actor kind', ACTOR_KINDS, 'armed group'),
    placeKind: selectOf('Place kind', PLACE_KINDS, 'town'),
    eventType: selectOf('Event type', EVENT_TYPES, 'Battles'),
    date: h('input', { 'aria-label': 'Date (EDTF)', placeholder: 'e.g. 2019-10-13, 2023-12?, XXXX-02-25' }),
    dateNote: h('p', { class: 'muted small' }),
    credibility: selectOf('Credibility', ['1', '2', '3', '4', '5', '6'], '3'),
    error: h('p', { class: 'form-error', role: 'alert' }),
    specific: h('div', { class: 'stack' }),
    warning: h('div', {}),
    submit: h('button', { type: 'submit', class: 'primary' }, 'Create with this passage as evidence'),
    coordinates: coordinateSuggestions(() => name.value),
  };
}

/** Shows the fields of the kind chosen. */
function drawSpecific(c: Controls): void {
  const k = c.kind.value as Kind;
  if (k === 'place') void c.coordinates.now();
  else c.coordinates.clear();
  const field = (label: string, control: HTMLElement) => h('label', { class: 'field' }, label, control);
  c.specific.replaceChildren(
    ...(k === 'actor'
      ? [field('Kind ', c.actorKind)]
      : k === 'place'
        ? [field('Kind ', c.placeKind), c.coordinates.element]
        : [field('Type ', c.eventType), field('Date ', c.date), c.dateNote]),
  );
}

/** The passage as evidence for `field`, with the credibility chosen. */
const evidenceOf = (passage: Passage, c: Controls, field: string) => ({
  sourceId: passage.sourceId,
  quote: passage.quote,
  start: passage.start,
  credibility: Number(c.credibility.value),
  field,
});

/** Done: the popover closes, the source and the record are published as changed, and the toast offers Undo and the record. */
function finish(passage: Passage, message: string, target: { kind: Kind; id: number; name: string }, undo: () => Promise<unknown>): void {
  closePopover();
  const changed = () => {
    publish('source', passage.sourceId);
    publish(target.kind, target.id);
  };
  changed();
  const undoAndRedraw = async () => {
    await undo();
    changed();
  };
  recordEdit(message, undoAndRedraw, { link: { href: href(sectionOf(target.kind), target.id), text: `Open ${target.name}` } });
}

/** Instead of a new record: the typed name as an alias of `found` (or, for an event or the same name, the passage as its evidence). */
function useInstead(passage: Passage, c: Controls): SimilarChoice {
  return {
    label: (found) =>
      found.kind !== 'event' && found.reason !== 'same' ? 'Add as alias' : found.reason === 'passage' ? null : 'Add passage as evidence',
    run: async (found) => {
      if (found.kind !== 'event' && found.reason !== 'same') {
        const owner = { kind: found.kind, id: found.id };
        const done = await call('aliases.addWithEvidence', {
          owner,
          names: [{ name: c.name.value, kind: 'alias' }],
          evidence: evidenceOf(passage, c, 'alias'),
        });
        finish(passage, `Added “${c.name.value.trim()}” as an alias of “${found.name}”`, found, () =>
          call('aliases.removeWithEvidence', { owner, aliasIds: done.added.map((a) => a.id), evidenceId: done.evidence?.id ?? null }),
        );
      } else {
        const made = await call('evidence.create', { subject: { kind: found.kind, id: found.id }, ...evidenceOf(passage, c, 'name') });
        finish(passage, `Added the passage as evidence for “${found.name}”`, found, () => call('evidence.delete', { id: made.id }));
      }
    },
    opened: () => closePopover(),
  };
}

/** The record of the kind chosen, with the passage as its evidence, in one call. */
async function createFromPassage(passage: Passage, c: Controls): Promise<{ kind: Kind; id: number; name: string }> {
  const k = c.kind.value as Kind;
  const created =
    k === 'actor'
      ? await call('records.createFromPassage', {
          kind: 'actor',
          actor: { name: c.name.value, kind: c.actorKind.value as ActorKind },
          evidence: evidenceOf(passage, c, 'name'),
        })
      : k === 'place'
        ? await call('records.createFromPassage', {
            kind: 'place',
            place: { name: c.name.value, kind: c.placeKind.value as PlaceKind, ...c.coordinates.picked() },
            evidence: evidenceOf(passage, c, 'name'),
          })
        : await call('records.createFromPassage', {
            kind: 'event',
            event: { title: c.name.value, type: c.eventType.value as EventType, date: c.date.value.trim() || null },
            evidence: evidenceOf(passage, c, c.date.value.trim() ? 'date' : 'name'),
          });
  return { kind: k, id: created.record.id, name: 'name' in created.record ? created.record.name : created.record.title };
}

/** The form; what it writes is published as a change of the source (the reader redraws, where it was) and of the record. */
export function newRecordForm(passage: Passage): HTMLElement {
  const c = controls(passage);
  void datesIn(passage).then((found) => {
    const first = found[0];
    if (first && !c.date.value) {
      c.date.value = first.edtf;
      c.dateNote.textContent = `From “${first.text}”${first.note ? `: ${first.note}` : ''}`;
    }
  });
  const choice = useInstead(passage, c);
  const similar = similarChecker(
    () => ({
      kind: c.kind.value as Kind,
      name: c.name.value,
      ...(c.kind.value === 'event' ? { passage: { sourceId: passage.sourceId, start: passage.start, end: passage.end } } : {}),
    }),
    (found) => {
      c.warning.replaceChildren(similarWarning(found, choice, (e) => (c.error.textContent = errorText(e))));
      c.submit.textContent = found.length ? 'Create anyway' : 'Create with this passage as evidence';
    },
  );
  c.kind.addEventListener('change', () => (drawSpecific(c), void similar.now()));
  c.name.addEventListener('input', () => (similar.check(), c.kind.value === 'place' && c.coordinates.check()));
  drawSpecific(c);
  void similar.now();

  const save = async (event: Event) => {
    event.preventDefault();
    c.error.textContent = '';
    // Never create past a warning the analyst has not seen.
    if (!(await similar.seenAll())) return;
    c.submit.disabled = true;
    try {
      const record = await createFromPassage(passage, c);
      finish(passage, `Created ${record.kind} “${record.name}”`, record, () => call(`${record.kind}s.delete`, { id: record.id }));
    } catch (e) {
      c.error.textContent = errorText(e);
      c.submit.disabled = false;
    }
  };
  return h(
    'form',
    { class: 'stack record-form', onsubmit: save },
    h('label', { class: 'field' }, 'New ', c.kind),
    h('label', { class: 'field' }, 'Name ', c.name),
    c.warning,
    c.specific,
    h('label', { class: 'field' }, 'Credibility of the passage ', c.credibility),
    c.error,
    c.submit,
  );
}
