// Window size, position and maximized state: saved, read back validated, and
// fitted to the displays there are now.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import {
  captureWindowState,
  DEFAULT_SIZE,
  MIN_HEIGHT,
  MIN_WIDTH,
  placeWindow,
  readWindowState,
  trackWindowState,
  windowStatePath,
  writeWindowState,
  type Rect,
  type TrackedWindow,
  type WindowState,
} from '../../electron/window-state.ts';
import { ManualTimers } from '../../electron/timers.ts';
import { tempDir } from '../helpers.ts';

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

class FakeWindow extends EventEmitter implements TrackedWindow {
  bounds: Rect = { x: 100, y: 80, width: 1200, height: 800 };
  maximized = false;
  fullScreen = false;
  destroyed = false;
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

describe('window-state.json', () => {
  test('round trip: written, read back equal', () => {
    const dir = tempDir();
    const state: WindowState = { x: 2000, y: 40, width: 1500, height: 900, maximized: true, fullScreen: false };
    writeWindowState(dir, state);
    assert.deepEqual(readWindowState(dir), state);
    assert.deepEqual(JSON.parse(fs.readFileSync(windowStatePath(dir), 'utf8')), state);
    assert.deepEqual(
      fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
      'no temp file is left behind',
    );
  });

  test('no file: no state', () => {
    assert.equal(readWindowState(tempDir()), undefined);
  });

  const corrupt: [string, string][] = [
    ['not JSON', '{"width": 1200, "height":'],
    ['an array', '[1200, 800]'],
    ['a string width', '{"width": "1200", "height": 800}'],
    ['a negative height', '{"width": 1200, "height": -5}'],
    ['a fractional x', '{"x": 10.5, "y": 0, "width": 1200, "height": 800}'],
    ['an absurd size', '{"width": 1e12, "height": 800}'],
    ['an unknown key', '{"width": 1200, "height": 800, "url": "https://evil.example"}'],
    ['a non-boolean maximized', '{"width": 1200, "height": 800, "maximized": "yes"}'],
    ['empty', ''],
  ];
  for (const [name, text] of corrupt) {
    test(`a corrupt file (${name}) is rejected and ignored`, () => {
      const dir = tempDir();
      fs.writeFileSync(windowStatePath(dir), text);
      const warnings: string[] = [];
      assert.equal(
        readWindowState(dir, (message) => warnings.push(message)),
        undefined,
      );
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /ignoring .*window-state\.json/);
    });
  }

  test('a corrupt file still leads to a sensible window', () => {
    const dir = tempDir();
    fs.writeFileSync(windowStatePath(dir), 'garbage');
    const placement = placeWindow(
      readWindowState(dir, () => {}),
      [primary],
      primary,
    );
    assert.deepEqual(placement, { ...DEFAULT_SIZE, maximized: false, fullScreen: false });
  });

  test('writing refuses an invalid state instead of saving it', () => {
    const dir = tempDir();
    assert.throws(() => writeWindowState(dir, { width: -1, height: 10, maximized: false, fullScreen: false }));
    assert.equal(fs.existsSync(windowStatePath(dir)), false);
  });
});

describe('placing the window on the displays there are', () => {
  test('a position on a present display is kept', () => {
    const state: WindowState = { x: 2100, y: 100, width: 1600, height: 1000, maximized: false, fullScreen: false };
    assert.deepEqual(placeWindow(state, [primary, right], primary), state);
  });

  test('a window on a display that is gone is placed by the platform, on the primary display', () => {
    const state: WindowState = { x: 5000, y: 100, width: 1600, height: 1000, maximized: true, fullScreen: false };
    assert.deepEqual(placeWindow(state, [primary], primary), { width: 1600, height: 1000, maximized: true, fullScreen: false });
  });

  test('a window barely peeking onto a display is pulled fully onto it', () => {
    const state: WindowState = { x: 1880, y: -500, width: 800, height: 600, maximized: false, fullScreen: false };
    const placed = placeWindow(state, [primary], primary);
    assert.equal(placed.x, undefined, 'only 40px showed: not enough to keep');
    const halfOff: WindowState = { x: 1500, y: 700, width: 800, height: 600, maximized: false, fullScreen: false };
    assert.deepEqual(placeWindow(halfOff, [primary], primary), {
      x: 1120,
      y: 440,
      width: 800,
      height: 600,
      maximized: false,
      fullScreen: false,
    });
  });

  test('a window larger than its display is shrunk to fit, never below the minimum', () => {
    const huge: WindowState = { x: 0, y: 0, width: 5000, height: 4000, maximized: false, fullScreen: false };
    assert.deepEqual(placeWindow(huge, [primary], primary), { x: 0, y: 0, width: 1920, height: 1040, maximized: false, fullScreen: false });
    const tiny: WindowState = { x: 10, y: 10, width: 50, height: 20, maximized: false, fullScreen: false };
    const placed = placeWindow(tiny, [primary], primary);
    assert.equal(placed.width, MIN_WIDTH);
    assert.equal(placed.height, MIN_HEIGHT);
  });

  test('no saved state: the default size, placed by the platform', () => {
    assert.deepEqual(placeWindow(undefined, [primary], primary), { ...DEFAULT_SIZE, maximized: false, fullScreen: false });
  });
});

describe('tracking a window', () => {
  test('save() writes what the window shows; close-time save after a move', () => {
    const dir = tempDir();
    const window = new FakeWindow();
    const tracker = trackWindowState(window, dir, { debounceMs: 60_000 });
    window.bounds = { x: 300, y: 200, width: 1000, height: 700 };
    window.maximized = true;
    window.emit('move');
    assert.equal(readWindowState(dir), undefined, 'debounced: nothing written yet');
    tracker.save();
    assert.deepEqual(readWindowState(dir), { x: 300, y: 200, width: 1000, height: 700, maximized: true, fullScreen: false });
    tracker.dispose();
  });

  test('the debounced write lands after moves and resizes', () => {
    const timers = new ManualTimers();
    const dir = tempDir();
    const window = new FakeWindow();
    const tracker = trackWindowState(window, dir, { debounceMs: 500, timers });
    window.emit('resize');
    timers.tick(300);
    window.bounds = { x: 10, y: 20, width: 900, height: 650 };
    window.emit('move');
    timers.tick(499);
    assert.equal(readWindowState(dir), undefined, 'each move restarts the wait');
    assert.equal(timers.pending, 1);
    timers.tick(1);
    assert.deepEqual(readWindowState(dir), captureWindowState(window));
    tracker.dispose();
  });

  test('a destroyed or disposed window writes nothing', () => {
    const dir = tempDir();
    const window = new FakeWindow();
    const tracker = trackWindowState(window, dir);
    window.destroyed = true;
    tracker.save();
    assert.equal(readWindowState(dir), undefined);
    tracker.dispose();
  });
});
