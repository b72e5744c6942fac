// The trash: deleted notes and records, restorable until purged. A record a
// merge put here is "merged into" its survivor, and restoring it undoes that
// merge. #/trash?kind=note&id=3 shows one entry selected (links to trashed
// items open it).
import type { TrashEntry } from '../../../db/shared/records.ts';
import { call } from '../../core/api.ts';
import { emptyState, formatDate, h } from '../../ui/dom.ts';
import { href, sectionOf } from '../../core/router.ts';
import { publish } from '../../core/changes.ts';
import { forgetEdit, notify } from '../../core/undo.ts';
import { serially, viewElement, type View } from '../../core/view.ts';

function selectedIn(params: URLSearchParams): { kind: string; id: number } | null {
  const kind = params.get('kind');
  const id = Number(params.get('id'));
  return kind && id ? { kind, id } : null;
}

/** #/trash (#/trash?kind=note&id=3: that entry selected). */
export async function trashView(params: URLSearchParams): Promise<View> {
  const el = viewElement();
  const aside = viewElement();
  const selected = selectedIn(params);
  let mounted = false;
  const refresh = serially(async () => {
    const entries = await call('trash.list', {});
    aside.replaceChildren(
      h('div', { class: 'list-header' }, h('h2', {}, 'Trash'), h('span', { class: 'count' }, String(entries.length))),
      h(
        'p',
        { class: 'muted pad' },
        'Deleted notes, actors, places, events and sources wait here until you empty the trash. Restoring a merged record undoes its merge.',
      ),
    );
    el.replaceChildren(
      entries.length === 0
        ? emptyState('The trash is empty', 'Deleted items appear here and can be restored.')
        : trashList(entries, selected, () => void refresh()),
    );
    if (mounted) showSelected(el);
  });
  await refresh();
  return {
    el,
    aside,
    refresh,
    mounted: () => {
      mounted = true;
      showSelected(el);
    },
    dispose: () => undefined,
  };
}

/** The entry the address chose, in view and focused. */
function showSelected(el: HTMLElement): void {
  const chosen = el.querySelector<HTMLElement>('.trash-row.selected');
  chosen?.scrollIntoView({ block: 'center' });
  chosen?.querySelector('button')?.focus({ preventScroll: true });
}

/** A restored note or record is back where it was: its lists follow. */
function restored(entry: TrashEntry): void {
  publish(entry.kind, entry.id);
  if (entry.mergedInto) publish(entry.kind, entry.mergedInto.id);
}

async function restore(entry: TrashEntry, status: HTMLElement, refresh: () => void): Promise<void> {
  try {
    await call('trash.restore', { kind: entry.kind, id: entry.id });
    restored(entry);
    forgetEdit(entry.mergedInto ? `merge:${entry.mergedInto.mergeId}` : `trash:${entry.kind}:${entry.id}`);
    notify(
      entry.mergedInto ? `Undone: merge of “${entry.title}” into “${entry.mergedInto.name}”` : `Restored “${entry.title || 'Untitled'}”`,
    );
    refresh();
  } catch (error) {
    status.replaceChildren(
      `Could not restore: ${(error as Error).message}. `,
      entry.mergedInto ? h('a', { href: href('merges', null, { id: entry.mergedInto.mergeId }) }, 'See this merge') : '',
    );
  }
}

function trashRow(entry: TrashEntry, isSelected: boolean, refresh: () => void): HTMLElement {
  const status = h('p', { class: 'form-error', role: 'alert' });
  const merged = entry.mergedInto;
  return h(
    'li',
    { class: `trash-row${isSelected ? ' selected' : ''}`, 'data-kind': entry.kind, 'data-id': entry.id },
    h('span', { class: 'kind-badge' }, entry.kind),
    h('span', { class: 'trash-title', dir: 'auto' }, entry.title || 'Untitled'),
    h(
      'button',
      {
        type: 'button',
        title: merged ? `Undo the merge into “${merged.name}”: the ${entry.kind} comes back with its names, links and evidence` : null,
        onclick: () => void restore(entry, status, refresh),
      },
      merged ? 'Restore (undo merge)' : 'Restore',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: async () => {
          if (!window.confirm('Delete this item for good?')) return;
          await call('trash.purge', { kind: entry.kind, id: entry.id });
          refresh();
        },
      },
      'Delete forever',
    ),
    merged
      ? h(
          'span',
          { class: 'row-meta' },
          'merged into ',
          h('a', { href: href(sectionOf(entry.kind), merged.id), dir: 'auto' }, merged.name),
          ` ${formatDate(entry.deletedAt)} · `,
          h('a', { href: href('merges', null, { id: merged.mergeId }) }, 'merge history'),
        )
      : h('span', { class: 'row-meta' }, `deleted ${formatDate(entry.deletedAt)}`),
    status,
  );
}

function trashList(entries: TrashEntry[], selected: { kind: string; id: number } | null, refresh: () => void): HTMLElement {
  return h(
    'article',
    { class: 'record' },
    h(
      'header',
      { class: 'record-header' },
      h('h1', {}, 'Trash'),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            if (!window.confirm(`Delete ${entries.length} item(s) for good? This cannot be undone.`)) return;
            await call('trash.empty', {});
            refresh();
          },
        },
        'Empty trash',
      ),
    ),
    selected && !entries.some((e) => e.kind === selected.kind && e.id === selected.id)
      ? h('p', { class: 'muted', role: 'status' }, `That ${selected.kind} is no longer in the trash.`)
      : null,
    h(
      'ul',
      { class: 'rows' },
      entries.map((entry) => trashRow(entry, selected?.kind === entry.kind && selected.id === entry.id, refresh)),
    ),
  );
}
