// Helpers shared by the search benchmarks: timings, heap, loading generated
// entities into a Fieldbook store, and writing --json results.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callMethod } from '../db/api.ts';
import { createActor } from '../db/repo/actors.ts';
import { createEvent } from '../db/repo/events.ts';
import { createPlace } from '../db/repo/places.ts';
import { writeIndexed } from '../db/search/indexer.ts';
import type { Db } from '../db/store/db.ts';
import type { ActorKind, AliasKind, PlaceKind } from '../db/shared/vocabulary.ts';

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function timing(samples: number[]): Timing {
  if (samples.length === 0) return { p50: 0, p95: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1)!) };
}

/**
 * Memory in use after a collection, MB: the JavaScript heap and the typed
 * arrays' buffers, which live outside it (run node with --expose-gc for
 * figures that mean something).
 */
export const heapMb = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
};

export interface LoadableEntity {
  kind: 'actor' | 'place' | 'event';
  name: string;
  aliases: (string | { name: string; kind: AliasKind })[];
  /** Defaults: 'armed group' for actors, 'town' for places. */
  actorKind?: ActorKind;
  placeKind?: PlaceKind;
  /** Actor and place description, or event summary. */
  text?: string;
}

/** Creates every entity in one transaction; returns `${kind}:${id}` → index in `entities`. */
export function loadEntities(db: Db, entities: readonly LoadableEntity[]): Map<string, number> {
  const idToIndex = new Map<string, number>();
  db.transaction(() =>
    writeIndexed(db, () => {
      entities.forEach((e, i) => {
        const aliases = e.aliases.map((a) => (typeof a === 'string' ? { name: a, kind: 'alias' as const } : a));
        const id =
          e.kind === 'actor'
            ? createActor(db, { name: e.name, kind: e.actorKind ?? 'armed group', description: e.text ?? '', country: null, aliases }).id
            : e.kind === 'place'
              ? createPlace(db, {
                  name: e.name,
                  kind: e.placeKind ?? 'town',
                  description: e.text ?? '',
                  country: null,
                  lat: null,
                  lon: null,
                  precision: null,
                  aliases,
                }).id
              : createEvent(db, {
                  title: e.name,
                  date: null,
                  type: 'Battles',
                  subType: null,
                  placeId: null,
                  fatalities: null,
                  summary: e.text ?? '',
                  participants: [],
                }).id;
        idToIndex.set(`${e.kind}:${id}`, i);
      });
    }),
  )();
  return idToIndex;
}

/**
 * Builds the whole in-memory name index now, as `search.prepare` does for the
 * app (a store of more than 5,000 records is otherwise indexed in slices
 * between calls, and answered from the store until then).
 */
export function completeNameIndex(db: Db): void {
  callMethod(db, 'search.prepare', {});
}

/**
 * What the app's store does once calls pause (search.tidyIndexes): merges
 * full-text segments left by the bulk writes, saves the name index. Returns
 * the time it took.
 */
export function tidyIndexes(db: Db): number {
  const start = performance.now();
  while ((callMethod(db, 'search.tidyIndexes', {}) as { more: boolean }).more);
  return performance.now() - start;
}

export function machine(): Record<string, string> {
  return { date: new Date().toISOString(), machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`, node: process.version };
}

export function writeResults(name: string, results: unknown): void {
  const out = path.resolve(import.meta.dirname, 'results', name);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

/** A markdown table, columns padded so it also reads as plain text. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_h, c) => Math.max(...cells.map((r) => [...(r[c] ?? '')].length)));
  const line = (r: string[], first: boolean) =>
    `| ${r.map((cell, c) => (c === 0 || !first ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  return [
    line(header, false),
    `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
    ...cells.slice(1).map((r) => line(r, true)),
  ].join('\n');
}

/** A temporary store folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
