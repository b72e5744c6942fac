// Case files, STIX 2.1 bundles and ACLED-style CSVs in the app's import: recognised by their
// content, previewed (what will be created, matched, skipped: nothing is
// written yet), then imported in one transaction on confirmation.
import './exchange.css';
import { call } from '../../core/api.ts';
import { h } from '../../ui/dom.ts';
import { publish, type ChangeKind } from '../../core/changes.ts';
import { recordEdit } from '../../core/undo.ts';
import { type ExchangeKind, exchangeKindOfText } from '../../../db/shared/exchange-kind.ts';

const TITLES: Record<ExchangeKind, string> = {
  case: 'Restore a case file',
  acled: 'Import ACLED events',
  stix: 'Import a STIX 2.1 bundle',
};

const plural = (n: number, word: string) => `${n} ${n === 1 ? word : `${word}s`}`;
/** Store bookkeeping a case file carries, not worth a word in the preview. */
const UNSAID = new Set(['seed_log', 'meta']);
const counted = (n: number, key: string) => {
  const words = key.replace(/_/g, ' ');
  return key === 'evidence' || n !== 1 ? `${n} ${words}` : `${n} ${words.replace(/s$/, '')}`;
};
const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([k, n]) => n > 0 && !UNSAID.has(k))
    .map(([k, n]) => counted(n, k))
    .join(', ') || 'nothing';

/** An import (or its undo) may touch records of every kind. */
function publishAll(): void {
  for (const kind of ['actor', 'place', 'event', 'source', 'note'] satisfies ChangeKind[]) publish(kind);
}

interface Preview {
  lines: string[];
  blocked: string | null;
}

async function previewOf(kind: ExchangeKind, fileName: string, content: string): Promise<Preview> {
  if (kind === 'case') {
    const preview = await call('exchange.case.preview', { fileName, content });
    return { lines: [`Will create: ${countsText(preview.counts)}`], blocked: preview.blocked };
  }
  if (kind === 'stix') {
    const preview = await call('exchange.stix.preview', { fileName, content });
    return {
      lines: [
        `Will create: ${countsText(preview.created)}`,
        `Already in the store: ${countsText(preview.matched)}`,
        ...preview.merged.map((m) => `Will add to ${m.name}: ${m.aliases.join(', ')}`),
        ...(preview.skipped.length
          ? [
              `Will skip ${plural(preview.skipped.length, 'object')}: ${preview.skipped.map((s) => `${s.name ?? s.id} (${s.reason})`).join('; ')}`,
            ]
          : []),
      ],
      blocked: null,
    };
  }
  const preview = await call('exchange.acled.preview', { fileName, content });
  return {
    lines: [
      `Will create: ${countsText(preview.created)}`,
      `Already in the store: ${countsText(preview.matched)}`,
      ...(preview.skipped.length
        ? [`Will skip ${plural(preview.skipped.length, 'row')}: ${preview.skipped.map((s) => `line ${s.line} (${s.reason})`).join('; ')}`]
        : []),
    ],
    blocked: null,
  };
}

/** Imports the file; says what was done, with the id that undoes it as a whole (null when nothing was added). */
async function importNow(kind: ExchangeKind, fileName: string, content: string): Promise<{ done: string; importId: number | null }> {
  if (kind === 'case') {
    const result = await call('exchange.case.import', { fileName, content });
    return { done: `Restored: ${countsText(result.created)}.`, importId: result.importId };
  }
  if (kind === 'stix') {
    const result = await call('exchange.stix.import', { fileName, content });
    return {
      done: `Imported: created ${countsText(result.created)}; matched ${countsText(result.matched)}; skipped ${plural(result.skipped.length, 'object')}.`,
      importId: result.importId,
    };
  }
  const result = await call('exchange.acled.import', { fileName, content });
  return {
    done: `Imported: created ${countsText(result.created)}; matched ${countsText(result.matched)}; skipped ${plural(result.skipped.length, 'row')}.`,
    importId: result.importId,
  };
}

/** Shows the preview of one exchange file and imports it on confirmation; resolves when the dialog closes. */
function previewAndImport(file: File, kind: ExchangeKind): Promise<void> {
  const status = h('p', { class: 'exchange-status', role: 'status' }, 'Reading the file…');
  const counts = h('ul', { class: 'exchange-counts' });
  const confirm = h('button', { type: 'button', class: 'primary', disabled: true }, 'Import');
  const close = h('button', { type: 'button' }, 'Cancel');
  const dialog = h(
    'dialog',
    { class: 'exchange-dialog import-exchange-dialog', 'aria-label': TITLES[kind] },
    h('h2', {}, TITLES[kind]),
    h('p', {}, file.name),
    counts,
    status,
    h('div', { class: 'exchange-actions' }, close, confirm),
  );
  const failed = (error: unknown) => {
    status.className = 'exchange-status error';
    status.textContent = `Nothing was imported: ${error instanceof Error ? error.message : String(error)}`;
    close.textContent = 'Close';
  };
  let content = '';
  /** The import done in this dialog: offered for undo (toast, Ctrl+Z) once the dialog is closed and the toast can be reached. */
  let imported: number | null = null;
  close.addEventListener('click', () => dialog.close());
  confirm.addEventListener('click', () => {
    confirm.disabled = true;
    status.textContent = 'Importing…';
    importNow(kind, file.name, content)
      .then(({ done, importId }) => {
        imported = importId;
        status.textContent = done;
        close.textContent = 'Close';
        confirm.remove();
        publishAll();
      })
      .catch(failed);
  });
  document.body.append(dialog);
  dialog.showModal();
  void file
    .text()
    .then(async (text) => {
      content = text;
      const preview = await previewOf(kind, file.name, content);
      counts.replaceChildren(...preview.lines.map((line) => h('li', {}, line)));
      if (preview.blocked) return failed(new Error(preview.blocked));
      status.textContent = 'Nothing is written until you import.';
      confirm.disabled = false;
    })
    .catch(failed);
  return new Promise((resolve) =>
    dialog.addEventListener('close', () => {
      dialog.remove();
      const id = imported;
      if (id !== null) {
        const undo = async () => {
          await call('exchange.undoImport', { id });
          publishAll();
        };
        recordEdit(`Imported ${file.name}`, undo, { key: `import:${id}` });
      }
      resolve();
    }),
  );
}

/** Takes the case files, STIX bundles and ACLED CSVs out of `files` (each previewed, then imported on confirmation); returns the rest, the documents. */
export async function takeExchangeFiles(files: readonly File[]): Promise<File[]> {
  const documents: File[] = [];
  for (const file of files) {
    const kind = exchangeKindOfText(await file.slice(0, 4096).text());
    if (kind) await previewAndImport(file, kind);
    else documents.push(file);
  }
  return documents;
}
