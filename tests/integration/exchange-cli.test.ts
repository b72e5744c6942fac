import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../../bin/cli.ts';
import { tempDir } from '../helpers.ts';

/** Runs the CLI in-process, collecting what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stream = (append: (text: string) => void) => ({ write: (text: string) => (append(text), true), isTTY: false }) as never;
  const code = await main(
    argv,
    stream((t) => (out += t)),
    stream((t) => (err += t)),
  );
  return { code, out, err };
}

test('fieldbook export case|acled writes new owner-only files; import recognises them by content', async () => {
  const home = tempDir();
  const a = path.join(home, 'a');
  const caseFile = path.join(home, 'case.data');
  const csv = path.join(home, 'events.txt');
  const exported = await cli('export', 'case', caseFile, '--data', a);
  assert.equal(exported.code, 0, exported.err);
  assert.match(exported.out, /exported the case file \(.*sources.*\) to .*owner-only/);
  assert.equal(fs.statSync(caseFile).mode & 0o777, 0o600);
  const again = await cli('export', 'case', caseFile, '--data', a);
  assert.equal(again.code, 1);
  assert.match(again.err, /already exists; nothing was written/);
  assert.equal((await cli('export', 'acled', csv, '--data', a)).code, 0);
  assert.equal(fs.statSync(csv).mode & 0o777, 0o600);
  const stix = await cli('export', 'stix', path.join(home, 'x.json'), '--data', a);
  assert.equal(stix.code, 0, stix.err);
  assert.equal(JSON.parse(fs.readFileSync(path.join(home, 'x.json'), 'utf8')).type, 'bundle');
  assert.equal((await cli('export', 'markdown', '--data', a)).code, 2, 'a vault needs its folder OUT');

  // A case file (whatever its name) into a new data folder: restored, not seeded first.
  const b = path.join(home, 'b');
  const restored = await cli('import', caseFile, '--data', b);
  assert.equal(restored.code, 0, restored.err);
  assert.match(restored.out, /case file restored: created .*sources/);
  const stats = async (dir: string) => JSON.parse((await cli('stats', '--data', dir, '--json')).out);
  assert.deepEqual(await stats(b), await stats(a));

  // Into a store that holds records it is refused, and the store is left as it was.
  const refused = await cli('import', caseFile, '--data', a, '--json');
  assert.equal(refused.code, 1);
  assert.match(JSON.parse(refused.out)[0].error.message, /goes into an empty one/);

  // The ACLED CSV into a seeded store: every event is already there, matched by UUID.
  const c = path.join(home, 'c');
  const acled = await cli('import', csv, '--data', c, '--json');
  assert.equal(acled.code, 0, acled.err);
  const [summary] = JSON.parse(acled.out);
  assert.equal(summary.format, 'acled');
  assert.equal(summary.created.events, 0);
  assert.equal(summary.matched.events, (await stats(a)).events);
});
