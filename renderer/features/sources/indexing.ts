// A long source text is indexed for search after it is stored, a chunk at a
// time (db/search/source-index.ts): until that is done, text searches may miss
// the source. Its page and the Sources list say so, and follow the indexing
// (asking the cheap sources.list, never the text) until it ends.
import type { Source } from '../../../db/shared/records.ts';
import { call } from '../../core/api.ts';
import { publish } from '../../core/changes.ts';
import { h } from '../../ui/dom.ts';

export const INDEXING_WORDS = 'Indexing for search…';
const FOLLOW_MS = 1500;

/** What a list says of a source still being indexed. */
export const indexingMeta = (source: Source): string | null => (source.indexing ? INDEXING_WORDS.toLowerCase() : null);

/**
 * While `shown` is on the page, asks every FOLLOW_MS whether the sources
 * `indexing` are still being indexed; `done` once none is.
 */
export function followIndexing(shown: HTMLElement, indexing: readonly number[], done: () => void): void {
  const ids = new Set(indexing);
  if (ids.size === 0) return;
  const follow = async () => {
    if (!shown.isConnected) return; // the view was left or redrawn: the next one follows for itself
    const now = await call('sources.list', {}).catch(() => null);
    if (now && !now.some((s) => ids.has(s.id) && s.indexing)) done();
    else setTimeout(() => void follow(), FOLLOW_MS);
  };
  setTimeout(() => void follow(), FOLLOW_MS);
}

/** The note on a source's page while its text is indexed; it goes, and the lists are redrawn, once it is done. */
export function indexingNote(source: Source): HTMLElement | null {
  if (!source.indexing) return null;
  const note = h(
    'p',
    { class: 'indexing-note muted', role: 'status' },
    h('span', { class: 'indexing-spinner', 'aria-hidden': 'true' }),
    `${INDEXING_WORDS} Searches may miss words of this text until it is done; reading and highlighting work now.`,
  );
  followIndexing(note, [source.id], () => {
    note.remove();
    publish('source', source.id);
  });
  return note;
}
