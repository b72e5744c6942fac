// `fieldbook:call`: only the app's own main frame reaches the store, and its
// calls are answered with the API's result or its structured error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callerFor } from '../../db/api.ts';
import { CALL_CHANNEL } from '../../electron/channels.ts';
import {
  createCallHandler,
  ForbiddenSenderError,
  registerIpc,
  type CallEvent,
  type IpcMainLike,
  type SenderFrame,
} from '../../electron/ipc.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';

const { db } = tempFieldbook();

interface FakeContents {
  id: number;
}
const ours: FakeContents = { id: 1 };
const stranger: FakeContents = { id: 2 };

const mainFrame = (url: string): SenderFrame => ({ url, parent: null });
const subFrame = (url: string): SenderFrame => ({ url, parent: mainFrame('app://fieldbook/index.html') });
const event = (frame: SenderFrame | null, sender: FakeContents = ours): CallEvent<FakeContents> => ({ sender, senderFrame: frame });

const logged: string[] = [];
const handler = createCallHandler<FakeContents>(callerFor({ db }), {
  isOurContents: (contents) => contents === ours,
  log: (message) => logged.push(message),
});
const appFrame = mainFrame('app://fieldbook/index.html');

describe('fieldbook:call sender check', () => {
  const refusals: [string, CallEvent<FakeContents>][] = [
    ['no sender frame (navigated away or destroyed)', event(null)],
    ['a frame from another origin', event(mainFrame('https://evil.example/index.html'))],
    ['a frame on another app:// host', event(mainFrame('app://evil/index.html'))],
    ['a file:// page', event(mainFrame('file:///tmp/index.html'))],
    ['a devtools page', event(mainFrame('devtools://devtools/bundled/inspector.html'))],
    ['an about:blank frame', event(mainFrame('about:blank'))],
    ['a subframe, even on the app origin', event(subFrame('app://fieldbook/embedded.html'))],
    ['a subframe from another origin', event(subFrame('https://evil.example/'))],
    ['the app origin in web contents that are not one of our windows', event(appFrame, stranger)],
  ];
  for (const [name, refused] of refusals) {
    test(`refuses ${name}, without touching the store`, async () => {
      const before = storeDigest(db);
      await assert.rejects(
        async () => handler(refused, 'notes.create', { title: 'planted', body: { type: 'doc', content: [{ type: 'paragraph' }] } }),
        (error: unknown) => error instanceof ForbiddenSenderError && /refused/.test(error.message),
      );
      await assert.rejects(async () => handler(refused, 'trash.empty', {}), ForbiddenSenderError);
      assert.equal(storeDigest(db), before);
    });
  }

  test('a refused call never even reads the store object', async () => {
    const touched: PropertyKey[] = [];
    const tripwire = new Proxy(
      {},
      {
        get: (_target, key) => void touched.push(key),
        has: (_target, key) => (touched.push(key), false),
      },
    );
    const guarded = createCallHandler<FakeContents>(tripwire as never, { isOurContents: (c) => c === ours, log: () => {} });
    for (const [, refused] of refusals) await assert.rejects(async () => guarded(refused, 'stats.get', {}), ForbiddenSenderError);
    assert.deepEqual(touched, []);
  });

  test('refusals are logged', async () => {
    assert.ok(logged.some((line) => /refused: .*subframe/.test(line)));
    assert.ok(logged.some((line) => /refused: .*not one of our windows/.test(line)));
  });
});

describe('fieldbook:call from the app frame', () => {
  test('answers with the result', async () => {
    const reply = await handler(event(appFrame), 'stats.get', {});
    assert.equal(reply.ok, true);
    assert.equal((reply as { result: { sources: number } }).result.sources, 5);
  });

  test('an omitted input is an empty one', async () => {
    const reply = await handler(event(appFrame), 'stats.get', undefined);
    assert.equal(reply.ok, true);
  });

  test('writes go through and are read back', async () => {
    const created = await handler(event(appFrame), 'notes.create', {
      title: 'Wagner after Prigozhin',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Africa Corps' }] }] },
    });
    assert.equal(created.ok, true);
    const id = (created as { result: { id: number } }).result.id;
    const got = await handler(event(appFrame), 'notes.get', { id });
    assert.equal(got.ok, true);
    assert.equal((got as { result: { title: string } }).result.title, 'Wagner after Prigozhin');
  });

  test('API errors come back as { ok: false, error: ApiError.toJSON() } and change nothing', async () => {
    const before = storeDigest(db);
    const invalid = await handler(event(appFrame), 'notes.create', { title: 42 });
    assert.equal(invalid.ok, false);
    if (invalid.ok) return;
    assert.equal(invalid.error.code, 'invalid_input');
    assert.ok(invalid.error.issues.length > 0);
    assert.deepEqual(Object.keys(invalid.error).sort(), ['code', 'issues', 'message']);

    const missing = await handler(event(appFrame), 'notes.get', { id: 999_999 });
    assert.deepEqual(missing.ok === false && missing.error.code, 'not_found');

    const unknown = await handler(event(appFrame), 'notes.drop', {});
    assert.deepEqual(unknown.ok === false && unknown.error.code, 'unknown_method');
    assert.equal(storeDigest(db), before);
  });

  test('method must be a string', async () => {
    const before = storeDigest(db);
    for (const method of [undefined, null, 42, ['stats.get'], { toString: () => 'stats.get' }]) {
      const reply = await handler(event(appFrame), method, {});
      assert.equal(reply.ok, false);
      if (reply.ok) continue;
      assert.equal(reply.error.code, 'invalid_input');
      assert.deepEqual(
        reply.error.issues.map((issue) => issue.path),
        ['method'],
      );
    }
    assert.equal(storeDigest(db), before);
  });

  test('an unexpected failure is an opaque internal error, logged in main', async () => {
    const failing = createCallHandler<FakeContents>(
      {
        transaction: () => {
          throw new Error('disk I/O error at /home/analyst/secret/path');
        },
      } as never,
      { isOurContents: () => true, log: (message) => logged.push(message) },
    );
    const reply = await failing(event(appFrame), 'stats.get', {});
    assert.deepEqual(reply, { ok: false, error: { code: 'internal', message: 'internal error', issues: [] } });
    assert.ok(logged.some((line) => /stats\.get failed/.test(line)));
  });
});

describe('registerIpc', () => {
  test('handles fieldbook:call on ipcMain, and unregisters', async () => {
    const handlers = new Map<string, (event: CallEvent<FakeContents>, ...args: unknown[]) => unknown>();
    const ipcMain: IpcMainLike<FakeContents> = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    const unregister = registerIpc(ipcMain, callerFor({ db }), { isOurContents: (contents) => contents === ours, log: () => {} });
    const listener = handlers.get(CALL_CHANNEL);
    assert.ok(listener);
    const reply = (await listener(event(appFrame), 'stats.get', {})) as { ok: boolean };
    assert.equal(reply.ok, true);
    await assert.rejects(async () => listener(event(appFrame, stranger), 'stats.get', {}), ForbiddenSenderError);
    unregister();
    assert.equal(handlers.has(CALL_CHANNEL), false);
  });
});
