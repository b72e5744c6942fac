// What can be done with a selected passage or an existing highlight.
import type { Annotation } from '../../../../db/shared/records.ts';
import { call, errorText } from '../../../core/api.ts';
import { publish } from '../../../core/changes.ts';
import { h } from '../../../ui/dom.ts';
import { closePopover, entityPicker, openPopover } from '../../../ui/popover.ts';
import type { Passage } from './passage.ts';
import { newRecordForm } from './record-form.ts';
import { quoteIntoNote } from './notes-quote.ts';
import type { MethodInput } from '../../../../db/shared/contract.ts';

export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Color = (typeof COLORS)[number];

const refs = (links: readonly { kind: 'actor' | 'place' | 'event'; id: number }[]) => links.map(({ kind, id }) => ({ kind, id }));

const searchEntities = (query: string) => call('search', { query, kinds: ['actor', 'place', 'event'], limit: 8 });

function colorButtons(onPick: (color: Color) => void, current?: Color): HTMLElement {
  return h(
    'div',
    { class: 'colors', role: 'group', 'aria-label': 'Highlight colour' },
    COLORS.map((color) =>
      h('button', {
        type: 'button',
        class: `swatch hl-${color}${color === current ? ' current' : ''}`,
        title: `Highlight ${color}`,
        'aria-label': `Highlight ${color}`,
        onclick: () => onPick(color),
      }),
    ),
  );
}

async function notePicker(onPick: (noteId: number | null) => void): Promise<HTMLElement> {
  const notes = await call('notes.list', { limit: 30 });
  return h(
    'div',
    { class: 'picker-results' },
    h('button', { type: 'button', class: 'picker-row', onclick: () => onPick(null) }, h('strong', {}, '+ New note')),
    notes.map((n) => h('button', { type: 'button', class: 'picker-row', onclick: () => onPick(n.id) }, n.title || 'Untitled note')),
  );
}

/** The toolbar for a fresh selection; what it writes is published as a change of the source (the reader redraws). */
export function selectionActions(anchor: DOMRect, passage: Passage): void {
  const highlight = async (extra: { color?: Color; comment?: string; links?: { kind: 'actor' | 'place' | 'event'; id: number }[] }) => {
    await call('annotations.create', { sourceId: passage.sourceId, quote: passage.quote, start: passage.start, ...extra });
    publish('source', passage.sourceId);
  };

  const body = h('div', { class: 'actions' });
  const show = (...children: HTMLElement[]) => body.replaceChildren(...children);
  const main = () =>
    show(
      colorButtons(async (color) => {
        closePopover();
        await highlight({ color });
      }),
      h(
        'div',
        { class: 'action-row' },
        h('button', { type: 'button', onclick: () => show(commentForm()) }, 'Comment'),
        h('button', { type: 'button', onclick: () => show(linkForm()) }, 'Link…'),
        h('button', { type: 'button', onclick: async () => show(await notePicker(quoteTo)) }, 'Quote into note'),
      ),
      h(
        'div',
        { class: 'action-row' },
        h('button', { type: 'button', onclick: () => show(newRecordForm(passage)) }, 'New record…'),
        h('button', { type: 'button', onclick: () => show(evidenceForm()) }, 'Add as evidence…'),
      ),
    );
  const commentForm = () => {
    const text = h('textarea', { rows: 3, placeholder: 'Comment on this passage', 'aria-label': 'Comment' });
    return h(
      'form',
      {
        class: 'stack',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          closePopover();
          await highlight({ comment: text.value.trim() });
        },
      },
      text,
      h('button', { type: 'submit', class: 'primary' }, 'Save comment'),
    );
  };
  const linkForm = () =>
    entityPicker(async (item) => {
      closePopover();
      await highlight({ links: [{ kind: item.kind, id: item.id }] });
    }, searchEntities);
  const quoteTo = async (noteId: number | null) => {
    closePopover();
    await quoteIntoNote({ passage: { sourceId: passage.sourceId, quote: passage.quote, start: passage.start } }, noteId);
  };
  const evidenceForm = () => evidencePicker(passage);
  main();
  openPopover(anchor, body, { label: 'Passage actions' });
}

