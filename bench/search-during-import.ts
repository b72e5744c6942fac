// Search latency while a large file is imported (issue 12): the store runs in
// its own thread (server/store-service.ts) as under `fieldbook serve`; the file
// (50 MB of Markdown by default, IMPORT_MB to change it) goes to it as the
// bytes of its base64, handed over without a copy (db/import/import-payload.ts),
// and on to an import worker with its own connection
// (db/import/import-in-worker.ts), which reads it in the import sandbox, stores
// it in one transaction and indexes it a chunk per transaction. A search is
// sent every 50 ms throughout, until the text is indexed; prints their
// latencies and the load average. Asserts nothing. IMPORT_VIA=http sends the
// import and the searches over the loopback HTTP server of `serve` instead,
// from a worker thread standing for the browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { importRequestBlob } from '../db/shared/import-request.ts';
import type { ApiCaller } from '../db/api.ts';
import { startLoopbackServer } from '../server/loopback.ts';
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

interface Samples {
  idle: number[];
  during: number[];
  indexing: number[];
  importSeconds: number;
  indexedSeconds: number;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Searches idle, then while the file is imported through `api`, then until its text is indexed. */
async function measure(api: ApiCaller): Promise<Samples> {
  const search = async () => {
    const start = performance.now();
    await api.call('search', { query: 'haftar' });
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
  const imported = api.call('sources.import', { fileName: 'long.md', contentBase64 }).finally(() => (importing = false));
  while (importing) {
    during.push(await search());
    await pause();
  }
  await imported;
  const importSeconds = (performance.now() - started) / 1000;
  const stillIndexing = async () => ((await api.call('sources.list', {})) as { indexing: boolean }[]).some((s) => s.indexing);
  while (await stillIndexing()) {
    indexing.push(await search());
    await pause();
  }
  return { idle, during, indexing, importSeconds, indexedSeconds: (performance.now() - started) / 1000 };
}

/** The API over HTTP, as the browser calls it (any refused or failed request throws). */
function overHttp(origin: string, token: string): ApiCaller {
  return {
    async call(method, input) {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        // As the window sends it (renderer/core/api.ts): an import's base64 spliced in, a piece at a time.
        body:
          method === 'sources.import'
            ? await importRequestBlob(input as { contentBase64: string }, () => new Promise((resolve) => setImmediate(resolve)))
            : JSON.stringify(input),
      });
      const reply = (await response.json()) as { result?: unknown; error?: { message: string } };
      if (!response.ok || reply.error) throw new Error(`${method}: HTTP ${response.status} ${reply.error?.message ?? ''}`);
      return reply.result;
    },
  };
}

async function main(): Promise<void> {
  const viaHttp = process.env['IMPORT_VIA'] === 'http';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-import-'));
  const store = await startStoreThread({ dataDir: path.join(dir, 'data') }, () => undefined);
  let samples: Samples;
  if (viaHttp) {
    fs.mkdirSync(path.join(dir, 'renderer'));
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Fieldbook</title>');
    const server = await startLoopbackServer({ api: store, staticDir: path.join(dir, 'renderer') });
    const client = new Worker(new URL(import.meta.url), { workerData: { origin: server.origin, token: server.token } });
    samples = await new Promise<Samples>((resolve, reject) => {
      client.once('message', resolve);
      client.once('error', reject);
    });
    await client.terminate();
    await server.close();
  } else {
    samples = await measure(store);
  }
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const show = (label: string, values: number[]) => {
    const t = timing(values);
    console.log(`${label.padEnd(28)} ${String(values.length).padStart(4)} searches  p50 ${t.p50} ms  p95 ${t.p95} ms  max ${t.max} ms`);
  };
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `search latency, store in its own thread${viaHttp ? ', over HTTP' : ''}; a ${MEGABYTES} MB Markdown import returned after ` +
      `${samples.importSeconds.toFixed(1)} s, its text was indexed after ${samples.indexedSeconds.toFixed(1)} s; load average ${load}`,
  );
  show('idle', samples.idle);
  show('while it is read and stored', samples.during);
  show('while its text is indexed', samples.indexing);
  show('all of the import', [...samples.during, ...samples.indexing]);
}

if (isMainThread) await main();
else {
  const { origin, token } = workerData as { origin: string; token: string };
  parentPort!.postMessage(await measure(overHttp(origin, token)));
}
