// The suggestions panel of a source: the records the text already names and
// the names it holds that the store does not know, each with what can be done
// with it. It reads only; every write is a button the analyst presses.
import '../../import.css';
import type { Candidate, KnownMention, Occurrence, Suggestions } from '../../../db/extract/types.ts';
import type { Evidence } from '../../../db/records.ts';
import { call } from '../../api.ts';
import { h } from '../../dom.ts';
import { openPopover } from '../../popover.ts';
import { href, sectionOf } from '../../router.ts';
import {
  acceptForm,
  addKnownEvidence,
  credibilitySelect,
  dismiss,
  errorText,
  mergeInto,
  mergePicker,
  outcomesFor,
  type PanelContext,
} from './actions.ts';
import { clearOccurrence, showOccurrence } from './locate.ts';
import { similarReason, type SimilarRecord } from '../duplicates/similar-warning.ts';
import { foldName, forget, hideSuggestionsFor, readMemory, showSuggestionsFor, suggestionsShownFor } from './memory.ts';

interface Loaded {
  suggestions: Suggestions;
  evidence: Evidence[];
}

/** The last suggestions per source, drawn at once when the page re-renders, then refreshed. */
const cache = new Map<number, Loaded>();
let credibility = 3;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The words around an occurrence within its paragraph, the occurrence set off. */
function context(text: string, occurrence: Occurrence): HTMLElement | null {
  const lineStart = text.lastIndexOf('\n', occurrence.start - 1) + 1;
  const lineEnd = text.indexOf('\n', occurrence.end);
  const before = text.slice(Math.max(lineStart, occurrence.start - 90), occurrence.start);
  const after = text.slice(occurrence.end, Math.min(lineEnd < 0 ? text.length : lineEnd, occurrence.end + 90));
  // Cut at a word, and say so.
  const head = occurrence.start - 90 > lineStart ? `…${before.replace(/^\S*\s/, '')}` : before;
  const tail = lineEnd >= 0 && occurrence.end + 90 < lineEnd ? `${after.replace(/\s\S*$/, '')}…` : after;
  // A name alone on its line (a heading, a table cell) has no context to show.
  if (!head.trim() && !tail.trim()) return null;
  return h('span', { dir: 'auto' }, head.trimStart(), h('strong', {}, occurrence.text), tail.trimEnd());
}