function evidencePicker(passage: Passage): HTMLElement {
  const credibility = h(
    'select',
    { 'aria-label': 'Credibility' },
    ['1 confirmed', '2 probably true', '3 possibly true', '4 doubtful', '5 improbable', '6 cannot be judged'].map((label, i) =>
      h('option', { value: i + 1, selected: i === 2 }, label),
    ),
  );
  const error = h('p', { class: 'form-error', role: 'alert' });
  return h(
    'div',
    { class: 'stack' },
    h('label', { class: 'field' }, 'Credibility ', credibility),
    entityPicker(async (item) => {
      error.textContent = '';
      try {
        await call('evidence.create', {
          subject: { kind: item.kind, id: item.id },
          sourceId: passage.sourceId,
          quote: passage.quote,
          start: passage.start,
          credibility: Number(credibility.value),
        });
      } catch (e) {
        // Kept open with the reason (this passage is already evidence for the record, say): nothing was written.
        error.textContent = errorText(e);
        return;
      }
      closePopover();
      publish('source', passage.sourceId);
      publish(item.kind, item.id);
    }, searchEntities),
    error,
  );
}

type AnnotationChanges = Omit<MethodInput<'annotations.update'>, 'id'>;

/** The panel for an existing highlight: comment, colour, links, quote, delete; each change published as a change of its source. */
export function highlightActions(anchor: DOMRect, annotation: Annotation): void {
  /** Closes the panel, then writes `changes` (null: removes the highlight). */
  const update = async (changes: AnnotationChanges | null) => {
    closePopover();
    if (changes) await call('annotations.update', { id: annotation.id, ...changes });
    else await call('annotations.delete', { id: annotation.id });
    publish('source', annotation.source.id);
  };
  const comment = h('textarea', { rows: 3, 'aria-label': 'Comment', placeholder: 'Comment' }, annotation.comment);
  const body: HTMLElement = h(
    'div',
    { class: 'actions stack' },
    h('blockquote', { dir: 'auto' }, annotation.quote),
    colorButtons((color) => void update({ color }), annotation.color),
    comment,
    h('button', { type: 'button', class: 'primary', onclick: () => update({ comment: comment.value.trim() }) }, 'Save comment'),
    linkList(annotation, (links) => void update({ links })),
    entityPicker((item) => update({ links: [...refs(annotation.links), { kind: item.kind, id: item.id }] }), searchEntities),
    h(
      'div',
      { class: 'action-row' },
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            const picker = await notePicker(async (noteId) => {
              closePopover();
              await quoteIntoNote({ annotationId: annotation.id }, noteId);
            });
            body.replaceChildren(picker);
          },
        },
        'Quote into note',
      ),
      h('button', { type: 'button', class: 'danger', onclick: () => update(null) }, 'Remove highlight'),
    ),
  );
  openPopover(anchor, body, { label: 'Highlight' });
}

/** The records a highlight is linked to, each with × to unlink it (`relink` gets the links that remain). */
function linkList(annotation: Annotation, relink: (links: ReturnType<typeof refs>) => void): HTMLElement {
  return h(
    'ul',
    { class: 'link-list' },
    annotation.links.map((link) =>
      h(
        'li',
        {},
        h('a', { href: `#/${link.kind}s/${link.id}`, class: `chip chip-${link.kind}` }, link.name),
        h(
          'button',
          {
            type: 'button',
            class: 'tool',
            'aria-label': `Unlink ${link.name}`,
            onclick: () => relink(refs(annotation.links.filter((l) => l !== link))),
          },
          '×',
        ),
      ),
    ),
  );
}
