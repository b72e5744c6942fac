// The trash: deleted notes and records, restorable until purged. A record a
// merge put here is "merged into" its survivor, and restoring it undoes that
// merge. #/trash?kind=note&id=3 shows one entry selected (links to trashed
// items open it).
import type { TrashEntry } from '../../../db/records.ts';
import { call } from '../../core/api.ts';
import { clear, emptyState, formatDate, h } from '../../ui/dom.ts';
import { href, sectionOf } from '../../core/router.ts';
import { announceChange, forgetEdit, notify } from '../../core/undo.ts';

function selectedIn(params: URLSearchParams): { kind: string; id: number } | null {
  const kind = params.get('kind');
  const id = Number(params.get('id'));
  return kind && id ? { kind, id } : null;
}

export async function showTrash(list: HTMLElement, main: HTMLElement, params: URLSearchParams = new URLSearchParams()): Promise<void> {
  const entries = await call('trash.list', {});
  clear(list);
  clear(main);
  list.append(h('div', { class: 'list-header' }, h('h2', {}, 'Trash'), h('span', { class: 'count' }, String(entries.length))));
  list.append(
    h(
      'p',
      { class: 'muted pad' },
      'Deleted notes, actors, places, events and sources wait here until you empty the trash. Restoring a merged record undoes its merge.',
    ),
  );
  if (entries.length === 0) {
    main.append(emptyState('The trash is empty', 'Deleted items appear here and can be restored.'));
    return;
  }
  const selected = selectedIn(params);
  const refresh = async () => {
    announceChange();
    await showTrash(list, main, params);
  };

  const restore = async (entry: TrashEntry, status: HTMLElement) => {
    try {
      await call('trash.restore', { kind: entry.kind, id: entry.id });
      forgetEdit(entry.mergedInto ? `merge:${entry.mergedInto.mergeId}` : `trash:${entry.kind}:${entry.id}`);
      notify(
        entry.mergedInto ? `Undone: merge of “${entry.title}” into “${entry.mergedInto.name}”` : `Restored “${entry.title || 'Untitled'}”`,
      );
      await refresh();
    } catch (error) {
      status.replaceChildren(
        `Could not restore: ${(error as Error).message}. `,
        entry.mergedInto ? h('a', { href: href('merges', null, { id: entry.mergedInto.mergeId }) }, 'See this merge') : '',
      );
    }
  };

  const row = (entry: TrashEntry) => {
    const status = h('p', { class: 'form-error', role: 'alert' });
    const isSelected = selected?.kind === entry.kind && selected.id === entry.id;
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
          onclick: () => void restore(entry, status),
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
            await refresh();
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
  };

  main.append(
    h(
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
              await refresh();
            },
          },
          'Empty trash',
        ),
      ),
      selected && !entries.some((e) => e.kind === selected.kind && e.id === selected.id)
        ? h('p', { class: 'muted', role: 'status' }, `That ${selected.kind} is no longer in the trash.`)
        : null,
      h('ul', { class: 'rows' }, entries.map(row)),
    ),
  );
  const chosen = main.querySelector<HTMLElement>('.trash-row.selected');
  chosen?.scrollIntoView({ block: 'center' });
  chosen?.querySelector('button')?.focus({ preventScroll: true });
}
