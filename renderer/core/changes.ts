// Which records changed, for the views that show them. A write publishes what
// it changed once the API has answered; a view subscribes to one record, or to
// every record of a kind, and ends its subscriptions when it is disposed. A
// change to a source's highlights or evidence is a change of the source.
//
// A change made in place (a field saved, an alias added on a record's page)
// names the element it was made in as its origin: the view holding that
// element has drawn the change already, and does not redraw under the analyst.
import type { View } from './view.ts';

export type ChangeKind = 'actor' | 'place' | 'event' | 'source' | 'note';

export interface Change {
  kind: ChangeKind;
  /** The record, or null for "any of this kind" (an import, a restore). */
  id: number | null;
  origin: Node | null;
}

type Listener = (change: Change) => void;

const subscriptions = new Set<{ kind: ChangeKind; id: number | null; listener: Listener }>();

/** Calls `listener` after each change of record `id` of `kind` (of any record of the kind when `id` is null); returns the unsubscribe. */
export function subscribe(kind: ChangeKind, id: number | null, listener: Listener): () => void {
  const subscription = { kind, id, listener };
  subscriptions.add(subscription);
  return () => void subscriptions.delete(subscription);
}

/** Tells the subscribers that record `id` of `kind` (any of them, when null) changed; `origin`: where on screen, for a change made in place. */
export function publish(kind: ChangeKind, id: number | null = null, origin: Node | null = null): void {
  const change: Change = { kind, id, origin };
  for (const s of [...subscriptions]) {
    if (s.kind === kind && (s.id === null || id === null || s.id === id) && subscriptions.has(s)) s.listener(change);
  }
}

/** A view's subscriptions, ended together when the view is disposed. */
export class Subscriptions {
  private readonly ends: (() => void)[] = [];

  on(kind: ChangeKind, id: number | null, listener: Listener): void {
    this.ends.push(subscribe(kind, id, listener));
  }

  /** Refreshes `view` after each such change, except one made inside the view itself. */
  refresh(view: View, kind: ChangeKind, id: number | null = null): void {
    this.on(kind, id, (change) => {
      const inside = change.origin !== null && (view.el.contains(change.origin) || !!view.aside?.contains(change.origin));
      if (!inside) void Promise.resolve(view.refresh()).catch(() => undefined);
    });
  }

  dispose(): void {
    for (const end of this.ends.splice(0)) end();
  }
}
