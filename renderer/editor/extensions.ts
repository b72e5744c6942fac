// Editor behaviour beyond the document schema (db/shared/editor-schema.ts, which
// holds the mention node): paragraphs that pick their own direction (Arabic
// renders right to left), #tags shown as tags, and pasted HTML made safe.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';

const DIRECTED = ['paragraph', 'heading', 'blockquote', 'listItem', 'taskItem', 'tableCell', 'tableHeader'];

/** dir="auto" on every block: each paragraph takes the direction of its first strong character. */
export const AutoDirection = Extension.create({
  name: 'autoDirection',
  addGlobalAttributes() {
    return [
      {
        types: DIRECTED,
        attributes: { dir: { default: null, rendered: true, renderHTML: () => ({ dir: 'auto' }), parseHTML: () => null } },
      },
    ];
  },
});

const TAG_RE = /(^|[^\p{L}\p{N}_&/#])(#[\p{L}\p{N}_][\p{L}\p{N}_-]*)/gu;

function tagDecorations(doc: PmNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText || !node.text) return;
    for (const match of node.text.matchAll(TAG_RE)) {
      const from = pos + match.index + match[1]!.length;
      decorations.push(
        Decoration.inline(from, from + match[2]!.length, { class: 'tag', title: 'Ctrl+click (⌘+click): every note with this tag' }),
      );
    }
  });
  return DecorationSet.create(doc, decorations);
}

export const Hashtags = Extension.create({
  name: 'hashtags',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('hashtags'),
        state: {
          init: (_config, state) => tagDecorations(state.doc),
          apply: (tr, old) => (tr.docChanged ? tagDecorations(tr.doc) : old),
        },
        props: {
          decorations(state) {
            return this.getState(state);
          },
        },
      }),
    ];
  },
});

/**
 * Pasted HTML goes through an inert document: scripts, styles, frames and
 * event-handler attributes are removed before ProseMirror even reads it.
 */
export function sanitizePastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script, style, iframe, object, embed, link, meta, noscript, template, form').forEach((el) => el.remove());
  doc.querySelectorAll('*').forEach((el) => {
    for (const attr of [...el.attributes]) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith('on') || attr.name === 'style' || value.startsWith('javascript:') || value.startsWith('data:text/html')) {
        el.removeAttribute(attr.name);
      }
    }
  });
  return doc.body.innerHTML;
}
