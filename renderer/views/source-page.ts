// The source reader: the document with its paragraphs, highlights, evidence
// passages and known actors/places marked; select a passage to act on it.
import type { Annotation, Evidence, SourceDetail } from '../../db/records.ts';
import { call } from '../api.ts';
import { clear, h } from '../dom.ts';
import { navigate, sectionOf } from '../router.ts';
import { announceChange } from '../undo.ts';
import { suggestionsPanel } from './import/suggestions.ts';
import { highlightActions, selectionActions } from './reader/actions.ts';
import { orphansPanel } from './reader/orphans.ts';
import { textEditControls } from './reader/text-edit.ts';
import { sourceMetadata } from './reader/metadata.ts';
import { focusPassage } from './reader/passage-focus.ts';
import { indexingNote } from './indexing.ts';
import { renderText, selectedRange, type Span } from './reader/text.ts';

interface KnownMention {
  kind: string;
  id: number;
  name: string;
  occurrences: { start: number; end: number }[];
}

async function knownMentions(sourceId: number): Promise<KnownMention[]> {
  try {
    return (await call('sources.suggestions', { id: sourceId })).known;
  } catch {
    return [];
  }
}

function spansOf(annotations: Annotation[], evidence: Evidence[], known: KnownMention[]): Span[] {
  const placed = <T extends { orphaned: boolean }>(rows: T[]) => rows.filter((r) => !r.orphaned); // orphans: reader/orphans.ts
  return [
    ...known.flatMap((k) =>
      k.occurrences.map((o) => ({
        start: o.start,
        end: o.end,
        className: `entity entity-${k.kind}`,
        data: { entity: `${k.kind}:${k.id}` },
        title: k.name,
      })),
    ),
    ...placed(evidence).map((e) => ({
      start: e.start,
      end: e.end,
      className: 'evidence-mark',
      data: { evidence: String(e.id) },
      title: `Evidence for ${e.subject.name}`,
    })),
    ...placed(annotations).map((a) => ({
      start: a.start,
      end: a.end,
      className: `hl hl-${a.color}`,
      data: { annotation: String(a.id) },
      title: a.comment || 'Highlight',
    })),
  ];
}

/** The selected offsets without surrounding whitespace. */
function trimmed(text: string, range: { start: number; end: number }): { start: number; end: number } | null {
  let { start, end } = range;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

export async function showSource(main: HTMLElement, id: number, params: URLSearchParams): Promise<void> {
  const [source, evidence, annotations, known]: [SourceDetail, Evidence[], Annotation[], KnownMention[]] = await Promise.all([
    call('sources.get', { id }),
    call('evidence.list', { sourceId: id }),
    call('annotations.list', { sourceId: id }),
    knownMentions(id),
  ]);
  // After any change in the reader: the lists beside it (highlight counts, titles) follow at once.
  const rerender = async () => {
    announceChange();
    const scroll = main.scrollTop;
    await showSource(main, id, new URLSearchParams());
    main.scrollTop = scroll;
  };
  const body = renderText(source.text, spansOf(annotations, evidence, known));
  body.addEventListener('mouseup', () => {
    const range = selectedRange(body);
    const clean = range && trimmed(source.text, range);
    if (!clean) return;
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    selectionActions(
      rect,
      { sourceId: id, sourceTitle: source.title, published: source.published, quote: source.text.slice(clean.start, clean.end), ...clean },
      rerender,
    );
  });
  body.addEventListener('click', (event) => {
    if (!window.getSelection()?.isCollapsed) return;
    const target = event.target as HTMLElement;
    const highlight = target.closest<HTMLElement>('[data-annotation]');
    if (highlight) {
      const annotation = annotations.find((a) => a.id === Number(highlight.dataset['annotation']));
      if (annotation) highlightActions(highlight.getBoundingClientRect(), annotation, rerender);
      return;
    }
    const entity = target.closest<HTMLElement>('[data-entity]');
    if (entity) {
      const [kind, entityId] = entity.dataset['entity']!.split(':');
      navigate(sectionOf(kind!), Number(entityId));
    }
  });

  const suggestions = suggestionsPanel(source, rerender);
  const metadata = sourceMetadata(source, rerender);
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record reader' },
      h(
        'header',
        { class: 'record-header' },
        h('div', { class: 'record-top' }, h('span', { class: 'kind-badge' }, 'Source'), suggestions.button),
        metadata.title,
        metadata.facts,
        indexingNote(source),
        source.note
          ? h(
              'details',
              { class: 'source-note' },
              h('summary', {}, 'How this source was dated and graded'),
              h('p', { class: 'comment' }, source.note),
            )
          : null,
        h(
          'p',
          { class: 'legend muted' },
          h('span', { class: 'hl hl-yellow' }, 'highlight'),
          ' ',
          h('span', { class: 'evidence-mark' }, 'evidence'),
          ' ',
          h('span', { class: 'entity entity-actor' }, 'known actor or place'),
          ' · select text to highlight, comment, link, quote or create a record',
        ),
        textEditControls(source, body, rerender),
      ),
      orphansPanel(annotations, evidence),
      suggestions.panel,
      body,
    ),
  );
  focusPassage(body, params, [...annotations, ...evidence]);
}
