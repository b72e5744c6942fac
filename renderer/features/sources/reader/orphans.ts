// Highlights and evidence whose passage was no longer found after an edit of
// the source's text: listed above the text with their old quote, comment and
// links, never placed in it.
import type { Annotation, Evidence } from '../../../../db/shared/records.ts';
import { h } from '../../../ui/dom.ts';
import { href, type Section } from '../../../core/router.ts';
import './reader-edit.css';

const recordLink = (kind: string, id: number, name: string) =>
  h('a', { href: href(`${kind}s` as Section, id), class: `chip chip-${kind}` }, name);

function annotationItem(annotation: Annotation): HTMLElement {
  return h(
    'li',
    { class: 'orphan', 'data-annotation': annotation.id },
    h('blockquote', { class: `hl-${annotation.color}`, dir: 'auto' }, annotation.quote),
    annotation.comment ? h('p', { class: 'comment', dir: 'auto' }, annotation.comment) : null,
    h(
      'p',
      { class: 'row-meta' },
      'Highlight',
      ...annotation.links.flatMap((l) => [' · ', recordLink(l.kind, l.id, l.name)]),
      ' · ',
      h('span', { class: 'orphan-note' }, 'no longer found in the text'),
    ),
  );
}

/** One claim resting on an orphaned passage: its subject, field, credibility and comment. */
function claim(evidence: Evidence): HTMLElement {
  const { subject } = evidence;
  return h(
    'p',
    { class: 'row-meta', 'data-evidence': evidence.id },
    'Evidence for ',
    subject.kind === 'relation' ? h('span', {}, subject.name) : recordLink(subject.kind, subject.id, subject.name),
    evidence.field ? ` (${evidence.field})` : '',
    ` · credibility ${evidence.credibility}`,
    evidence.comment ? h('span', { class: 'comment', dir: 'auto' }, ` · ${evidence.comment}`) : null,
  );
}

/** A passage quoted as evidence, once, with every claim that rested on it (seed passages often support several). */
function evidenceItem(claims: readonly Evidence[]): HTMLElement {
  return h(
    'li',
    { class: 'orphan' },
    h('blockquote', { class: 'orphan-evidence', dir: 'auto' }, claims[0]!.quote),
    claims.map(claim),
    h('p', { class: 'row-meta' }, h('span', { class: 'orphan-note' }, 'no longer found in the text')),
  );
}

function byPassage(evidence: readonly Evidence[]): Evidence[][] {
  const groups = new Map<string, Evidence[]>();
  for (const e of evidence) {
    const key = `${e.start}:${e.end}:${e.quote}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()];
}

const plural = (n: number, one: string, many: string) => (n === 0 ? '' : `${n} ${n === 1 ? one : many}`);

/** The "Orphaned" panel (open; it folds away), or null when every highlight and evidence passage of the source is anchored. */
export function orphansPanel(annotations: readonly Annotation[], evidence: readonly Evidence[]): HTMLElement | null {
  const lostHighlights = annotations.filter((a) => a.orphaned);
  const lostEvidence = evidence.filter((e) => e.orphaned);
  if (lostHighlights.length + lostEvidence.length === 0) return null;
  const counts = [
    plural(lostHighlights.length, 'highlight', 'highlights'),
    plural(lostEvidence.length, 'evidence quote', 'evidence quotes'),
  ];
  return h(
    'details',
    { class: 'orphans', open: true },
    h('summary', {}, h('strong', {}, 'Orphaned'), h('span', { class: 'count' }, counts.filter(Boolean).join(', '))),
    h(
      'p',
      { class: 'muted small' },
      'These passages were no longer found in the text after it was edited. They are kept as they were quoted, ' +
        'with their comments and links, and are not placed in the text.',
    ),
    h('ul', { class: 'rows' }, lostHighlights.map(annotationItem), byPassage(lostEvidence).map(evidenceItem)),
  );
}
