// #/duplicates: likely duplicate pairs across the store (records.duplicates),
// each compared side by side, with Merge for actors and places (the merge
// command of the record pages, undoable the same way).
import './duplicates.css';
import type { EntityKind } from '../../../db/shared/vocabulary.ts';
import { call, errorText } from '../../core/api.ts';
import { emptyState, h } from '../../ui/dom.ts';
import { href, sectionOf } from '../../core/router.ts';
import { publish } from '../../core/changes.ts';
import { recordEdit } from '../../core/undo.ts';
import { serially, viewElement, type View } from '../../core/view.ts';
import type { DuplicatePair, DuplicateReason, DuplicateSide, DuplicatesResult } from '../../../db/shared/duplicates.ts';

const KINDS: [string, EntityKind[]][] = [
  ['All kinds', ['actor', 'place', 'event']],
  ['Actors', ['actor']],
  ['Places', ['place']],
  ['Events', ['event']],
];
let chosen = 0;

function reasonText(reason: DuplicateReason): string {
  switch (reason.kind) {
    case 'same':
      return `Same name: “${reason.left}” and “${reason.right}”`;
    case 'spelling':
      return `A letter or two apart: “${reason.left}” and “${reason.right}”`;
    case 'script':
      return `Same name in another script: “${reason.left}” and “${reason.right}”`;
    case 'evidence':
      return `Cite the same passage${reason.passages === 1 ? '' : `s (${reason.passages})`}`;
    case 'place-and-day':
      return `Same place and day: ${reason.place}, ${reason.date}`;
  }
}

function comparison(pair: DuplicatePair): HTMLElement {
  const nameCell = (side: DuplicateSide) =>
    h('th', { scope: 'col', dir: 'auto' }, h('a', { href: href(sectionOf(pair.kind), side.id) }, side.name));
  return h(
    'table',
    { class: 'duplicate-compare' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, h('span', { class: `kind kind-${pair.kind}` }, pair.kind)),
        nameCell(pair.left),
        nameCell(pair.right),
      ),
    ),
    h(
      'tbody',
      {},
      pair.left.fields.map((field, i) => {
        const other = pair.right.fields[i]?.value ?? '';
        const differs = field.value !== other;
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, field.label),
          h('td', { dir: 'auto', class: differs ? 'differs' : '' }, field.value),
          h('td', { dir: 'auto', class: differs ? 'differs' : '' }, other),
        );
      }),
    ),
  );
}

function pairCard(pair: DuplicatePair, refresh: () => void): HTMLElement {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const merge = (survivor: DuplicateSide, merged: DuplicateSide) =>
    h(
      'button',
      {
        type: 'button',
        onclick: async (event: Event) => {
          const button = event.currentTarget as HTMLButtonElement;
          button.disabled = true;
          try {
            const result = await call(`${pair.kind}s.merge`, { survivorId: survivor.id, mergedId: merged.id });
            const changed = () => {
              publish(pair.kind, survivor.id);
              publish(pair.kind, merged.id);
            };
            changed();
            recordEdit(
              `Merged “${merged.name}” into “${survivor.name}”`,
              () => call('merges.undo', { id: result.merge.id }).then(changed),
              { link: { href: href(sectionOf(pair.kind), survivor.id), text: `Open ${survivor.name}` } },
            );
            refresh();
          } catch (e) {
            error.textContent = errorText(e);
            button.disabled = false;
          }
        },
      },
      `Merge “${merged.name}” into “${survivor.name}”`,
    );
  return h(
    'li',
    { class: 'duplicate-pair', 'data-kind': pair.kind, 'data-ids': `${pair.left.id},${pair.right.id}` },
    h(
      'ul',
      { class: 'duplicate-reasons', role: 'list' },
      pair.reasons.map((r) => h('li', { dir: 'auto' }, reasonText(r))),
    ),
    comparison(pair),
    h(
      'div',
      { class: 'duplicate-actions' },
      pair.mergeable
        ? [merge(pair.left, pair.right), merge(pair.right, pair.left)]
        : h('p', { class: 'small muted' }, 'Events cannot be merged: open both, move what is missing, and delete the one you do not keep.'),
    ),
    error,
  );
}

/** #/duplicates: the kinds to compare in the list pane, the likely duplicate pairs in the main pane. */
export async function duplicatesView(): Promise<View> {
  const el = viewElement();
  const aside = viewElement();
  const refresh = serially(async () => {
    const result: DuplicatesResult = await call('records.duplicates', { kinds: KINDS[chosen]![1] });
    const filter = h(
      'select',
      { class: 'filter', 'aria-label': 'Kind of record' },
      KINDS.map(([label], i) => h('option', { value: i, selected: i === chosen }, label)),
    );
    filter.addEventListener('change', () => {
      chosen = Number(filter.value);
      void refresh();
    });
    aside.replaceChildren(
      h('div', { class: 'list-header' }, h('h2', {}, 'Duplicates', h('span', { class: 'count' }, String(result.pairs.length)))),
      filter,
      h(
        'p',
        { class: 'muted small list-note' },
        'Pairs of records that may be one: the same or nearly the same name or alias (in any script), the same place and day for events, and passages they both cite.',
      ),
    );
    el.replaceChildren(pairsArticle(result, () => void refresh()));
  });
  await refresh();
  return { el, aside, refresh, dispose: () => undefined };
}

function pairsArticle(result: DuplicatesResult, refresh: () => void): HTMLElement {
  return h(
    'article',
    { class: 'record' },
    h('header', { class: 'record-header' }, h('h1', {}, 'Likely duplicates')),
    result.truncated
      ? h('p', { class: 'small muted' }, 'The store is large: only part of it was compared. Merge these, then look again.')
      : null,
    result.pairs.length
      ? h(
          'ul',
          { class: 'duplicates', role: 'list' },
          result.pairs.map((pair) => pairCard(pair, refresh)),
        )
      : emptyState('No likely duplicates', 'No two records share a name, a near spelling, or a place and day.'),
  );
}
