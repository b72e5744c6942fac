// `fieldbook serve` keeps the store in a worker thread (issue 12): the thread
// that answers HTTP only routes, so it answers while a long call runs, and a
// store that cannot be opened stops serve with the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { callApi, startShell } from '../e2e/browser-shell.ts';
import { CLI, tempDir } from '../helpers.ts';

test('the server answers other requests while a long call runs in the store thread', async () => {
  const shell = await startShell(path.join(tempDir(), 'data'));
  try {
    const paragraph = 'Convoys crossed the border near Agadez at dawn, escorted by militia trucks. ';
    const text = paragraph.repeat(Math.ceil((20 * 1024 * 1024) / paragraph.length)); // about 2 s of indexing here
    const order: string[] = [];
    const long = callApi(shell, 'sources.create', { title: 'A long report', text }).then(() => order.push('long call'));
    // A request that needs no store: the login page of the app, answered by the HTTP thread.
    const page = fetch(`${shell.apiOrigin}/`, { headers: { Authorization: `Bearer ${shell.token}` } }).then(async (response) => {
      await response.text();
      order.push(`page ${response.status}`);
    });
    await Promise.all([long, page]);
    assert.deepEqual(order, ['page 200', 'long call']);
    const sources = await callApi<{ title: string }[]>(shell, 'sources.list');
    assert.ok(sources.some((s) => s.title === 'A long report'));
  } finally {
    await shell.stop();
  }
});

test('a store that cannot be opened stops serve with the reason, and the file is left as it was', () => {
  const dir = tempDir();
  const file = path.join(dir, 'fieldbook.sqlite');
  fs.writeFileSync(file, 'not a database at all, but it is somebody else’s file');
  const before = fs.readFileSync(file);
  const run = spawnSync(process.execPath, [CLI, 'serve', '--data', dir], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /fieldbook: .*is not a Fieldbook store/);
  assert.equal(run.stdout, '', 'no address printed');
  assert.deepEqual(fs.readFileSync(file), before);
});
