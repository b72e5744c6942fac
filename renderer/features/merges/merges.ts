// Merges: every merge of actors and places, newest first, with its date, the
// two records and what moved. Undo works from here at any time; when it
// cannot, the row says why and offers what can still be done.
import type { MergeHistoryEntry, MergeMoved } from '../../../db/shared/records.ts';
import { call } from '../../core/api.ts';
import { emptyState, formatDate, h } from '../../ui/dom.ts';
import { href, sectionOf, trashHref } from '../../core/router.ts';
import { publish } from '../../core/changes.ts';
import { forgetEdit, notify } from '../../core/undo.ts';
import { serially, viewElement, type View } from '../../core/view.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the merge moved to the survivor, in words; nothing for what it did not touch. */
function movedItems(merge: MergeHistoryEntry): (string | HTMLElement)[] {
  const m: MergeMoved = merge.moved;
  const items: (string | HTMLElement)[] = [];
  if (merge.aliasNames.length) {
    items.push(
      h(
        'span',
        {},
        `${plural(merge.aliasNames.length, 'alias', 'aliases')}: `,
        merge.aliasNames.map((name, i) => [i ? ', ' : '', h('bdi', {}, name)]).flat(),
      ),
    );
  }
  const counts: [number, string, string?][] = [
    [m.evidence, 'piece of evidence', 'pieces of evidence'],
    [m.relations, 'relation'],
    [m.participants, 'event role'],
    [m.events, 'event'],
    [m.mentions, 'mention in notes', 'mentions in notes'],
    [m.annotationLinks, 'highlight link'],
  ];
  for (const [n, one, many] of counts) if (n > 0) items.push(plural(n, one, many));
  if (merge.removedRelations > 0) items.push(`${plural(merge.removedRelations, 'relation')} between the two removed`);
  return items;
}

function recordLink(kind: string, record: { id: number; name: string }, inTrash: boolean): HTMLElement {
  return h('a', { href: inTrash ? trashHref(kind, record.id) : href(sectionOf(kind), record.id), dir: 'auto' }, record.name);
}

/** #/merges (#/merges?id=4: that merge selected). */
export async function mergesView(params: URLSearchParams): Promise<View> {
  const el = viewElement();
  const aside = viewElement();
  const selected = Number(params.get('id')) || null;
  const refresh = serially(async () => {
    const merges = await call('merges.list', { limit: 1000 });
    aside.replaceChildren(
      h('div', { class: 'list-header' }, h('h2', {}, 'Merges'), h('span', { class: 'count' }, String(merges.length))),
      h(
        'p',
        { class: 'muted pad' },
        'Every merge of actors and places is kept here, with what it moved. Undo one at any time: its record comes back with its names, links and evidence.',
      ),
    );
    el.replaceChildren(
      h(
        'article',
        { class: 'record' },
        h('header', { class: 'record-header' }, h('h1', {}, 'Merges')),
        merges.length === 0
          ? emptyState('No merges yet', 'Merge a duplicate actor or place from its page (“Merge…”); it is listed here and can be undone.')
          : h(
              'ul',
              { class: 'merge-list' },
              merges.map((merge) => mergeRow(merge, merge.id === selected, () => void refresh())),
            ),
      ),
    );
    el.querySelector('.merge-row.selected')?.scrollIntoView({ block: 'center' });
  });
  await refresh();
  return {
    el,
    aside,
    refresh,
    mounted: () => el.querySelector('.merge-row.selected')?.scrollIntoView({ block: 'center' }),
    dispose: () => undefined,
  };
}

async function undo(merge: MergeHistoryEntry, status: HTMLElement, keepEditedNotes: boolean, refresh: () => void): Promise<void> {
  try {
    const result = await call('merges.undo', { id: merge.id, keepEditedNotes });
    publish(merge.kind, merge.survivor.id);
    publish(merge.kind, merge.merged.id);
    forgetEdit(`merge:${merge.id}`);
    const kept = result.notesKept.length ? `; ${plural(result.notesKept.length, 'edited note')} left as written` : '';
    notify(`Undone: merge of “${merge.merged.name}” into “${merge.survivor.name}”${kept}`);
    refresh();
  } catch (error) {
    status.textContent = `Could not undo: ${(error as Error).message}`;
  }
}

/** Undo merge; or, when it cannot be undone as it stands, what can still be done. */
function undoActions(merge: MergeHistoryEntry, status: HTMLElement, refresh: () => void): HTMLElement[] {
  const inPlace = merge.undoneAt === null;
  const { blocked, laterMerge, editedNotes } = merge.undo;
  if (inPlace && blocked === null) {
    return [h('button', { type: 'button', onclick: () => void undo(merge, status, false, refresh) }, 'Undo merge')];
  }
  if (inPlace && laterMerge) {
    return [h('a', { class: 'button-link', href: href('merges', null, { id: laterMerge.id }) }, `Go to merge ${laterMerge.id}`)];
  }
  if (inPlace && editedNotes.length) {
    return [
      h(
        'button',
        { type: 'button', onclick: () => void undo(merge, status, true, refresh) },
        editedNotes.length === 1 ? 'Undo, leaving that note as it is' : 'Undo, leaving those notes as they are',
      ),
    ];
  }
  return [];
}

function mergeRow(merge: MergeHistoryEntry, selected: boolean, refresh: () => void): HTMLElement {
  const status = h('p', { class: 'form-error', role: 'alert' });
  const inPlace = merge.undoneAt === null;
  const { blocked, editedNotes } = merge.undo;
  return h(
    'li',
    { class: `merge-row${selected ? ' selected' : ''}${inPlace ? '' : ' undone'}`, 'data-merge-id': merge.id },
    h(
      'div',
      { class: 'merge-head' },
      h('span', { class: 'kind-badge' }, merge.kind),
      h(
        'span',
        { class: 'merge-title' },
        recordLink(merge.kind, merge.merged, inPlace),
        h('span', { class: 'muted' }, ' merged into '),
        recordLink(merge.kind, merge.survivor, false),
      ),
      h('span', { class: 'merge-actions' }, undoActions(merge, status, refresh)),
    ),
    h(
      'p',
      { class: 'row-meta' },
      h('time', { datetime: merge.createdAt, title: new Date(merge.createdAt).toLocaleString() }, `Merged ${formatDate(merge.createdAt)}`),
      merge.undoneAt ? ` · undone ${formatDate(merge.undoneAt)}` : '',
    ),
    h(
      'ul',
      { class: 'merge-moved', 'aria-label': 'What moved' },
      movedItems(merge).map((item) => h('li', {}, item)),
    ),
    inPlace && blocked !== null
      ? h('p', { class: 'merge-blocked' }, h('strong', {}, 'Cannot be undone as it stands: '), `${blocked}.`)
      : null,
    inPlace && editedNotes.length
      ? h(
          'p',
          { class: 'small' },
          'Edited since: ',
          editedNotes.map((note, i) => [i ? ', ' : '', h('a', { href: href('notes', note.id) }, note.title)]).flat(),
        )
      : null,
    status,
  );
}
