// What can be done with a selected passage or an existing highlight.
import type { Annotation } from '../../../../db/records.ts';
import { call } from '../../../core/api.ts';
import { h } from '../../../ui/dom.ts';
import { closePopover, entityPicker, openPopover } from '../../../ui/popover.ts';
import { navigate } from '../../../core/router.ts';
import type { Passage } from './passage.ts';
import { newRecordForm } from './record-form.ts';
import { quoteIntoNote } from './notes-quote.ts';

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

/** The toolbar for a fresh selection. `changed` re-renders the reader. */
export function selectionActions(anchor: DOMRect, passage: Passage, changed: () => Promise<void>): void {
  const highlight = (extra: { color?: Color; comment?: string; links?: { kind: 'actor' | 'place' | 'event'; id: number }[] }) =>
    call('annotations.create', { sourceId: passage.sourceId, quote: passage.quote, start: passage.start, ...extra });

  const body = h('div', { class: 'actions' });
  const show = (...children: HTMLElement[]) => body.replaceChildren(...children);
  const main = () =>
    show(
      colorButtons(async (color) => {
        closePopover();
        await highlight({ color });
        await changed();
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
        h('button', { type: 'button', onclick: () => show(newRecordForm(passage, changed)) }, 'New record…'),
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
          await changed();
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
      await changed();
    }, searchEntities);
  const quoteTo = async (noteId: number | null) => {
    closePopover();
    await quoteIntoNote({ passage: { sourceId: passage.sourceId, quote: passage.quote, start: passage.start } }, noteId);
  };
  const evidenceForm = () => evidencePicker(passage, changed);
  main();
  openPopover(anchor, body, { label: 'Passage actions' });
}

function evidencePicker(passage: Passage, changed: () => Promise<void>): HTMLElement {
  const credibility = h(
    'select',
    { 'aria-label': 'Credibility' },
    ['1 confirmed', '2 probably true', '3 possibly true', '4 doubtful', '5 improbable', '6 cannot be judged'].map((label, i) =>
      h('option', { value: i + 1, selected: i === 2 }, label),
    ),
  );
  return h(
    'div',
    { class: 'stack' },
    h('label', { class: 'field' }, 'Credibility ', credibility),
    entityPicker(async (item) => {
      closePopover();
      await call('evidence.create', {
        subject: { kind: item.kind, id: item.id },
        sourceId: passage.sourceId,
        quote: passage.quote,
        start: passage.start,
        credibility: Number(credibility.value),
      });
      await changed();
    }, searchEntities),
  );
}

/** The panel for an existing highlight: comment, colour, links, quote, delete. */
export function highlightActions(anchor: DOMRect, annotation: Annotation, changed: () => Promise<void>): void {
  const comment = h('textarea', { rows: 3, 'aria-label': 'Comment', placeholder: 'Comment' }, annotation.comment);
  const links = h(
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
            onclick: async () => {
              closePopover();
              await call('annotations.update', { id: annotation.id, links: refs(annotation.links.filter((l) => l !== link)) });
              await changed();
            },
          },
          '×',
        ),
      ),
    ),
  );
  const body = h(
    'div',
    { class: 'actions stack' },
    h('blockquote', { dir: 'auto' }, annotation.quote),
    colorButtons(async (color) => {
      closePopover();
      await call('annotations.update', { id: annotation.id, color });
      await changed();
    }, annotation.color),
    comment,
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        onclick: async () => {
          closePopover();
          await call('annotations.update', { id: annotation.id, comment: comment.value.trim() });
          await changed();
        },
      },
      'Save comment',
    ),
    links,
    entityPicker(async (item) => {
      closePopover();
      await call('annotations.update', { id: annotation.id, links: [...refs(annotation.links), { kind: item.kind, id: item.id }] });
      await changed();
    }, searchEntities),
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
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            closePopover();
            await call('annotations.delete', { id: annotation.id });
            await changed();
          },
        },
        'Remove highlight',
      ),
    ),
  );
  openPopover(anchor, body, { label: 'Highlight' });
}
