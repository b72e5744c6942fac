// Editors for the lists on a record page: aliases, relations, participants, the place.
// Every change is undoable. A change redraws only its own list and keeps the
// analyst's focus and typing: it is published as made in that list, so the
// page around it is not rebuilt; an undo or a merge is published plainly, and
// the page is.
import type { Alias, Participant, Relation } from '../../../db/shared/records.ts';
import { edtfInWords } from '../../../db/shared/edtf-words.ts';
import { ROLE_WORDS, roleInWords } from '../../../db/shared/record-words.ts';
import { ALIAS_KINDS, PARTICIPANT_ROLES, RELATION_TYPES } from '../../../db/shared/vocabulary.ts';
import { call, errorText } from '../../core/api.ts';
import { h, selectOf } from '../../ui/dom.ts';
import { closePopover, entityPicker, openPopover } from '../../ui/popover.ts';
import { href } from '../../core/router.ts';
import { publish } from '../../core/changes.ts';
import { recordEdit } from '../../core/undo.ts';

const searchKind = (kind: 'actor' | 'place' | 'event') => (query: string) => call('search', { query, kinds: [kind], limit: 8 });

/** The record's aliases, each removable, and a form to add one; each change is made (and drawn) in place, and undoable. */
export function aliasesEditor(owner: { kind: 'actor' | 'place'; id: number }, initial: Alias[]): HTMLElement {
  let aliases = [...initial];
  /** Made in place: the page around it stays as it is; an undo rebuilds it. */
  const changed = () => publish(owner.kind, owner.id, list);
  const undone = () => publish(owner.kind, owner.id);
  const name = h('input', { 'aria-label': 'New alias', placeholder: 'Add an alias, acronym or other spelling', dir: 'auto' });
  const kind = selectOf('Alias kind', ALIAS_KINDS, 'alias');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const list = h('ul', { class: 'aliases editable-list', 'aria-label': 'Aliases' });
  const remove = async (alias: Alias) => {
    try {
      await call('aliases.remove', { owner, aliasId: alias.id });
    } catch (e) {
      error.textContent = errorText(e);
      return;
    }
    changed();
    const at = aliases.indexOf(alias);
    const hadFocus = list.contains(document.activeElement);
    aliases = aliases.filter((a) => a !== alias);
    recordEdit(`Removed alias “${alias.name}”`, () => call('aliases.add', { owner, name: alias.name, kind: alias.kind }).then(undone));
    error.textContent = '';
    draw();
    // Focus stays in the list: on the next alias's remove button, else the new-alias box.
    if (hadFocus) (list.querySelectorAll('button')[Math.min(at, aliases.length - 1)] ?? name).focus();
  };
  const draw = () =>
    list.replaceChildren(
      ...aliases.map((a) =>
        h(
          'li',
          { title: a.kind },
          h('span', { dir: 'auto' }, a.name),
          h('span', { class: 'alias-kind' }, a.kind),
          h('button', { type: 'button', class: 'tool', 'aria-label': `Remove alias ${a.name}`, onclick: () => void remove(a) }, '×'),
        ),
      ),
    );
  const add = async (event: Event) => {
    event.preventDefault();
    const submitted = name.value;
    try {
      const alias = await call('aliases.add', { owner, name: submitted, kind: kind.value as Alias['kind'] });
      changed();
      aliases = [...aliases, alias];
      recordEdit(`Added alias “${alias.name}”`, () => call('aliases.remove', { owner, aliasId: alias.id }).then(undone));
      error.textContent = '';
      draw();
      // What was added leaves the box; anything typed since Enter stays.
      if (name.value.startsWith(submitted)) name.value = name.value.slice(submitted.length).trimStart();
    } catch (e) {
      error.textContent = errorText(e);
    }
  };
  draw();
  return h(
    'section',
    { class: 'panel' },
    h('h3', {}, 'Aliases'),
    list,
    h('form', { class: 'inline-form', onsubmit: add }, name, kind, h('button', { type: 'submit' }, 'Add')),
    error,
  );
}

