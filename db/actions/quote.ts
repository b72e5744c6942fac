// "Quote into note" as one command: the passage (a highlight, made here when
// the caller gives a fresh selection) is appended to the note's document on
// the server, as a quotation followed by a link back to the highlight.
import type { Db } from '../store/db.ts';
import type { DocNode } from '../shared/schemas.ts';
import { MAX_NOTE_BYTES } from '../shared/schemas.ts';
import { invalid } from '../shared/errors.ts';
import type { Annotation } from '../shared/records.ts';
import { createAnnotation, getAnnotation } from '../repo/annotations.ts';
import { createNote, getNote, updateNote } from '../repo/notes.ts';
import type { QuoteResult } from '../shared/records.ts';
import type { z } from 'zod';
import type * as s from '../shared/schemas.ts';

export function quoteNodes(annotation: Annotation): DocNode[] {
  return [
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: annotation.quote }] }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: '— ' },
        { type: 'mention', attrs: { kind: 'annotation', id: annotation.id, label: annotation.source.title } },
        { type: 'text', text: ' ' },
      ],
    },
  ];
}

export type QuoteInput = z.output<typeof s.noteQuote>;

/** `notes.quote`: appends the quotation to the note (or a new one); makes the highlight first for a fresh selection. */
export function quoteIntoNote(db: Db, input: QuoteInput): QuoteResult {
  const annotation =
    'annotationId' in input
      ? getAnnotation(db, input.annotationId)
      : createAnnotation(db, { ...input.passage, comment: '', color: 'yellow', links: [] });
  const nodes = quoteNodes(annotation);
  if (input.noteId === null) {
    const note = createNote(db, { title: `Notes on ${annotation.source.title}`.slice(0, 200), body: { type: 'doc', content: nodes } });
    return { noteId: note.id, annotationId: annotation.id };
  }
  const note = getNote(db, input.noteId);
  const body: DocNode = { ...note.body, content: [...(note.body.content ?? []), ...nodes] };
  if (new TextEncoder().encode(JSON.stringify(body)).length > MAX_NOTE_BYTES) {
    throw invalid('noteId', 'the note would grow larger than 5 MB with this quotation: quote into another note');
  }
  updateNote(db, { id: input.noteId, body });
  return { noteId: input.noteId, annotationId: annotation.id };
}
