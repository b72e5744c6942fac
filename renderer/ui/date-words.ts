// A date as the analyst reads it: in words, with the EDTF it was written as in a tooltip.
import { edtfInWords } from '../../db/shared/edtf-words.ts';
import { h } from './dom.ts';

/** The tooltip of a date in words: the EDTF as stored. */
export function edtfTooltip(edtf: string | null): string | null {
  return edtf === null || edtf.trim() === '' ? null : `EDTF: ${edtf}`;
}

/** A <span> with the date in words and its EDTF in the title attribute. */
export function dateInWords(edtf: string | null, className = 'date-words'): HTMLElement {
  return h('span', { class: className, title: edtfTooltip(edtf) }, edtfInWords(edtf));
}
