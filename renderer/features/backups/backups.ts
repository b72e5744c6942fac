// Backups: the automatic daily ones and any made by hand, with their date and
// size; "Back up now"; and Restore, which replaces the store with a checked
// backup after keeping the current store as one.
import { call } from '../../core/api.ts';
import { emptyState, formatDate, h } from '../../ui/dom.ts';
import { serially, viewElement, type View } from '../../core/view.ts';
import { closePopover, openPopover } from '../../ui/popover.ts';

/**
 * Asks before replacing the store; on success the whole window reloads, so
 * that no view keeps showing (or saving) what the replaced store held.
 */
function restoreButton(backup: { name: string; modified: string }, status: HTMLElement): HTMLButtonElement {
  const restore = async () => {
    closePopover();
    status.textContent = `Restoring ${backup.name}…`;
    try {
      const result = await call('backups.restore', { name: backup.name });
      sessionStorage.setItem(
        RESTORED_KEY,
        `Restored ${result.restored}.${result.kept ? ` The store it replaced is kept as ${result.kept}.` : ''}`,
      );
      location.reload();
    } catch (error) {
      status.textContent = `Nothing was restored: ${(error as Error).message}`;
    }
  };
  const body = h(
    'div',
    { class: 'stack' },
    h('p', {}, `Replace the store with the backup of ${formatDate(backup.modified)}?`),
    h(
      'p',
      { class: 'small' },
      'Everything written since that backup is replaced; the current store is kept as a backup first, so this can be reversed.',
    ),
    h(
      'div',
      { class: 'action-row' },
      h('button', { type: 'button', class: 'primary', onclick: () => void restore() }, 'Restore'),
      h('button', { type: 'button', onclick: () => closePopover() }, 'Cancel'),
    ),
  );
  return h(
    'button',
    {
      type: 'button',
      'aria-label': `Restore ${backup.name}`,
      onclick: (event: Event) => openPopover((event.currentTarget as HTMLElement).getBoundingClientRect(), body, { label: 'Restore' }),
    },
    'Restore…',
  );
}

/** The message a restore leaves for the reloaded window. */
const RESTORED_KEY = 'fieldbook:restored';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** #/backups: the backups, Back up now, and Restore for each. */
export async function backupsView(): Promise<View> {
  const el = viewElement();
  const aside = viewElement();
  const restored = sessionStorage.getItem(RESTORED_KEY);
  sessionStorage.removeItem(RESTORED_KEY);
  let message = restored ?? '';
  const refresh = serially(async () => {
    const backups = await call('backups.list', {});
    aside.replaceChildren(
      h('div', { class: 'list-header' }, h('h2', {}, 'Backups'), h('span', { class: 'count' }, String(backups.length))),
      h(
        'p',
        { class: 'muted pad' },
        'One backup a day while Fieldbook runs; the last 7 days and one for each of the last 4 weeks are kept, in the backups folder beside the store.',
      ),
    );
    el.replaceChildren(backupsArticle(backups, message, (said) => ((message = said), void refresh())));
    message = '';
  });
  await refresh();
  return { el, aside, refresh, dispose: () => undefined };
}

type Backup = { name: string; modified: string; bytes: number };

/** The page; `made` redraws it with what Back up now says. */
function backupsArticle(backups: Backup[], message: string, made: (message: string) => void): HTMLElement {
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
          const backup = await call('backups.create', {});
          made(backup ? `Saved ${backup.name} (${size(backup.bytes)}), checked.` : 'Today’s backup exists already.');
        } catch (error) {
          status.textContent = `The backup failed: ${(error as Error).message}`;
          backUpNow.disabled = false;
        }
      },
    },
    'Back up now',
  );
  return h(
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
              restoreButton(backup, status),
            ),
          ),
        ),
    h(
      'p',
      { class: 'muted' },
      'A restore checks the backup first and keeps the store it replaces here as a backup. ',
      'A backup kept elsewhere can be restored with the app closed: ',
      h('code', {}, 'fieldbook restore FILE'),
      '.',
    ),
  );
}
