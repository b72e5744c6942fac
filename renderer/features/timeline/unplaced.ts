// Events the axis cannot place: a day and month without a year, or no date at all.
import type { EventRecord } from '../../../db/shared/records.ts';
import { h } from '../../ui/dom.ts';
import { href } from '../../core/router.ts';
import { edtfInWords } from '../../../db/shared/edtf-words.ts';

export function unplacedSection(kind: 'unknown-year' | 'undated', events: EventRecord[]): HTMLElement | null {
  if (events.length === 0) return null;
  const title = kind === 'unknown-year' ? 'Unknown year' : 'Undated';
  const hint =
    kind === 'unknown-year'
      ? 'The sources give a day or a month but not the year, so these cannot be placed on the axis. Open one to date it when you find the year.'
      : 'No date is recorded for these. Open one to add a date (EDTF, such as 2019-10 or 2023?).';
  return h(
    'section',
    { class: `tl-unplaced tl-${kind}`, 'aria-label': title },
    h('h3', {}, title, h('span', { class: 'count' }, String(events.length))),
    h('p', { class: 'tl-unplaced-hint' }, hint),
    h(
      'ul',
      { class: 'tl-unplaced-rows', role: 'list' },
      events.map((event) =>
        h(
          'li',
          { 'data-event-id': event.id },
          kind === 'unknown-year' ? h('span', { class: 'tl-when', title: `EDTF: ${event.date}` }, edtfInWords(event.date)) : null,
          h('a', { href: href('events', event.id), dir: 'auto' }, event.title),
          h('span', { class: 'row-meta', dir: 'auto' }, [event.type, event.place?.name].filter(Boolean).join(' · ')),
        ),
      ),
    ),
  );
}
