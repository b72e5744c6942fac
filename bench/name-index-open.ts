// How long a store of realistic names takes to have its whole name index
// after opening: built in slices from the records (no snapshot), then saved
// into the store, then loaded from that snapshot at the next opening. Checks
// that the loaded index answers a sample of queries as the built one did.
// Prints figures; asserts nothing but that agreement.
//   node --expose-gc bench/name-index-open.ts [--size N ...]
// The store is generated once into bench/results/ (a few minutes at 1M) and reused.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { callMethod } from '../db/api.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import { heapMb, loadEntities } from './common.ts';
import { generateRealistic, realisticQueries } from './realistic-corpus.ts';
import type { SearchReadiness, SearchResult } from '../db/shared/search-results.ts';

const args = parseArgs({ options: { size: { type: 'string', multiple: true } } }).values;
const sizes = (args.size ?? ['100000']).map(Number);
const RESULTS = path.join(import.meta.dirname, 'results');
const ms = (start: number) => Math.round(performance.now() - start);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
};

function storeOf(size: number): { dir: string; queries: string[] } {
  const dir = path.join(RESULTS, `realistic-store-${size}`);
  const entities = generateRealistic(size, 42);
  const queries = realisticQueries(entities, 10, 9).map((q) => q.text);
  if (fs.existsSync(path.join(dir, 'fieldbook.sqlite'))) return { dir, queries };
  fs.rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const { db, close } = openFieldbook(dir, { seed: false });
  for (let from = 0; from < entities.length; from += 20_000) loadEntities(db, entities.slice(from, from + 20_000));
  close();
  console.log(`  (generated a store of ${size.toLocaleString('en')} realistic names in ${Math.round(ms(started) / 1000)} s)`);
  return { dir, queries };
}

const answer = (db: ReturnType<typeof openFieldbook>['db'], query: string) =>
  (callMethod(db, 'search', { query, kinds: ['actor', 'place'], limit: 10 }) as SearchResult[]).map((r) => `${r.kind}:${r.id}:${r.score}`);

for (const size of sizes) {
  const { dir, queries } = storeOf(size);
  const file = path.join(dir, 'fieldbook.sqlite');

  // Built in slices, as the app does after opening a store without a (current) snapshot.
  let fieldbook = openFieldbook(dir, { seed: false });
  fieldbook.db.prepare('DELETE FROM name_index_snapshot').run();
  fieldbook.db.prepare('DELETE FROM name_index_parts').run();
  fieldbook.db.pragma('wal_checkpoint(TRUNCATE)');
  fieldbook.close();
  fieldbook = openFieldbook(dir, { seed: false });
  let before = heapMb();
  let started = performance.now();
  let cpu = process.cpuUsage();
  let slowest = 0;
  let state: SearchReadiness;
  do {
    const slice = performance.now();
    state = callMethod(fieldbook.db, 'search.prepare', { slices: 1 }) as SearchReadiness;
    slowest = Math.max(slowest, ms(slice));
  } while (!state.ready);
  const build = { wholeMs: ms(started), cpuMs: cpuMs(cpu), slowestSliceMs: slowest, memoryMb: Math.round(heapMb() - before) };
  const built = queries.map((q) => answer(fieldbook.db, q));

  // Saved into the store, a part per transaction.
  started = performance.now();
  cpu = process.cpuUsage();
  let parts = 0;
  let longest = 0;
  for (;;) {
    const step = performance.now();
    const { more } = callMethod(fieldbook.db, 'search.tidyIndexes', {}) as { more: boolean };
    longest = Math.max(longest, ms(step));
    if (!more) break;
    parts++;
  }
  const save = { ms: ms(started), cpuMs: cpuMs(cpu), steps: parts, longestStepMs: longest };
  fieldbook.db.close(); // close() would save again: nothing left to save, but keep the figures apart
  const fileMb = Math.round(fs.statSync(file).size / 1024 / 1024);

  // Opened again: the snapshot is loaded.
  before = heapMb();
  started = performance.now();
  cpu = process.cpuUsage();
  fieldbook = openFieldbook(dir, { seed: false });
  const openMs = ms(started);
  state = callMethod(fieldbook.db, 'search.prepare', { slices: 1 }) as SearchReadiness;
  const load = { readyMs: ms(started), openMs, cpuMs: cpuMs(cpu), ready: state.ready, memoryMb: Math.round(heapMb() - before) };
  started = performance.now();
  const loaded = queries.map((q) => answer(fieldbook.db, q));
  const queriesMs = ms(started);
  assert.deepEqual(loaded, built, 'the loaded index answers as the built one');
  fieldbook.close();

  console.log(
    `name index of ${size.toLocaleString('en')} realistic names (load average ${os1()}):\n` +
      `  built in slices: whole after ${build.wholeMs} ms (${build.cpuMs} ms of CPU, the slowest slice ${build.slowestSliceMs} ms), ${build.memoryMb} MB\n` +
      `  saved into the store: ${save.ms} ms (${save.cpuMs} ms of CPU) in ${save.steps} transactions, the longest ${save.longestStepMs} ms; store file ${fileMb} MB\n` +
      `  opened again: whole ${load.ready ? 'at once' : 'NOT at once'}, ${load.readyMs} ms after opening began (opening itself ${load.openMs} ms, ` +
      `${load.cpuMs} ms of CPU), ${load.memoryMb} MB; ${queries.length} queries answered as the built index did (${queriesMs} ms)`,
  );
}

function os1(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
