// "New actor / place / event from selection": a form pre-filled from the
// passage, saved with the passage as evidence and its credibility grade.
import { ACTOR_KINDS, EVENT_TYPES, PLACE_KINDS } from '../../../db/vocabulary.ts';
import { call, CallError } from '../../api.ts';
import { h, selectOf } from '../../dom.ts';
import type { Section } from '../../router.ts';
import type { Passage } from './actions.ts';

type Kind = 'actor' | 'place' | 'event';

/** Dates the passage states, as EDTF resolved against the source's publication date (empty when the API has no date parser). */
async function datesIn(passage: Passage): Promise<{ edtf: string; text: string; note: string }[]> {
  try {
    return await call('dates.find', { text: passage.quote, sourceId: passage.sourceId });
  } catch {
    return [];
  }
}

export function newRecordForm(passage: Passage, done: (section: Section, id: number) => void): HTMLElement {
  const kind = selectOf('Record type', ['actor', 'place', 'event'], 'actor');
  const name = h('input', { value: passage.quote.slice(0, 300), 'aria-label': 'Name', required: true, dir: 'auto' });
  const actorKind = selectOf('Actor kind', ACTOR_KINDS, 'armed group');
  const placeKind = selectOf('Place kind', PLACE_KINDS, 'town');
  const eventType = selectOf('Event type', EVENT_TYPES, 'Battles');
  const date = h('input', { 'aria-label': 'Date (EDTF)', placeholder: 'e.g. 2019-10-13, 2023-12?, XXXX-02-25' });
  const dateNote = h('p', { class: 'muted small' });
  const credibility = selectOf('Credibility', ['1', '2', '3', '4', '5', '6'], '3');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const specific = h('div', { class: 'stack' });
  const drawSpecific = () => {
    const k = kind.value as Kind;
    specific.replaceChildren(
      ...(k === 'actor'
        ? [h('label', { class: 'field' }, 'Kind ', actorKind)]
        : k === 'place'
          ? [h('label', { class: 'field' }, 'Kind ', placeKind)]
          : [h('label', { class: 'field' }, 'Type ', eventType), h('label', { class: 'field' }, 'Date ', date), dateNote]),
    );
  };
  kind.addEventListener('change', drawSpecific);
  drawSpecific();
  void datesIn(passage).then((found) => {
    const first = found[0];
    if (first && !date.value) {
      date.value = first.edtf;
      dateNote.textContent = `From “${first.text}”${first.note ? `: ${first.note}` : ''}`;
    }
  });

  const save = async (event: Event) => {
    event.preventDefault();
    error.textContent = '';
    const k = kind.value as Kind;
    try {
      const created =
        k === 'actor'
          ? await call('actors.create', { name: name.value, kind: actorKind.value as never })
          : k === 'place'
            ? await call('places.create', { name: name.value, kind: placeKind.value as never })
            : await call('events.create', { title: name.value, type: eventType.value as never, date: date.value.trim() || null });
      await call('evidence.create', {
        subject: { kind: k, id: created.id },
        sourceId: passage.sourceId,
        quote: passage.quote,
        start: passage.start,
        credibility: Number(credibility.value),
        field: k === 'event' && date.value.trim() ? 'date' : 'name',
      });
      done(`${k}s` as Section, created.id);
    } catch (e) {
      error.textContent = e instanceof CallError ? e.message : String(e);
    }
  };
  return h(
    'form',
    { class: 'stack record-form', onsubmit: save },
    h('label', { class: 'field' }, 'New ', kind),
    h('label', { class: 'field' }, 'Name ', name),
    specific,
    h('label', { class: 'field' }, 'Credibility of the passage ', credibility),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Create with this passage as evidence'),
  );
}
