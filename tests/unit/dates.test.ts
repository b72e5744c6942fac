import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findDates } from '../../db/date-finder.ts';
import { isEdtf } from '../../db/shared/edtf.ts';
import type { FoundDate } from '../../db/shared/records.ts';

const seed = new URL('../../resources/seed/', import.meta.url);
const sources = JSON.parse(readFileSync(new URL('sources.json', seed), 'utf8')) as { file: string; published: string | null }[];

function seedDocument(index: number): { text: string; reference: { edtf: string | null } } {
  const source = sources[index]!;
  return { text: readFileSync(new URL(`documents/${source.file}`, seed), 'utf8'), reference: { edtf: source.published } };
}

/** text → edtf, certainty: the parts a reader checks first. */
function brief(dates: FoundDate[]): [string, string, string][] {
  return dates.map((d) => [d.text, d.edtf, d.certainty]);
}

function only(text: string, reference: string | null): FoundDate {
  const dates = findDates(text, { edtf: reference });
  assert.equal(dates.length, 1, `one date in "${text}": ${JSON.stringify(brief(dates))}`);
  return dates[0]!;
}

describe('findDates on the seed documents, against their publication dates', () => {
  test('000: "The February 25 operation", published 2024-02-25/.. (no latest day), keeps an unknown year', () => {
    const { text, reference } = seedDocument(0);
    assert.equal(reference.edtf, '2024-02-25/..');
    const dates = findDates(text, reference);
    assert.deepEqual(brief(dates), [['February 25', 'XXXX-02-25', 'unknown-year']]);
    assert.match(text.slice(dates[0]!.start - 4, dates[0]!.end + 10), /^The February 25 operation/);
    assert.match(dates[0]!.note, /2024-02-25\/\.\. has no latest day/);
  });

  test('001: "on 10 October", "in late September and early October", "on 13 October", published 2019-10~', () => {
    const { text, reference } = seedDocument(1);
    assert.deepEqual(brief(findDates(text, reference)), [
      ['10 October', '2019-10-10?', 'inferred-year'],
      ['late September and early October', '2019-09?/2019-10?', 'inferred-year'],
      ['13 October', '2019-10-13?', 'inferred-year'],
    ]);
  });

  test('002: "Dec. 22" in the dateline, published 2023-12-22?; "on Friday" alone is skipped', () => {
    const { text, reference } = seedDocument(2);
    assert.ok(text.includes('on Friday'));
    const dates = findDates(text, reference);
    assert.deepEqual(brief(dates), [['Dec. 22', '2023-12-22?', 'inferred-year']]);
    assert.equal(
      dates[0]!.note,
      "year inferred from the source's publication date 2023-12-22?: the most recent 22 December on or before 2023-12-22",
    );
  });

  test('003: "On June 16, 2026", "in January 2025", "since 2015", "in June 2026": all stated', () => {
    const { text, reference } = seedDocument(3);
    assert.deepEqual(brief(findDates(text, reference)), [
      ['June 16, 2026', '2026-06-16', 'stated'],
      ['January 2025', '2025-01', 'stated'],
      ['2015', '2015', 'stated'],
      ['June 2026', '2026-06', 'stated'],
    ]);
  });

  test('004: "December 17th", "In mid-September" and the rest, published 2023-12/2024-01', () => {
    const { text, reference } = seedDocument(4);
    assert.deepEqual(brief(findDates(text, reference)), [
      ['2023', '2023', 'stated'],
      ['December 17th', '2023-12-17?', 'inferred-year'],
      ['October 10th', '2023-10-10?', 'inferred-year'],
      ['mid-September', '2023-09?', 'inferred-year'],
      ['November 25th', '2023-11-25?', 'inferred-year'],
      ['September', '2023-09?', 'inferred-year'],
      ['Feb. 14, 2019', '2019-02-14', 'stated'],
    ]);
  });

  test('every date found in the seed documents points at its own text', () => {
    for (let i = 0; i < sources.length; i++) {
      const { text, reference } = seedDocument(i);
      for (const date of findDates(text, reference)) assert.equal(text.slice(date.start, date.end), date.text);
    }
  });
});

