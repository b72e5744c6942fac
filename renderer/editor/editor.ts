import { Editor, type JSONContent } from '@tiptap/core';
import { noteSchemaExtensions, RecordMention } from '../../db/shared/editor-schema.ts';
import { AutoDirection, Hashtags, sanitizePastedHtml } from './extensions.ts';
import { entitySuggestion, noteSuggestion } from './suggestions.ts';

export interface NoteEditorOptions {
  element: HTMLElement;
  content: JSONContent;
  onChange: () => void;
  onBlur: () => void;
  onMentionClick: (kind: string, id: number) => void;
  /** Whether a mentioned record is in the trash: its chip is struck through. */
  isTrashed: (kind: string, id: number) => boolean;
  /** Ctrl/Cmd+click on a #tag. */
  onTagClick?: (tag: string) => void;
  /** The stored body holds something this editor cannot show: the note must then not be saved over. */
  onContentError: (message: string) => void;
}

export function createNoteEditor(options: NoteEditorOptions): Editor {
  const editor = new Editor({
    element: options.element,
    content: options.content,
    // Content the schema does not know is reported, not silently dropped (and then saved over).
    enableContentCheck: true,
    onContentError: ({ error }) => options.onContentError(error.message),
    extensions: [
      ...noteSchemaExtensions(
        RecordMention.configure({
          suggestions: [entitySuggestion, noteSuggestion],
          renderText: ({ node }) => String(node.attrs['label'] ?? ''),
          renderHTML: ({ node }) => {
            const trashed = options.isTrashed(String(node.attrs['kind']), Number(node.attrs['id']));
            return [
              'span',
              {
                'data-type': 'mention',
                'data-kind': node.attrs['kind'],
                'data-id': node.attrs['id'],
                class: `chip chip-${node.attrs['kind']}${trashed ? ' chip-trashed' : ''}`,
                ...(trashed ? { title: 'In the trash: click to open its trash entry' } : {}),
              },
              String(node.attrs['label'] ?? ''),
            ];
          },
        }),
      ),
      AutoDirection,
      Hashtags,
    ],
    editorProps: {
      attributes: { class: 'prose', spellcheck: 'true', 'aria-label': 'Note text' },
      transformPastedHTML: sanitizePastedHtml,
      // Links open (in the system browser, under Electron) on Ctrl/Cmd+click, and only http(s) or mailto.
      handleClick: (_view, _pos, event) => {
        const tag = (event.target as HTMLElement | null)?.closest('.tag');
        if (tag && (event.ctrlKey || event.metaKey) && options.onTagClick) {
          options.onTagClick((tag.textContent ?? '').replace(/^#/, '').toLowerCase());
          return true;
        }
        const link = (event.target as HTMLElement | null)?.closest('a[href]');
        if (!link || !(event.ctrlKey || event.metaKey)) return false;
        const href = link.getAttribute('href') ?? '';
        if (/^(https?:|mailto:)/i.test(href)) window.open(href, '_blank', 'noopener,noreferrer');
        return true;
      },
      handleClickOn: (_view, _pos, node, _nodePos, event) => {
        if (node.type.name === 'mention' && (event.ctrlKey || event.metaKey || event.detail === 1)) {
          options.onMentionClick(String(node.attrs['kind']), Number(node.attrs['id']));
          return true;
        }
        return false;
      },
    },
    onUpdate: () => options.onChange(),
    onBlur: () => options.onBlur(),
  });
  return editor;
}

/** Sets each mention's label to the record's current name (records may have been renamed since the note was saved). */
export function refreshMentionLabels(doc: JSONContent, names: Map<string, string>): JSONContent {
  const visit = (node: JSONContent): JSONContent => {
    if (node.type === 'mention' && node.attrs) {
      const name = names.get(`${node.attrs['kind']}:${node.attrs['id']}`);
      return name ? { ...node, attrs: { ...node.attrs, label: name } } : node;
    }
    return node.content ? { ...node, content: node.content.map(visit) } : node;
  };
  return visit(doc);
}
