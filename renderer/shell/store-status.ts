// Tells the user, once, in the sidebar, when the store is open read-only
// (its file, folder or disk cannot be written): reading and searching work,
// and every change is refused with the same sentence.
import { call } from '../core/api.ts';
import { h } from '../ui/dom.ts';

export async function showStoreStatus(sidebar: HTMLElement): Promise<void> {
  const { readOnly } = await call('store.status', {});
  if (!readOnly) return;
  sidebar
    .querySelector('.brand')!
    .after(
      h(
        'p',
        { class: 'read-only-banner', role: 'status' },
        'Read-only: this store’s file or folder cannot be written. You can read and search; changes are not saved.',
      ),
    );
}
