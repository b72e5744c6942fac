// Reads a tiptap document: its plain text (for search and excerpts), the
// records it mentions (with the sentence around each mention), and its #tags.
import { invalid } from '../shared/errors.ts';
import type { DocNode } from '../shared/schemas.ts';
import { LINK_TARGET_KINDS, type LinkTargetKind } from '../shared/vocabulary.ts';

export interface Mention {
  kind: LinkTargetKind;
  id: number;
  context: string;
}

export interface DocumentContent {
  text: string;
  mentions: Mention[];
  tags: string[];
}

const BLOCK_SEPARATOR = '\n';
const MAX_CONTEXT = 300;
const TAG_RE = /(?:^|[^\p{L}\p{N}_&/#])#([\p{L}\p{N}_][\p{L}\p{N}_-]{0,99})/gu;
const SENTENCE_END_RE = /[.!?؟](?=\s)/g;

/** A mention node as written by the editor: `{type: 'mention', attrs: {kind, id, label}}`. */
function mentionOf(node: DocNode, path: string): { kind: LinkTargetKind; id: number; label: string } {
  const attrs = node.attrs ?? {};
  const kind = attrs['kind'];
  const id = attrs['id'];
  if (typeof kind !== 'string' || !(LINK_TARGET_KINDS as readonly string[]).includes(kind)) {
    throw invalid(`${path}.attrs.kind`, `a mention must name one of ${LINK_TARGET_KINDS.join(', ')}`);
  }
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw invalid(`${path}.attrs.id`, 'a mention must carry the positive integer id of its record');
  }
  const label = typeof attrs['label'] === 'string' ? attrs['label'] : '';
  return { kind: kind as LinkTargetKind, id, label };
}

/**
 * The sentence of `block` around each offset of `positions` (ascending). The
 * block's sentence ends are found once and walked with the positions, so a
 * paragraph of 20,000 mentions costs one pass, not one pass per mention.
 */
function sentencesAround(block: string, positions: readonly number[]): string[] {
  const ends = [...block.matchAll(SENTENCE_END_RE)].map((match) => match.index + 1);
  let next = 0; // the first sentence end after the current position
  return positions.map((at) => {
    while (next < ends.length && ends[next]! <= at) next++;
    const start = next > 0 ? ends[next - 1]! : 0;
    const end = next < ends.length ? ends[next]! : block.length;
    const sentence = block.slice(start, end).trim();
    return sentence.length > MAX_CONTEXT ? `${sentence.slice(0, MAX_CONTEXT - 1)}…` : sentence;
  });
}

function isInline(node: DocNode): boolean {
  return node.type === 'text' || node.type === 'mention' || node.type === 'hardBreak';
}

export function readDocument(doc: DocNode): DocumentContent {
  const blocks: string[] = [];
  const mentions: Mention[] = [];

  // Collect the inline content of each textblock as one line, so that each
  // mention's context is the sentence of the paragraph it sits in.
  const visit = (node: DocNode, path: string): void => {
    const children = node.content ?? [];
    if (children.length > 0 && children.every(isInline)) {
      let line = '';
      const pending: { kind: LinkTargetKind; id: number; at: number }[] = [];
      children.forEach((child, i) => {
        if (child.type === 'text') line += child.text ?? '';
        else if (child.type === 'hardBreak') line += ' ';
        else {
          const mention = mentionOf(child, `${path}.content.${i}`);
          pending.push({ kind: mention.kind, id: mention.id, at: line.length });
          line += mention.label;
        }
      });
      blocks.push(line);
      const contexts = sentencesAround(
        line,
        pending.map((m) => m.at),
      );
      pending.forEach((m, i) => mentions.push({ kind: m.kind, id: m.id, context: contexts[i]! }));
      return;
    }
    children.forEach((child, i) => {
      if (child.type === 'mention') {
        const mention = mentionOf(child, `${path}.content.${i}`);
        blocks.push(mention.label);
        mentions.push({ kind: mention.kind, id: mention.id, context: mention.label });
      } else if (child.type === 'text') blocks.push(child.text ?? '');
      else visit(child, `${path}.content.${i}`);
    });
  };
  visit(doc, 'body');

  const text = blocks.join(BLOCK_SEPARATOR);
  const tags = new Set<string>();
  for (const match of text.matchAll(TAG_RE)) tags.add(match[1]!.toLowerCase());
  return { text, mentions, tags: [...tags] };
}

/** The first non-empty line of a note's text that is not its title, shortened for lists. */
export function excerptOf(title: string, text: string): string {
  const line = text
    .split(BLOCK_SEPARATOR)
    .map((l) => l.trim())
    .find((l) => l.length > 0 && l !== title.trim());
  if (!line) return '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