describe('stated dates keep their precision', () => {
  test('a full date, in either order', () => {
    assert.deepEqual(only('The summit opened on 16 June 2026.', null), {
      text: '16 June 2026',
      start: 21,
      end: 33,
      edtf: '2026-06-16',
      certainty: 'stated',
      note: 'date stated in the text',
    });
    assert.equal(only('On June 16, 2026, the capital hosted it.', null).edtf, '2026-06-16');
    assert.equal(only('Reported on 2019-10-13 by AFRICOM.', null).edtf, '2019-10-13');
  });

  test('a month and year, a year alone, a decade', () => {
    assert.deepEqual(brief(findDates('A body established in January 2025 through an agreement.', { edtf: null })), [
      ['January 2025', '2025-01', 'stated'],
    ]);
    assert.deepEqual(brief(findDates('Designated a Major Non-NATO Ally in 2015.', { edtf: null })), [['2015', '2015', 'stated']]);
    assert.deepEqual(brief(findDates('Violence spread in the 1990s.', { edtf: null })), [['1990s', '199X', 'stated']]);
  });

  test('a stated date ignores the reference', () => {
    assert.equal(only('On June 16, 2026, the capital hosted it.', '2019-10~').edtf, '2026-06-16');
  });

  test('a numeric date whose day and month could be swapped is marked uncertain', () => {
    const date = only('Signed on 03/04/2019 in Niamey.', null);
    assert.equal(date.edtf, '2019-03-04?');
    assert.match(date.note, /ambiguous/);
    assert.equal(only('Signed on 13/04/2019 in Niamey.', null).edtf, '2019-04-13');
  });

  test('a weekday that does not fit the date is pointed out, not corrected', () => {
    const date = only('The pact was announced on Tuesday, 22 December 2023.', null);
    assert.equal(date.edtf, '2023-12-22');
    assert.match(date.note, /the text says Tuesday, but 22 December 2023 was a Friday/);
    assert.doesNotMatch(only('It was announced on Friday, 22 December 2023.', null).note, /says/);
  });

  test('early, mid and late stay in the text and the note, not in the EDTF', () => {
    const date = only('In mid-September, the three signed an agreement.', '2023-12/2024-01');
    assert.equal(date.text, 'mid-September');
    assert.equal(date.edtf, '2023-09?');
    assert.match(date.note, /"mid" kept at month precision/);
    assert.equal(only('Fighting resumed in early 2020.', null).edtf, '2020');
    // chrono would make "the end of March" the 31st; the text names no day.
    assert.equal(only('by the end of March', '2023').edtf, '2023-03?');
  });
});

