// Importing files as sources: the "Import…" button of the Sources list and
// dropping files anywhere on the window while Sources is open. Files are read
// in the page and sent to `sources.import` one after the other; the first one
// imported opens with its suggestions.
import './import.css';
import type { Source } from '../../../../db/shared/records.ts';
import { call } from '../../../core/api.ts';
import { h } from '../../../ui/dom.ts';
import { navigate, parseRoute } from '../../../core/router.ts';
import { addImportRow, type ImportRow } from './import-panel.ts';
import { showSuggestionsFor } from '../suggestions/memory.ts';
import { fileToBase64 } from './file-to-base64.ts';
import { takeExchangeFiles } from '../../exchange/import-exchange.ts';

export const ACCEPT = '.txt,.md,.markdown,.html,.htm,.pdf,.json,.csv';

let queue: Promise<void> = Promise.resolve();
const onSources = () => parseRoute(location.hash).section === 'sources';

async function importOne(file: File, row: ImportRow): Promise<Source | null> {
  try {
    row.reading(0);
    const contentBase64 = await fileToBase64(file, (f) => row.reading(f));
    const importId = crypto.randomUUID();
    row.importing(() => void call('sources.cancelImport', { importId }).catch(() => undefined));
    const source = await call('sources.import', { fileName: file.name, contentBase64, importId });
    row.done(source);
    return source;
  } catch (error) {
    row.failed(error instanceof Error ? error.message : String(error));
    return null;
  }
}

/** Imports `files` after any import already running; then opens the first new source, unless the user has left Sources meanwhile. */
export function importFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return queue;
  const rows = files.map((file) => ({ file, row: addImportRow(file) }));
  queue = queue.then(async () => {
    let first: Source | null = null;
    for (const { file, row } of rows) {
      const source = await importOne(file, row);
      first ??= source;
    }
    if (first && onSources()) {
      showSuggestionsFor(first.id);
      navigate('sources', first.id);
    }
  });
  return queue;
}

export function importButton(): HTMLElement {
  const input = h('input', {
    type: 'file',
    multiple: true,
    accept: ACCEPT,
    hidden: true,
    class: 'import-input',
    'aria-label': 'Files to import',
  });
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    void takeExchangeFiles(files).then(importFiles);
  });
  return h(
    'span',
    { class: 'import-control' },
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        title: 'Import PDF, HTML, Markdown or text files as sources, a case file, or an ACLED-style CSV of events',
        onclick: () => input.click(),
      },
      'Import…',
    ),
    input,
  );
}

const hasFiles = (event: DragEvent) => !!event.dataTransfer && [...event.dataTransfer.types].includes('Files');

/**
 * While Sources is open, files dropped anywhere on the window are imported;
 * the list pane `pane()` shows where they will go. Returns what removes it.
 */
export function enableFileDrop(pane: () => HTMLElement): () => void {
  let overlay: HTMLElement | undefined;
  let depth = 0;
  const hide = () => {
    depth = 0;
    overlay?.remove();
    overlay = undefined;
  };
  const show = () => {
    if (overlay) return;
    const rect = pane().getBoundingClientRect();
    overlay = h(
      'div',
      { class: 'drop-overlay', 'aria-hidden': 'true' },
      h(
        'div',
        { class: 'drop-card' },
        h('p', { class: 'drop-title' }, 'Drop to import'),
        h('p', { class: 'drop-hint' }, 'PDF, HTML, Markdown or text files become sources'),
      ),
    );
    Object.assign(overlay.style, { left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px` });
    document.body.append(overlay);
  };
  const listeners: { [K in 'dragenter' | 'dragleave' | 'dragover' | 'drop']: (event: DragEvent) => void } = {
    dragenter: (event) => {
      if (!hasFiles(event) || !onSources()) return;
      depth++;
      show();
    },
    dragleave: () => {
      if (overlay && --depth <= 0) hide();
    },
    dragover: (event) => {
      if (!hasFiles(event) || !onSources()) return;
      event.preventDefault();
      event.dataTransfer!.dropEffect = 'copy';
    },
    drop: (event) => {
      hide();
      if (!hasFiles(event) || !onSources()) return;
      event.preventDefault();
      void takeExchangeFiles([...event.dataTransfer!.files]).then(importFiles);
    },
  };
  for (const [type, listener] of Object.entries(listeners)) window.addEventListener(type, listener as EventListener);
  return () => {
    hide();
    for (const [type, listener] of Object.entries(listeners)) window.removeEventListener(type, listener as EventListener);
  };
}
