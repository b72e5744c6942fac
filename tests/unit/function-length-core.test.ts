// No function outside renderer/ is over 80 lines without a comment saying why
// (issue 16). A long function usually does several jobs; when one truly reads
// best long, the comment right above it says so with the word "long".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { ROOT } from '../helpers.ts';
import { sourceFiles } from '../tools/import-graph.ts';

const MAX_BODY_LINES = 80;
const FOLDERS = ['db', 'server', 'electron', 'bin', 'bench'];

interface LongFunction {
  name: string;
  line: number;
  bodyLines: number;
}

/** The function-like nodes of `text` whose body is over `max` lines with no "long" comment right above them. */
function unexplainedLongFunctions(fileName: string, text: string, max: number): LongFunction[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const found: LongFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const body = node.body as ts.Node;
      const bodyLines = lineOf(body.getEnd()) - lineOf(body.getStart(source)) + 1;
      if (bodyLines > max && !explainedAsLong(source, node)) {
        found.push({ name: functionName(node), line: lineOf(node.getStart(source)), bodyLines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Whether a comment containing the word "long" sits right above the line the
 * function starts on: in the block of comments (no blank line between them)
 * that ends on the line before it, among the leading comments of the
 * outermost node starting on that line (the function itself, its `const`
 * statement, or the statement an inline arrow function is passed in).
 */
function explainedAsLong(source: ts.SourceFile, node: ts.Node): boolean {
  const lineAt = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const line = lineAt(node.getStart(source));
  let outermost = node;
  while (outermost.parent && !ts.isSourceFile(outermost.parent) && lineAt(outermost.parent.getStart(source)) === line) {
    outermost = outermost.parent;
  }
  const comments = ts.getLeadingCommentRanges(source.text, outermost.getFullStart()) ?? [];
  let above = line;
  for (const range of comments.reverse()) {
    if (lineAt(range.end) !== above - 1) break;
    if (/\blong\b/i.test(source.text.slice(range.pos, range.end))) return true;
    above = lineAt(range.pos);
  }
  return false;
}

function functionName(node: ts.SignatureDeclaration): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) return node.name.text;
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return '(anonymous)';
}

test(`no function under ${FOLDERS.join(', ')} has a body over ${MAX_BODY_LINES} lines without a comment saying why`, () => {
  const files = sourceFiles(ROOT, FOLDERS);
  assert.ok(files.length > 100, 'the files were found');
  const long = files.flatMap((file) =>
    unexplainedLongFunctions(file, fs.readFileSync(file, 'utf8'), MAX_BODY_LINES).map(
      ({ name, line, bodyLines }) => `${path.relative(ROOT, file)}:${line} ${name} (${bodyLines} lines)`,
    ),
  );
  assert.deepEqual(long, []);
});

test('the check is not vacuous: long bodies are found unless a "long" comment explains them', () => {
  const body = (lines: number) => Array.from({ length: lines }, (_, i) => `  const v${i} = ${i};`).join('\n');
  const text = [
    `export function tooLong() {\n${body(80)}\n}`,
    `function shortEnough() {\n${body(78)}\n}`,
    `// Long on purpose: one flat table.\nfunction explained() {\n${body(80)}\n}`,
    `/** Builds the thing. */\nconst arrow = () => {\n${body(80)}\n};`,
    `/**\n * Long because each step needs the last one's locals.\n */\nconst explainedArrow = () => {\n${body(80)}\n};`,
    `// A comment that does not say why.\nrun(() => {\n${body(80)}\n});`,
    `class Thing {\n  method() {\n${body(80)}\n  }\n}`,
    `// Longer names would not help here.\nfunction notTheWord() {\n${body(80)}\n}`,
    `// Long on purpose, but said of something else.\n\nfunction notRightAbove() {\n${body(80)}\n}`,
    `// Long on purpose: each step reads the last.\n// (A second line.)\nfunction secondLine() {\n${body(80)}\n}`,
  ].join('\n');
  const found = unexplainedLongFunctions('sample.ts', text, MAX_BODY_LINES).map(({ name, bodyLines }) => `${name} ${bodyLines}`);
  assert.deepEqual(found, ['tooLong 82', 'arrow 82', '(anonymous) 82', 'method 82', 'notTheWord 82', 'notRightAbove 82']);
});
