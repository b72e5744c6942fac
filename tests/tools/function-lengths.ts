// Functions longer than a limit (issue 16: none over 80 lines without a
// comment saying why), read with the TypeScript parser: every function,
// method, arrow function and accessor with a body, nested ones included (an
// outer function counts its inner ones' lines). A long function is explained
// when the comment just before it (or before the declaration holding it)
// says why it is "long because …".
import fs from 'node:fs';
import ts from 'typescript';

export interface LongFunction {
  file: string;
  /** First line, from 1. */
  line: number;
  name: string;
  lines: number;
  /** Its leading comment says why it is long. */
  explained: boolean;
}

const WHY = /\blong because\b/i;

/** The node whose leading comments belong to a function: its declaration, or the variable, property or export holding it. */
function commentHolder(node: ts.Node): ts.Node {
  let holder: ts.Node = node;
  while (
    holder.parent &&
    (ts.isVariableDeclaration(holder.parent) ||
      ts.isVariableDeclarationList(holder.parent) ||
      ts.isVariableStatement(holder.parent) ||
      ts.isPropertyAssignment(holder.parent) ||
      ts.isPropertyDeclaration(holder.parent) ||
      ts.isExportAssignment(holder.parent))
  ) {
    holder = holder.parent;
  }
  return holder;
}

function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
    return parent.name.getText();
  }
  return '(anonymous)';
}

/** The functions of one file's `text` longer than `limit` lines. */
export function longFunctionsIn(file: string, text: string, limit = 80): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > limit) {
        const holder = commentHolder(node);
        const comments = ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [];
        const explained = comments.some((c) => WHY.test(text.slice(c.pos, c.end)));
        found.push({ file, line: first + 1, name: nameOf(node as ts.FunctionLikeDeclaration), lines, explained });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The functions of `files` longer than `limit` lines. */
export function longFunctions(files: readonly string[], limit = 80): LongFunction[] {
  return files.flatMap((file) => longFunctionsIn(file, fs.readFileSync(file, 'utf8'), limit));
}
