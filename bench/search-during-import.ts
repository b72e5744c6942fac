// Search latency while a large file is imported (issue 12): the store runs in
// its own thread (server/store-service.ts) as under `fieldbook serve`; the file
// (50 MB of Markdown by default, IMPORT_MB to change it) goes to it as the
// bytes of its base64, handed over without a copy (db/import/import-payload.ts),
// and on to an import worker with its own connection
// (db/import/import-in-worker.ts), which reads it in the import sandbox, stores
// it in one transaction and indexes it a chunk per transaction. A search is
// sent every 50 ms throughout, until the text is indexed; prints their
// latencies and the load average. Asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStoreThread } from '../server/store-thread.ts';
import { timing } from './common.ts';
import { MAX_IMPORT_BYTES } from '../db/shared/import-document.ts';

const MEGABYTES = Number(process.env['IMPORT_MB'] ?? 50);
const WORDS = ['convoy', 'Agadez', 'militia', 'border', 'checkpoint', 'gold', 'mine', 'Niamey', 'report', 'attack', 'Gao', 'Kidal'];

/** About `megabytes` of Markdown, never more than an import takes (50 MB). */
function markdown(megabytes: number): string {
  const parts: string[] = ['# A long field report\n\n'];
  let length = parts[0]!.length;
  const size = Math.min(megabytes * 1024 * 1024, MAX_IMPORT_BYTES);
  for (let i = 0; ; i++) {
    const words = Array.from({ length: 60 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length] + (k % 13 === 0 ? String(i % 9973) : ''));
    const paragraph = `Paragraph ${i}: ${words.join(' ')}.\n\n`;
    if (length + paragraph.length > size) break;
    parts.push(paragraph);
    length += paragraph.length;
  }
  return parts.join('');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-import-'));
const store = await startStoreThread({ dataDir: dir }, () => undefined);
const search = async () => {
  const start = performance.now();
  await store.call('search', { query: 'haftar' });
  return performance.now() - start;
};
for (let i = 0; i < 20; i++) await search(); // warm

const idle: number[] = [];
for (let i = 0; i < 40; i++) idle.push(await search());

const contentBase64 = Buffer.from(markdown(MEGABYTES)).toString('base64');
const during: number[] = [];
const indexing: number[] = [];
let importing = true;
const started = performance.now();
const imported = store.call('sources.import', { fileName: 'long.md', contentBase64 }).finally(() => (importing = false));
while (importing) {
  during.push(await search());
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await imported;
const importSeconds = (performance.now() - started) / 1000;
const stillIndexing = async () => ((await store.call('sources.list', {})) as { indexing: boolean }[]).some((s) => s.indexing);
while (await stillIndexing()) {
  indexing.push(await search());
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const indexedSeconds = (performance.now() - started) / 1000;
await store.close();
fs.rmSync(dir, { recursive: true, force: true });

const show = (label: string, samples: number[]) => {
  const t = timing(samples);
  console.log(`${label.padEnd(28)} ${String(samples.length).padStart(4)} searches  p50 ${t.p50} ms  p95 ${t.p95} ms  max ${t.max} ms`);
};
console.log(
  `search latency, store in its own thread; a ${MEGABYTES} MB Markdown import returned after ${importSeconds.toFixed(1)} s, ` +
    `its text was indexed after ${indexedSeconds.toFixed(1)} s; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
show('idle', idle);
show('while it is read and stored', during);
show('while its text is indexed', indexing);
show('all of the import', [...during, ...indexing]);
