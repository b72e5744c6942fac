import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScoreFloor } from '../../db/search/score-floor.ts';

test('the floor is the limit-th highest score added, -Infinity until there are that many', () => {
  const floor = new ScoreFloor(3);
  assert.equal(floor.value, -Infinity);
  for (const score of [0.5, 0.2, 0.9]) floor.add(score);
  assert.equal(floor.value, 0.2);
  floor.add(0.1);
  assert.equal(floor.value, 0.2, 'a lower score does not move it');
  floor.add(0.7);
  assert.equal(floor.value, 0.5);
  for (const score of [0.95, 0.99, 0.3]) floor.add(score);
  assert.equal(floor.value, 0.9);
});

test('random scores: always the limit-th highest', () => {
  let seed = 1;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const floor = new ScoreFloor(10);
  const added: number[] = [];
  for (let i = 0; i < 500; i++) {
    const score = Math.round(random() * 1000) / 1000;
    floor.add(score);
    added.push(score);
    const sorted = [...added].sort((a, b) => b - a);
    assert.equal(floor.value, sorted.length < 10 ? -Infinity : sorted[9]);
  }
});
