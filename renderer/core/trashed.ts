// Items in the trash, as links show them: struck through, opening the trash entry.
import { call, CallError } from './api.ts';
import type { Route } from './router.ts';
import { trashHref } from './router.ts';

const KIND_OF_SECTION: Partial<Record<Route['section'], 'note' | 'actor' | 'place' | 'event' | 'source'>> = {
  notes: 'note',
  actors: 'actor',
  places: 'place',
  events: 'event',
  sources: 'source',
};

/** When `route` failed to open because its item is in the trash: the trash entry to show instead. */
export async function trashedItemHref(route: Route, error: unknown): Promise<string | null> {
  const kind = KIND_OF_SECTION[route.section];
  if (!kind || route.id === null || !(error instanceof CallError) || error.code !== 'not_found') return null;
  const entries = await call('trash.list', {});
  return entries.some((e) => e.kind === kind && e.id === route.id) ? trashHref(kind, route.id) : null;
}

/** Opens the trash entry of a linked item (a highlight's is its source's). */
export async function openTrashEntry(kind: string, id: number): Promise<void> {
  if (kind === 'annotation') {
    const annotation = await call('annotations.get', { id });
    location.hash = trashHref('source', annotation.source.id);
  } else location.hash = trashHref(kind, id);
}
