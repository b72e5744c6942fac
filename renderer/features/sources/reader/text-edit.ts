// "Edit text" on the source page: the whole text in a textarea, saved with
// sources.updateText, which re-anchors every highlight and evidence passage.
// A save is published as a change of the source: the page is rebuilt, and the
// one-line summary of what became of the passages is kept here until the
// rebuilt page shows it.
import type { ReanchorCounts, SourceDetail, SourceTextUpdate } from '../../../../db/shared/records.ts';
import { call, CallError } from '../../../core/api.ts';
import { publish } from '../../../core/changes.ts';
import { h } from '../../../ui/dom.ts';
import './reader-edit.css';

let pendingSummary: { sourceId: number; text: string } | null = null;

/** "12 highlights kept, 2 moved, 1 adjusted, 1 orphaned": the noun goes with the first count that is not zero. */
function countsLine(counts: ReanchorCounts, one: string, many: string): string | null {
  const parts = (
    [
      [counts.exact, 'kept'],
      [counts.moved, 'moved'],
      [counts.fuzzy, 'adjusted'],
      [counts.orphaned, 'orphaned'],
    ] as const
  ).filter(([n]) => n > 0);
  return parts.length === 0
    ? null
    : parts.map(([n, what], i) => (i === 0 ? `${n} ${n === 1 ? one : many} ${what}` : `${n} ${what}`)).join(', ');
}

/** "Text saved: 12 highlights kept, 2 moved, 1 adjusted, 1 orphaned; 3 evidence quotes kept." */
export function summarizeTextUpdate(result: SourceTextUpdate): string {
  const parts = [
    countsLine(result.annotations, 'highlight', 'highlights'),
    countsLine(result.evidence, 'evidence quote', 'evidence quotes'),
  ].filter(Boolean);
  return parts.length ? `Text saved: ${parts.join('; ')}.` : 'Text saved.';
}

function editor(source: SourceDetail, close: () => void, saved: (result: SourceTextUpdate) => Promise<void>): HTMLElement {
  const text = h('textarea', {
    class: 'text-editor',
    dir: 'auto',
    spellcheck: 'true',
    'aria-label': 'Source text',
  });
  text.value = source.text;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
  const cancel = h('button', { type: 'button', onclick: close }, 'Cancel');
  const form = h(
    'form',
    {
      class: 'text-edit stack',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (text.value === source.text) return close();
        error.textContent = '';
        save.disabled = cancel.disabled = true;
        try {
          await saved(await call('sources.updateText', { id: source.id, text: text.value }));
        } catch (e) {
          error.textContent = e instanceof CallError ? e.message : String(e);
          save.disabled = cancel.disabled = false;
        }
      },
    },
    h(
      'p',
      { class: 'muted small' },
      'Correct the text, then save: highlights and evidence are found again in the new text; ' +
        'those no longer found are kept and listed as orphaned.',
    ),
    text,
    error,
    h('div', { class: 'action-row' }, save, cancel),
  );
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && text.value === source.text) close();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
  return form;
}

/**
 * The "Edit text" button, with the summary of the last save of this source's
 * text. The editor takes the place of `textView` until it is saved or cancelled.
 */
export function textEditControls(source: SourceDetail, textView: HTMLElement): HTMLElement {
  const summary = h('p', { class: 'edit-summary', role: 'status' });
  if (pendingSummary?.sourceId === source.id) {
    summary.textContent = pendingSummary.text;
    // After the page has re-rendered and restored its scroll position.
    requestAnimationFrame(() => summary.scrollIntoView({ block: 'nearest' }));
  }
  pendingSummary = null;
  const button = h('button', { type: 'button', class: 'edit-text' }, 'Edit text');
  button.addEventListener('click', () => {
    summary.textContent = '';
    button.disabled = true;
    const form = editor(
      source,
      () => {
        form.replaceWith(textView);
        button.disabled = false;
      },
      async (result) => {
        pendingSummary = { sourceId: source.id, text: summarizeTextUpdate(result) };
        publish('source', source.id);
      },
    );
    textView.replaceWith(form);
    form.querySelector('textarea')!.focus();
  });
  return h('div', { class: 'text-edit-bar' }, button, summary);
}
