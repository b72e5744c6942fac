// "New actor / place / event" from a list: the name first, with the records it
// may duplicate shown as it is typed (Open, Add as alias, or Create anyway).
import { ACTOR_KINDS, EVENT_TYPES, PLACE_KINDS, type ActorKind, type EventType, type PlaceKind } from '../../../db/shared/vocabulary.ts';
import { call, errorText } from '../../core/api.ts';
import { h, selectOf } from '../../ui/dom.ts';
import { closePopover, openPopover } from '../../ui/popover.ts';
import { navigate, sectionOf } from '../../core/router.ts';
import { publish } from '../../core/changes.ts';
import { recordEdit } from '../../core/undo.ts';
import { coordinateSuggestions } from '../map/coordinate-suggestions.ts';
import { similarChecker, similarWarning } from './similar-warning.ts';

type Kind = 'actor' | 'place' | 'event';

function newRecordForm(kind: Kind): HTMLElement {
  const name = h('input', {
    'aria-label': kind === 'event' ? 'Title' : 'Name',
    required: true,
    dir: 'auto',
    placeholder: kind === 'event' ? 'What happened' : 'Name',
  });
  const sort =
    kind === 'actor'
      ? selectOf('Actor kind', ACTOR_KINDS, 'organization')
      : kind === 'place'
        ? selectOf('Place kind', PLACE_KINDS, 'town')
        : selectOf('Event type', EVENT_TYPES, 'Strategic developments');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const warning = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, `Create ${kind}`);
  const similar = similarChecker(
    () => ({ kind, name: name.value }),
    (found) => {
      warning.replaceChildren(
        similarWarning(
          found,
          {
            label: (f) => (f.kind === 'event' || f.reason === 'same' ? null : 'Add as alias'),
            run: async (f) => {
              if (f.kind === 'event') return;
              const owner = { kind: f.kind, id: f.id };
              const alias = await call('aliases.add', { owner, name: name.value, kind: 'alias' });
              publish(f.kind, f.id);
              closePopover();
              navigate(sectionOf(f.kind), f.id);
              recordEdit(`Added “${alias.name}” as an alias of “${f.name}”`, async () => {
                await call('aliases.remove', { owner, aliasId: alias.id });
                publish(f.kind, f.id);
              });
            },
            opened: () => closePopover(),
          },
          (e) => (error.textContent = errorText(e)),
        ),
      );
      submit.textContent = found.length ? 'Create anyway' : `Create ${kind}`;
    },
  );
  const coordinates = kind === 'place' ? coordinateSuggestions(() => name.value) : null;
  name.addEventListener('input', () => (similar.check(), coordinates?.check()));

  const save = async (event: Event) => {
    event.preventDefault();
    error.textContent = '';
    if (!(await similar.seenAll())) return;
    submit.disabled = true;
    try {
      const record =
        kind === 'actor'
          ? await call('actors.create', { name: name.value, kind: sort.value as ActorKind })
          : kind === 'place'
            ? await call('places.create', { name: name.value, kind: sort.value as PlaceKind, ...coordinates?.picked() })
            : await call('events.create', { title: name.value, type: sort.value as EventType });
      publish(kind, record.id);
      closePopover();
      navigate(sectionOf(kind), record.id);
    } catch (e) {
      error.textContent = errorText(e);
      submit.disabled = false;
    }
  };
  return h(
    'form',
    { class: 'stack record-form', onsubmit: save },
    h('label', { class: 'field' }, kind === 'event' ? 'Title ' : 'Name ', name),
    warning,
    coordinates?.element,
    h('label', { class: 'field' }, kind === 'event' ? 'Type ' : 'Kind ', sort),
    error,
    submit,
  );
}

/** Opens the form under the button that asked for it. */
export function openNewRecordForm(anchor: HTMLElement, kind: Kind): void {
  openPopover(anchor.getBoundingClientRect(), newRecordForm(kind), { label: `New ${kind}` });
}