function relationForm(actorId: number, existing: Relation | null, saved: (relation: Relation) => void): HTMLElement {
  const undone = () => publish('actor', actorId);
  const outgoing = existing ? existing.source.id === actorId : true;
  const direction = selectOf('Direction', ['this actor →', '→ this actor'], outgoing ? 'this actor →' : '→ this actor');
  const type = selectOf('Relation type', RELATION_TYPES, existing?.type ?? 'allied with');
  const start = h('input', { 'aria-label': 'Start (EDTF)', placeholder: 'start, e.g. 2023-09', value: existing?.start ?? '' });
  const end = h('input', { 'aria-label': 'End (EDTF)', placeholder: 'end', value: existing?.end ?? '' });
  let other: { id: number; title: string } | null = existing
    ? outgoing
      ? { id: existing.target.id, title: existing.target.name }
      : { id: existing.source.id, title: existing.source.name }
    : null;
  const otherLabel = h('strong', {}, other?.title ?? 'choose an actor below');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const save = async (event: Event) => {
    event.preventDefault();
    if (!other) return void (error.textContent = 'Choose the other actor.');
    const forward = direction.value === 'this actor →';
    const fields = {
      sourceId: forward ? actorId : other.id,
      targetId: forward ? other.id : actorId,
      type: type.value as Relation['type'],
      start: start.value.trim() || null,
      end: end.value.trim() || null,
    };
    try {
      let relation: Relation;
      if (existing) {
        relation = await call('relations.update', { id: existing.id, ...fields });
        const before = {
          sourceId: existing.source.id,
          targetId: existing.target.id,
          type: existing.type,
          start: existing.start,
          end: existing.end,
        };
        recordEdit('Changed a relation', () => call('relations.update', { id: existing.id, ...before }).then(undone));
      } else {
        relation = await call('relations.create', fields);
        recordEdit('Added a relation', () => call('relations.delete', { id: relation.id }).then(undone));
      }
      saved(relation);
      closePopover();
    } catch (e) {
      error.textContent = errorText(e);
    }
  };
  return h(
    'form',
    { class: 'stack', onsubmit: save },
    h('div', { class: 'inline-form' }, direction, type),
    h('p', { class: 'small' }, 'Other actor: ', otherLabel),
    entityPicker((item) => {
      other = { id: item.id, title: item.title };
      otherLabel.textContent = item.title;
    }, searchKind('actor')),
    h('div', { class: 'inline-form' }, start, end),
    error,
    h('button', { type: 'submit', class: 'primary' }, existing ? 'Save relation' : 'Add relation'),
  );
}

/** "allied with Wagner Group, April 2019 to June 2020", with Edit and Remove. */
function relationRow(actorId: number, relation: Relation, actions: { edit: (e: Event) => void; remove: () => void }): HTMLElement {
  const outgoing = relation.source.id === actorId;
  const other = outgoing ? relation.target : relation.source;
  const span =
    relation.start && relation.end
      ? `${edtfInWords(relation.start)} to ${edtfInWords(relation.end)}`
      : relation.start
        ? `from ${edtfInWords(relation.start)}`
        : relation.end
          ? `until ${edtfInWords(relation.end)}`
          : '';
  const raw = [relation.start ?? '..', relation.end ?? '..'].join('/');
  return h(
    'li',
    { class: 'relation-row', 'data-relation': relation.id },
    h('span', { class: 'relation-type' }, outgoing ? relation.type : `← ${relation.type}`),
    ' ',
    h('a', { href: href('actors', other.id) }, other.name),
    span ? h('span', { class: 'row-meta', title: `EDTF: ${raw}` }, span) : null,
    h(
      'span',
      { class: 'row-actions' },
      h('button', { type: 'button', class: 'tool', onclick: actions.edit }, 'Edit'),
      h('button', { type: 'button', class: 'tool danger', onclick: actions.remove }, 'Remove'),
    ),
  );
}

