// How long another writer waits for the store's write lock while a large text
// is imported, changed, trashed, restored, purged, carried in a case file and
// taken back with its import (issue 11: "no write waits behind another for
// more than about a second"). A second process takes the lock in a loop with a
// short write; its longest wait is the figure, over the operation's own
// transaction and the background transactions that finish its work
// afterwards (db/search/source-index.ts, db/search/vocabulary-sweep.ts), driven
// as the app drives them: one per call to search.indexSources, with a pause
// between two. Prints figures; asserts nothing. BENCH_SIZES (MB, comma
// separated) changes the import sizes; BENCH_OPS_MB the size for the other
// operations (0 leaves them out).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callMethod } from '../db/api.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import type { IndexingState } from '../db/shared/search-results.ts';
import { afterChunk } from '../db/search/index-in-background.ts';
import { scrubPurged } from '../db/store/scrub.ts';
import type { Db } from '../db/store/db.ts';

const WORDS = ['convoy', 'Agadez', 'militia', 'border', 'checkpoint', 'gold', 'mine', 'Niamey', 'report', 'attack', 'Gao', 'Kidal'];

function text(megabytes: number, salt: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < megabytes * 1024 * 1024; i++) {
    const words = Array.from(
      { length: 60 },
      (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length] + (k % 13 === 0 ? String((i * salt) % 9973) : ''),
    );
    const paragraph = `Paragraph ${i}: ${words.join(' ')}.\n\n`;
    parts.push(paragraph);
    length += paragraph.length;
  }
  return parts.join('');
}

/**
 * The other writer: a second process taking the write lock every 20 ms; on
 * each line it reads, prints its longest wait for the lock since the last
 * (BEGIN IMMEDIATE until it returns) and its longest whole write (with its
 * commit), and starts again. It checkpoints the WAL as a Fieldbook connection
 * does (at 20,000 pages, not SQLite's 1,000). A whole write can be longer than
 * the wait: a commit that crosses that threshold copies the WAL into the
 * store file, whoever wrote it.
 */
const WRITER = `
import Database from 'better-sqlite3';
import readline from 'node:readline';
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 30000');
db.pragma('wal_autocheckpoint = 20000');
const write = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('bench-write-lock', ?)");
let longest = 0, whole = 0, writes = 0, stop = false;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  console.log(JSON.stringify({ longest, whole, writes }));
  longest = 0; whole = 0; writes = 0;
  if (line === 'stop') stop = true;
});
const tick = () => {
  if (stop) process.exit(0);
  const start = performance.now();
  db.exec('BEGIN IMMEDIATE');
  longest = Math.max(longest, performance.now() - start);
  write.run(String(writes++));
  db.exec('COMMIT');
  whole = Math.max(whole, performance.now() - start);
  setTimeout(tick, 20);
};
console.log('ready');
tick();
`;

interface Lap {
  longest: number;
  whole: number;
  writes: number;
}

interface Writer {
  /** The longest wait and the number of writes since the last call. */
  lap(): Promise<Lap>;
  stop(): Promise<void>;
}

