// Actor, place and event pages: what the store knows, where each claim comes
// from, and the notes that mention the record.
import type { ActorDetail, Annotation, Backlink, EventDetail, EventRecord, Evidence, PlaceDetail, Relation } from '../../db/records.ts';
import { call } from '../api.ts';
import { clear, h } from '../dom.ts';
import { href } from '../router.ts';

function section(title: string, empty: string, items: HTMLElement[]): HTMLElement {
  return h(
    'section',
    { class: 'panel' },
    h('h3', {}, title, items.length ? h('span', { class: 'count' }, String(items.length)) : null),
    items.length ? h('ul', { class: 'rows' }, items) : h('p', { class: 'muted' }, empty),
  );
}

function eventRow(event: EventRecord, role?: string): HTMLElement {
  return h(
    'li',
    {},
    h('a', { href: href('events', event.id) }, event.title),
    h(
      'span',
      { class: 'row-meta' },
      [event.date ?? 'undated', role ? `role: ${role.replace('_', ' ')}` : '', event.place?.name].filter(Boolean).join(' · '),
    ),
  );
}

function relationRow(relation: Relation, selfId: number): HTMLElement {
  const outgoing = relation.source.id === selfId;
  const other = outgoing ? relation.target : relation.source;
  const phrase = outgoing ? relation.type : `← ${relation.type}`;
  const span = [relation.start, relation.end].filter(Boolean).join(' – ');
  return h(
    'li',
    {},
    h('span', { class: 'relation-type' }, phrase),
    ' ',
    h('a', { href: href('actors', other.id) }, other.name),
    span ? h('span', { class: 'row-meta' }, span) : null,
  );
}

function evidenceRow(evidence: Evidence): HTMLElement {
  return h(
    'li',
    { class: 'evidence' },
    h('blockquote', { dir: 'auto' }, evidence.quote),
    h(
      'span',
      { class: 'row-meta' },
      h(
        'a',
        { href: href('sources', evidence.source.id, { at: evidence.start, len: evidence.end - evidence.start }) },
        evidence.source.title,
      ),
      ` · credibility ${evidence.credibility}`,
      evidence.field ? ` · ${evidence.field}` : '',
    ),
    evidence.comment ? h('p', { class: 'comment' }, evidence.comment) : null,
  );
}

function backlinkRow(backlink: Backlink): HTMLElement {
  return h(
    'li',
    {},
    h('a', { href: href('notes', backlink.noteId) }, backlink.noteTitle || 'Untitled note'),
    h('p', { class: 'context', dir: 'auto' }, backlink.context),
  );
}

function annotationRow(annotation: Annotation): HTMLElement {
  return h(
    'li',
    {},
    h('mark', { class: `hl hl-${annotation.color}`, dir: 'auto' }, annotation.quote),
    h(
      'span',
      { class: 'row-meta' },
      h(
        'a',
        { href: href('sources', annotation.source.id, { at: annotation.start, len: annotation.end - annotation.start }) },
        annotation.source.title,
      ),
    ),
    annotation.comment ? h('p', { class: 'comment' }, annotation.comment) : null,
  );
}

function header(
  kindLabel: string,
  name: string,
  facts: (string | null | undefined)[],
  aliases: { name: string; kind: string }[],
): HTMLElement {
  return h(
    'header',
    { class: 'record-header' },
    h('span', { class: 'kind-badge' }, kindLabel),
    h('h1', { dir: 'auto' }, name),
    h('p', { class: 'facts' }, facts.filter(Boolean).join(' · ')),
    aliases.length
      ? h(
          'ul',
          { class: 'aliases', 'aria-label': 'Aliases' },
          aliases.map((a) => h('li', { title: a.kind }, a.name)),
        )
      : null,
  );
}

export async function showActor(main: HTMLElement, id: number): Promise<void> {
  const actor: ActorDetail = await call('actors.get', { id });
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record' },
      header('Actor', actor.name, [actor.kind, actor.country], actor.aliases),
      actor.description ? h('p', { class: 'description', dir: 'auto' }, actor.description) : null,
      section(
        'Relations',
        'No relations recorded.',
        actor.relations.map((r) => relationRow(r, actor.id)),
      ),
      section(
        'Events',
        'Takes part in no recorded event.',
        actor.events.map((e) => eventRow(e, e.role)),
      ),
      section('Evidence', 'No evidence yet.', actor.evidence.map(evidenceRow)),
      section('Mentioned in notes', 'No note mentions this actor yet. Type @ in a note to link it.', actor.backlinks.map(backlinkRow)),
      section('Highlights', 'No highlight is linked to this actor.', actor.annotations.map(annotationRow)),
    ),
  );
}

export async function showPlace(main: HTMLElement, id: number): Promise<void> {
  const place: PlaceDetail = await call('places.get', { id });
  clear(main);
  const coordinates =
    place.lat !== null && place.lon !== null
      ? `${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}${place.precision ? ` (precision ${place.precision})` : ''}`
      : null;
  main.append(
    h(
      'article',
      { class: 'record' },
      header('Place', place.name, [place.kind, place.country, coordinates], place.aliases),
      place.description ? h('p', { class: 'description', dir: 'auto' }, place.description) : null,
      section(
        'Events here',
        'No recorded event took place here.',
        place.events.map((e) => eventRow(e)),
      ),
      section('Evidence', 'No evidence yet.', place.evidence.map(evidenceRow)),
      section('Mentioned in notes', 'No note mentions this place yet.', place.backlinks.map(backlinkRow)),
      section('Highlights', 'No highlight is linked to this place.', place.annotations.map(annotationRow)),
    ),
  );
}

export async function showEvent(main: HTMLElement, id: number): Promise<void> {
  const event: EventDetail = await call('events.get', { id });
  clear(main);
  main.append(
    h(
      'article',
      { class: 'record' },
      header(
        'Event',
        event.title,
        [event.date ?? 'undated', event.type, event.subType, event.fatalities !== null ? `${event.fatalities} killed` : null],
        [],
      ),
      event.place ? h('p', { class: 'facts' }, 'Place: ', h('a', { href: href('places', event.place.id) }, event.place.name)) : null,
      event.summary ? h('p', { class: 'description', dir: 'auto' }, event.summary) : null,
      section(
        'Participants',
        'No participants recorded.',
        event.participants.map((p) =>
          h('li', {}, h('a', { href: href('actors', p.actorId) }, p.name), h('span', { class: 'row-meta' }, p.role.replace('_', ' '))),
        ),
      ),
      section('Evidence', 'No evidence yet.', event.evidence.map(evidenceRow)),
      section('Mentioned in notes', 'No note mentions this event yet.', event.backlinks.map(backlinkRow)),
      section('Highlights', 'No highlight is linked to this event.', event.annotations.map(annotationRow)),
    ),
  );
}
