// The suggestions panel of a source: the records the text already names and
// the names it holds that the store does not know, each with what can be done
// with it. It reads only; every write is a button the analyst presses.
import '../import/import.css';
import type { Candidate, KnownMention, Occurrence, Suggestions } from '../../../../db/shared/suggestion-types.ts';
import type { Evidence } from '../../../../db/shared/records.ts';
import { call, errorText } from '../../../core/api.ts';
import { h } from '../../../ui/dom.ts';
import { openPopover } from '../../../ui/popover.ts';
import { href, sectionOf } from '../../../core/router.ts';
import {
  acceptForm,
  addKnownEvidence,
  credibilitySelect,
  dismiss,
  mergeInto,
  mergePicker,
  outcomesFor,
  type Outcome,
  type PanelContext,
} from './suggestion-actions.ts';
import { clearOccurrence, showOccurrence } from './locate.ts';
import { similarReason, type SimilarRecord } from '../../duplicates/similar-warning.ts';
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

/** A button that shows each of `occurrences` in the text in turn (`cover`: the panel over the top of the text). */
function mentionsButton(occurrences: Occurrence[], cover: HTMLElement): HTMLButtonElement | null {
  let at = -1;
  const n = occurrences.length;
  if (n === 0) return null;
  const label = () => (at < 0 ? (n === 1 ? 'Show in text' : `Show ${n} mentions`) : n === 1 ? 'Show in text' : `${at + 1} of ${n} ›`);
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'tool suggest-mentions',
      title: n > 1 ? 'Show in the text; again for the next mention' : 'Show in the text',
      onclick: () => {
        at = (at + 1) % n;
        const o = occurrences[at]!;
        showOccurrence(o.start, o.end, cover);
        button.textContent = label();
      },
    },
    label(),
  );
  return button;
}

const popoverButton = (text: string, label: string, body: () => HTMLElement) =>
  h(
    'button',
    { type: 'button', onclick: (e: Event) => openPopover((e.currentTarget as HTMLElement).getBoundingClientRect(), body(), { label }) },
    text,
  );

/** "✓ “RSF” added as actor Rapid Support Forces": what became of the candidates handled in this session. */
function outcomesList(outcomes: Outcome[]): HTMLElement | null {
  if (!outcomes.length) return null;
  return h(
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
  );
}

/** The panel and its toggle button. */
class SuggestionsPanel {
  readonly panel: HTMLElement;
  readonly button: HTMLElement;
  private readonly source: { id: number; text: string };
  private readonly ctx: PanelContext;
  private readonly status = h('p', { class: 'form-error', role: 'alert' });
  private showDismissed = false;
  /** Records a candidate may already be (records.similar), asked once per panel load. */
  private readonly similarCache = new Map<string, Promise<SimilarRecord[]>>();

  constructor(source: { id: number; text: string }) {
    this.source = source;
    this.panel = h('section', { class: 'suggest-panel', id: `suggestions-${source.id}`, 'aria-label': 'Suggestions', hidden: true });
    this.button = h(
      'button',
      { type: 'button', class: 'suggest-toggle', 'aria-expanded': 'false', 'aria-controls': this.panel.id, onclick: () => this.toggle() },
      'Suggestions',
    );
    this.ctx = {
      sourceId: source.id,
      credibility: () => credibility,
      redraw: () => {
        const loaded = cache.get(source.id);
        if (loaded && !this.panel.hidden) this.draw(loaded);
      },
    };
    if (suggestionsShownFor(source.id)) this.toggle(true);
  }

  toggle(open = this.panel.hidden): void {
    const id = this.source.id;
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    this.button.classList.toggle('active', open);
    if (!open) {
      hideSuggestionsFor(id);
      clearOccurrence();
      return;
    }
    showSuggestionsFor(id);
    const cached = cache.get(id);
    if (cached) this.draw(cached);
    else this.panel.replaceChildren(h('p', { class: 'muted small suggest-empty' }, 'Looking for names…'));
    void this.load();
  }

  /** Loads asked for and not answered yet: the panel is busy (what it shows may be the cached suggestions) until none is left. */
  private loading = 0;

  private async load(): Promise<void> {
    const id = this.source.id;
    this.loading++;
    this.panel.setAttribute('aria-busy', 'true');
    try {
      const [suggestions, evidence] = await Promise.all([call('sources.suggestions', { id }), call('evidence.list', { sourceId: id })]);
      cache.set(id, { suggestions, evidence });
      this.similarCache.clear();
      if (!this.panel.hidden) this.draw({ suggestions, evidence });
    } catch (e) {
      if (!cache.has(id)) this.panel.replaceChildren(h('p', { class: 'form-error' }, `Suggestions could not be read: ${errorText(e)}`));
    } finally {
      this.loading--;
      this.panel.setAttribute('aria-busy', String(this.loading > 0));
    }
  }