/** The actor's relations, each editable and removable, and Add relation; each change is made (and drawn) in place, and undoable. */
export function relationsEditor(actorId: number, initial: Relation[]): HTMLElement {
  let relations = [...initial];
  const count = h('span', { class: 'count' });
  const rows = h('div');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const anchorOf = (e: Event) => (e.currentTarget as HTMLElement).getBoundingClientRect();
  const saved = (relation: Relation) => {
    publish('actor', actorId, rows);
    const edited = relations.some((r) => r.id === relation.id);
    relations = edited ? relations.map((r) => (r.id === relation.id ? relation : r)) : [...relations, relation];
    draw();
    // An edited row is drawn anew: its Edit button takes the focus the popover gives back.
    if (edited) rows.querySelector<HTMLElement>(`[data-relation="${relation.id}"] button`)?.focus();
  };
  const remove = async (relation: Relation) => {
    try {
      await call('relations.delete', { id: relation.id });
    } catch (e) {
      error.textContent = errorText(e);
      return;
    }
    publish('actor', actorId, rows);
    const hadFocus = rows.contains(document.activeElement);
    relations = relations.filter((r) => r !== relation);
    recordEdit('Removed a relation', () => call('relations.restore', { id: relation.id }).then(() => publish('actor', actorId)));
    error.textContent = '';
    draw();
    if (hadFocus) addButton.focus();
  };
  const row = (relation: Relation) =>
    relationRow(actorId, relation, {
      edit: (e) => openPopover(anchorOf(e), relationForm(actorId, relation, saved), { label: 'Edit relation' }),
      remove: () => void remove(relation),
    });
  const draw = () => {
    count.textContent = String(relations.length);
    count.hidden = relations.length === 0;
    rows.replaceChildren(
      relations.length ? h('ul', { class: 'rows' }, relations.map(row)) : h('p', { class: 'muted' }, 'No relations recorded.'),
    );
  };
  const addButton = h(
    'button',
    {
      type: 'button',
      onclick: (e: Event) => openPopover(anchorOf(e), relationForm(actorId, null, saved), { label: 'Add relation' }),
    },
    'Add relation',
  );
  draw();
  return h('section', { class: 'panel' }, h('h3', {}, 'Relations', count), rows, error, addButton);
}

