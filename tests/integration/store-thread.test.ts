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
import { BYTES_FROM_CHARS } from '../../db/import/import-payload.ts';
import type { FromService, ToService } from '../../server/store-messages.ts';
import { runStoreService } from '../../server/store-service.ts';

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

test("the store's thread hands a file to import on to the import worker without reading or copying it", async () => {
  const received: FromService[] = [];
  let deliver: (message: ToService) => void = () => undefined;
  const waitFor = async (match: (m: FromService) => boolean) => {
    while (!received.some(match)) await new Promise((resolve) => setImmediate(resolve));
    return received.find(match)!;
  };
  // The service as it runs in its thread, here in this one: its messages as a shell posts them.
  void runStoreService({ post: (message) => received.push(message), onMessage: (handler) => (deliver = handler) }, { dataDir: tempDir() });
  await waitFor((m) => m.type === 'ready' || m.type === 'failed');
  assert.equal(received[0]?.type, 'ready');

  const text = 'Convoys crossed the border near Agadez at dawn.\n\n'.repeat(3000);
  const content = Buffer.from(Buffer.from(`# Border report\n\n${text}`).toString('base64'), 'latin1');
  assert.ok(content.byteLength > BYTES_FROM_CHARS, 'sent as bytes, as the shells send a long file');
  deliver({ type: 'call', id: 1, method: 'sources.import', input: { fileName: 'border.md', contentBase64: content } });
  const reply = await waitFor((m) => m.type === 'reply' && m.id === 1);
  assert.ok(reply.type === 'reply' && reply.ok, JSON.stringify(reply));
  assert.equal((reply.result as { title: string }).title, 'Border report');
  // Transferred to the import worker as it came: nothing is left here, so nothing was decoded here.
  assert.equal(content.buffer.byteLength, 0, 'the bytes were handed over, not read into a string on this thread');

  deliver({ type: 'close' });
  await waitFor((m) => m.type === 'closed');
});
