// The note editor's document schema, shared by the editor (renderer/editor)
// and the API, which refuses a note body the editor could not show: unknown
// node or mark types, content in the wrong place, or nesting deeper than
// MAX_DEPTH. Pure: no DOM, no Node.
import { type AnyExtension, getSchema } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import Mention from '@tiptap/extension-mention';
import { TableKit } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';

/** Deeper than any note a person writes (lists in lists in quotes), shallow enough for any stack. */
export const MAX_DEPTH = 64;

interface Attributes {
  getAttribute(name: string): string | null;
}

/** A mention of a record: `{kind, id, label}`; the label is refreshed from the store when the note opens. */
export const RecordMention = Mention.extend({
  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element: Attributes) => {
          const id = Number(element.getAttribute('data-id'));
          return Number.isSafeInteger(id) && id > 0 ? id : null;
        },
        renderHTML: (attributes: { id: number | null }) => (attributes.id ? { 'data-id': String(attributes.id) } : {}),
      },
      kind: {
        default: 'actor',
        parseHTML: (element: Attributes) => element.getAttribute('data-kind') ?? 'actor',
        renderHTML: (attributes: { kind: string }) => ({ 'data-kind': attributes.kind, class: `chip chip-${attributes.kind}` }),
      },
      label: {
        default: null,
        parseHTML: (element: Attributes) => element.getAttribute('data-label'),
        renderHTML: (attributes: { label: string | null }) => (attributes.label ? { 'data-label': attributes.label } : {}),
      },
    };
  },
});

/** The extensions that make the document schema; the editor adds behaviour (suggestions, direction, tags) on top. */
export function noteSchemaExtensions(mention: AnyExtension = RecordMention): AnyExtension[] {
  return [
    StarterKit.configure({
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], defaultProtocol: 'https' },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    mention,
  ];
}

let schema: Schema | undefined;

/** How deep `doc` nests, counted without recursion (a hostile body may nest thousands deep). */
export function depthOf(doc: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[doc, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_DEPTH) return deepest;
    const content = (node as { content?: unknown }).content;
    if (Array.isArray(content)) for (const child of content) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Why the editor could not show `doc` as it is, or undefined when it can. */
export function noteBodyProblem(doc: unknown): string | undefined {
  if (depthOf(doc) > MAX_DEPTH) return `nests deeper than ${MAX_DEPTH} levels`;
  schema ??= getSchema(noteSchemaExtensions());
  try {
    schema.nodeFromJSON(doc).check();
    return undefined;
  } catch (error) {
    return `is not a document the editor can show: ${(error as Error).message}`;
  }
}
