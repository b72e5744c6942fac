// "Quote into note": the passage goes into a note as a quotation followed by
// a link back to the highlight, so the note leads to the exact passage.
import type { Annotation } from '../../../db/records.ts';
import type { DocNode } from '../../../db/schemas.ts';
import { call } from '../../api.ts';

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

/** Appends the quotation to note `noteId`, or to a new note titled after the source when null; returns the note id. */
export async function quoteIntoNote(annotation: Annotation, noteId: number | null): Promise<number> {
  if (noteId === null) {
    const note = await call('notes.create', {
      title: `Notes on ${annotation.source.title}`.slice(0, 200),
      body: { type: 'doc', content: quoteNodes(annotation) } as never,
    });
    return note.id;
  }
  const note = await call('notes.get', { id: noteId });
  const body = note.body;
  const content = [...(body.content ?? []), ...quoteNodes(annotation)];
  await call('notes.update', { id: noteId, body: { ...body, content } as never });
  return noteId;
}
