// The Export dialog: the whole store as a case file, the events as an
// ACLED-style CSV, a STIX 2.1 bundle, or a Markdown vault (a .zip of the
// folder), downloaded as a file. While open, the notes and actors it offers
// follow the changes made to them; closed, it is disposed of.
import { strToU8, zipSync } from 'fflate';
import './exchange.css';
import { call } from '../../core/api.ts';
import { Subscriptions } from '../../core/changes.ts';
import type { View } from '../../core/view.ts';
import { h } from '../../ui/dom.ts';
import { download } from '../timeline/csv.ts';
import { hasFilters, parseQuery } from '../timeline/filters-in-address.ts';
import type { MethodInput } from '../../../db/shared/contract.ts';

type Scope = NonNullable<MethodInput<'exchange.stix.export'>['scope']>;

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

/** The file for one format and scope: its content, name and media type. */
async function exportFile(format: Format, scope: Scope): Promise<{ text: string | Uint8Array<ArrayBuffer>; name: string; type: string }> {
  if (format === 'markdown') {
    const { files } = await call('exchange.markdown.export', { scope });
    const folder = `fieldbook-vault-${day()}`;
    const zipped = zipSync(Object.fromEntries(files.map((f) => [`${folder}/${f.path}`, strToU8(f.content)])));
    return { text: new Uint8Array(zipped), name: `${folder}.zip`, type: 'application/zip' };
  }
  if (format === 'acled') {
    const { content } = await call('exchange.acled.export', { scope });
    return { text: content, name: `fieldbook-events-acled-${day()}.csv`, type: 'text/csv;charset=utf-8' };
  }
  const value = format === 'case' ? await call('exchange.case.export', {}) : await call('exchange.stix.export', { scope });
  return { text: `${JSON.stringify(value)}\n`, name: `fieldbook-${format}-${day()}.json`, type: 'application/json' };
}

const sizeOf = (text: BlobPart) => {
  const bytes = new Blob([text]).size;
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
};

/** The dialog, not yet on the page: a view that ends (subscriptions and element) when the dialog closes. */
export function exportDialog(): View & { readonly el: HTMLDialogElement } {
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
  const scopePicker = exportScopePicker();
  const scope = scopePicker.select;
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
      scopePicker.detail,
      status,
      h('div', { class: 'exchange-actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close'), exportNow),
    ),
  );
  const subscriptions = new Subscriptions();
  const view = {
    el: dialog,
    refresh: () => scopePicker.refresh(),
    dispose: () => {
      subscriptions.dispose();
      dialog.remove();
    },
  };
  subscriptions.refresh(view, 'note');
  subscriptions.refresh(view, 'actor');
  dialog.addEventListener('close', () => view.dispose());
  // A case file is the whole store: its scope is always everything. Opened on
  // notes or an actor, the dialog offers a Markdown vault of them; on the timeline, its events as CSV.
  const preselected = scope.value as Scope['kind'];
  const initial: Format = preselected === 'notes' || preselected === 'actor' ? 'markdown' : preselected === 'timeline' ? 'acled' : 'case';
  dialog.querySelector<HTMLInputElement>(`input[name=export-format][value=${initial}]`)!.checked = true;
  scope.disabled = initial === 'case';
  dialog.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name !== 'export-format') return;
    const isCase = (event.target as HTMLInputElement).value === 'case';
    if (isCase) scopePicker.reset();
    scope.disabled = isCase;
  });
  exportOnSubmit(dialog, exportNow, status, scopePicker.scope);
  return view;
}

