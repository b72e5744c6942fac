// The Export dialog: the whole store as a case file, the events as an
// ACLED-style CSV, a STIX 2.1 bundle, or a Markdown vault (a .zip of the
// folder), downloaded as a file.
import { strToU8, zipSync } from 'fflate';
import '../../exchange.css';
import { call } from '../../api.ts';
import { h } from '../../dom.ts';
import { download } from '../timeline/csv.ts';

type Format = 'case' | 'acled' | 'stix' | 'markdown';

const FORMATS: { value: Format; label: string; hint: string }[] = [
  { value: 'case', label: 'Case file (JSON)', hint: 'Everything, lossless: to move to another machine or keep with a case.' },
  { value: 'acled', label: 'ACLED-style CSV', hint: 'The events, with ACLED’s columns, for conflict-data tools and spreadsheets.' },
  { value: 'stix', label: 'STIX 2.1 bundle', hint: 'Actors, places, events, relations, sources and notes for CTI platforms.' },
  {
    value: 'markdown',
    label: 'Markdown vault (.zip)',
    hint: 'A folder of notes and record pages with [[links]], for Obsidian and other writing tools.',
  },
];

const day = (now = new Date()) => now.toISOString().slice(0, 10);

/** The file for one format: its content, name and media type. */
async function exportFile(format: Format): Promise<{ text: string | Uint8Array<ArrayBuffer>; name: string; type: string }> {
  if (format === 'markdown') {
    const { files } = await call('exchange.markdown.export', {});
    const folder = `fieldbook-vault-${day()}`;
    const zipped = zipSync(Object.fromEntries(files.map((f) => [`${folder}/${f.path}`, strToU8(f.content)])));
    return { text: new Uint8Array(zipped), name: `${folder}.zip`, type: 'application/zip' };
  }
  if (format === 'acled') {
    const { content } = await call('exchange.acled.export', {});
    return { text: content, name: `fieldbook-events-acled-${day()}.csv`, type: 'text/csv;charset=utf-8' };
  }
  const value = format === 'case' ? await call('exchange.case.export', {}) : await call('exchange.stix.export', {});
  return { text: `${JSON.stringify(value)}\n`, name: `fieldbook-${format}-${day()}.json`, type: 'application/json' };
}

const sizeOf = (text: BlobPart) => {
  const bytes = new Blob([text]).size;
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
};

export function openExportDialog(): void {
  const status = h('p', { class: 'exchange-status', role: 'status' });
  const radios = FORMATS.map((f, i) =>
    h(
      'label',
      { class: 'exchange-format' },
      h('input', { type: 'radio', name: 'export-format', value: f.value, checked: i === 0 }),
      h('span', {}, f.label),
      h('small', {}, f.hint),
    ),
  );
  const scope = h('select', { 'aria-label': 'Scope' }, h('option', { value: 'everything' }, 'Everything in the store'));
  const exportNow = h('button', { type: 'submit', class: 'primary' }, 'Export');
  const dialog = h(
    'dialog',
    { class: 'exchange-dialog export-dialog', 'aria-label': 'Export' },
    h(
      'form',
      { method: 'dialog' },
      h('h2', {}, 'Export'),
      h('fieldset', {}, h('legend', {}, 'Format'), radios),
      h('label', { class: 'exchange-scope' }, h('span', {}, 'Scope'), scope),
      status,
      h('div', { class: 'exchange-actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close'), exportNow),
    ),
  );
  dialog.addEventListener('close', () => dialog.remove());
  dialog.querySelector('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    const format = (dialog.querySelector<HTMLInputElement>('input[name=export-format]:checked')?.value ?? 'case') as Format;
    exportNow.disabled = true;
    status.className = 'exchange-status';
    status.textContent = 'Preparing the file…';
    exportFile(format)
      .then(({ text, name, type }) => {
        download(text, name, type);
        status.textContent = `Downloaded ${name} (${sizeOf(text)}).`;
      })
      .catch((error: unknown) => {
        status.className = 'exchange-status error';
        status.textContent = `Nothing was exported: ${error instanceof Error ? error.message : String(error)}`;
      })
      .finally(() => {
        exportNow.disabled = false;
      });
  });
  document.body.append(dialog);
  dialog.showModal();
}

/** The navigation's Export… button. */
export function exportButton(): HTMLElement {
  return h('button', { type: 'button', class: 'export-button', onclick: () => openExportDialog() }, 'Export…');
}
