// The layers of DESIGN.md, kept by tooling: ESLint (eslint.config.js, run by
// npm test) refuses a file that crosses them. Each case is linted as if it
// stood at the given path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from '../helpers.ts';

const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test('renderer/ may not import Node, the store or a shell', async () => {
  for (const code of [
    "import fs from 'node:fs';",
    "import Database from 'better-sqlite3';",
    "import { openStore } from '../db/store/open.ts';",
    "import { createNote } from '../db/repo/notes.ts';",
    "import { serve } from '../server/serve.ts';",
  ]) {
    const found = await problems('renderer/views/example.ts', code);
    assert.equal(found.length, 1, `${code} -> ${found.join('; ')}`);
    assert.match(found[0]!, /no-restricted-imports/);
  }
});

test('renderer/ may import the shared pure modules of db/, and types from the rest', async () => {
  for (const code of [
    "import { foldText } from '../db/text.ts';",
    "import { ACTOR_KINDS } from '../db/vocabulary.ts';",
    "import type { Db } from '../db/store/db.ts';",
    "import type { FieldbookWindow } from '../electron/bridge.ts';",
  ]) {
    assert.deepEqual(await problems('renderer/views/example.ts', code), [], code);
  }
});

test('db/ may not import Electron or a shell; the shells may not reach the repositories', async () => {
  assert.equal((await problems('db/example.ts', "import { app } from 'electron';")).length, 1);
  assert.equal((await problems('db/example.ts', "import { h } from '../renderer/dom.ts';")).length, 1);
  assert.equal((await problems('server/example.ts', "import { createNote } from '../db/repo/notes.ts';")).length, 1);
  assert.deepEqual(await problems('server/example.ts', "import { callMethod } from '../db/api.ts';"), []);
});
