// npm run bench (part): how long the first search takes after opening a large
// store, and how long until the name index is whole. Prints figures; asserts nothing.
//   --size N   records in the store (default 100000); the store is generated
//              once into bench/results/ and reused by later runs.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { callMethod } from '../db/api.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import { heapMb, loadEntities } from './common.ts';
import { generateEntities } from './corpus.ts';
import type { SearchReadiness } from '../db/shared/search-results.ts';

const args = parseArgs({ options: { size: { type: 'string', multiple: true } } }).values;
const sizes = (args.size ?? ['100000']).map(Number);
const RESULTS = path.join(import.meta.dirname, 'results');
const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;

function storeOf(size: number): string {
  // v2: events stored as events, without aliases (as the store holds them).
  const dir = path.join(RESULTS, `first-search-v2-${size}`);
  if (fs.existsSync(path.join(dir, 'fieldbook.sqlite'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const { db, close } = openFieldbook(dir, { seed: false });
  const entities = generateEntities(size, 42);
  for (let from = 0; from < entities.length; from += 20_000) loadEntities(db, entities.slice(from, from + 20_000));
  close();
  console.log(`  (generated a store of ${size.toLocaleString('en')} records in ${Math.round(ms(started) / 1000)} s)`);
  return dir;
}

for (const size of sizes) {
  const dir = storeOf(size);
  const before = heapMb();
  let started = performance.now();
  const { db, close } = openFieldbook(dir, { seed: false });
  const openMs = ms(started);
  const sample = generateEntities(Math.min(size, 50), 42)[7]!.name;
  started = performance.now();
  const hits = callMethod(db, 'search', { query: sample, limit: 10 }) as { title: string }[];
  const firstMs = ms(started);
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  let slices = 0;
  let slowest = 0;
  let state: SearchReadiness;
  do {
    const slice = performance.now();
    state = callMethod(db, 'search.prepare', { slices: 1 }) as SearchReadiness;
    slowest = Math.max(slowest, ms(slice));
    slices++;
  } while (!state.ready);
  const wholeMs = ms(started);
  const cpu = process.cpuUsage(cpuBefore);
  started = performance.now();
  callMethod(db, 'search', { query: sample, limit: 10 });
  const afterMs = ms(started);
  console.log(
    `first search at ${size.toLocaleString('en')} records: open ${openMs} ms, first search ${firstMs} ms ` +
      `(found "${hits[0]?.title ?? 'nothing'}" for "${sample}"), index whole after ${slices} slices in ${wholeMs} ms ` +
      `(${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU; the slowest slice, what a search waits at most: ${slowest} ms), ` +
      `next search ${afterMs} ms, memory +${Math.round(heapMb() - before)} MB`,
  );
  close();
}
