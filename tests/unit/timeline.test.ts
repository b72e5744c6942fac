// The timeline's pure helpers: dates in words, CSV fields, sorting events out, ticks, lanes, Fit's range, and the axis layout.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { edtfInWords } from '../../db/shared/edtf-words.ts';
import type { EventRecord } from '../../db/shared/records.ts';
import {
  clampLeftDay,
  COMPACT_LANE_HEIGHT,
  LANE_HEIGHT,
  labelWidth,
  layoutLanes,
  markExtent,
  MAX_TITLED_LANES,
  placeItem,
  PLOT_PAD,
} from '../../renderer/features/timeline/axis-layout.ts';
import { csvField } from '../../renderer/features/timeline/csv.ts';
import { dateOfDay, dayOf, sortOut } from '../../renderer/features/timeline/axis-days.ts';
import { packLanes } from '../../renderer/features/timeline/lanes.ts';
import { FIT_PAD, fitView, labelSide, MAX_ZOOM, spanWords, stepFor, ticks } from '../../renderer/features/timeline/scale.ts';

describe('the timeline helpers', () => {
  test('EDTF dates in words (the shared db/shared/edtf-words.ts, as the table, tooltips and CSV use it)', () => {
    const cases: [string | null, string][] = [
      ['2019-10-13', '13 October 2019'],
      ['XXXX-02-25', '25 February, year unknown'],
      ['XXXX', 'year unknown'],
      ['2019-09/2019-10', 'September to October 2019'],
      ['2019-09-01/2019-09-13', '1 to 13 September 2019'],
      ['2019-10~', 'about October 2019'],
      ['2023-12-17?', '17 December 2023, uncertain'],
      ['../2023', 'by 2023'],
      ['201X', 'the 2010s'],
      [null, 'undated'],
    ];
    for (const [edtf, words] of cases) assert.equal(edtfInWords(edtf), words, String(edtf));
  });

  test('CSV fields are all quoted and never start a formula, whatever the separator', () => {
    assert.equal(csvField('plain'), '"plain"');
    assert.equal(csvField('a, b'), '"a, b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('=1+1'), `"'=1+1"`);
    assert.equal(csvField('+33 1'), `"'+33 1"`);
    assert.equal(csvField('-x'), `"'-x"`);
    assert.equal(csvField('@SUM(A1)'), `"'@SUM(A1)"`);
    assert.equal(csvField('=A1,B1'), `"'=A1,B1"`);
    // A spreadsheet that splits on ; or a tab starts a new cell there.
    assert.equal(csvField('x;=1+1'), `"x;'=1+1"`);
    assert.equal(csvField('x; @cmd'), `"x; '@cmd"`);
    assert.equal(csvField('a\t=HYPERLINK()'), `"a\t'=HYPERLINK()"`);
    assert.equal(csvField('x|-2+3'), `"x|'-2+3"`);
    assert.equal(csvField('a-b; c+d'), '"a-b; c+d"', 'only the start of a cell is guarded');
    assert.equal(csvField(12), '"12"');
    assert.equal(csvField(-3), '"-3"', 'a number stays a number');
    assert.equal(csvField(null), '""');
  });

  test('events are sorted out: on the axis, year unknown, undated', () => {
    const event = (id: number, date: string | null, dateMin: string | null, dateMax: string | null) =>
      ({ id, date, dateMin, dateMax, title: `e${id}` }) as EventRecord;
    const sorted = sortOut([
      event(1, '2019-10-13', '2019-10-13', '2019-10-13'),
      event(2, '2019-10~', '2019-10-01', '2019-10-31'),
      event(3, '../2023', null, '2023-12-31'),
      event(4, 'XXXX-02-25', null, null),
      event(5, null, null, null),
      event(6, '2023-12-17?', '2023-12-17', '2023-12-17'),
    ]);
    assert.deepEqual(
      sorted.placed.map((p) => [p.event.id, p.point, p.certainty, p.open]),
      [
        [2, false, 'approximate', null],
        [1, true, 'certain', null],
        [6, false, 'uncertain', null],
        [3, false, 'certain', 'start'],
      ],
    );
    assert.deepEqual(
      sorted.unknownYear.map((e) => e.id),
      [4],
    );
    assert.deepEqual(
      sorted.undated.map((e) => e.id),
      [5],
    );
  });

  test('ticks adapt from decades to days, and lanes never overlap', () => {
    const day2019 = Date.UTC(2019, 0, 1) / 86_400_000;
    assert.equal(ticks(day2019, day2019 + 3650, 0.01).unit, 'decades');
    assert.equal(ticks(day2019, day2019 + 3650, 0.3).unit, 'years');
    assert.equal(ticks(day2019, day2019 + 365, 4).unit, 'months');
    assert.equal(ticks(day2019, day2019 + 31, 80).unit, 'days');
    const months = ticks(day2019, day2019 + 365, 4).ticks;
    assert.deepEqual(
      months.slice(0, 3).map((t) => t.label),
      ['2019', 'Feb', 'Mar'],
    );
    const { lanes, count } = packLanes([
      { left: 0, right: 100 },
      { left: 50, right: 80 },
      { left: 120, right: 200 },
      { left: 60, right: 300 },
    ]);
    assert.deepEqual(lanes, [0, 1, 0, 2]);
    assert.equal(count, 3);
  });
});

describe('Fit', () => {
  const first = dayOf('2019-10-13')!;
  const last = dayOf('2026-06-16')! + 1; // the day after the last event's last day

  test('puts the first event at the left edge and ends at the last event, not in later years', () => {
    for (const width of [480, 900, 1400, 2600]) {
      const { pxPerDay, leftDay } = fitView(first, last, width);
      const rightDay = leftDay + width / pxPerDay;
      assert.ok(Math.abs((first - leftDay) * pxPerDay - FIT_PAD) < 1e-6, `${width}px: the first day is ${FIT_PAD}px in`);
      assert.ok(Math.abs((rightDay - last) * pxPerDay - FIT_PAD) < 1e-6, `${width}px: the end is ${FIT_PAD}px in`);
      assert.equal(dateOfDay(leftDay).year, 2019);
      assert.equal(dateOfDay(rightDay).year, 2026, `${width}px: the axis ends in the last event's year`);
      assert.equal(spanWords(leftDay, rightDay, stepFor(pxPerDay).unit).replace(/^\D*/, '').slice(-4), '2026');
    }
  });

  test('a single day is centred at the largest zoom', () => {
    const day = dayOf('2019-10-13')!;
    const { pxPerDay, leftDay } = fitView(day, day + 1, 1000);
    assert.equal(pxPerDay, MAX_ZOOM);
    const centre = leftDay + 500 / pxPerDay;
    assert.ok(Math.abs(centre - (day + 0.5)) < 1e-9);
  });

  test('a title that would run past the end of the axis goes before its mark, if it fits there', () => {
    assert.equal(labelSide(100, 10, 200, 1000), 'after');
    assert.equal(labelSide(900, 10, 200, 1000), 'before');
    assert.equal(labelSide(50, 10, 200, 100), 'after', 'no room before the mark either: it stays after');
  });
});

describe('the axis layout (features/timeline/axis-layout.ts)', () => {
  const day = dayOf('2020-01-01')!;
  const point = { start: day, end: day, point: true, open: null };
  const bar = { start: day, end: day + 9, point: false, open: null };

  test('a certain day is a dot centred on its day; a span a bar over its days; an open side a fixed tail', () => {
    assert.deepEqual(markExtent(point, day, 20), { left: 5, width: 10 });
    assert.deepEqual(markExtent(bar, day, 20), { left: 0, width: 200 });
    assert.deepEqual(markExtent({ ...bar, end: day }, day, 1), { left: -7.5, width: 16 }, 'a one-day bar is still 16 px wide');
    assert.deepEqual(markExtent({ ...bar, open: 'start' }, day, 1), { left: 10 - 56, width: 56 });
    assert.deepEqual(markExtent({ ...bar, open: 'end' }, day, 1), { left: 0, width: 56 });
  });

  test('titles are cut to 260 px, or the bar when it is longer', () => {
    assert.equal(labelWidth(100, 10), 100);
    assert.equal(labelWidth(400, 10), 260);
    assert.equal(labelWidth(400, 300), 300);
  });

  test('lanes keep titles apart; too many lanes of titles give tight lanes of bare marks', () => {
    const items = [
      { placed: point, natural: 200 },
      { placed: { ...point, start: day + 1, end: day + 1 }, natural: 200 },
      { placed: { ...point, start: day + 400, end: day + 400 }, natural: 50 },
    ];
    const lanes = layoutLanes(items, day, day + 401, 10);
    assert.deepEqual(lanes.lanes, [0, 1, 0]);
    assert.equal(lanes.compact, false);
    assert.equal(lanes.height, PLOT_PAD * 2 + 2 * LANE_HEIGHT);
    assert.deepEqual(lanes.before, [false, false, true], 'the last title would run past the end: it goes before its mark');
    const crowd = Array.from({ length: MAX_TITLED_LANES + 1 }, () => ({ placed: point, natural: 100 }));
    const tight = layoutLanes(crowd, day, day + 1, 10);
    assert.equal(tight.compact, true);
    assert.equal(tight.laneHeight, COMPACT_LANE_HEIGHT);
  });

  test('the view may not be panned past the events: a fifth of the width (80 px at most) stays on them', () => {
    const [first, last] = [day, day + 100];
    assert.equal(clampLeftDay(first + 500, 400, 1, first, last), last - 80);
    assert.equal(clampLeftDay(first - 500, 400, 1, first, last), first - 400 + 80);
    assert.equal(clampLeftDay(first + 10, 400, 1, first, last), first + 10);
    assert.equal(clampLeftDay(first - 1000, 200, 1, first, last), first - 200 + 50, 'a narrow view keeps a quarter of its width');
  });

  test('an item is hidden off screen, clipped at the edges, and a long bar keeps its title in view', () => {
    assert.deepEqual(placeItem({ left: 2000, width: 10 }, 100, false, false, 800), { hidden: true });
    assert.deepEqual(placeItem({ left: -500, width: 10 }, 100, false, false, 800), { hidden: true });
    const scrolledPast = placeItem({ left: -300, width: 600 }, 100, false, false, 800);
    assert.equal(scrolledPast.hidden, false);
    if (scrolledPast.hidden) return;
    assert.equal(scrolledPast.left, -24, 'the bar is clipped 24 px past the left edge');
    assert.equal(scrolledPast.markWidth, 324);
    assert.equal(scrolledPast.shift, 24, 'its title slides back into view');
    const before = placeItem({ left: 700, width: 10 }, 100, true, false, 800);
    if (before.hidden) return assert.fail('in view');
    assert.deepEqual([before.left, before.width, before.markOffset, before.before], [610, 100, 90, true]);
    const compact = placeItem({ left: 700, width: 10 }, 100, true, true, 800);
    if (compact.hidden) return assert.fail('in view');
    assert.deepEqual([compact.labelWidth, compact.before, compact.width], [0, false, 10], 'compact: a bare mark');
  });
});
