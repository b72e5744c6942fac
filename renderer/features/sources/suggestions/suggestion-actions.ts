// What the suggestions panel writes, each only when asked and each undoable:
// accept a candidate as a new actor or place, merge it into an existing one
// as an alias, add a known record's mention as evidence, dismiss a candidate.
// Each write is published as a change of the source (the reader then marks
// the new records) and of the record it touched.
import type { Candidate, KnownMention, Occurrence } from '../../../../db/shared/suggestion-types.ts';
import { ACTOR_KINDS, PLACE_KINDS, type ActorKind, type AliasKind, type PlaceKind } from '../../../../db/shared/vocabulary.ts';
import { call, errorText } from '../../../core/api.ts';
import { h, selectOf } from '../../../ui/dom.ts';
import { closePopover, entityPicker } from '../../../ui/popover.ts';
import { publish } from '../../../core/changes.ts';
import { recordEdit } from '../../../core/undo.ts';
import { similarChecker, similarWarning, type SimilarRecord } from '../../duplicates/similar-warning.ts';
import { foldName, forget, remember } from './memory.ts';

export interface PanelContext {
  sourceId: number;
  /** Credibility (1-6) for the evidence the panel creates. */
  credibility(): number;
  /** Re-draws the panel only. */
  redraw(): void;
}

type Owner = { kind: 'actor' | 'place'; id: number };

/** The source and `record` changed. */
function changed(ctx: PanelContext, record: { kind: 'actor' | 'place' | 'event'; id: number }): void {
  publish('source', ctx.sourceId);
  publish(record.kind, record.id);
}

/** What became of a candidate in this session, shown in its place. */
export interface Outcome {
  candidate: string;
  verb: 'added as' | 'merged into';
  kind: 'actor' | 'place';
  id: number;
  name: string;
}
const outcomes = new Map<number, Outcome[]>();

export function outcomesFor(sourceId: number): Outcome[] {
  return outcomes.get(sourceId) ?? [];
}

function addOutcome(sourceId: number, outcome: Outcome): () => void {
  outcomes.set(sourceId, [...outcomesFor(sourceId), outcome]);
  remember(sourceId, 'handled', outcome.candidate);
  return () => {
    outcomes.set(
      sourceId,
      outcomesFor(sourceId).filter((o) => o !== outcome),
    );
    forget(sourceId, 'handled', outcome.candidate);
  };
}

/** "RSF", "AQIM": an acronym; anything else an alias. */
const aliasKind = (name: string): AliasKind => (/^[\p{Lu}\d.&-]{2,12}$/u.test(name) ? 'acronym' : 'alias');

function createEvidence(ctx: PanelContext, subject: Owner | KnownMention, occurrence: Occurrence, field: string | null) {
  return call('evidence.create', {
    subject: { kind: subject.kind, id: subject.id },
    sourceId: ctx.sourceId,
    quote: occurrence.text,
    start: occurrence.start,
    credibility: ctx.credibility(),
    field,
  });
}

/** Evidence for a known record: its first mention in the text. */
export async function addKnownEvidence(ctx: PanelContext, known: KnownMention): Promise<void> {
  const first = known.occurrences[0];
  if (!first) return;
  const field = known.kind === 'event' ? null : foldName(first.text) === foldName(known.name) ? 'name' : 'alias';
  const evidence = await createEvidence(ctx, known, first, field);
  recordEdit(`Added evidence for “${known.name}”`, () => call('evidence.delete', { id: evidence.id }).then(() => changed(ctx, known)));
  changed(ctx, known);
}

export function dismiss(ctx: PanelContext, candidate: Candidate): void {
  remember(ctx.sourceId, 'dismissed', candidate.name);
  recordEdit(`Dismissed “${candidate.name}”`, async () => {
    forget(ctx.sourceId, 'dismissed', candidate.name);
    ctx.redraw();
  });
  ctx.redraw();
}

export const CREDIBILITY_LABELS = ['1 confirmed', '2 probably true', '3 possibly true', '4 doubtful', '5 improbable', '6 cannot be judged'];

export function credibilitySelect(value: number, label = 'Credibility'): HTMLSelectElement {
  return h(
    'select',
    { 'aria-label': label },
    CREDIBILITY_LABELS.map((text, i) => h('option', { value: i + 1, selected: i + 1 === value }, text)),
  );
}

