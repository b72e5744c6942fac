// Issue 16: no function over 80 lines without a comment saying why. Checked
// here for renderer/, where views once grew to 400-line closures; a function
// that must stay long says so in the comment before it ("long because …").
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers.ts';
import { longFunctions, longFunctionsIn } from '../tools/function-lengths.ts';
import { sourceFiles } from '../tools/import-graph.ts';

test('no function of renderer/ is over 80 lines without a comment saying why', () => {
  const files = sourceFiles(ROOT, ['renderer']);
  assert.ok(files.length > 50, 'the files were found');
  const unexplained = longFunctions(files)
    .filter((f) => !f.explained)
    .map((f) => `${path.relative(ROOT, f.file)}:${f.line} ${f.name} (${f.lines} lines)`);
  assert.deepEqual(unexplained, []);
});

test('the check is not vacuous: long functions are found, nested ones too, and a why is read', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
  const text = [
    `export function plain() {\n${body(85)}\n}`,
    `// Long because its steps share one state.\nexport const arrow = () => {\n${body(85)}\n};`,
    `class View {\n  draw(): void {\n    const inner = () => {\n${body(90)}\n    };\n  }\n}`,
    `function short() {\n${body(10)}\n}`,
  ].join('\n\n');
  const found = longFunctionsIn('example.ts', text).map((f) => [f.name, f.explained]);
  assert.deepEqual(found, [
    ['plain', false],
    ['arrow', true],
    ['draw', false],
    ['inner', false],
  ]);
});
