// The shell's side of the store service (server/store-client.ts): calls and
// replies matched by id, refusals back as the same ApiError, and a service
// that stops fails its calls with a sentence instead of leaving them hanging.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../db/shared/errors.ts';
import { connectStore, StoreStartError, type ServiceConnection } from '../../server/store-client.ts';
import type { FromService, ToService } from '../../server/store-messages.ts';

function fakeService() {
  const sent: ToService[] = [];
  const transferred: ArrayBuffer[][] = [];
  const ended = { count: 0 };
  let deliver: (message: FromService) => void = () => undefined;
  let exit: (reason: string) => void = () => undefined;
  const connection: ServiceConnection = {
    post: (message, transfer = []) => {
      sent.push(message);
      transferred.push(transfer);
    },
    onMessage: (handler) => (deliver = handler),
    onExit: (handler) => (exit = handler),
    end: () => void ended.count++,
  };
  return { connection, sent, transferred, ended, deliver: (m: FromService) => deliver(m), exit: (reason: string) => exit(reason) };
}

test('replies reach their own calls, in any order; a refusal is the same ApiError; an internal failure a plain Error', async () => {
  const service = fakeService();
  const logged: string[] = [];
  const starting = connectStore(service.connection, (line) => logged.push(line));
  service.deliver({ type: 'log', line: 'fieldbook: a warning' });
  service.deliver({ type: 'ready', file: '/data/fieldbook.sqlite', warnings: ['the folder is readable by others'] });
  const client = await starting;
  assert.deepEqual(client.warnings, ['the folder is readable by others']);
  assert.deepEqual(logged, ['fieldbook: a warning']);

  const first = client.call('stats.get', {});
  const second = client.call('notes.create', { title: '' });
  const third = client.call('notes.get', { id: 1 });
  assert.deepEqual(
    service.sent.map((m) => (m.type === 'call' ? [m.id, m.method] : m.type)),
    [
      [1, 'stats.get'],
      [2, 'notes.create'],
      [3, 'notes.get'],
    ],
  );
  service.deliver({ type: 'reply', id: 3, ok: false, error: null, message: 'TypeError: a bug' });
  service.deliver({
    type: 'reply',
    id: 2,
    ok: false,
    error: { code: 'invalid_input', message: 'title: is empty', issues: [{ path: 'title', message: 'is empty' }] },
    message: 'ApiError: title: is empty',
  });
  service.deliver({ type: 'reply', id: 1, ok: true, result: { notes: 2 } });
  assert.deepEqual(await first, { notes: 2 });
  await assert.rejects(
    second,
    (error: unknown) => error instanceof ApiError && error.code === 'invalid_input' && error.issues[0]?.path === 'title',
  );
  await assert.rejects(third, (error: unknown) => !(error instanceof ApiError) && (error as Error).message === 'TypeError: a bug');
});

test('when the service stops, pending and later calls fail with a sentence; a store that cannot open is a StoreStartError', async () => {
  const service = fakeService();
  const starting = connectStore(service.connection, () => undefined);
  service.deliver({ type: 'ready', file: '/data/fieldbook.sqlite', warnings: [] });
  const client = await starting;
  const pending = client.call('stats.get', {});
  service.exit('its thread ended with code 1');
  await assert.rejects(
    pending,
    (error: unknown) => error instanceof ApiError && /the store stopped unexpectedly .*code 1/.test(error.message),
  );
  await assert.rejects(client.call('stats.get', {}), (error: unknown) => error instanceof ApiError && error.code === 'internal');

  const refused = fakeService();
  const opening = connectStore(refused.connection, () => undefined);
  refused.deliver({ type: 'failed', message: '/data/fieldbook.sqlite is a SQLite file of another application' });
  await assert.rejects(opening, (error: unknown) => error instanceof StoreStartError && /another application/.test(error.message));
  assert.equal(refused.ended.count, 1, 'the thread or process that could not open the store is ended');
});

test('close asks the service to close the store, waits until it has, then ends its thread or process', async () => {
  const service = fakeService();
  const starting = connectStore(service.connection, () => undefined);
  service.deliver({ type: 'ready', file: '/data/fieldbook.sqlite', warnings: [] });
  const client = await starting;
  let closed = false;
  const closing = client.close().then(() => (closed = true));
  assert.deepEqual(service.sent, [{ type: 'close' }]);
  await Promise.resolve();
  assert.equal(closed, false, 'not before the service says so');
  assert.equal(service.ended.count, 0);
  service.deliver({ type: 'closed' });
  await closing;
  assert.equal(service.ended.count, 1);
});

/** The longest string anywhere in `value`. */
function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return 0;
  return Math.max(0, ...Object.values(value).map(longestString));
}

test('a file to import goes to the store as bytes it hands on, never as one long string', async () => {
  const service = fakeService();
  const starting = connectStore(service.connection, () => undefined);
  service.deliver({ type: 'ready', file: '/data/fieldbook.sqlite', warnings: [] });
  const client = await starting;

  const contentBase64 = Buffer.from('Convoys crossed the border near Agadez. '.repeat(10_000)).toString('base64');
  void client.call('sources.import', { fileName: 'report.md', contentBase64, importId: 'import-0001' });
  const fromBytes = Buffer.from(contentBase64, 'latin1');
  void client.call('sources.import', { fileName: 'again.md', contentBase64: fromBytes }); // as the HTTP route reads it
  void client.call('sources.import', { fileName: 'short.md', contentBase64: 'aGVsbG8=' });
  void client.call('sources.import', { fileName: 'bad.md', contentBase64: 'é'.repeat(100_000) }); // refused by the schema, as it is

  const [long, bytes, short, bad] = service.sent.map((m) => (m.type === 'call' ? (m.input as Record<string, unknown>) : {}));
  assert.ok(long!['contentBase64'] instanceof Uint8Array);
  assert.equal(Buffer.from(long!['contentBase64']).toString('latin1'), contentBase64);
  assert.deepEqual({ ...long, contentBase64: null }, { fileName: 'report.md', contentBase64: null, importId: 'import-0001' });
  assert.ok(longestString(long) < 1000, 'no long string in the message');
  assert.deepEqual(service.transferred[0], [(long!['contentBase64'] as Uint8Array).buffer], 'its buffer is handed over');
  assert.equal(bytes!['contentBase64'], fromBytes);
  assert.deepEqual(service.transferred[1], [fromBytes.buffer]);
  assert.equal(short!['contentBase64'], 'aGVsbG8=');
  assert.equal(typeof bad!['contentBase64'], 'string');
  assert.deepEqual(service.transferred.slice(2), [[], []]);
});