async function otherWriter(file: string): Promise<Writer> {
  const writer = spawn(process.execPath, ['--input-type=module', '-e', WRITER, file], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: process.cwd(),
  });
  const exited = new Promise((resolve) => writer.once('exit', resolve));
  const lines: string[] = [];
  let partial = '';
  writer.stdout.setEncoding('utf8');
  writer.stdout.on('data', (chunk: string) => {
    partial += chunk;
    const done = partial.split('\n');
    partial = done.pop()!;
    lines.push(...done);
  });
  const nextLine = async () => {
    while (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    return lines.shift()!;
  };
  await nextLine(); // ready
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    async lap() {
      writer.stdin.write('lap\n');
      return JSON.parse(await nextLine()) as Lap;
    },
    async stop() {
      writer.stdin.write('stop\n');
      await nextLine();
      await exited;
    },
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Drives the work left after a command as the app does (a transaction per call, the lock left free between two); returns how many and the longest. */
async function drain(db: Db): Promise<{ steps: number; longest: number }> {
  let steps = 0;
  let longest = 0;
  for (;;) {
    const began = performance.now();
    const { pending } = callMethod(db, 'search.indexSources', {}) as IndexingState;
    longest = Math.max(longest, performance.now() - began);
    steps++;
    if (pending === 0) return { steps, longest };
    await new Promise<void>((resolve) => afterChunk(resolve));
  }
}

async function measureImport(megabytes: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-lock-'));
  const fieldbook = openFieldbook(dir, { seed: false });
  const body = text(megabytes, megabytes + 1);
  const writer = await otherWriter(fieldbook.file);
  const start = performance.now();
  callMethod(fieldbook.db, 'sources.create', { title: `${megabytes} MB`, text: body });
  const stored = performance.now() - start;
  const { steps, longest: longestChunk } = await drain(fieldbook.db);
  const indexed = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const { longest, whole, writes } = await writer.lap();
  await writer.stop();
  console.log(
    `${String(megabytes).padStart(3)} MB text: sources.create ${s(stored)}, indexed after ${s(indexed)} ` +
      `(${steps} chunk transactions, the longest ${s(longestChunk)}); the other writer's longest wait ${s(longest)} ` +
      `(whole write ${s(whole)}) over ${writes} writes`,
  );
  fieldbook.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** One operation on a store holding a long source, with the other writer writing: its own transaction, then the work left after it. */
async function operation(db: Db, writer: Writer, name: string, run: () => unknown): Promise<void> {
  await writer.lap();
  const start = performance.now();
  run();
  const own = performance.now() - start;
  const { steps, longest: longestStep } = await drain(db);
  const done = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const { longest, whole, writes } = await writer.lap();
  console.log(
    `  ${name.padEnd(34)} own transaction ${s(own)}, done after ${s(done)} (${steps} background transactions, ` +
      `the longest ${s(longestStep)}); the other writer's longest wait ${s(longest)} (whole write ${s(whole)}) over ${writes} writes`,
  );
}

async function measureOperations(megabytes: number): Promise<void> {
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-lock-')));
  const fieldbook = openFieldbook(dirs[0]!, { seed: false });
  const { db } = fieldbook;
  const first = text(megabytes, 3);
  const second = text(megabytes, 5);
  const { id } = callMethod(db, 'sources.create', { title: 'Long source', text: first }) as { id: number };
  await drain(db);
  const writer = await otherWriter(fieldbook.file);
  console.log(`on a ${megabytes} MB source (another process writing every 20 ms):`);
  await operation(db, writer, 'sources.updateText', () => callMethod(db, 'sources.updateText', { id, text: second }));
  await operation(db, writer, 'sources.delete (to the trash)', () => callMethod(db, 'sources.delete', { id }));
  await operation(db, writer, 'trash.restore', () => callMethod(db, 'trash.restore', { kind: 'source', id }));
  const caseFile = JSON.stringify(callMethod(db, 'exchange.case.export', { scope: { kind: 'everything' } }));
  callMethod(db, 'sources.delete', { id });
  await drain(db);
  await operation(db, writer, 'trash.purge', () => callMethod(db, 'trash.purge', { kind: 'source', id }));
  await operation(db, writer, 'scrub after the purge', () => scrubPurged(db));
  await writer.stop();
  fieldbook.close();

  const restored = openFieldbook(dirs[1]!, { seed: false });
  const other = await otherWriter(restored.file);
  let importId = 0;
  await operation(restored.db, other, 'exchange.case.import', () => {
    importId = (callMethod(restored.db, 'exchange.case.import', { content: caseFile, fileName: 'case.json' }) as { importId: number })
      .importId;
  });
  await operation(restored.db, other, 'exchange.undoImport', () => callMethod(restored.db, 'exchange.undoImport', { id: importId }));
  await operation(restored.db, other, 'scrub after the undo', () => scrubPurged(restored.db));
  await other.stop();
  restored.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}

const sizes = (process.env['BENCH_SIZES'] ?? '1,5,20,45').split(',').filter(Boolean).map(Number);
const opsMegabytes = Number(process.env['BENCH_OPS_MB'] ?? 45);
console.log('write lock held while a large text is stored (another process writing every 20 ms):');
for (const megabytes of sizes) await measureImport(megabytes);
if (opsMegabytes > 0) await measureOperations(opsMegabytes);
