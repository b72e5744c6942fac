// The layers of DESIGN.md, kept by tooling: ESLint (eslint.config.js, run by
// npm test) refuses a file that crosses them. Each case is linted as if it
// stood at the given path.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
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
    const found = await problems('renderer/features/example.ts', code);
    assert.equal(found.length, 1, `${code} -> ${found.join('; ')}`);
    assert.match(found[0]!, /no-restricted-imports/);
  }
});

test('renderer/ may import db/shared/ only: not even types from the rest of db/ or a shell', async () => {
  for (const code of [
    "import { foldText } from '../db/shared/folding.ts';",
    "import { ACTOR_KINDS } from '../db/shared/vocabulary.ts';",
    "import type { MethodName } from '../db/shared/contract.ts';",
  ]) {
    assert.deepEqual(await problems('renderer/features/example.ts', code), [], code);
  }
  for (const code of [
    "import type { Db } from '../db/store/db.ts';",
    "import type { StoreHost } from '../db/live-store.ts';",
    "import type { ApiCaller } from '../server/store-client.ts';",
  ]) {
    assert.equal((await problems('renderer/features/example.ts', code)).length, 1, code);
  }
});

test('db/shared/ is pure: it imports only itself and zod, edtf or tiptap', async () => {
  for (const code of ["import fs from 'node:fs';", "import type { Db } from '../store/db.ts';", "import Database from 'better-sqlite3';"]) {
    assert.equal((await problems('db/shared/example.ts', code)).length, 1, code);
  }
  for (const code of [
    "import { z } from 'zod';",
    "import type { Note } from './records.ts';",
    "import { getSchema } from '@tiptap/core';",
  ]) {
    assert.deepEqual(await problems('db/shared/example.ts', code), [], code);
  }
});

test('the renderer compiles without Node: no file of its program is the Node types or db/ outside db/shared/', () => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const files = execFileSync(process.execPath, [tsc, '-p', 'renderer', '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  assert.ok(
    files.some((f) => f.includes('/renderer/')),
    'the renderer program was listed',
  );
  assert.deepEqual(
    files.filter((f) => f.includes('/@types/node/') || (/\/db\//.test(f) && !/\/db\/(shared|types)\//.test(f))),
    [],
  );
});

test('db/ may not import Electron or a shell; the shells may not reach the repositories', async () => {
  assert.equal((await problems('db/example.ts', "import { app } from 'electron';")).length, 1);
  assert.equal((await problems('db/example.ts', "import { h } from '../renderer/ui/dom.ts';")).length, 1);
  assert.equal((await problems('server/example.ts', "import { createNote } from '../db/repo/notes.ts';")).length, 1);
  assert.deepEqual(await problems('server/example.ts', "import { callMethod } from '../db/api.ts';"), []);
});
