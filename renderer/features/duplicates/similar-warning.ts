// "Already in your records?": the existing records a name about to be created
// may duplicate (records.similar), each with Open and a way to use it instead
// of a new record. Used by every form that creates an actor, place or event.
import './duplicates.css';
import type { EntityKind } from '../../../db/shared/vocabulary.ts';
import { call } from '../../core/api.ts';
import { h } from '../../ui/dom.ts';
import { href, sectionOf } from '../../core/router.ts';
import type { SimilarRecord } from '../../../db/shared/duplicates.ts';

export type { SimilarRecord };

/** Why a record is offered, in words. */
export function similarReason(found: SimilarRecord): string {
  const as = found.matchedAs === 'alias' ? `its alias “${found.matched}”` : `“${found.matched}”`;
  switch (found.reason) {
    case 'same':
      return found.matchedAs === 'alias' ? `Same name as ${as}` : 'Same name';
    case 'spelling':
      return `A letter or two from ${as}`;
    case 'script':
      return `The same name in another script: ${as}`;
    case 'passage':
      return 'This passage is already evidence for it';
  }
}

export interface SimilarChoice {
  /** The label of the button that uses this record instead (e.g. "Add as alias"), or null for none. */
  label(found: SimilarRecord): string | null;
  run(found: SimilarRecord): Promise<void>;
  /** Called when Open is pressed (before the page moves), e.g. to close a popover. */
  opened?(): void;
}

/** The warning for `found` (an empty element when nothing was found). */
export function similarWarning(found: SimilarRecord[], choice: SimilarChoice, onError: (e: unknown) => void): HTMLElement {
  const box = h('div', { class: 'similar-warning', role: 'status', 'aria-live': 'polite' });
  if (found.length === 0) return box;
  const passage = found.filter((f) => f.reason === 'passage');
  box.append(
    h(
      'p',
      { class: 'similar-title' },
      passage.length && passage.length === found.length
        ? `This passage already supports ${passage.length === 1 ? 'an event' : `${passage.length} events`}`
        : `Already in your records? ${found.length === 1 ? 'One' : found.length} similar`,
    ),
    h(
      'ul',
      { class: 'similar-list', role: 'list' },
      found.slice(0, 6).map((f) => {
        const label = choice.label(f);
        const use: HTMLButtonElement | null = label
          ? h(
              'button',
              {
                type: 'button',
                class: 'similar-use',
                onclick: async () => {
                  use!.disabled = true;
                  try {
                    await choice.run(f);
                  } catch (e) {
                    onError(e);
                    use!.disabled = false;
                  }
                },
              },
              label,
            )
          : null;
        return h(
          'li',
          { class: 'similar-row', 'data-id': f.id },
          h(
            'div',
            { class: 'similar-line' },
            h('span', { class: `kind kind-${f.kind}` }, f.kind),
            h('strong', { dir: 'auto' }, f.name),
            h('span', { class: 'muted small' }, f.detail),
          ),
          h('p', { class: 'small similar-why', dir: 'auto' }, similarReason(f)),
          h(
            'div',
            { class: 'similar-actions' },
            h('a', { href: href(sectionOf(f.kind), f.id), class: 'button-link', onclick: () => choice.opened?.() }, 'Open'),
            use,
          ),
        );
      }),
    ),
  );
  return box;
}

export interface SimilarQuery {
  kind: EntityKind;
  name: string;
  aliases?: string[];
  passage?: { sourceId: number; start: number; end: number };
}

const keyOf = (f: SimilarRecord) => `${f.kind}:${f.id}`;

/**
 * Asks records.similar as the name is typed: `check()` after each change
 * (debounced), `now()` at once. `seenAll()` asks for the current name and
 * says whether every record found was already shown: a form creates only
 * then, never past a warning the analyst has not seen.
 */
export function similarChecker(read: () => SimilarQuery, show: (found: SimilarRecord[]) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  let shown = new Set<string>();
  const run = () => {
    const mine = ++sequence;
    const query = read();
    const answer: Promise<SimilarRecord[]> = query.name.trim()
      ? call('records.similar', { ...query, aliases: query.aliases ?? [] }).catch(() => [])
      : Promise.resolve([]);
    return answer.then((found) => {
      if (mine === sequence) {
        shown = new Set(found.map(keyOf));
        show(found);
      }
      return found;
    });
  };
  return {
    check(): void {
      clearTimeout(timer);
      timer = setTimeout(run, 200);
    },
    now(): Promise<SimilarRecord[]> {
      clearTimeout(timer);
      return run();
    },
    async seenAll(): Promise<boolean> {
      const before = shown;
      const found = await this.now();
      return found.every((f) => before.has(keyOf(f)));
    },
  };
}
