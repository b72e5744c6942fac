// Editors for the lists on a record page: aliases, relations, participants.
// Every change is undoable and re-renders the page through `changed`.
import type { Alias, Participant, Relation } from '../../../db/records.ts';
import { edtfInWords } from '../../../db/edtf-words.ts';
import { ROLE_WORDS, roleInWords } from '../../../db/record-words.ts';
import { ALIAS_KINDS, PARTICIPANT_ROLES, RELATION_TYPES } from '../../../db/vocabulary.ts';
import { call, CallError } from '../../api.ts';
import { h, selectOf } from '../../dom.ts';
import { closePopover, entityPicker, openPopover } from '../../popover.ts';
import { href } from '../../router.ts';
import { recordEdit } from '../../undo.ts';

type Changed = () => Promise<void>;
const errorText = (e: unknown) => (e instanceof CallError ? e.message : String(e));

const searchKind = (kind: 'actor' | 'place' | 'event') => (query: string) => call('search', { query, kinds: [kind], limit: 8 });

export function aliasesEditor(owner: { kind: 'actor' | 'place'; id: number }, aliases: Alias[], changed: Changed): HTMLElement {
  const name = h('input', { 'aria-label': 'New alias', placeholder: 'Add an alias, acronym or other spelling', dir: 'auto' });
  const kind = selectOf('Alias kind', ALIAS_KINDS, 'alias');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const add = async (event: Event) => {
    event.preventDefault();
    try {
      const alias = await call('aliases.add', { owner, name: name.value, kind: kind.value as Alias['kind'] });
      recordEdit(`Added alias “${alias.name}”`, () => call('aliases.remove', { owner, aliasId: alias.id }).then(changed));
      await changed();
    } catch (e) {
      error.textContent = errorText(e);
    }
  };
  return h(
    'section',
    { class: 'panel' },
    h('h3', {}, 'Aliases'),
    h(
      'ul',
      { class: 'aliases editable-list', 'aria-label': 'Aliases' },
      aliases.map((a) =>
        h(
          'li',
          { title: a.kind },
          h('span', { dir: 'auto' }, a.name),
          h('span', { class: 'alias-kind' }, a.kind),
          h(
            'button',
            {
              type: 'button',
              class: 'tool',
              'aria-label': `Remove alias ${a.name}`,
              onclick: async () => {
                await call('aliases.remove', { owner, aliasId: a.id });
                recordEdit(`Removed alias “${a.name}”`, () => call('aliases.add', { owner, name: a.name, kind: a.kind }).then(changed));
                await changed();
              },
            },
            '×',
          ),
        ),
      ),
    ),
    h('form', { class: 'inline-form', onsubmit: add }, name, kind, h('button', { type: 'submit' }, 'Add')),
    error,
  );
}

function relationForm(actorId: number, existing: Relation | null, changed: Changed): HTMLElement {
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
      if (existing) {
        await call('relations.update', { id: existing.id, ...fields });
        const before = {
          sourceId: existing.source.id,
          targetId: existing.target.id,
          type: existing.type,
          start: existing.start,
          end: existing.end,
        };
        recordEdit('Changed a relation', () => call('relations.update', { id: existing.id, ...before }).then(changed));
      } else {
        const created = await call('relations.create', fields);
        recordEdit('Added a relation', () => call('relations.delete', { id: created.id }).then(changed));
      }
      closePopover();
      await changed();
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

export function relationsEditor(actorId: number, relations: Relation[], changed: Changed): HTMLElement {
  const rows = relations.map((relation) => {
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
      { class: 'relation-row' },
      h('span', { class: 'relation-type' }, outgoing ? relation.type : `← ${relation.type}`),
      ' ',
      h('a', { href: href('actors', other.id) }, other.name),
      span ? h('span', { class: 'row-meta', title: `EDTF: ${raw}` }, span) : null,
      h(
        'span',
        { class: 'row-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'tool',
            onclick: (e: Event) =>
              openPopover((e.target as HTMLElement).getBoundingClientRect(), relationForm(actorId, relation, changed), {
                label: 'Edit relation',
              }),
          },
          'Edit',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'tool danger',
            onclick: async () => {
              await call('relations.delete', { id: relation.id });
              const { source, target, type, start, end, description } = relation;
              recordEdit('Removed a relation', () =>
                call('relations.create', { sourceId: source.id, targetId: target.id, type, start, end, description }).then(() => changed()),
              );
              await changed();
            },
          },
          'Remove',
        ),
      ),
    );
  });
  return h(
    'section',
    { class: 'panel' },
    h('h3', {}, 'Relations', rows.length ? h('span', { class: 'count' }, String(rows.length)) : null),
    rows.length ? h('ul', { class: 'rows' }, rows) : h('p', { class: 'muted' }, 'No relations recorded.'),
    h(
      'button',
      {
        type: 'button',
        onclick: (e: Event) =>
          openPopover((e.target as HTMLElement).getBoundingClientRect(), relationForm(actorId, null, changed), { label: 'Add relation' }),
      },
      'Add relation',
    ),
  );
}

export function participantsEditor(eventId: number, participants: Participant[], changed: Changed): HTMLElement {
  const toInput = (list: Participant[]) => list.map(({ actorId, role }) => ({ actorId, role }));
  const replace = async (next: Participant[], label: string) => {
    await call('events.update', { id: eventId, participants: toInput(next) });
    recordEdit(label, () => call('events.update', { id: eventId, participants: toInput(participants) }).then(changed));
    await changed();
  };
  const role = h(
    'select',
    { 'aria-label': 'Role' },
    PARTICIPANT_ROLES.map((r) => h('option', { value: r, selected: r === 'actor1' }, ROLE_WORDS[r])),
  );
  return h(
    'section',
    { class: 'panel' },
    h('h3', {}, 'Participants'),
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
                      replace(
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
    h(
      'div',
      { class: 'inline-form' },
      role,
      entityPicker(
        (item) =>
          void replace(
            [...participants, { actorId: item.id, name: item.title, role: role.value as Participant['role'] }],
            `Added ${item.title}`,
          ),
        searchKind('actor'),
        'Add a participant…',
      ),
    ),
  );
}

export function placePicker(current: { id: number; name: string } | null, save: (placeId: number | null) => Promise<void>): HTMLElement {
  return h(
    'div',
    { class: 'stack' },
    h(
      'p',
      { class: 'facts' },
      'Place: ',
      current ? h('a', { href: href('places', current.id) }, current.name) : 'none',
      current ? h('button', { type: 'button', class: 'tool', onclick: () => save(null) }, 'Clear') : null,
    ),
    entityPicker((item) => void save(item.id), searchKind('place'), 'Find a place…'),
  );
}

/** Merge another record of the same kind into this one; the merge can be undone. */
export function mergeButton(kind: 'actor' | 'place', survivor: { id: number; name: string }, changed: Changed): HTMLElement {
  const run = (mergedId: number, mergedName: string) => async () => {
    try {
      const result = await call(kind === 'actor' ? 'actors.merge' : 'places.merge', { survivorId: survivor.id, mergedId });
      closePopover();
      recordEdit(`Merged “${mergedName}” into “${survivor.name}”`, () => call('merges.undo', { id: result.merge.id }).then(changed));
      await changed();
    } catch (e) {
      body.replaceChildren(h('p', { class: 'form-error' }, errorText(e)));
    }
  };
  const body: HTMLElement = h(
    'div',
    { class: 'stack' },
    h(
      'p',
      { class: 'small' },
      `Merge another ${kind} into “${survivor.name}”: its names become aliases here, and every note, relation, event role and piece of evidence moves here. You can undo it.`,
    ),
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
