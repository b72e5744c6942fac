import { call } from './api.ts';
import { navigate, sectionOf } from './router.ts';

/** Opens any linked record; a highlight opens its source scrolled to the passage. */
export async function openRecord(kind: string, id: number): Promise<void> {
  if (kind === 'annotation') {
    const annotation = await call('annotations.get', { id });
    navigate('sources', annotation.source.id, { at: annotation.start, len: annotation.end - annotation.start });
  } else navigate(sectionOf(kind), id);
}
