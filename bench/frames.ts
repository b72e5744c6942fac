// Frame times in Chromium while the pointer drags in a circle (a node of the
// chart, the map itself): what "interactive" means, measured the same way by
// bench/chart.ts and bench/map.ts.
import type { Page } from 'playwright-core';

export interface DragFrames {
  /** How long the drag took. */
  ms: number;
  /** Time between animation frames during the drag, sorted. */
  frames: number[];
}

/** Presses at (x0, y0) and drags round an ellipse of `rx` by `ry` pixels in `steps` moves, recording every frame. */
export async function dragInCircle(page: Page, x0: number, y0: number, rx: number, ry: number, steps: number): Promise<DragFrames> {
  await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; recording: boolean };
    w.frames_ = [];
    w.recording = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.frames_.push(now - last);
      last = now;
      if (w.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const started = performance.now();
  for (let i = 1; i <= steps; i++) {
    const angle = (2 * Math.PI * i) / steps;
    await page.mouse.move(x0 + rx * Math.sin(angle), y0 + ry * (1 - Math.cos(angle)));
  }
  await page.mouse.up();
  const ms = performance.now() - started;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; recording: boolean };
    w.recording = false;
    return w.frames_.slice(1);
  });
  return { ms, frames: frames.sort((a, b) => a - b) };
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** "N frames, time per frame median … p95 … max …". */
export function describeFrames({ frames }: DragFrames): string {
  return (
    `${frames.length} frames, time per frame median ${quantile(frames, 0.5).toFixed(1)} ms, ` +
    `p95 ${quantile(frames, 0.95).toFixed(1)} ms, max ${frames.at(-1)!.toFixed(1)} ms`
  );
}
