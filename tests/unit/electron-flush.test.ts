// Flush before close: the window waits for the renderer's ack (or a timeout)
// before it closes, so a pending autosave lands.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { FLUSH_CHANNEL, FLUSHED_CHANNEL } from '../../electron/channels.ts';
import { Flusher, guardClose, type FlushAckSource, type FlushTarget, type GuardedWindow } from '../../electron/flush.ts';
import { ManualTimers } from '../../electron/timers.ts';

class FakeIpcMain extends EventEmitter implements FlushAckSource {
  /** What a renderer's ipcRenderer.send(FLUSHED_CHANNEL, token) looks like in main. */
  ack(sender: FakeContents, token: unknown): void {
    this.emit(FLUSHED_CHANNEL, { sender }, token);
  }
}

class FakeContents implements FlushTarget {
  static next = 1;
  readonly id = FakeContents.next++;
  readonly sent: [string, unknown[]][] = [];
  destroyed = false;
  crashed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isCrashed(): boolean {
    return this.crashed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args]);
  }
  get lastToken(): unknown {
    const flush = this.sent.filter(([channel]) => channel === FLUSH_CHANNEL).at(-1);
    return flush?.[1][0];
  }
}

class FakeWindow extends EventEmitter implements GuardedWindow {
  closes = 0;
  closed = false;
  /** A user's close: emits 'close'; the window closes unless a listener prevents it. */
  requestClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => void (prevented = true) });
    if (!prevented) this.closed = true;
    return !prevented;
  }
  close(): void {
    this.closes++;
    this.requestClose();
  }
  isDestroyed(): boolean {
    return this.closed;
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Flusher', () => {
  test('sends fieldbook:flush with a token and resolves on the matching ack', async () => {
    const ipc = new FakeIpcMain();
    const timers = new ManualTimers();
    const flusher = new Flusher(ipc, { timeoutMs: 2000, timers });
    const contents = new FakeContents();
    const outcome = flusher.request(contents);
    const token = contents.lastToken;
    assert.equal(typeof token, 'string');
    assert.equal(timers.pending, 1);
    ipc.ack(contents, token);
    assert.equal(await outcome, 'flushed');
    assert.equal(timers.pending, 0, 'the timeout is cleared');
    flusher.dispose();
    assert.equal(ipc.listenerCount(FLUSHED_CHANNEL), 0);
  });

  test('acks with the wrong token or from other contents are ignored; the timeout ends the wait', async () => {
    const ipc = new FakeIpcMain();
    const timers = new ManualTimers();
    const flusher = new Flusher(ipc, { timeoutMs: 2000, timers });
    const contents = new FakeContents();
    let outcome: string | undefined;
    void flusher.request(contents).then((result) => (outcome = result));
    ipc.ack(contents, 'not-the-token');
    ipc.ack(new FakeContents(), contents.lastToken);
    ipc.ack(contents, 42);
    await settle();
    assert.equal(outcome, undefined);
    timers.tick(1999);
    await settle();
    assert.equal(outcome, undefined);
    timers.tick(1);
    await settle();
    assert.equal(outcome, 'timeout');
    flusher.dispose();
  });

  test('destroyed or crashed contents are not waited for', async () => {
    const flusher = new Flusher(new FakeIpcMain(), { timers: new ManualTimers() });
    const destroyed = new FakeContents();
    destroyed.destroyed = true;
    const crashed = new FakeContents();
    crashed.crashed = true;
    assert.equal(await flusher.request(destroyed), 'unavailable');
    assert.equal(await flusher.request(crashed), 'unavailable');
    assert.deepEqual(destroyed.sent, []);
    flusher.dispose();
  });
});

describe('guardClose', () => {
  test('holds the close until the renderer acks, then closes; window state saved once, first', async () => {
    const ipc = new FakeIpcMain();
    const timers = new ManualTimers();
    const flusher = new Flusher(ipc, { timers });
    const contents = new FakeContents();
    const window = new FakeWindow();
    const order: string[] = [];
    guardClose(
      window,
      () => {
        order.push('flush');
        return flusher.request(contents);
      },
      () => order.push('save-state'),
    );

    assert.equal(window.requestClose(), false, 'the first close is held');
    assert.equal(window.requestClose(), false, 'a second click while flushing is held too');
    assert.deepEqual(order, ['save-state', 'flush'], 'one flush, state saved before it');
    assert.equal(contents.sent.length, 1);

    ipc.ack(contents, contents.lastToken);
    await settle();
    assert.equal(window.closed, true);
    assert.equal(window.closes, 1);
    flusher.dispose();
  });

  test('a renderer that never answers delays the close by the timeout only', async () => {
    const timers = new ManualTimers();
    const flusher = new Flusher(new FakeIpcMain(), { timeoutMs: 2000, timers });
    const window = new FakeWindow();
    guardClose(window, () => flusher.request(new FakeContents()));
    assert.equal(window.requestClose(), false);
    timers.tick(2000);
    await settle();
    assert.equal(window.closed, true);
    flusher.dispose();
  });

  test('a failing flush still lets the window close', async () => {
    const window = new FakeWindow();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      guardClose(window, () => Promise.reject(new Error('boom')));
      window.requestClose();
      await settle();
    } finally {
      console.error = original;
    }
    assert.equal(window.closed, true);
    assert.equal(errors.length, 1);
  });

  test('quit path: flush() up front, then the close goes straight through', async () => {
    let flushes = 0;
    const window = new FakeWindow();
    const guard = guardClose(window, async () => void flushes++);
    assert.equal(guard.ready, false);
    await Promise.all([guard.flush(), guard.flush()]);
    assert.equal(flushes, 1);
    assert.equal(guard.ready, true);
    assert.equal(window.requestClose(), true, 'not held again');
    assert.equal(flushes, 1);
  });
});
