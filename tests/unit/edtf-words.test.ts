import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isEdtf } from '../../db/shared/edtf.ts';
import { edtfInWords } from '../../db/shared/edtf-words.ts';
import { ROOT } from '../helpers.ts';

const CASES: [string | null, string][] = [
  // Days, months, years.
  [null, 'undated'],
  ['', 'undated'],
  ['2019-10-13', '13 October 2019'],
  ['2019-10', 'October 2019'],
  ['2019', '2019'],
  ['-0044-03-15', '15 March 45 BC'],
  // Qualifiers on the whole date.
  ['2023-12-17?', '17 December 2023, uncertain'],
  ['2023?', '2023, uncertain'],
  ['2019-10~', 'about October 2019'],
  ['2019-10%', 'about October 2019, uncertain'],
  // Qualifiers on a component (EDTF level 2, which the edtf package and so the API accept).
  ['2024?-02-25', '25 February, year uncertain (probably 2024)'],
  ['?2024-02-25', '25 February, year uncertain (probably 2024)'],
  ['2024~-02', 'February, year approximate (about 2024)'],
  ['2024-02?-25', '25 February 2024, month and year uncertain'],
  ['2004-06-~11', '11 June 2004, day approximate'],
  // Unspecified digits.
  ['XXXX-02-25', '25 February, year unknown'],
  ['XXXX-02', 'February, year unknown'],
  ['XXXX', 'year unknown'],
  ['2023-XX-17', 'the 17th of an unknown month in 2023'],
  ['2019-XX', '2019, month unknown'],
  ['2019-10-XX', 'October 2019, day unknown'],
  ['XXXX-XX-XX', 'date unknown'],
  ['199X', 'the 1990s'],
  ['19XX', 'the 1900s'],
  ['201X-10', 'October in the 2010s'],
  ['2019-10-1X', 'between 10 and 19 October 2019'],
  ['2019-1X', 'between October and December 2019'],
  // Seasons and other sub-year groupings.
  ['2019-21', 'spring 2019'],
  ['2019-22', 'summer 2019'],
  ['2019-23', 'autumn 2019'],
  ['2019-24', 'winter 2019'],
  ['2019-33', 'the first quarter of 2019'],
  ['2019-40', 'the first half of 2019'],
  // Intervals: a shared year or month is named once.
  ['2019-09/2019-10', 'September to October 2019'],
  ['2019-10-10/2019-10-13', '10 to 13 October 2019'],
  ['2026-06-16/2026-07', '16 June to July 2026'],
  ['2019-10/2019-10-13', 'October to 13 October 2019'],
  ['2023-12/2024-01', 'December 2023 to January 2024'],
  ['2019/2020', '2019 to 2020'],
  // Open and unknown ends.
  ['../2023', 'by 2023'],
  ['2024-02-25/..', 'from 25 February 2024'],
  ['/2020', 'until 2020, start unknown'],
  ['2020/', 'from 2020, end unknown'],
  // Qualifiers on intervals.
  ['2023-09?/2023-10?', 'September to October 2023, uncertain'],
  ['2019?/2020~', '2019 (uncertain) to about 2020'],
  ['2023-12-22?/2024-01', '22 December 2023 (uncertain) to January 2024'],
  ['2019-09~/2019-10', 'about September 2019 to October 2019'],
  // Sets, lists, decades and long years.
  ['[2019,2020]', 'one of 2019 or 2020'],
  ['[..2019]', '2019 or earlier'],
  ['{2019,2020-02,2021..2023}', '2019, February 2020 and 2021 to 2023'],
  ['201', 'the 2010s'],
  ['Y170000002', 'the year 170,000,002'],
];

test('EDTF dates read as English', () => {
  for (const [edtf, words] of CASES) assert.equal(edtfInWords(edtf), words, `edtfInWords(${JSON.stringify(edtf)})`);
});

test('text that is not EDTF comes back as written', () => {
  assert.equal(edtfInWords('last Tuesday'), 'last Tuesday');
  assert.equal(edtfInWords('  2019-10  '), 'October 2019');
});

test('every date of the seed data reads as words, never undefined or NaN', () => {
  const seed = (file: string) =>
    JSON.parse(fs.readFileSync(path.join(ROOT, 'resources', 'seed', file), 'utf8')) as Record<string, unknown>[];
  const dates = [
    ...seed('events.json').map((e) => e['date']),
    ...seed('relations.json').flatMap((r) => [r['start'], r['end']]),
    ...seed('sources.json').map((s) => s['published']),
  ].filter((d): d is string => typeof d === 'string');
  assert.ok(dates.length >= 30);
  for (const date of new Set(dates)) {
    assert.ok(isEdtf(date), date);
    const words = edtfInWords(date);
    assert.doesNotMatch(words, /undefined|NaN|null|\[object/, `${date} → ${words}`);
    if (!/^\d{4}$/.test(date)) assert.notEqual(words, date, `${date} was not put into words`);
    assert.match(words, /^[\p{L}\p{N} ,.()?-]+$/u, `${date} → ${words}`);
  }
});

test('every case above is accepted by the API as an EDTF date', () => {
  for (const [edtf] of CASES) if (edtf) assert.ok(isEdtf(edtf), edtf);
});
