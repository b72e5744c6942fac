// No import circles (issue 16), type-only imports included: a circle makes
// the order modules load in matter, and says that two modules are one.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers.ts';
import { importCircles, importGraph, sourceFiles } from '../tools/import-graph.ts';

test('the source has no import circle, type-only imports included', () => {
  const files = sourceFiles(ROOT, ['db', 'renderer', 'electron', 'server', 'bin']);
  assert.ok(files.length > 100, 'the files were found');
  const circles = importCircles(importGraph(files)).map((circle) => circle.map((file) => path.relative(ROOT, file)).join(' <-> '));
  assert.deepEqual(circles, []);
});

test('the check is not vacuous: a circle, a type-only one and a self-import are found', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['d']],
    ['e', ['a']],
  ]);
  assert.deepEqual(importCircles(graph), [['a', 'b', 'c'], ['d']]);
});