/** The Accept form's controls. */
interface AcceptControls {
  name: HTMLInputElement;
  type: HTMLSelectElement;
  actorKind: HTMLSelectElement;
  placeKind: HTMLSelectElement;
  aliasBoxes: { alias: string; box: HTMLInputElement }[];
  credibility: HTMLSelectElement;
  error: HTMLElement;
  warning: HTMLElement;
  submit: HTMLButtonElement;
}

function acceptControls(ctx: PanelContext, candidate: Candidate): AcceptControls {
  return {
    name: h('input', { value: candidate.name.slice(0, 300), 'aria-label': 'Name', required: true, dir: 'auto' }),
    type: selectOf('Record type', ['actor', 'place'], candidate.kind),
    actorKind: selectOf('Actor kind', ACTOR_KINDS, 'organization'),
    placeKind: selectOf('Place kind', PLACE_KINDS, 'town'),
    aliasBoxes: candidate.aliases.map((alias) => ({
      alias,
      box: h('input', { type: 'checkbox', checked: true, 'aria-label': `Add alias ${alias}` }),
    })),
    credibility: credibilitySelect(ctx.credibility(), 'Credibility of the passage'),
    error: h('p', { class: 'form-error', role: 'alert' }),
    warning: h('div', {}),
    submit: h('button', { type: 'submit', class: 'primary' }, 'Create with this mention as evidence'),
  };
}

/** The name typed and the aliases ticked. */
const checkedNames = (c: AcceptControls) => [c.name.value, ...c.aliasBoxes.filter((a) => a.box.checked).map((a) => a.alias)];

/** The records the candidate may already be, shown as it is edited, each with "Merge into this". */
function acceptWarning(ctx: PanelContext, candidate: Candidate, c: AcceptControls): ReturnType<typeof similarChecker> {
  const similar = similarChecker(
    () => ({ kind: c.type.value as 'actor' | 'place', name: c.name.value, aliases: checkedNames(c).slice(1) }),
    (found) => {
      const mergeHere = {
        label: () => 'Merge into this',
        run: async (f: SimilarRecord) => {
          if (f.kind === 'event') return;
          await mergeInto(ctx, candidate, { kind: f.kind, id: f.id }, f.name, checkedNames(c), Number(c.credibility.value));
        },
        opened: () => closePopover(),
      };
      c.warning.replaceChildren(similarWarning(found, mergeHere, (e) => (c.error.textContent = errorText(e))));
      c.submit.textContent = found.length ? 'Create anyway' : 'Create with this mention as evidence';
    },
  );
  c.type.addEventListener('change', () => void similar.now());
  c.name.addEventListener('input', () => similar.check());
  for (const a of c.aliasBoxes) a.box.addEventListener('change', () => similar.check());
  void similar.now();
  return similar;
}

/** The new actor or place, with the aliases ticked and the candidate's first mention as evidence, in one call. */
async function createAccepted(ctx: PanelContext, candidate: Candidate, c: AcceptControls): Promise<{ id: number; name: string }> {
  const first = candidate.occurrences[0]!;
  const evidence = {
    sourceId: ctx.sourceId,
    quote: first.text,
    start: first.start,
    credibility: Number(c.credibility.value),
    field: 'name',
  };
  const aliases = c.aliasBoxes.filter((a) => a.box.checked).map((a) => ({ name: a.alias, kind: aliasKind(a.alias) }));
  const created =
    c.type.value === 'actor'
      ? await call('records.createFromPassage', {
          kind: 'actor',
          actor: { name: c.name.value, kind: c.actorKind.value as ActorKind, aliases },
          evidence,
        })
      : await call('records.createFromPassage', {
          kind: 'place',
          place: { name: c.name.value, kind: c.placeKind.value as PlaceKind, aliases },
          evidence,
        });
  return { id: created.record.id, name: 'name' in created.record ? created.record.name : created.record.title };
}

