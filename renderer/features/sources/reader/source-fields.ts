// A source's title, author, publisher, date, language and reliability grade,
// edited in place (imports take them from the file where present).
import { edtfInWords } from '../../../../db/shared/edtf-words.ts';
import type { MethodInput } from '../../../../db/shared/contract.ts';
import type { Source } from '../../../../db/shared/records.ts';
import { RELIABILITY_GRADES } from '../../../../db/shared/vocabulary.ts';
import { call } from '../../../core/api.ts';
import { h } from '../../../ui/dom.ts';
import { edtfTooltip } from '../../../ui/date-words.ts';
import { editableField } from '../../../ui/fields.ts';
import { publish } from '../../../core/changes.ts';
import { recordEdit } from '../../../core/undo.ts';

/** The fields edited here: the API's own, so a misspelt one does not compile. */
type Field = Exclude<keyof MethodInput<'sources.update'>, 'id' | 'url' | 'note'>;

const RELIABILITY_WORDS: Record<string, string> = {
  A: 'A completely reliable',
  B: 'B usually reliable',
  C: 'C fairly reliable',
  D: 'D not usually reliable',
  E: 'E unreliable',
  F: 'F cannot be judged',
};

/** The fields; a save is published as made in its field (the reader is not rebuilt), its undo plainly (it is). */
export function sourceMetadata(source: Source): { title: HTMLElement; facts: HTMLElement } {
  const field = (
    key: Field,
    label: string,
    options: {
      kind?: 'select';
      options?: readonly string[];
      placeholder?: string;
      display?: (v: string) => string;
      tooltip?: (v: string) => string | null;
      className?: string;
    } = {},
  ) => {
    const element: HTMLElement = editableField({
      label,
      value: source[key] ?? '',
      placeholder: options.placeholder ?? `add ${label.toLowerCase()}`,
      ...options,
      // Only the field is redrawn; the reader's copy of the source follows, for what reads it later.
      save: async (value) => {
        const next = key === 'title' || key === 'reliability' ? value : value || null;
        const before = source[key];
        Object.assign(source, await call('sources.update', { id: source.id, [key]: next }));
        publish('source', source.id, element);
        recordEdit(`Changed the source's ${label.toLowerCase()}`, () =>
          call('sources.update', { id: source.id, [key]: before }).then(() => publish('source', source.id)),
        );
        return source[key] ?? '';
      },
    });
    return element;
  };
  return {
    title: h('h1', { class: 'record-title' }, field('title', 'Title', { className: 'title' })),
    facts: h(
      'div',
      { class: 'fact-fields' },
      field('author', 'Author'),
      field('publisher', 'Publisher'),
      field('published', 'Published (EDTF)', {
        placeholder: 'publication date, e.g. 2023-12?',
        display: (v) => `published ${edtfInWords(v)}`,
        tooltip: edtfTooltip,
      }),
      field('language', 'Language', { placeholder: 'language' }),
      field('reliability', 'Reliability', {
        kind: 'select',
        options: RELIABILITY_GRADES,
        display: (v) => `reliability ${RELIABILITY_WORDS[v] ?? v}`,
      }),
    ),
  };
}