describe('a day or month without a year', () => {
  test('takes the most recent such day on or before the reference’s latest day, marked uncertain', () => {
    const date = only('An attack in Djibo on December 17th killed 40.', '2023-12?');
    assert.equal(date.edtf, '2023-12-17?');
    assert.equal(date.certainty, 'inferred-year');
    assert.match(date.note, /^year inferred from the source's publication date 2023-12\?/);
    assert.equal(only('An attack on December 17th killed 40.', '2024-01-10').edtf, '2023-12-17?');
    assert.equal(only('An attack on December 17th killed 40.', '2023-12-16').edtf, '2022-12-17?');
    assert.equal(only('An attack on December 17th killed 40.', '2023-12-17').edtf, '2023-12-17?');
  });

  test('in the same year when the reference is only a year', () => {
    assert.equal(only('The February 25 operation', '2023').edtf, '2023-02-25?');
    assert.equal(only('on Dec. 22', '2023').edtf, '2023-12-22?');
  });

  test('a month alone after "in" is inferred the same way; a month name that is not a date is left alone', () => {
    assert.equal(only('a coup attempt in September', '2023-12/2024-01').edtf, '2023-09?');
    assert.deepEqual(findDates('They led a March on the capital. May God protect them.', { edtf: '2023' }), []);
  });

  test('keeps an unknown year without a usable reference', () => {
    for (const reference of [null, 'not a date', '2024-02-25/..']) {
      const date = only('The February 25 operation', reference);
      assert.equal(date.edtf, 'XXXX-02-25', String(reference));
      assert.equal(date.certainty, 'unknown-year');
    }
    assert.equal(only('in September', null).edtf, 'XXXX-09');
  });
});

describe('ranges become intervals', () => {
  test('days of one month', () => {
    assert.deepEqual(brief(findDates('Clashes between 10 and 13 October 2019 left 20 dead.', { edtf: null })), [
      ['between 10 and 13 October 2019', '2019-10-10/2019-10-13', 'stated'],
    ]);
    assert.equal(only('Clashes between October 10 and 13, 2019.', null).edtf, '2019-10-10/2019-10-13');
    assert.equal(only('Clashes on 10-13 October 2019.', null).edtf, '2019-10-10/2019-10-13');
  });

  test('months, with the year stated once', () => {
    assert.equal(only('in late September and early October 2019', null).edtf, '2019-09/2019-10');
    assert.equal(only('from September to November 2019', null).edtf, '2019-09/2019-11');
    assert.equal(only('between 10 October and 2 November 2019', null).edtf, '2019-10-10/2019-11-02');
    assert.equal(only('in December 2019 and January 2020', null).edtf, '2019-12/2020-01');
  });

  test('without a year, inferred at the end and carried back over a new year', () => {
    assert.equal(only('in late September and early October', '2019-10~').edtf, '2019-09?/2019-10?');
    assert.equal(only('in late December and early January', '2024-02-01').edtf, '2023-12?/2024-01?');
    assert.equal(only('in late September and early October', null).edtf, 'XXXX-09/XXXX-10');
  });

  test('years', () => {
    assert.equal(only('between 2019 and 2021', null).edtf, '2019/2021');
    assert.equal(only('from 2019 to 2021', null).edtf, '2019/2021');
  });

  test('"and" joins only after "between" or for consecutive periods', () => {
    assert.deepEqual(brief(findDates('Elections were held in 2015 and 2019.', { edtf: null })), [
      ['2015', '2015', 'stated'],
      ['2019', '2019', 'stated'],
    ]);
    assert.deepEqual(brief(findDates('on 10 October and 13 October 2019', { edtf: null })).length, 2);
  });
});

describe('relative expressions', () => {
  const published = '2023-12-22';

  test('are counted from a publication date that is one day', () => {
    const dates = (text: string): string[] => findDates(text, { edtf: published }).map((d) => d.edtf);
    assert.deepEqual(dates('yesterday'), ['2023-12-21']);
    assert.deepEqual(dates('two days ago'), ['2023-12-20']);
    assert.deepEqual(dates('last week'), ['2023-12-11/2023-12-17']);
    assert.deepEqual(dates('earlier this week'), ['2023-12-18/2023-12-24']);
    assert.deepEqual(dates('last month'), ['2023-11']);
    assert.deepEqual(dates('three years ago'), ['2020']);
    assert.deepEqual(dates('a few days ago'), ['2023-12-19~']);
    const date = only('The group attacked yesterday.', published);
    assert.equal(date.certainty, 'inferred-year');
    assert.match(date.note, /counted from the source's publication date 2023-12-22/);
  });

  test('carry the publication date’s own uncertainty', () => {
    assert.equal(only('yesterday', '2023-12-22?').edtf, '2023-12-21?');
    assert.equal(only('two weeks ago', '2023-12-22?').edtf, '2023-12-08%');
  });

  test('are skipped when the publication date is not one day', () => {
    for (const reference of [null, '2023-12', '2023-12/2024-01', '2024-02-25/..']) {
      assert.deepEqual(findDates('yesterday, two days ago and last week', { edtf: reference }), [], String(reference));
    }
  });

  test('relative to the narrative rather than to the writing, they are skipped', () => {
    assert.deepEqual(findDates('Three days later the convoy left; the next day it was ambushed.', { edtf: published }), []);
  });
});

test('weekdays alone are skipped; with a date they are kept', () => {
  assert.deepEqual(findDates('The juntas announced the alliance on Friday.', { edtf: '2023-12-22' }), []);
  assert.equal(only('announced on Friday, December 22', '2023-12-22?').edtf, '2023-12-22?');
});

test('numbers that are not dates are left alone', () => {
  assert.deepEqual(findDates('An attack killed 40 and injured 42; a force of 2019 soldiers and 5,000-strong units.', { edtf: '2023' }), []);
});

test('every EDTF found in a corpus of sentences is valid, whatever the reference', () => {
  const corpus = [
    ...sources.map((_, i) => seedDocument(i).text),
    'The February 25 operation by the Libyan National Army.',
    'On June 16, 2026, the Libyan capital hosted the meeting.',
    'AFRICOM said the strikes took place in late September and early October.',
    'A group of IS detainees escaped on 13 October.',
    'An attack in Djibo on December 17th killed 40.',
    'In mid-September, the three signed an agreement.',
    'Clashes between 10 and 13 October 2019 and between October 10 and 13, 2019.',
    'From June 2019 to March 2020, and from 2019 to 2021, and between 2019 and 2021.',
    'yesterday, today, tomorrow, last night, two days ago, a week ago, last week, this week, next week',
    'last month, this month, next month, last year, three years ago, several weeks ago, earlier this month',
    'three days later, the next day, on Friday, last Friday, this morning, now, at 5pm',
    'in the 1990s, the early 2000s, mid-2019, late 2023, the end of March, the beginning of 2020',
    'on 03/04/2019, 13/10/2019, 2019-10-13, Sept. 30, 30 Sept., Jan 2020, the 22nd of December',
    'February 29, 29 February 2024, 30 February, 31 April, December 2019 and January 2020',
    'late December and early January, September to November, between September and November',
    'In 2015 and 2019, since 2015, until 2030, before 1990, after 2001, throughout 2022.',
  ];
  const references = [
    null,
    '2023-12-22',
    '2023-12-22?',
    '2019-10~',
    '2023-12/2024-01',
    '2024-02-25/..',
    '2026-06-16/2026-07',
    '2023',
    '2024-02-29',
    'nonsense',
  ];
  let count = 0;
  for (const text of corpus) {
    for (const edtf of references) {
      let previousEnd = 0;
      for (const date of findDates(text, { edtf })) {
        count++;
        assert.ok(isEdtf(date.edtf), `"${date.edtf}" for "${date.text}" against ${edtf}`);
        assert.equal(text.slice(date.start, date.end), date.text);
        assert.ok(date.start >= previousEnd, 'in text order, without overlaps');
        previousEnd = date.end;
        assert.ok(date.note.length > 0);
        assert.equal(date.certainty === 'unknown-year', date.edtf.startsWith('XXXX'), `${date.edtf} is ${date.certainty}`);
      }
    }
  }
  assert.ok(count > 300, `${count} dates checked`);
});
