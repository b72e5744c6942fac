// How long another writer waits for the store's write lock while a large text
// is imported (issue 11: "no write waits behind another for more than about a
// second"). A second process takes the lock in a loop with a short write; its
// longest wait is the figure, over the transaction that stores the text and
// the chunk transactions that index it afterwards (db/search/source-index.ts).
// Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callMethod } from '../db/api.ts';
import { openFieldbook } from '../db/fieldbook.ts';
import type { IndexingState } from '../db/shared/search-results.ts';
import { afterChunk } from '../db/search/index-in-background.ts';

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

/** The other writer: a second process taking the write lock every 20 ms; prints its longest wait when told to stop. */
const WRITER = `
import Database from 'better-sqlite3';
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 30000');
let longest = 0, writes = 0, stop = false;
process.stdin.on('data', () => { stop = true; });
const tick = () => {
  if (stop) { console.log(JSON.stringify({ longest, writes })); process.exit(0); }
  const start = performance.now();
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('bench-write-lock', ?)").run(String(writes++));
  longest = Math.max(longest, performance.now() - start);
  setTimeout(tick, 20);
};
console.log('ready');
tick();
`;

async function measure(megabytes: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-lock-'));
  const fieldbook = openFieldbook(dir, { seed: false });
  const body = text(megabytes, megabytes + 1);
  const writer = spawn(process.execPath, ['--input-type=module', '-e', WRITER, fieldbook.file], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: process.cwd(),
  });
  let output = '';
  writer.stdout.setEncoding('utf8');
  writer.stdout.on('data', (chunk: string) => (output += chunk));
  while (!output.includes('ready')) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const start = performance.now();
  const created = callMethod(fieldbook.db, 'sources.create', { title: `${megabytes} MB`, text: body }) as { indexing: boolean };
  const stored = performance.now() - start;
  // Indexed as the app does it: a chunk per transaction, the lock left free for a while between two.
  let chunks = 0;
  let longestChunk = 0;
  for (let pending = created.indexing ? 1 : 0; pending > 0; chunks++) {
    const began = performance.now();
    pending = (callMethod(fieldbook.db, 'search.indexSources', {}) as IndexingState).pending;
    longestChunk = Math.max(longestChunk, performance.now() - began);
    await new Promise<void>((resolve) => afterChunk(resolve));
  }
  const indexed = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 200));
  writer.stdin.write('stop\n');
  await new Promise((resolve) => writer.once('exit', resolve));
  const { longest, writes } = JSON.parse(output.split('\n').find((line) => line.startsWith('{'))!) as { longest: number; writes: number };
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `${String(megabytes).padStart(3)} MB text: sources.create ${s(stored)}, indexed after ${s(indexed)} ` +
      `(${chunks} chunk transactions, the longest ${s(longestChunk)}); the other writer's longest wait ${s(longest)} over ${writes} writes`,
  );
  fieldbook.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log('write lock held while a large text is stored (another process writing every 20 ms):');
for (const megabytes of [1, 5, 20, 45]) await measure(megabytes);