/** The event's participants with their roles, removable, and a picker to add one; made (and drawn) in place, and undoable. */
export function participantsEditor(eventId: number, initial: Participant[]): HTMLElement {
  let participants = initial;
  const toInput = (list: Participant[]) => list.map(({ actorId, role }) => ({ actorId, role }));
  const rows = h('div');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const replace = async (next: Participant[], label: string) => {
    const before = participants;
    const hadFocus = rows.contains(document.activeElement);
    try {
      participants = (await call('events.update', { id: eventId, participants: toInput(next) })).participants;
    } catch (e) {
      error.textContent = errorText(e);
      return;
    }
    publish('event', eventId, rows);
    recordEdit(label, () => call('events.update', { id: eventId, participants: toInput(before) }).then(() => publish('event', eventId)));
    error.textContent = '';
    draw();
    if (hadFocus) picker.querySelector('input')?.focus();
  };
  const role = h(
    'select',
    { 'aria-label': 'Role' },
    PARTICIPANT_ROLES.map((r) => h('option', { value: r, selected: r === 'actor1' }, ROLE_WORDS[r])),
  );
  const draw = () =>
    rows.replaceChildren(
      participants.length
        ? h(
            'ul',
            { class: 'rows' },
            participants.map((p) =>
              h(
                'li',
                {},
                h('a', { href: href('actors', p.actorId) }, p.name),
                h('span', { class: 'row-meta', title: `ACLED role: ${p.role}` }, roleInWords(p.role)),
                h(
                  'span',
                  { class: 'row-actions' },
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'tool danger',
                      onclick: () =>
                        void replace(
                          participants.filter((x) => x !== p),
                          `Removed ${p.name}`,
                        ),
                    },
                    'Remove',
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'No participants recorded.'),
    );
  const picker = entityPicker(
    (item) =>
      void replace(
        [...participants, { actorId: item.id, name: item.title, role: role.value as Participant['role'] }],
        `Added ${item.title}`,
      ),
    searchKind('actor'),
    'Add a participant…',
  );
  draw();
  return h('section', { class: 'panel' }, h('h3', {}, 'Participants'), rows, h('div', { class: 'inline-form' }, role, picker), error);
}

/** The event's place, and a picker to change it; `save` returns the place as stored. */
export function placePicker(
  initial: { id: number; name: string } | null,
  save: (placeId: number | null) => Promise<{ id: number; name: string } | null>,
): HTMLElement {
  const line = h('p', { class: 'facts' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const change = async (placeId: number | null) => {
    const hadFocus = line.contains(document.activeElement);
    try {
      draw(await save(placeId));
      error.textContent = '';
    } catch (e) {
      error.textContent = errorText(e);
      return;
    }
    if (hadFocus) picker.querySelector('input')?.focus();
  };
  const draw = (current: { id: number; name: string } | null) =>
    line.replaceChildren(
      'Place: ',
      current ? h('a', { href: href('places', current.id) }, current.name) : 'none',
      current ? h('button', { type: 'button', class: 'tool', onclick: () => void change(null) }, 'Clear') : '',
    );
  const picker = entityPicker((item) => void change(item.id), searchKind('place'), 'Find a place…');
  draw(initial);
  return h('div', { class: 'stack' }, line, picker, error);
}

/** What merging another record of the kind into this one does (it can be undone). */
const MERGE_EXPLAINED = {
  actor: 'its names become aliases here, and every note, relation, event role and piece of evidence moves here',
  place: 'its names become aliases here, and every note, event and piece of evidence moves here',
  event: 'its participants, evidence, highlights and note mentions move here',
} as const;

/** The merged record's page goes; the survivor's is rebuilt with what moved to it. */
export function mergeButton(kind: 'actor' | 'place' | 'event', survivor: { id: number; name: string }): HTMLElement {
  const changed = (mergedId: number) => {
    publish(kind, mergedId);
    publish(kind, survivor.id);
  };
  const run = (mergedId: number, mergedName: string) => async () => {
    try {
      const result = await call(`${kind}s.merge`, { survivorId: survivor.id, mergedId });
      closePopover();
      const undo = () => call('merges.undo', { id: result.merge.id }).then(() => changed(mergedId));
      recordEdit(`Merged “${mergedName}” into “${survivor.name}”`, undo, { key: `merge:${result.merge.id}` });
      changed(mergedId);
    } catch (e) {
      body.replaceChildren(h('p', { class: 'form-error' }, errorText(e)));
    }
  };
  const body: HTMLElement = h(
    'div',
    { class: 'stack' },
    h('p', { class: 'small' }, `Merge another ${kind} into “${survivor.name}”: ${MERGE_EXPLAINED[kind]}. You can undo it.`),
    entityPicker((item) => {
      if (item.id === survivor.id) return;
      body.replaceChildren(
        h('p', {}, `Merge “${item.title}” into “${survivor.name}”?`),
        h(
          'div',
          { class: 'action-row' },
          h('button', { type: 'button', class: 'primary', onclick: run(item.id, item.title) }, 'Merge'),
          h('button', { type: 'button', onclick: closePopover }, 'Cancel'),
        ),
      );
    }, searchKind(kind)),
  );
  return h(
    'button',
    { type: 'button', onclick: (e: Event) => openPopover((e.target as HTMLElement).getBoundingClientRect(), body, { label: 'Merge' }) },
    'Merge…',
  );
}
