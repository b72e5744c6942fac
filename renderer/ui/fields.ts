// In-place editing: a value shown as text becomes an input on click; Enter
// or leaving the field saves, Escape cancels; the API's validation message is
// shown under the field and nothing is saved. Only the field itself is redrawn,
// and focus goes back to the value's button only when the field still had it:
// a save that lands after the analyst moved on leaves them where they are.
import { CallError } from '../core/api.ts';
import { h } from './dom.ts';

export interface FieldOptions {
  label: string;
  value: string;
  /** Shown when the value is empty. */
  placeholder?: string;
  kind?: 'text' | 'textarea' | 'select';
  options?: readonly string[];
  /** How the value reads when not editing (defaults to the value). */
  display?: (value: string) => string;
  /** How an option of a select reads (defaults to the option). */
  optionLabel?: (option: string) => string;
  /** A tooltip for the value shown (the raw code behind words, say). */
  tooltip?: (value: string) => string | null;
  className?: string;
  /** Saves the value; may return the value as stored (e.g. normalised), which is then shown. */
  save: (value: string) => Promise<string | void>;
}

export function editableField(options: FieldOptions): HTMLElement {
  const wrapper = h('div', { class: `editable ${options.className ?? ''}` });
  const error = h('p', { class: 'form-error', role: 'alert' });
  let value = options.value;

  const showValue = () => {
    const text = value ? (options.display ?? ((v: string) => v))(value) : (options.placeholder ?? '—');
    const hadFocus = wrapper.contains(document.activeElement);
    const trigger = h(
      'button',
      {
        type: 'button',
        class: `editable-value${value ? '' : ' empty'}`,
        title: [value ? options.tooltip?.(value) : null, `Edit ${options.label.toLowerCase()}`].filter(Boolean).join(' · '),
        'aria-label': `${options.label}: ${text}. Edit`,
        onclick: edit,
      },
      h('span', { dir: 'auto' }, text),
    );
    wrapper.replaceChildren(trigger, error);
    if (hadFocus) trigger.focus();
  };

  function edit(): void {
    const input =
      options.kind === 'select'
        ? h(
            'select',
            { 'aria-label': options.label },
            (options.options ?? []).map((o) => h('option', { value: o, selected: o === value }, options.optionLabel?.(o) ?? o)),
          )
        : options.kind === 'textarea'
          ? h('textarea', { 'aria-label': options.label, rows: 4, dir: 'auto' }, value)
          : h('input', { 'aria-label': options.label, value, dir: 'auto', placeholder: options.placeholder ?? '' });
    let done = false;
    const commit = async () => {
      if (done) return;
      done = true;
      const next = input.value.trim();
      if (next === value) return showValue();
      try {
        const stored = await options.save(next);
        value = typeof stored === 'string' ? stored : next;
        error.textContent = '';
        showValue();
      } catch (e) {
        done = false;
        error.textContent = e instanceof CallError ? e.issues.map((i) => i.message).join('; ') || e.message : String(e);
        // Back to the refused value, unless the analyst is already typing elsewhere.
        const active = document.activeElement;
        if (!active || active === document.body || wrapper.contains(active)) input.focus();
      }
    };
    input.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'Escape') {
        done = true;
        error.textContent = '';
        showValue();
      } else if (key === 'Enter' && (options.kind !== 'textarea' || (event as KeyboardEvent).ctrlKey)) {
        event.preventDefault();
        void commit();
      }
    });
    input.addEventListener('blur', () => void commit());
    if (options.kind === 'select') input.addEventListener('change', () => void commit());
    wrapper.replaceChildren(h('label', { class: 'field' }, options.label, input), error);
    input.focus();
  }

  showValue();
  return wrapper;
}
