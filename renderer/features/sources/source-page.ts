// The source reader: the document with its paragraphs, highlights, evidence
// passages and known actors/places marked; select a passage to act on it.
// Whatever is done to the source (a highlight, evidence, a record made from a
// passage, its text edited) is published as a change of the source: the page
// is rebuilt where it was scrolled, and the Sources list beside it follows.
import type { Annotation, Evidence, SourceDetail } from '../../../db/shared/records.ts';
import { call } from '../../core/api.ts';
import { h } from '../../ui/dom.ts';
import { navigate, sectionOf } from '../../core/router.ts';
import { Subscriptions } from '../../core/changes.ts';
import { serially, viewElement, type View } from '../../core/view.ts';
import { clearOccurrence } from './suggestions/locate.ts';
import { suggestionsPanel } from './suggestions/panel.ts';
import { highlightActions, selectionActions } from './reader/passage-actions.ts';
import { orphansPanel } from './reader/orphans.ts';
import { textEditControls } from './reader/text-edit.ts';
import { sourceMetadata } from './reader/source-fields.ts';
import { focusPassage } from './reader/passage-focus.ts';
import { renderText, selectedRange, type Span } from './reader/text.ts';
import { indexingNote } from './indexing.ts';

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

/** The page of source `id`, opened at the passage the address points at (`?at=…&len=…`). */
export async function sourcePage(id: number, params: URLSearchParams): Promise<View> {
  const el = viewElement();
  const draw = async () => {
    const drawn = await reader(id);
    el.replaceChildren(drawn.article);
    return drawn;
  };
  const first = await draw();
  const subscriptions = new Subscriptions();
  const view: View = {
    el,
    // Rebuilt where it was: the scroll of the pane is kept, and no passage is focused again.
    refresh: serially(async () => {
      const scroller = el.parentElement;
      const top = scroller?.scrollTop ?? 0;
      await draw();
      if (scroller) scroller.scrollTop = top;
    }),
    mounted: () => focusPassage(first.body, params, first.passages),
    dispose: () => {
      subscriptions.dispose();
      clearOccurrence();
    },
  };
  subscriptions.refresh(view, 'source', id);
  return view;
}

/** The reader of source `id`: its article, the text's element, and the passages placed in it. */
async function reader(id: number): Promise<{ article: HTMLElement; body: HTMLElement; passages: (Annotation | Evidence)[] }> {
  const [source, evidence, annotations, known]: [SourceDetail, Evidence[], Annotation[], KnownMention[]] = await Promise.all([
    call('sources.get', { id }),
    call('evidence.list', { sourceId: id }),
    call('annotations.list', { sourceId: id }),
    knownMentions(id),
  ]);
  const body = renderText(source.text, spansOf(annotations, evidence, known));
  actOnSelection(body, source);
  actOnClick(body, annotations);
  const suggestions = suggestionsPanel(source);
  const metadata = sourceMetadata(source);
  const article = h(
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
      legend(),
      textEditControls(source, body),
    ),
    orphansPanel(annotations, evidence),
    suggestions.panel,
    body,
  );
  return { article, body, passages: [...annotations, ...evidence] };
}

function legend(): HTMLElement {
  return h(
    'p',
    { class: 'legend muted' },
    h('span', { class: 'hl hl-yellow' }, 'highlight'),
    ' ',
    h('span', { class: 'evidence-mark' }, 'evidence'),
    ' ',
    h('span', { class: 'entity entity-actor' }, 'known actor or place'),
    ' · select text to highlight, comment, link, quote or create a record',
  );
}

/** A passage selected in the text opens what can be done with it. */
function actOnSelection(body: HTMLElement, source: SourceDetail): void {
  body.addEventListener('mouseup', () => {
    const range = selectedRange(body);
    const clean = range && trimmed(source.text, range);
    if (!clean) return;
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    selectionActions(rect, {
      sourceId: source.id,
      sourceTitle: source.title,
      published: source.published,
      quote: source.text.slice(clean.start, clean.end),
      ...clean,
    });
  });
}

/** A click on a highlight opens its panel; on a known actor or place, its page. */
function actOnClick(body: HTMLElement, annotations: Annotation[]): void {
  body.addEventListener('click', (event) => {
    if (!window.getSelection()?.isCollapsed) return;
    const target = event.target as HTMLElement;
    const highlight = target.closest<HTMLElement>('[data-annotation]');
    if (highlight) {
      const annotation = annotations.find((a) => a.id === Number(highlight.dataset['annotation']));
      if (annotation) highlightActions(highlight.getBoundingClientRect(), annotation);
      return;
    }
    const entity = target.closest<HTMLElement>('[data-entity]');
    if (entity) {
      const [kind, entityId] = entity.dataset['entity']!.split(':');
      navigate(sectionOf(kind!), Number(entityId));
    }
  });
}
