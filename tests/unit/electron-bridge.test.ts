// The main-world half of the preload bridge (run the way
// contextBridge.executeInMainWorld runs it: serialized to source and
// evaluated in another realm), and the app's command-line options.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import vm from 'node:vm';
import type { CallReply, FieldbookBridge, FieldbookCommand } from '../../db/shared/window-bridge.ts';
import { installBridge, type RawBridge } from '../../electron/main-world.ts';
import { parseDataDirArg, UsageError, windowTitle } from '../../electron/options.ts';

/** A fresh realm standing in for the page's main world, with installBridge run in it from its source text. */
function mainWorld(raw: RawBridge): { fieldbook: FieldbookBridge; realm: vm.Context } {
  const realm = vm.createContext({ raw });
  vm.runInContext(`(${installBridge.toString()})(raw)`, realm);
  return { fieldbook: vm.runInContext('globalThis.fieldbook', realm) as FieldbookBridge, realm };
}

function rawAnswering(reply: CallReply | Promise<CallReply>): RawBridge & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    call: async (method, input) => {
      calls.push([method, input]);
      return reply;
    },
    onCommand: () => () => {},
    onFlushRequest: () => {},
  };
}

describe('window.fieldbook (main world)', () => {
  test('call resolves with the result', async () => {
    const raw = rawAnswering({ ok: true, result: { sources: 5 } });
    const { fieldbook } = mainWorld(raw);
    assert.deepEqual(await fieldbook.call('stats.get', {}), { sources: 5 });
    assert.deepEqual(raw.calls, [['stats.get', {}]]);
    assert.equal(fieldbook.platform, 'electron');
  });

  test('call rejects with an Error of the page realm carrying code, message and issues', async () => {
    const issues = [{ path: 'title', message: 'expected string' }];
    const { fieldbook, realm } = mainWorld(
      rawAnswering({ ok: false, error: { code: 'invalid_input', message: 'notes.create: title: expected string', issues } }),
    );
    const error = await fieldbook.call('notes.create', { title: 42 } as never).then(
      () => assert.fail('should reject'),
      (e: unknown) => e as Error & { code: string; issues: unknown },
    );
    assert.equal(vm.runInContext('(e) => e instanceof Error', realm)(error), true, 'an Error of the page realm');
    assert.equal(error.name, 'ApiError');
    assert.equal(error.message, 'notes.create: title: expected string');
    assert.equal(error.code, 'invalid_input');
    assert.deepEqual(error.issues, issues);
  });

  test('a malformed reply becomes an internal error, not a crash', async () => {
    const { fieldbook } = mainWorld(rawAnswering(undefined as never));
    await assert.rejects(fieldbook.call('stats.get', {}), { name: 'ApiError', code: 'internal', message: 'internal error' });
  });

  test('a refused call (the invoke itself rejects) rejects too', async () => {
    const raw = rawAnswering(Promise.reject(new Error("Error invoking remote method 'fieldbook:call': refused")));
    const { fieldbook } = mainWorld(raw);
    await assert.rejects(fieldbook.call('stats.get', {}), /refused/);
  });

  test('onCommand and onFlushRequest pass through; the bridge is frozen and cannot be replaced', () => {
    const seen: unknown[] = [];
    let unsubscribed = 0;
    const raw: RawBridge = {
      call: async () => ({ ok: true, result: null }),
      onCommand: (callback) => {
        callback('search');
        return () => void unsubscribed++;
      },
      onFlushRequest: (callback) => void seen.push(callback),
    };
    const { fieldbook, realm } = mainWorld(raw);
    const commands: FieldbookCommand[] = [];
    const stop = fieldbook.onCommand((command) => commands.push(command));
    assert.deepEqual(commands, ['search']);
    stop();
    assert.equal(unsubscribed, 1);
    const flush = async () => {};
    fieldbook.onFlushRequest(flush);
    assert.deepEqual(seen, [flush]);

    assert.equal(Object.isFrozen(fieldbook), true);
    vm.runInContext('globalThis.fieldbook = { call() { return "hijacked" } }', realm);
    assert.equal(vm.runInContext('globalThis.fieldbook', realm), fieldbook);
    const descriptor = vm.runInContext('Object.getOwnPropertyDescriptor(globalThis, "fieldbook")', realm) as PropertyDescriptor;
    assert.equal(descriptor.writable, false);
    assert.equal(descriptor.configurable, false);
    assert.throws(() => vm.runInContext('"use strict"; globalThis.fieldbook.call = null', realm));
  });
});

describe('--data', () => {
  test('absent: undefined', () => {
    assert.equal(parseDataDirArg(['/usr/lib/electron', '/app/dist/electron/main.js']), undefined);
  });

  test('--data DIR and --data=DIR, made absolute against the working folder', () => {
    assert.equal(parseDataDirArg(['electron', 'main.js', '--data', '/tmp/fb']), '/tmp/fb');
    assert.equal(parseDataDirArg(['electron', 'main.js', '--data=/tmp/fb2']), '/tmp/fb2');
    assert.equal(
      parseDataDirArg(['electron', '--inspect=0', 'main.js', '--data', 'rel/dir'], '/home/a'),
      path.resolve('/home/a', 'rel/dir'),
    );
  });

  test('a --data without a folder is a usage error', () => {
    assert.throws(() => parseDataDirArg(['electron', 'main.js', '--data']), UsageError);
    assert.throws(() => parseDataDirArg(['electron', 'main.js', '--data', '--other']), UsageError);
    assert.throws(() => parseDataDirArg(['electron', 'main.js', '--data=']), UsageError);
  });
});

describe('the window title', () => {
  test('the app name alone for the default data folder; with the folder for any other', () => {
    assert.equal(windowTitle('Fieldbook', '/home/a/.config/Fieldbook', '/home/a/.config/Fieldbook'), 'Fieldbook');
    assert.equal(windowTitle('Fieldbook', '/home/a/.config/Fieldbook/', '/home/a/.config/Fieldbook'), 'Fieldbook');
    assert.equal(windowTitle('Fieldbook', '/cases/niger', '/home/a/.config/Fieldbook'), 'Fieldbook — /cases/niger');
  });
});
