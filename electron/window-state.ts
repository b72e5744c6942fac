// Remembers the window's size, position and maximized state in
// <dataDir>/window-state.json: validated when read, clamped to a display that
// is still there, written (atomically) after moves and resizes and on close.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { realTimers, type Timers } from './timers.ts';

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WIDTH = 480;
export const MIN_HEIGHT = 360;
export const DEFAULT_SIZE = { width: 1280, height: 840 } as const;
/** How much of a window must show on some display for its saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

const coordinate = z.number().int().min(-1_000_000).max(1_000_000);
const length = z.number().int().min(1).max(100_000);

export const windowStateSchema = z.strictObject({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: length,
  height: length,
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});
export type WindowState = z.output<typeof windowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a new window goes: x and y are absent when the platform should place it. */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  fullScreen: boolean;
}

export function windowStatePath(dataDir: string): string {
  return path.join(dataDir, WINDOW_STATE_FILE);
}

/** The saved state, or undefined when there is none or it is not valid (it is then ignored, not trusted). */
export function readWindowState(dataDir: string, log: (message: string) => void = console.warn): WindowState | undefined {
  const file = windowStatePath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    log(`fieldbook: ignoring ${file}: not JSON`);
    return undefined;
  }
  const parsed = windowStateSchema.safeParse(raw);
  if (!parsed.success) {
    log(`fieldbook: ignoring ${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return undefined;
  }
  return parsed.data;
}

/** Writes the state atomically (a temp file renamed over the old one). */
export function writeWindowState(dataDir: string, state: WindowState): void {
  const file = windowStatePath(dataDir);
  const checked = windowStateSchema.parse(state);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(checked, null, 2)}\n`);
  fs.renameSync(temp, file);
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Fits a saved state to the displays there are now (their work areas): the
 * size is clamped to the display, and a position that would leave the window
 * (nearly) off every display is dropped, so the platform places it instead.
 */
export function placeWindow(state: WindowState | undefined, workAreas: Rect[], primary: Rect): WindowPlacement {
  const wanted = state ?? { ...DEFAULT_SIZE, maximized: false, fullScreen: false };
  const sizeFor = (area: Rect) => ({
    width: clamp(wanted.width, Math.min(MIN_WIDTH, area.width), area.width),
    height: clamp(wanted.height, Math.min(MIN_HEIGHT, area.height), area.height),
  });
  const flags = { maximized: wanted.maximized, fullScreen: wanted.fullScreen };
  if (wanted.x === undefined || wanted.y === undefined) return { ...sizeFor(primary), ...flags };

  const rect = { x: wanted.x, y: wanted.y, width: wanted.width, height: wanted.height };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersection(rect, area);
    if (overlap.width >= Math.min(MIN_VISIBLE.width, rect.width) && overlap.height >= Math.min(MIN_VISIBLE.height, rect.height)) {
      if (overlap.width * overlap.height > bestArea) {
        best = area;
        bestArea = overlap.width * overlap.height;
      }
    }
  }
  if (!best) return { ...sizeFor(primary), ...flags };
  const size = sizeFor(best);
  return {
    x: clamp(rect.x, best.x, best.x + best.width - size.width),
    y: clamp(rect.y, best.y, best.y + best.height - size.height),
    ...size,
    ...flags,
  };
}

/** The parts of Electron's BrowserWindow the tracker needs. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'enter-full-screen' | 'leave-full-screen', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isDestroyed(): boolean;
}

export function captureWindowState(window: TrackedWindow): WindowState {
  const bounds = window.getNormalBounds();
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized: window.isMaximized(),
    fullScreen: window.isFullScreen(),
  };
}

export interface WindowStateTracker {
  /** Writes the current state now (and cancels a pending debounced write). */
  save(): void;
  dispose(): void;
}

/** Saves the window's state `debounceMs` after the last move or resize; `save()` writes at once (call it on close). */
export function trackWindowState(
  window: TrackedWindow,
  dataDir: string,
  options: { debounceMs?: number; log?: (message: string) => void; timers?: Timers } = {},
): WindowStateTracker {
  const debounceMs = options.debounceMs ?? 500;
  const log = options.log ?? console.warn;
  const timers = options.timers ?? realTimers;
  let timer: unknown;
  let disposed = false;
  const cancel = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };
  const save = () => {
    cancel();
    if (disposed || window.isDestroyed()) return;
    try {
      writeWindowState(dataDir, captureWindowState(window));
    } catch (error) {
      log(`fieldbook: could not save the window state: ${String(error)}`);
    }
  };
  const later = () => {
    cancel();
    timer = timers.set(save, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) {
    window.on(event, later);
  }
  return {
    save,
    dispose() {
      cancel();
      disposed = true;
    },
  };
}
