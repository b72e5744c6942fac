// What the Notes list shows, kept in the address: #/notes?q=words&sort=title&tag=border.
import { NOTE_SORTS } from '../../../db/shared/vocabulary.ts';
import type { NoteSort } from '../../../db/shared/vocabulary.ts';

export interface NotesQuery {
  /** Filter words, as typed. */
  q: string;
  sort: NoteSort;
  tag: string | null;
}

export const SORT_WORDS: Record<NoteSort, string> = {
  updated: 'Last edited',
  created: 'Newest',
  title: 'Title',
  tag: 'Tag',
};

export function readNotesQuery(params: URLSearchParams): NotesQuery {
  const sort = params.get('sort') ?? '';
  const tag = params.get('tag')?.trim().replace(/^#/, '').toLowerCase() ?? '';
  return {
    q: params.get('q') ?? '',
    sort: (NOTE_SORTS as readonly string[]).includes(sort) ? (sort as NoteSort) : 'updated',
    tag: tag || null,
  };
}

/** The query string for the address ('' when everything is the default), '?' included. */
export function notesQueryString(query: NotesQuery): string {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set('q', query.q);
  if (query.sort !== 'updated') params.set('sort', query.sort);
  if (query.tag) params.set('tag', query.tag);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The address of a note (or of the list, for null) that keeps the list as it is. */
export function notesHref(id: number | null, query: NotesQuery): string {
  return `#/notes${id ? `/${id}` : ''}${notesQueryString(query)}`;
}

/** The Notes list of every note carrying a tag. */
export function tagHref(tag: string): string {
  return `#/notes?${new URLSearchParams({ tag })}`;
}