export function suggestionsPanel(
  source: { id: number; text: string },
  changed: () => Promise<void>,
): { button: HTMLElement; panel: HTMLElement } {
  const id = source.id;
  const panel = h('section', { class: 'suggest-panel', id: `suggestions-${id}`, 'aria-label': 'Suggestions', hidden: true });
  const button = h(
    'button',
    { type: 'button', class: 'suggest-toggle', 'aria-expanded': 'false', 'aria-controls': panel.id, onclick: () => toggle() },
    'Suggestions',
  );
  let showDismissed = false;

  const ctx: PanelContext = {
    sourceId: id,
    credibility: () => credibility,
    changed,
    redraw: () => {
      const loaded = cache.get(id);
      if (loaded && !panel.hidden) draw(loaded);
    },
  };

  /** A button that shows each mention in turn. */
  const mentions = (occurrences: Occurrence[]): HTMLButtonElement | null => {
    let at = -1;
    const n = occurrences.length;
    if (n === 0) return null;
    const label = () => (at < 0 ? (n === 1 ? 'Show in text' : `Show ${n} mentions`) : n === 1 ? 'Show in text' : `${at + 1} of ${n} ›`);
    const mentionButton: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'tool suggest-mentions',
        title: n > 1 ? 'Show in the text; again for the next mention' : 'Show in the text',
        onclick: () => {
          at = (at + 1) % n;
          const o = occurrences[at]!;
          showOccurrence(o.start, o.end, panel);
          mentionButton.textContent = label();
        },
      },
      label(),
    );
    return mentionButton;
  };

  /** A button that runs a write once, disabled while it runs; errors show in the panel. */
  const act = (text: string, run: () => Promise<void> | void, className = '') => {
    const b: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: className,
        onclick: async () => {
          b.disabled = true;
          try {
            await run();
          } catch (e) {
            status.textContent = errorText(e);
          } finally {
            b.disabled = false;
          }
        },
      },
      text,
    );
    return b;
  };
  const popoverButton = (text: string, label: string, body: () => HTMLElement) =>
    h(
      'button',
      { type: 'button', onclick: (e: Event) => openPopover((e.currentTarget as HTMLElement).getBoundingClientRect(), body(), { label }) },
      text,
    );

  const status = h('p', { class: 'form-error', role: 'alert' });

  /** Records a candidate may already be (records.similar), asked once per panel load. */
  const similarCache = new Map<string, Promise<SimilarRecord[]>>();
  const similarHint = (c: Candidate): HTMLElement => {
    const hint = h('div', { class: 'suggest-similar' });
    const key = `${c.kind}:${c.name}`;
    let answer = similarCache.get(key);
    if (!answer) {
      answer = call('records.similar', { kind: c.kind, name: c.name, aliases: c.aliases }).catch(() => []);
      similarCache.set(key, answer);
    }
    void answer.then((found) => {
      const best = found[0];
      if (!best || best.kind === 'event') return;
      hint.append(
        h(
          'p',
          { class: 'small', dir: 'auto' },
          'Possibly ',
          h('a', { href: href(sectionOf(best.kind), best.id) }, best.name),
          ` (${similarReason(best).toLowerCase()}) `,
          act(`Merge into ${best.name}`, () =>
            mergeInto(ctx, c, { kind: best.kind as 'actor' | 'place', id: best.id }, best.name, [c.name, ...c.aliases], ctx.credibility()),
          ),
        ),
      );
    });
    return hint;
  };

  const candidateRow = (c: Candidate) => {
    const first = c.occurrences[0];
    const snippet = first ? context(source.text, first) : null;
    return h(
      'li',
      { class: 'suggest-row', 'data-name': c.name },
      h(
        'div',
        { class: 'suggest-line' },
        h('span', { class: 'suggest-name', dir: 'auto' }, c.name),
        h('span', { class: `kind kind-${c.kind}`, title: 'The kind the text suggests: check it' }, `${c.kind}?`),
        h(
          'span',
          { class: 'suggest-confidence', title: 'How sure the extractor is that this is a name' },
          `${Math.round(c.confidence * 100)}% sure`,
        ),
        c.aliases.length ? h('span', { class: 'suggest-aliases-list', dir: 'auto' }, `also ${c.aliases.join(', ')}`) : null,
      ),
      first && snippet
        ? h(
            'button',
            {
              type: 'button',
              class: 'suggest-context',
              title: 'Show in the text',
              onclick: () => showOccurrence(first.start, first.end, panel),
            },
            snippet,
          )
        : null,
      similarHint(c),
      h(
        'div',
        { class: 'suggest-actions' },
        mentions(c.occurrences),
        h('span', { class: 'spacer' }),
        popoverButton('Accept…', 'Accept a suggested name', () => acceptForm(ctx, c)),
        popoverButton('Merge into…', 'Merge a suggested name into a record', () => mergePicker(ctx, c)),
        act('Dismiss', () => dismiss(ctx, c), 'tool'),
      ),
    );
  };

  const knownRow = (k: KnownMention, evidence: Evidence[]) => {
    const has = evidence.some((e) => e.subject.kind === k.kind && e.subject.id === k.id);
    const forms = [...new Set(k.occurrences.map((o) => o.text))].filter((t) => foldName(t) !== foldName(k.name));
    return h(
      'li',
      { class: 'suggest-row known', 'data-name': k.name },
      h(
        'div',
        { class: 'suggest-line' },
        h('span', { class: `kind kind-${k.kind}` }, k.kind),
        h('a', { href: href(sectionOf(k.kind), k.id), class: 'suggest-name', dir: 'auto' }, k.name),
        forms.length ? h('span', { class: 'suggest-aliases-list', dir: 'auto' }, `as ${forms.slice(0, 3).join(', ')}`) : null,
        h('span', { class: 'spacer' }),
        mentions(k.occurrences),
        has
          ? h('span', { class: 'suggest-done', title: 'This source is already evidence for it' }, '✓ evidence')
          : act('Add as evidence', () => addKnownEvidence(ctx, k)),
      ),
    );
  };

  const draw = ({ suggestions, evidence }: Loaded) => {
    const memory = readMemory(id);
    const hidden = new Set([...memory.dismissed, ...memory.handled]);
    const outcomes = outcomesFor(id);
    const candidates = suggestions.candidates
      .filter((c) => !hidden.has(foldName(c.name)))
      .sort((a, b) => b.confidence - a.confidence || b.occurrences.length - a.occurrences.length);
    const dismissed = suggestions.candidates.filter((c) => memory.dismissed.includes(foldName(c.name)));
    const known = [...suggestions.known].sort((a, b) => b.occurrences.length - a.occurrences.length || a.name.localeCompare(b.name));
    const cred = credibilitySelect(credibility, 'Credibility of new evidence');
    cred.addEventListener('change', () => (credibility = Number(cred.value)));
    status.textContent = '';

    panel.replaceChildren(
      h(
        'header',
        { class: 'suggest-header' },
        h('h2', {}, 'Suggestions'),
        h('p', { class: 'suggest-summary muted' }, `${plural(candidates.length, 'new name')} · ${plural(known.length, 'known record')}`),
        h('span', { class: 'spacer' }),
        h('label', { class: 'suggest-credibility' }, 'Evidence credibility ', cred),
        h(
          'button',
          { type: 'button', class: 'tool', title: 'Hide suggestions', 'aria-label': 'Hide suggestions', onclick: () => toggle(false) },
          '×',
        ),
      ),
      status,
      h(
        'div',
        { class: 'suggest-body' },
        h('h3', {}, 'Possibly new', h('span', { class: 'count' }, String(candidates.length))),
        outcomes.length
          ? h(
              'ul',
              { class: 'suggest-outcomes', role: 'list' },
              outcomes.map((o) =>
                h(
                  'li',
                  {},
                  h('span', { class: 'suggest-done' }, '✓'),
                  ' “',
                  h('span', { dir: 'auto' }, o.candidate),
                  `” ${o.verb} ${o.kind} `,
                  h('a', { href: href(sectionOf(o.kind), o.id), dir: 'auto' }, o.name),
                ),
              ),
            )
          : null,
        candidates.length
          ? h('ul', { class: 'suggest-list', role: 'list', 'aria-label': 'Possibly new names' }, candidates.map(candidateRow))
          : h('p', { class: 'muted small suggest-empty' }, 'No new names: the ones found are records already, or dismissed.'),
        dismissed.length
          ? h(
              'p',
              { class: 'small suggest-dismissed' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'tool',
                  'aria-expanded': String(showDismissed),
                  onclick: () => ((showDismissed = !showDismissed), ctx.redraw()),
                },
                showDismissed ? 'Hide dismissed' : `${plural(dismissed.length, 'dismissed name')}: show`,
              ),
              showDismissed
                ? dismissed.map((c) =>
                    h(
                      'span',
                      { class: 'suggest-restore' },
                      h('span', { dir: 'auto' }, c.name),
                      h(
                        'button',
                        { type: 'button', class: 'tool', onclick: () => (forget(id, 'dismissed', c.name), ctx.redraw()) },
                        'Restore',
                      ),
                    ),
                  )
                : null,
            )
          : null,
        h('h3', {}, 'In your records', h('span', { class: 'count' }, String(known.length))),
        known.length
          ? h(
              'ul',
              { class: 'suggest-list', role: 'list', 'aria-label': 'Known records named here' },
              known.map((k) => knownRow(k, evidence)),
            )
          : h('p', { class: 'muted small suggest-empty' }, 'None of your actors, places or events is named here.'),
      ),
    );
  };

  /** Refreshes asked for and not answered yet: the panel is busy (what it shows may be the cached suggestions) until none is left. */
  let refreshing = 0;
  const refresh = async () => {
    refreshing++;
    panel.setAttribute('aria-busy', 'true');
    try {
      const [suggestions, evidence] = await Promise.all([call('sources.suggestions', { id }), call('evidence.list', { sourceId: id })]);
      cache.set(id, { suggestions, evidence });
      similarCache.clear();
      if (!panel.hidden) draw({ suggestions, evidence });
    } catch (e) {
      if (!cache.has(id)) panel.replaceChildren(h('p', { class: 'form-error' }, `Suggestions could not be read: ${errorText(e)}`));
    } finally {
      refreshing--;
      panel.setAttribute('aria-busy', String(refreshing > 0));
    }
  };

  const toggle = (open = panel.hidden) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.classList.toggle('active', open);
    if (!open) {
      hideSuggestionsFor(id);
      clearOccurrence();
      return;
    }
    showSuggestionsFor(id);
    const cached = cache.get(id);
    if (cached) draw(cached);
    else panel.replaceChildren(h('p', { class: 'muted small suggest-empty' }, 'Looking for names…'));
    void refresh();
  };

  if (suggestionsShownFor(id)) toggle(true);
  return { button, panel };
}