  /** A button that runs a write once, disabled while it runs; errors show in the panel. */
  private act(text: string, run: () => Promise<void> | void, className = ''): HTMLButtonElement {
    const button: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: className,
        onclick: async () => {
          button.disabled = true;
          try {
            await run();
          } catch (e) {
            this.status.textContent = errorText(e);
          } finally {
            button.disabled = false;
          }
        },
      },
      text,
    );
    return button;
  }

  private draw({ suggestions, evidence }: Loaded): void {
    const memory = readMemory(this.source.id);
    const hidden = new Set([...memory.dismissed, ...memory.handled]);
    const candidates = suggestions.candidates
      .filter((c) => !hidden.has(foldName(c.name)))
      .sort((a, b) => b.confidence - a.confidence || b.occurrences.length - a.occurrences.length);
    const dismissed = suggestions.candidates.filter((c) => memory.dismissed.includes(foldName(c.name)));
    const known = [...suggestions.known].sort((a, b) => b.occurrences.length - a.occurrences.length || a.name.localeCompare(b.name));
    this.status.textContent = '';
    this.panel.replaceChildren(
      this.header(candidates.length, known.length),
      this.status,
      h(
        'div',
        { class: 'suggest-body' },
        h('h3', {}, 'Possibly new', h('span', { class: 'count' }, String(candidates.length))),
        outcomesList(outcomesFor(this.source.id)),
        candidates.length
          ? h(
              'ul',
              { class: 'suggest-list', role: 'list', 'aria-label': 'Possibly new names' },
              candidates.map((c) => this.candidateRow(c)),
            )
          : h('p', { class: 'muted small suggest-empty' }, 'No new names: the ones found are records already, or dismissed.'),
        this.dismissedLine(dismissed),
        h('h3', {}, 'In your records', h('span', { class: 'count' }, String(known.length))),
        known.length
          ? h(
              'ul',
              { class: 'suggest-list', role: 'list', 'aria-label': 'Known records named here' },
              known.map((k) => this.knownRow(k, evidence)),
            )
          : h('p', { class: 'muted small suggest-empty' }, 'None of your actors, places or events is named here.'),
      ),
    );
  }

  private header(candidates: number, known: number): HTMLElement {
    const cred = credibilitySelect(credibility, 'Credibility of new evidence');
    cred.addEventListener('change', () => (credibility = Number(cred.value)));
    return h(
      'header',
      { class: 'suggest-header' },
      h('h2', {}, 'Suggestions'),
      h('p', { class: 'suggest-summary muted' }, `${plural(candidates, 'new name')} · ${plural(known, 'known record')}`),
      h('span', { class: 'spacer' }),
      h('label', { class: 'suggest-credibility' }, 'Evidence credibility ', cred),
      h(
        'button',
        { type: 'button', class: 'tool', title: 'Hide suggestions', 'aria-label': 'Hide suggestions', onclick: () => this.toggle(false) },
        '×',
      ),
    );
  }

  /** "3 dismissed names: show", and then each with Restore. */
  private dismissedLine(dismissed: Candidate[]): HTMLElement | null {
    if (!dismissed.length) return null;
    return h(
      'p',
      { class: 'small suggest-dismissed' },
      h(
        'button',
        {
          type: 'button',
          class: 'tool',
          'aria-expanded': String(this.showDismissed),
          onclick: () => ((this.showDismissed = !this.showDismissed), this.ctx.redraw()),
        },
        this.showDismissed ? 'Hide dismissed' : `${plural(dismissed.length, 'dismissed name')}: show`,
      ),
      this.showDismissed
        ? dismissed.map((c) =>
            h(
              'span',
              { class: 'suggest-restore' },
              h('span', { dir: 'auto' }, c.name),
              h(
                'button',
                { type: 'button', class: 'tool', onclick: () => (forget(this.source.id, 'dismissed', c.name), this.ctx.redraw()) },
                'Restore',
              ),
            ),
          )
        : null,
    );
  }

  /** "Possibly Rapid Support Forces (same name) [Merge into Rapid Support Forces]", once records.similar answers. */
  private similarHint(c: Candidate): HTMLElement {
    const hint = h('div', { class: 'suggest-similar' });
    const key = `${c.kind}:${c.name}`;
    let answer = this.similarCache.get(key);
    if (!answer) {
      answer = call('records.similar', { kind: c.kind, name: c.name, aliases: c.aliases }).catch(() => []);
      this.similarCache.set(key, answer);
    }
    void answer.then((found) => {
      const best = found[0];
      if (!best || best.kind === 'event') return;
      const owner = { kind: best.kind, id: best.id };
      hint.append(
        h(
          'p',
          { class: 'small', dir: 'auto' },
          'Possibly ',
          h('a', { href: href(sectionOf(best.kind), best.id) }, best.name),
          ` (${similarReason(best).toLowerCase()}) `,
          this.act(`Merge into ${best.name}`, () =>
            mergeInto(this.ctx, c, owner, best.name, [c.name, ...c.aliases], this.ctx.credibility()),
          ),
        ),
      );
    });
    return hint;
  }

  private candidateRow(c: Candidate): HTMLElement {
    const first = c.occurrences[0];
    const snippet = first ? context(this.source.text, first) : null;
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
              onclick: () => showOccurrence(first.start, first.end, this.panel),
            },
            snippet,
          )
        : null,
      this.similarHint(c),
      h(
        'div',
        { class: 'suggest-actions' },
        mentionsButton(c.occurrences, this.panel),
        h('span', { class: 'spacer' }),
        popoverButton('Accept…', 'Accept a suggested name', () => acceptForm(this.ctx, c)),
        popoverButton('Merge into…', 'Merge a suggested name into a record', () => mergePicker(this.ctx, c)),
        this.act('Dismiss', () => dismiss(this.ctx, c), 'tool'),
      ),
    );
  }

  private knownRow(k: KnownMention, evidence: Evidence[]): HTMLElement {
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
        mentionsButton(k.occurrences, this.panel),
        has
          ? h('span', { class: 'suggest-done', title: 'This source is already evidence for it' }, '✓ evidence')
          : this.act('Add as evidence', () => addKnownEvidence(this.ctx, k)),
      ),
    );
  }
}

/** The Suggestions button of a source's header and the panel it opens (open again on a rebuilt page if it was open). */
export function suggestionsPanel(source: { id: number; text: string }): { button: HTMLElement; panel: HTMLElement } {
  const { button, panel } = new SuggestionsPanel(source);
  return { button, panel };
}
