// The chart's filters on links: relation types to hide, and a date range kept
// in the address as the timeline and the map keep it (`from`/`to`, parsed by
// the timeline's query module). A link whose dates fall wholly outside the
// range is hidden; a link without dates (a standing relation) stays. Events
// follow the timeline's rule: with a range set, an event is shown only when its
// dates may fall in it.
import { h } from '../../ui/dom.ts';
import { parseQuery } from '../timeline/filters-in-address.ts';

export interface DateRange {
  from: string | null;
  to: string | null;
}

/** The last day a range's end covers: '2020' ends on 2020-12-31. */
const lastDay = (to: string) => (to.length === 4 ? `${to}-12-31` : to);

/** Whether a link held from `from` to `to` (either unknown) may overlap the range. */
export function linkInRange(link: DateRange, range: DateRange): boolean {
  if (link.from === null && link.to === null) return true;
  if (range.from !== null && link.to !== null && link.to < range.from) return false;
  return !(range.to !== null && link.from !== null && link.from > lastDay(range.to));
}

/** Whether an event dated `from`-`to` may fall in the range (undated events are left out once a range is set). */
export function eventInRange(event: DateRange, range: DateRange): boolean {
  if (range.from === null && range.to === null) return true;
  if (event.from === null || event.to === null) return false;
  return linkInRange(event, range);
}

export const rangeOf = (params: URLSearchParams): DateRange => {
  const query = parseQuery(params);
  return { from: query.from, to: query.to };
};

export interface LinkFilters {
  /** The panel: the relation types present and the two dates. */
  element: HTMLElement;
  range(): DateRange;
  hiddenTypes(): ReadonlySet<string>;
  /** Redraws the list of types for the relations now in the chart (keeping what was unchecked). */
  setTypes(types: Iterable<string>): void;
}

const asDateInput = (value: string | null, end: boolean) =>
  value === null ? '' : value.length === 4 ? `${value}-${end ? '12-31' : '01-01'}` : value;

/** The panel; `onChange` runs after any change (the range is also written to the address by the caller). */
export function linkFilters(initial: DateRange, onChange: () => void): LinkFilters {
  const hidden = new Set<string>();
  const typeList = h('div', { class: 'chart-kinds chart-types', role: 'group', 'aria-label': 'Show relation types' });
  const from = h('input', { type: 'date', name: 'from', class: 'tl-input', value: asDateInput(initial.from, false) });
  const to = h('input', { type: 'date', name: 'to', class: 'tl-input', value: asDateInput(initial.to, true) });
  // Keep a year as the address gave it ('2019') until the analyst edits the field.
  let range: DateRange = { ...initial };
  const read = () => {
    range = {
      from: from.value === asDateInput(range.from, false) ? range.from : from.value || null,
      to: to.value === asDateInput(range.to, true) ? range.to : to.value || null,
    };
    onChange();
  };
  from.addEventListener('change', read);
  to.addEventListener('change', read);
  const clearRange = h(
    'button',
    {
      type: 'button',
      class: 'chart-range-clear',
      onclick: () => {
        from.value = to.value = '';
        range = { from: null, to: null };
        onChange();
      },
    },
    'Any date',
  );
  const field = (label: string, control: HTMLElement) => h('label', { class: 'tl-field' }, h('span', {}, label), control);
  const element = h(
    'div',
    { class: 'chart-filters' },
    h('p', { class: 'chart-filter-title' }, 'Relation types'),
    typeList,
    h('p', { class: 'chart-filter-title' }, 'Links dated within'),
    h('div', { class: 'chart-range' }, field('From', from), field('To', to), clearRange),
    h('p', { class: 'empty-hint chart-range-hint' }, 'Links without dates stay shown; events follow the timeline’s rule.'),
  );

  return {
    element,
    range: () => range,
    hiddenTypes: () => hidden,
    setTypes(types) {
      const sorted = [...new Set(types)].sort((a, b) => a.localeCompare(b));
      typeList.replaceChildren(
        ...(sorted.length
          ? sorted.map((type) => {
              const box = h('input', { type: 'checkbox', name: 'relation-type', value: type, checked: !hidden.has(type) });
              box.addEventListener('change', () => {
                if (box.checked) hidden.delete(type);
                else hidden.add(type);
                onChange();
              });
              return h('label', { class: 'chart-kind' }, box, h('span', {}, type));
            })
          : [h('span', { class: 'empty-hint' }, 'No relation in the chart.')]),
      );
    },
  };
}
