// "Quote into note": one call; the server appends the quotation (and a link
// back to its highlight) to the note's document, or starts a new note. Then
// the note opens; a failure changed nothing and says why.
import { call } from '../../../core/api.ts';
import { navigate } from '../../../core/router.ts';
import { notify } from '../../../core/undo.ts';

/** Quotes a highlight, or a fresh selection (highlighted on the way), into note `noteId` or a new note when null, and opens it. */
export async function quoteIntoNote(
  what: { annotationId: number } | { passage: { sourceId: number; quote: string; start: number } },
  noteId: number | null,
): Promise<void> {
  try {
    const quoted = await call('notes.quote', { noteId, ...what });
    navigate('notes', quoted.noteId);
  } catch (error) {
    notify(`Nothing was quoted: ${(error as Error).message}`);
  }
}