/** Export pressed: the file of the format and scope chosen is made and downloaded, and the status line says how it went. */
function exportOnSubmit(
  dialog: HTMLElement,
  exportNow: HTMLButtonElement,
  status: HTMLElement,
  scopeChosen: () => Promise<Scope | string>,
): void {
  const exportChosen = async (format: Format) => {
    exportNow.disabled = true;
    status.className = 'exchange-status';
    status.textContent = 'Preparing the file…';
    const chosen = await scopeChosen();
    if (typeof chosen === 'string') {
      status.className = 'exchange-status error';
      status.textContent = chosen;
      exportNow.disabled = false;
      return;
    }
    try {
      const { text, name, type } = await exportFile(format, chosen);
      download(text, name, type);
      status.textContent = `Downloaded ${name} (${sizeOf(text)}).`;
    } catch (error) {
      status.className = 'exchange-status error';
      status.textContent = `Nothing was exported: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      exportNow.disabled = false;
    }
  };
  dialog.querySelector('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    void exportChosen((dialog.querySelector<HTMLInputElement>('input[name=export-format]:checked')?.value ?? 'case') as Format);
  });
}

export function openExportDialog(): void {
  const view = exportDialog();
  document.body.append(view.el);
  view.el.showModal();
}

interface ScopePicker {
  select: HTMLSelectElement;
  detail: HTMLElement;
  /** What to export, or why nothing can be. */
  scope: () => Promise<Scope | string>;
  /** Back to everything (a case file's scope). */
  reset: () => void;
  /** The notes and actors offered, fetched again (what was ticked or chosen stays so). */
  refresh: () => Promise<void>;
}

/**
 * The scope select and what it needs: a list of notes to tick, an actor to
 * choose (the open note or actor preselected), or the timeline's filter read
 * from the address when the timeline or the map is open.
 */
function exportScopePicker(): ScopePicker {
  const route = location.hash;
  const onTimeline = /^#\/(timeline|map)(\?|$)/.test(route);
  const filter = parseQuery(new URLSearchParams(route.split('?')[1] ?? ''));
  const select = h(
    'select',
    { 'aria-label': 'Scope' },
    h('option', { value: 'everything' }, 'Everything in the store'),
    h('option', { value: 'notes' }, 'Selected notes'),
    h('option', { value: 'actor' }, 'One actor and everything linked to it'),
    h(
      'option',
      { value: 'timeline', disabled: !onTimeline },
      onTimeline
        ? `The timeline’s current filter${hasFilters(filter) ? '' : ' (no filter: every event)'}`
        : 'The timeline’s current filter (open the timeline first)',
    ),
  ) as HTMLSelectElement;
  const detail = h('div', { class: 'exchange-scope-detail' });
  const lists = scopeLists(Number(/^#\/notes\/(\d+)/.exec(route)?.[1] ?? 0), Number(/^#\/actors\/(\d+)/.exec(route)?.[1] ?? 0));
  const show = () => {
    if (select.value === 'notes') {
      detail.replaceChildren(lists.notes);
      lists.load('notes');
    } else if (select.value === 'actor') {
      detail.replaceChildren(h('label', { class: 'exchange-scope' }, h('span', {}, 'Actor'), lists.actor));
      lists.load('actor');
    } else detail.replaceChildren();
  };
  select.addEventListener('change', show);
  if (onTimeline) select.value = 'timeline';
  else if (lists.openNote) select.value = 'notes';
  else if (lists.openActor) select.value = 'actor';
  show();
  /** What to export, once the list it is chosen from has arrived: Export pressed at once exports the open note or actor. */
  const scope = async (): Promise<Scope | string> => {
    if (select.value === 'notes' || select.value === 'actor') await lists.loaded();
    if (select.value === 'notes') {
      const ids = [...lists.notes.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value));
      return ids.length ? { kind: 'notes', ids } : 'Tick at least one note to export.';
    }
    if (select.value === 'actor')
      return lists.actor.value ? { kind: 'actor', id: Number(lists.actor.value) } : 'Choose an actor to export.';
    if (select.value === 'timeline') {
      const { actor: a, place, type, text, from, to } = filter;
      return { kind: 'timeline', filter: { actor: a, place, type, text, from, to } };
    }
    return { kind: 'everything' };
  };
  const reset = () => {
    select.value = 'everything';
    show();
  };
  return { select, detail, scope, reset, refresh: () => lists.refresh() };
}

/** The notes to tick and the actor to choose, each fetched when first shown; the open note or actor is chosen at first. */
function scopeLists(openNote: number, openActor: number) {
  const notes = h('div', { class: 'exchange-notes', role: 'group', 'aria-label': 'Notes to export' });
  const actor = h('select', { 'aria-label': 'Actor' }) as HTMLSelectElement;
  const fetched = new Set<'notes' | 'actor'>();
  /** The list asked for last. */
  let loading: Promise<void> = Promise.resolve();
  const fetchNotes = async () => {
    const list = await call('notes.list', { limit: 1000, sort: 'title' });
    const ticked = fetched.has('notes')
      ? new Set([...notes.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value)))
      : new Set([openNote]);
    fetched.add('notes');
    notes.replaceChildren(
      ...list.map((n) =>
        h(
          'label',
          {},
          h('input', { type: 'checkbox', value: String(n.id), checked: ticked.has(n.id) }),
          h('span', { dir: 'auto' }, n.title || 'Untitled'),
        ),
      ),
    );
  };
  const fetchActors = async () => {
    const list = await call('actors.list', { limit: 1000 });
    const chosen = fetched.has('actor') ? Number(actor.value) : openActor;
    fetched.add('actor');
    actor.replaceChildren(...list.map((a) => h('option', { value: String(a.id), selected: a.id === chosen }, a.name)));
  };
  const fetchList = (which: 'notes' | 'actor') => (loading = which === 'notes' ? fetchNotes() : fetchActors());
  return {
    notes,
    actor,
    openNote,
    openActor,
    load: (which: 'notes' | 'actor') => void (fetched.has(which) ? undefined : fetchList(which)),
    loaded: () => loading.catch(() => undefined),
    refresh: async () => void (await Promise.all([...fetched].map(fetchList))),
  };
}

/** The navigation's Export… button. */
export function exportButton(): HTMLElement {
  return h('button', { type: 'button', class: 'export-button', onclick: () => openExportDialog() }, 'Export…');
}
