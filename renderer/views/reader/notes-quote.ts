// "Quote into note": one call; the server appends the quotation (and a link
// back to its highlight) to the note's document, or starts a new note.
import { call } from '../../api.ts';

/** Quotes a highlight, or a fresh selection (highlighted on the way), into note `noteId` or a new note when null. */
export function quoteIntoNote(
  what: { annotationId: number } | { passage: { sourceId: number; quote: string; start: number } },
  noteId: number | null,
): Promise<{ noteId: number; annotationId: number }> {
  return call('notes.quote', { noteId, ...what });
}
