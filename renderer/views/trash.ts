import { call } from '../api.ts';
import { clear, emptyState, formatDate, h } from '../dom.ts';

export async function showTrash(list: HTMLElement, main: HTMLElement, onChange: () => void): Promise<void> {
  const entries = await call('trash.list', {});
  clear(list);
  clear(main);
  list.append(h('div', { class: 'list-header' }, h('h2', {}, 'Trash'), h('span', { class: 'count' }, String(entries.length))));
  list.append(h('p', { class: 'muted pad' }, 'Deleted notes, actors, places, events and sources wait here until you empty the trash.'));
  if (entries.length === 0) {
    main.append(emptyState('The trash is empty', 'Deleted items appear here and can be restored.'));
    return;
  }
  const refresh = () => void showTrash(list, main, onChange).then(onChange);
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
              refresh();
            },
          },
          'Empty trash',
        ),
      ),
      h(
        'ul',
        { class: 'rows' },
        entries.map((entry) =>
          h(
            'li',
            { class: 'trash-row' },
            h('span', { class: 'kind-badge' }, entry.kind),
            h('span', { class: 'trash-title' }, entry.title || 'Untitled'),
            h('span', { class: 'row-meta' }, `deleted ${formatDate(entry.deletedAt)}`),
            h(
              'button',
              { type: 'button', onclick: async () => (await call('trash.restore', { kind: entry.kind, id: entry.id }), refresh()) },
              'Restore',
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
          ),
        ),
      ),
    ),
  );
}
