// Undo for edits made on record pages: each edit registers how to put back
// what it changed; a toast offers Undo, and Ctrl/Cmd+Z outside text fields
// undoes the last one.
import { h } from './dom.ts';

interface Entry {
  label: string;
  undo: () => Promise<void>;
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

/** Tells the rest of the app (the list pane) that the store changed under it. */
export function announceChange(): void {
  window.dispatchEvent(new Event(CHANGED_EVENT));
}

export const CHANGED_EVENT = 'fieldbook:changed';

export function recordEdit(label: string, undo: () => Promise<void>, link?: ToastLink): void {
  announceChange();
  stack.push({ label, undo });
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
    announceChange();
    showToast(`Undone: ${entry.label}`, false);
    afterUndo();
  } catch (error) {
    showToast(`Could not undo: ${(error as Error).message}`, false);
  }
}

export function canUndo(): boolean {
  return stack.length > 0;
}
