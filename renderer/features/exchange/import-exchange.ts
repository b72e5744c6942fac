// Case files, STIX 2.1 bundles and ACLED-style CSVs in the app's import: recognised by their
// content, previewed (what will be created, matched, skipped: nothing is
// written yet), then imported in one transaction on confirmation.
import './exchange.css';
import { call } from '../../core/api.ts';
import { h } from '../../ui/dom.ts';
import { publish, Subscriptions, type ChangeKind } from '../../core/changes.ts';
import { serially, type View } from '../../core/view.ts';
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

const ALL_KINDS: readonly ChangeKind[] = ['actor', 'place', 'event', 'source', 'note'];

/** An import (or its undo) may touch records of every kind. */
function publishAll(): void {
  for (const kind of ALL_KINDS) publish(kind);
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
interface ImportDialog extends View {
  readonly el: HTMLDialogElement;
  /** The import made in the dialog, once made. */
  imported(): number | null;
}

/**
 * The preview of importing `file`, then the import on confirmation: a view
 * whose preview is made again after any change to the store until the import
 * is made, ended (subscriptions and element) when the dialog closes.
 */
function importDialog(file: File, kind: ExchangeKind): ImportDialog {
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
  const content = file.text();
  /** Set once Import is pressed: from then on the dialog shows the import, not a preview. */
  let importing = false;
  let imported: number | null = null;
  const preview = serially(async () => {
    if (importing) return;
    try {
      const shown = await previewOf(kind, file.name, await content);
      if (importing) return;
      counts.replaceChildren(...shown.lines.map((line) => h('li', {}, line)));
      if (shown.blocked) return failed(new Error(shown.blocked));
      status.className = 'exchange-status';
      status.textContent = 'Nothing is written until you import.';
      confirm.disabled = false;
    } catch (error) {
      failed(error);
    }
  });
  close.addEventListener('click', () => dialog.close());
  confirm.addEventListener('click', () => {
    importing = true;
    confirm.disabled = true;
    status.textContent = 'Importing…';
    content
      .then((text) => importNow(kind, file.name, text))
      .then(({ done, importId }) => {
        imported = importId;
        status.textContent = done;
        close.textContent = 'Close';
        confirm.remove();
        publishAll();
      })
      .catch(failed);
  });
  const subscriptions = new Subscriptions();
  const view: ImportDialog = {
    el: dialog,
    refresh: preview,
    dispose: () => {
      subscriptions.dispose();
      dialog.remove();
    },
    imported: () => imported,
  };
  for (const changed of ALL_KINDS) subscriptions.refresh(view, changed);
  void preview();
  return view;
}

/** Previews `file` in a dialog and imports it on confirmation; once the dialog is closed, the import is offered for undo (toast, Ctrl+Z). */
function previewAndImport(file: File, kind: ExchangeKind): Promise<void> {
  const view = importDialog(file, kind);
  document.body.append(view.el);
  view.el.showModal();
  return new Promise((resolve) =>
    view.el.addEventListener('close', () => {
      view.dispose();
      const id = view.imported();
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
