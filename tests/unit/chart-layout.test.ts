// The link chart's pure pieces (features/chart): its address, the rings new
// nodes are put on, the heaps the quick layout leaves, and the date filters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chartHash, focusOf } from '../../renderer/features/chart/address.ts';
import { eventInRange, linkInRange } from '../../renderer/features/chart/filters.ts';
import { coincidentHeaps, isLarge, FULL_LAYOUT_LIMIT, ringAround } from '../../renderer/features/chart/layout.ts';

describe('the link chart', () => {
  test('its address keeps the focus, the sources and the date range, and only a well-formed focus is read', () => {
    assert.equal(chartHash(undefined, false, { from: null, to: null }), '#/chart');
    assert.equal(
      chartHash('actor:5', true, { from: '2019', to: '2020-06-30' }),
      '#/chart?focus=actor%3A5&sources=1&from=2019&to=2020-06-30',
    );
    assert.equal(focusOf(new URLSearchParams('focus=actor:5')), 'actor:5');
    assert.equal(focusOf(new URLSearchParams('focus=actor:0')), undefined);
    assert.equal(focusOf(new URLSearchParams('focus=note:3')), undefined);
  });

  test('nodes added around one are put on a ring that grows with their number', () => {
    const ring = ringAround({ x: 10, y: 20 }, 4);
    assert.equal(ring.length, 4);
    for (const p of ring) assert.ok(Math.abs(Math.hypot(p.x - 10, p.y - 20) - (60 + 4 * 6)) < 1e-9);
    assert.ok(Math.abs(ring[0]!.x - (10 + 84)) < 1e-9 && Math.abs(ring[0]!.y - 20) < 1e-9);
    assert.deepEqual(ringAround({ x: 0, y: 0 }, 0), []);
  });

  test('points the quick layout put on (nearly) one spot are found as heaps; lone ones are not', () => {
    const heaps = coincidentHeaps([
      { id: 'a', x: 0, y: 0 },
      { id: 'b', x: 1, y: 1 },
      { id: 'c', x: 100, y: 100 },
      { id: 'd', x: 0.5, y: -1 },
      { id: 'e', x: 101, y: 99 },
      { id: 'f', x: 300, y: 0 },
    ]);
    assert.deepEqual(heaps, [
      ['a', 'b', 'd'],
      ['c', 'e'],
    ]);
  });

  test('above the full-layout limit a chart is large', () => {
    assert.equal(isLarge(FULL_LAYOUT_LIMIT), false);
    assert.equal(isLarge(FULL_LAYOUT_LIMIT + 1), true);
  });

  test('a link dated wholly outside the range is left out; undated links stay; undated events go once a range is set', () => {
    const range = { from: '2020', to: '2021' };
    assert.equal(linkInRange({ from: null, to: null }, range), true);
    assert.equal(linkInRange({ from: '2018-01-01', to: '2019-12-31' }, range), false);
    assert.equal(linkInRange({ from: '2021-12-31', to: null }, range), true, "'2021' ends on 2021-12-31");
    assert.equal(linkInRange({ from: '2022-01-01', to: null }, range), false);
    assert.equal(eventInRange({ from: null, to: null }, { from: null, to: null }), true);
    assert.equal(eventInRange({ from: null, to: null }, range), false);
  });
});