/** The Accept form: a new actor or place named after the candidate, its first mention as evidence. */
export function acceptForm(ctx: PanelContext, candidate: Candidate): HTMLElement {
  const first = candidate.occurrences[0]!;
  const c = acceptControls(ctx, candidate);
  const kindField = h('label', { class: 'field' }, 'Kind ');
  const drawKind = () => kindField.replaceChildren('Kind ', c.type.value === 'actor' ? c.actorKind : c.placeKind);
  c.type.addEventListener('change', drawKind);
  drawKind();
  const similar = acceptWarning(ctx, candidate, c);

  const save = async (event: Event) => {
    event.preventDefault();
    c.error.textContent = '';
    const kind = c.type.value as 'actor' | 'place';
    // Never create past a warning the analyst has not seen.
    if (!(await similar.seenAll())) return;
    c.submit.disabled = true;
    let record: { id: number; name: string };
    try {
      record = await createAccepted(ctx, candidate, c);
    } catch (e) {
      c.error.textContent = errorText(e);
      c.submit.disabled = false;
      return;
    }
    const undoOutcome = addOutcome(ctx.sourceId, { candidate: candidate.name, verb: 'added as', kind, id: record.id, name: record.name });
    recordEdit(`Added ${kind} “${record.name}”`, async () => {
      await call(`${kind}s.delete`, { id: record.id });
      undoOutcome();
      changed(ctx, { kind, id: record.id });
    });
    closePopover();
    changed(ctx, { kind, id: record.id });
  };

  return h(
    'form',
    { class: 'stack record-form suggest-form', onsubmit: save },
    h('label', { class: 'field' }, 'Name ', c.name),
    h('label', { class: 'field' }, 'Add as ', c.type),
    kindField,
    c.warning,
    c.aliasBoxes.length
      ? h(
          'fieldset',
          { class: 'suggest-aliases' },
          h('legend', {}, 'Also known as'),
          c.aliasBoxes.map((a) => h('label', { class: 'check', dir: 'auto' }, a.box, ' ', a.alias)),
        )
      : null,
    h('label', { class: 'field' }, 'Credibility of the passage ', c.credibility),
    h('p', { class: 'small muted' }, 'Evidence: its first mention, “', h('span', { dir: 'auto' }, first.text), '”.'),
    c.error,
    c.submit,
  );
}

/**
 * The candidate's names become aliases of an existing actor or place (those
 * it has are skipped) and its first mention evidence: one call, undone by one.
 */
export async function mergeInto(
  ctx: PanelContext,
  candidate: Candidate,
  owner: Owner,
  title: string,
  names: string[],
  credibility: number,
): Promise<void> {
  const first = candidate.occurrences[0]!;
  const done = await call('aliases.addWithEvidence', {
    owner,
    names: names.map((name) => ({ name, kind: aliasKind(name) })),
    evidence: { sourceId: ctx.sourceId, quote: first.text, start: first.start, credibility },
  });
  const undoOutcome = addOutcome(ctx.sourceId, { candidate: candidate.name, verb: 'merged into', ...owner, name: title });
  recordEdit(`Merged “${candidate.name}” into “${title}”`, async () => {
    await call('aliases.removeWithEvidence', { owner, aliasIds: done.added.map((a) => a.id), evidenceId: done.evidence?.id ?? null });
    undoOutcome();
    changed(ctx, owner);
  });
  closePopover();
  changed(ctx, owner);
}

const searchNamed = (query: string) => call('search', { query, kinds: ['actor', 'place'], limit: 8 });

/** Merge into…: the candidate's names become aliases of an existing actor or place, its first mention evidence. */
export function mergePicker(ctx: PanelContext, candidate: Candidate): HTMLElement {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const merge = async (owner: Owner, title: string) => {
    error.textContent = '';
    try {
      await mergeInto(ctx, candidate, owner, title, [candidate.name, ...candidate.aliases], ctx.credibility());
    } catch (e) {
      error.textContent = errorText(e);
    }
  };
  return h(
    'div',
    { class: 'stack suggest-form' },
    h(
      'p',
      { class: 'small' },
      'Merge “',
      h('strong', { dir: 'auto' }, candidate.name),
      '” into an existing actor or place: it becomes an alias there, and its first mention evidence.',
    ),
    entityPicker(
      (item) => {
        if (item.kind === 'event') return;
        void merge({ kind: item.kind, id: item.id }, item.title);
      },
      searchNamed,
      'Actor or place…',
    ),
    error,
  );
}
