// The floating panel that follows imports: one row per file, from reading to
// importing to done (with a link to the new source) or the API's reason for
// refusing it. It stays until closed when a file was refused.
import type { Source } from '../../../../db/shared/records.ts';
import { h } from '../../../ui/dom.ts';
import { href } from '../../../core/router.ts';
import { formatSize } from './file-to-base64.ts';
import { showSuggestionsFor } from '../suggestions/memory.ts';
import { INDEXING_WORDS } from '../indexing.ts';

export interface ImportRow {
  reading(fraction: number): void;
  /** The file is with the app, being read; `cancel` stops that (nothing is written). */
  importing(cancel: () => void): void;
  done(source: Source): void;
  failed(message: string): void;
}

type State = 'waiting' | 'reading' | 'importing' | 'done' | 'failed';

let panel: HTMLElement | undefined;
let list: HTMLElement;
let heading: HTMLElement;
let hideTimer: ReturnType<typeof setTimeout> | undefined;

function close(): void {
  clearTimeout(hideTimer);
  panel?.remove();
  panel = undefined;
}

function ensurePanel(): void {
  clearTimeout(hideTimer);
  if (panel?.isConnected) return;
  heading = h('h2', { class: 'import-heading' });
  list = h('ul', { class: 'import-files', role: 'list' });
  panel = h(
    'section',
    { class: 'import-panel', role: 'region', 'aria-label': 'Imports' },
    h(
      'div',
      { class: 'import-top' },
      heading,
      h('button', { type: 'button', class: 'tool', 'aria-label': 'Close the import list', title: 'Close', onclick: close }, '×'),
    ),
    list,
  );
  document.body.append(panel);
}

function summarise(): void {
  if (!panel) return;
  const states = [...list.querySelectorAll<HTMLElement>('.import-file')].map((row) => row.dataset['state'] as State);
  const busy = states.filter((s) => s === 'waiting' || s === 'reading' || s === 'importing').length;
  const done = states.filter((s) => s === 'done').length;
  const failed = states.filter((s) => s === 'failed').length;
  panel.setAttribute('aria-busy', String(busy > 0));
  heading.textContent = busy
    ? `Importing ${states.length - busy + 1} of ${states.length}…`
    : [done ? `Imported ${done} file${done === 1 ? '' : 's'}` : '', failed ? `${failed} not imported` : ''].filter(Boolean).join(' · ');
  clearTimeout(hideTimer);
  // All imported: the rows have done their job; refusals stay until read and closed.
  if (!busy && !failed) hideTimer = setTimeout(close, 8000);
}

/** The source a duplicate error names ("already stored as source 7"), to offer a link to it. */
function duplicateOf(message: string): number | null {
  const match = /already stored as source (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}

const openLink = (id: number, label: string) =>
  h('a', { href: href('sources', id), class: 'import-open', onclick: () => showSuggestionsFor(id) }, label);

export function addImportRow(file: File): ImportRow {
  ensurePanel();
  const status = h('span', { class: 'import-status' }, 'Waiting');
  const bar = h('span', { class: 'import-bar-fill' });
  const progress = h('span', { class: 'import-bar', role: 'progressbar', 'aria-label': `Progress of ${file.name}` }, bar);
  const row = h(
    'li',
    { class: 'import-file', 'data-state': 'waiting' },
    h('span', { class: 'import-icon', 'aria-hidden': 'true' }),
    h('span', { class: 'import-name', dir: 'auto', title: file.name }, file.name),
    h('span', { class: 'import-size' }, formatSize(file.size)),
    status,
    progress,
  );
  list.append(row);
  const set = (state: State, ...text: (Node | string)[]) => {
    row.dataset['state'] = state;
    status.replaceChildren(...text);
    summarise();
  };
  summarise();
  return {
    reading(fraction) {
      const percent = Math.round(fraction * 100);
      bar.style.width = `${percent}%`;
      progress.setAttribute('aria-valuenow', String(percent));
      if (row.dataset['state'] !== 'reading') set('reading', 'Reading…');
      status.textContent = `Reading ${percent}%`;
    },
    importing(cancel) {
      progress.removeAttribute('aria-valuenow');
      const stop = h(
        'button',
        {
          type: 'button',
          class: 'tool import-cancel',
          'aria-label': `Cancel the import of ${file.name}`,
          onclick: () => {
            stop.disabled = true;
            cancel();
          },
        },
        'Cancel',
      );
      set('importing', 'Importing… ', stop);
    },
    done(source) {
      set('done', 'Imported as ', openLink(source.id, source.title), source.indexing ? ` · ${INDEXING_WORDS.toLowerCase()}` : '');
    },
    failed(message) {
      const duplicate = duplicateOf(message);
      set('failed', message, duplicate ? ' · ' : '', duplicate ? openLink(duplicate, `Open source ${duplicate}`) : '');
      status.setAttribute('role', 'alert');
    },
  };
}
