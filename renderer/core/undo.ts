// Undo for every destructive action and every edit of a record (delete a note
// or a record, remove an alias or a relation, merge): each registers how to put
// back what it changed, one API call; a toast offers Undo, and Ctrl/Cmd+Z
// outside text fields undoes the last one, in order. An undo may touch
// anything, so once it is done the views on screen are refreshed (onUndone).
import { h } from '../ui/dom.ts';

interface Entry {
  label: string;
  undo: () => Promise<void>;
  /** Names what the entry undoes (e.g. "merge:4"), so that an undo made elsewhere can take it off the stack. */
  key: string | undefined;
}

const stack: Entry[] = [];
let toast: HTMLElement | undefined;
let hideTimer: ReturnType<typeof setTimeout> | undefined;
let afterUndo: () => void = () => undefined;

export function onUndone(callback: () => void): void {
  afterUndo = callback;
}

/** A link the toast offers beside its message (the record just made, say). */
export interface ToastLink {
  href: string;
  text: string;
}

function showToast(message: string, withUndo: boolean, link?: ToastLink): void {
  toast?.remove();
  clearTimeout(hideTimer);
  toast = h(
    'div',
    { class: 'toast', role: 'status' },
    h('span', {}, message),
    link ? h('a', { href: link.href, onclick: () => toast?.remove() }, link.text) : null,
    withUndo ? h('button', { type: 'button', onclick: () => void undoLast() }, 'Undo') : null,
  );
  document.body.append(toast);
  hideTimer = setTimeout(() => toast?.remove(), 6000);
}

/** `key` names what the undo puts back (another view's undo of it drops this one); `link` goes beside the message. */
export function recordEdit(label: string, undo: () => Promise<void>, { key, link }: { key?: string; link?: ToastLink } = {}): void {
  stack.push({ label, undo, key });
  if (stack.length > 100) stack.shift();
  showToast(label, true, link);
}

export function notify(message: string): void {
  showToast(message, false);
}

export async function undoLast(): Promise<void> {
  const entry = stack.pop();
  if (!entry) {
    showToast('Nothing to undo', false);
    return;
  }
  try {
    await entry.undo();
    showToast(`Undone: ${entry.label}`, false);
    afterUndo();
  } catch (error) {
    showToast(`Could not undo: ${(error as Error).message}`, false);
  }
}

/** Takes off the stack what has been undone another way (from the Merges view, the Trash). */
export function forgetEdit(key: string): void {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.key === key) stack.splice(i, 1);
}
