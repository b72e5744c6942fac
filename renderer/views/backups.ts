// Backups: the automatic daily ones and any made by hand, with their date and
// size; "Back up now"; and how to restore one (a restore replaces the store,
// so it runs with the app closed: `fieldbook restore FILE`).
import { call } from '../api.ts';
import { clear, emptyState, formatDate, h } from '../dom.ts';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export async function showBackups(list: HTMLElement, main: HTMLElement, message = ''): Promise<void> {
  const backups = await call('backups.list', {});
  clear(list);
  clear(main);
  list.append(h('div', { class: 'list-header' }, h('h2', {}, 'Backups'), h('span', { class: 'count' }, String(backups.length))));
  list.append(
    h(
      'p',
      { class: 'muted pad' },
      'One backup a day while Fieldbook runs; the last 7 days and one for each of the last 4 weeks are kept, in the backups folder beside the store.',
    ),
  );
  const status = h('p', { class: 'muted', role: 'status' }, message);
  const backUpNow = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      onclick: async () => {
        backUpNow.disabled = true;
        status.textContent = 'Backing up…';
        try {
          const made = await call('backups.create', {});
          await showBackups(list, main, made ? `Saved ${made.name} (${size(made.bytes)}), checked.` : 'Today’s backup exists already.');
        } catch (error) {
          status.textContent = `The backup failed: ${(error as Error).message}`;
          backUpNow.disabled = false;
        }
      },
    },
    'Back up now',
  );
  main.append(
    h(
      'article',
      { class: 'record' },
      h('header', { class: 'record-header' }, h('h1', {}, 'Backups'), backUpNow),
      status,
      backups.length === 0
        ? emptyState('No backups yet', 'The first one is made when Fieldbook starts, and then once a day.')
        : h(
            'ul',
            { class: 'rows' },
            backups.map((backup) =>
              h(
                'li',
                { class: 'backup-row' },
                h('span', { class: 'trash-title' }, backup.name),
                h('span', { class: 'row-meta' }, `${formatDate(backup.modified)} · ${size(backup.bytes)}`),
              ),
            ),
          ),
      h(
        'p',
        { class: 'muted' },
        'To restore one, close Fieldbook and run ',
        h('code', {}, 'fieldbook restore FILE'),
        ': the backup is checked first, and the store it replaces is kept here as a backup.',
      ),
    ),
  );
}
