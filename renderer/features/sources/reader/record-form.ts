// "New actor / place / event from selection": a form pre-filled from the
// passage, saved with the passage as evidence and its credibility grade, in
// one call. Records it may duplicate show as the name is typed, each with
// Open and a way to use it instead (the name as its alias, the passage as its
// evidence); then the button says "Create anyway".
import { ACTOR_KINDS, EVENT_TYPES, PLACE_KINDS } from '../../../../db/vocabulary.ts';
import { call, CallError } from '../../../core/api.ts';
import { h, selectOf } from '../../../ui/dom.ts';
import { closePopover } from '../../../ui/popover.ts';
import { href, sectionOf } from '../../../core/router.ts';
import { recordEdit } from '../../../core/undo.ts';
import { coordinateSuggestions } from '../../map/coordinate-suggestions.ts';
import { similarChecker, similarWarning, type SimilarRecord } from '../../duplicates/similar-warning.ts';
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

const errorText = (e: unknown) => (e instanceof CallError || e instanceof Error ? e.message : String(e));

/** The form; `changed` re-renders the reader, which stays open where it was. */
export function newRecordForm(passage: Passage, changed: () => Promise<void>): HTMLElement {
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
  const warning = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create with this passage as evidence');
  const coordinates = coordinateSuggestions(() => name.value);
  const drawSpecific = () => {
    const k = kind.value as Kind;
    if (k === 'place') void coordinates.now();
    else coordinates.clear();
    specific.replaceChildren(
      ...(k === 'actor'
        ? [h('label', { class: 'field' }, 'Kind ', actorKind)]
        : k === 'place'
          ? [h('label', { class: 'field' }, 'Kind ', placeKind), coordinates.element]
          : [h('label', { class: 'field' }, 'Type ', eventType), h('label', { class: 'field' }, 'Date ', date), dateNote]),
    );
  };
  void datesIn(passage).then((found) => {
    const first = found[0];
    if (first && !date.value) {
      date.value = first.edtf;
      dateNote.textContent = `From “${first.text}”${first.note ? `: ${first.note}` : ''}`;
    }
  });

  const evidence = (field: string) => ({
    sourceId: passage.sourceId,
    quote: passage.quote,
    start: passage.start,
    credibility: Number(credibility.value),
    field,
  });
  const finish = async (message: string, target: { kind: Kind; id: number; name: string }, undo: () => Promise<unknown>) => {
    closePopover();
    await changed();
    const undoAndRedraw = async () => {
      await undo();
      await changed();
    };
    recordEdit(message, undoAndRedraw, {
      link: { href: href(sectionOf(target.kind), target.id), text: `Open ${target.name}` },
    });
  };
  /** Instead of a new record: the typed name as an alias of `found` (or, for an event or the same name, the passage as its evidence). */
  const useInstead = {
    label: (found: SimilarRecord) =>
      found.kind !== 'event' && found.reason !== 'same' ? 'Add as alias' : found.reason === 'passage' ? null : 'Add passage as evidence',
    run: async (found: SimilarRecord) => {
      if (found.kind !== 'event' && found.reason !== 'same') {
        const owner = { kind: found.kind, id: found.id };
        const done = await call('aliases.addWithEvidence', {
          owner,
          names: [{ name: name.value, kind: 'alias' }],
          evidence: evidence('alias'),
        });
        await finish(`Added “${name.value.trim()}” as an alias of “${found.name}”`, found, () =>
          call('aliases.removeWithEvidence', { owner, aliasIds: done.added.map((a) => a.id), evidenceId: done.evidence?.id ?? null }),
        );
      } else {
        const made = await call('evidence.create', { subject: { kind: found.kind, id: found.id }, ...evidence('name') });
        await finish(`Added the passage as evidence for “${found.name}”`, found, () => call('evidence.delete', { id: made.id }));
      }
    },
    opened: () => closePopover(),
  };
  const similar = similarChecker(
    () => ({
      kind: kind.value as Kind,
      name: name.value,
      ...(kind.value === 'event' ? { passage: { sourceId: passage.sourceId, start: passage.start, end: passage.end } } : {}),
    }),
    (found) => {
      warning.replaceChildren(similarWarning(found, useInstead, (e) => (error.textContent = errorText(e))));
      submit.textContent = found.length ? 'Create anyway' : 'Create with this passage as evidence';
    },
  );
  kind.addEventListener('change', () => (drawSpecific(), void similar.now()));
  name.addEventListener('input', () => (similar.check(), kind.value === 'place' && coordinates.check()));
  drawSpecific();
  void similar.now();

  const save = async (event: Event) => {
    event.preventDefault();
    error.textContent = '';
    const k = kind.value as Kind;
    // Never create past a warning the analyst has not seen.
    if (!(await similar.seenAll())) return;
    submit.disabled = true;
    try {
      const created =
        k === 'actor'
          ? await call('records.createFromPassage', {
              kind: 'actor',
              actor: { name: name.value, kind: actorKind.value as never },
              evidence: evidence('name'),
            })
          : k === 'place'
            ? await call('records.createFromPassage', {
                kind: 'place',
                place: { name: name.value, kind: placeKind.value as never, ...coordinates.picked() },
                evidence: evidence('name'),
              })
            : await call('records.createFromPassage', {
                kind: 'event',
                event: { title: name.value, type: eventType.value as never, date: date.value.trim() || null },
                evidence: evidence(date.value.trim() ? 'date' : 'name'),
              });
      const record = { kind: k, id: created.record.id, name: 'name' in created.record ? created.record.name : created.record.title };
      await finish(`Created ${k} “${record.name}”`, record, () => call(`${k}s.delete`, { id: record.id }));
    } catch (e) {
      error.textContent = errorText(e);
      submit.disabled = false;
    }
  };
  return h(
    'form',
    { class: 'stack record-form', onsubmit: save },
    h('label', { class: 'field' }, 'New ', kind),
    h('label', { class: 'field' }, 'Name ', name),
    warning,
    specific,
    h('label', { class: 'field' }, 'Credibility of the passage ', credibility),
    error,
    submit,
  );
}
