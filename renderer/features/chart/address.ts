// The chart's address: what it starts from, whether sources are drawn, and
// the date range shared with the timeline and the map.
import type { DateRange } from './filters.ts';

const NODE_PARAM = /^(actor|place|event|source):[1-9]\d*$/;

/** The node the address starts from (`focus=actor:5`), when it names one. */
export function focusOf(params: URLSearchParams): string | undefined {
  const focus = params.get('focus') ?? '';
  return NODE_PARAM.test(focus) ? focus : undefined;
}

export function chartHash(focus: string | undefined, sources: boolean, range: DateRange): string {
  const params = new URLSearchParams();
  if (focus) params.set('focus', focus);
  if (sources) params.set('sources', '1');
  if (range.from !== null) params.set('from', range.from);
  if (range.to !== null) params.set('to', range.to);
  const search = params.toString();
  return `#/chart${search ? `?${search}` : ''}`;
}
