// Mention chips inside a tiptap document: `{type: 'mention', attrs: {kind, id, label}}`.
import type { DocNode } from '../shared/schemas.ts';
import type { LinkTargetKind } from '../shared/vocabulary.ts';

/**
 * A copy of `doc` whose mentions of record `from` (of `kind`) name record `to`
 * instead, and how many it rewrote. Labels stay as written: they are the
 * analyst's text, and the merged name becomes an alias of the survivor.
 */
export function repointMentions(doc: DocNode, kind: LinkTargetKind, from: number, to: number): { doc: DocNode; count: number } {
  let count = 0;
  const visit = (node: DocNode): DocNode => {
    let next = node;
    if (node.type === 'mention' && node.attrs?.['kind'] === kind && node.attrs['id'] === from) {
      count++;
      next = { ...node, attrs: { ...node.attrs, id: to } };
    }
    if (node.content) next = { ...next, content: node.content.map(visit) };
    return next;
  };
  const result = visit(doc);
  return { doc: result, count };
}
