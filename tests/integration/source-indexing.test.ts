// A long source text is stored in one short transaction and indexed for
// search a chunk per transaction afterwards (issues 11 and 12: no write waits
// seconds behind an import, and searches are answered while it is indexed).
// Chunks are made tiny here, so that a text of a few kilobytes shows it all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import { checkStore } from '../../db/maintenance.ts';
import { finishIndexing, sourceIndexer } from '../../db/search/index-in-background.ts';
import { configureSourceIndexing } from '../../db/search/source-chunks.ts';
import { backupStore } from '../../db/store/backup.ts';
import type { Db } from '../../db/store/db.ts';
import { startStoreThread } from '../../server/store-thread.ts';
import { openCtiBundle } from '../fixtures/stix-bundle.ts';
import { CLI, tempDir, tempFieldbook } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';
import type { IndexingState } from '../../db/shared/search-results.ts';

const SIZES = { chunkChars: 512, inlineChars: 2048, pauseMs: 0 };
configureSourceIndexing(SIZES);

const caller =
  (db: Db) =>
  <M extends MethodName>(method: M, input: unknown) =>
    callMethod(db, method, input) as MethodResult<M>;

/** A word found in paragraph `i` only. */
const wordOf = (i: number, prefix = 'kel') =>
  `${prefix}${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i / 26) | 0))}vor`;

/** About `paragraphs` * 80 characters, each paragraph with its own word; an astral character in each, so that UTF-16 offsets and characters differ. */
function longText(paragraphs: number, prefix = 'kel'): string {
  return Array.from({ length: paragraphs }, (_, i) => `Paragraph 𝕏 ${i}: convoys near Agadez, and ${wordOf(i, prefix)} at dawn.\n\n`).join(
    '',
  );
}

const indexOne = (db: Db) => callMethod(db, 'search.indexSources', {}) as IndexingState;
const finish = (db: Db) => finishIndexing(db, () => indexOne(db));
const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
const chunksOf = (db: Db, id: number) => count(db, 'SELECT count(*) AS n FROM source_chunks WHERE source_id = ?', id);
/** Sources found by `words` as typed (a word a letter or two from it may be found as a correction: not counted). */
const found = (db: Db, words: string) =>
  (callMethod(db, 'search', { query: words, kinds: ['source'] }) as { id: number; correction?: string }[])
    .filter((hit) => hit.correction === undefined)
    .map((hit) => hit.id);

/** Nothing of source `id` is left in the index: no rows in sources_fts, no chunks, no pending marker. */
function assertNothingIndexed(db: Db, id: number): void {
  assert.equal(count(db, 'SELECT count(*) AS n FROM sources_fts WHERE rowid >= ? AND rowid < ?', id * 2 ** 20, (id + 1) * 2 ** 20), 0);
  assert.equal(chunksOf(db, id), 0);
  assert.equal(count(db, 'SELECT count(*) AS n FROM source_indexing WHERE source_id = ?', id), 0);
}

describe('a long source text is indexed in chunks after it is stored', () => {
  test('the source is listed at once, found chunk by chunk, and in the end everywhere in its text, each hit marking the passage', () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const text = longText(120);
    const source = call('sources.create', { title: 'A long field report', text });
    assert.equal(source.indexing, true);
    assert.equal(source.length, [...text].length, 'its length in characters');
    assert.ok(call('sources.list', {}).some((s) => s.id === source.id && s.indexing));
    assert.deepEqual(found(db, wordOf(0)), [], 'nothing of its text is indexed yet');

    const first = indexOne(db);
    assert.equal(first.pending, 1);
    assert.equal(chunksOf(db, source.id), 1, 'one chunk per call');
    assert.deepEqual(found(db, wordOf(0)), [source.id], 'found by a word of its first chunk');
    assert.deepEqual(found(db, wordOf(119)), [], 'not yet by a word of its last');

    let calls = 1;
    for (let state = first; state.pending > 0; calls++) state = indexOne(db);
    const chunks = chunksOf(db, source.id);
    assert.ok(chunks > 10, `${chunks} chunks`);
    assert.equal(calls, chunks, 'one transaction per chunk');
    assert.equal(call('sources.get', { id: source.id }).indexing, false);

    for (const i of [0, 57, 119]) {
      const [hit] = callMethod(db, 'search', { query: wordOf(i), kinds: ['source'] }) as { id: number; snippet: string }[];
      assert.equal(hit?.id, source.id, `found by the word of paragraph ${i}`);
      assert.match(hit.snippet, new RegExp(`<mark>${wordOf(i)}</mark>`), 'the snippet shows the passage that matched');
    }
    // The chunks cover the text exactly, in characters as substr() counts them (the astral ones included).
    const pieces = db
      .prepare(
        'SELECT substr(s.body, c.start + 1, c.length) AS piece FROM source_chunks c JOIN sources s ON s.id = c.source_id ORDER BY c.chunk',
      )
      .all() as { piece: string }[];
    assert.equal(pieces.map((p) => p.piece).join(''), text);
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
  });

  test('a text up to the inline size is indexed in the transaction that stores it', () => {
    const { db } = tempFieldbook({ seed: false });
    const text = longText(20);
    assert.ok(text.length <= SIZES.inlineChars && text.length > SIZES.chunkChars);
    const source = caller(db)('sources.create', { title: 'Short', text });
    assert.equal(source.indexing, false);
    assert.ok(chunksOf(db, source.id) > 1, 'in chunks all the same');
    assert.deepEqual(found(db, wordOf(19)), [source.id]);
  });

  test('indexing resumes where it stood after the store was closed half-way', async () => {
    const dir = tempDir();
    const first = openFieldbook(dir, { seed: false });
    const source = caller(first.db)('sources.create', { title: 'Resumed', text: longText(100) });
    for (let i = 0; i < 3; i++) indexOne(first.db);
    first.close();

    const again = openFieldbook(dir, { seed: false });
    try {
      const { db } = again;
      assert.equal(caller(db)('sources.get', { id: source.id }).indexing, true, 'still marked after reopening');
      assert.equal(chunksOf(db, source.id), 3, 'the chunks indexed before closing are kept');
      assert.deepEqual(found(db, wordOf(0)), [source.id]);
      await finish(db);
      assert.equal(caller(db)('sources.get', { id: source.id }).indexing, false);
      assert.deepEqual(found(db, wordOf(99)), [source.id]);
      assert.deepEqual(checkStore(db), { ok: true, problems: [] });
    } finally {
      again.close();
    }
  });

  test('a store that cannot be written searches what is indexed and refuses to index more', async () => {
    const { db } = tempFieldbook({ seed: false });
    const source = caller(db)('sources.create', { title: 'Half', text: longText(100) });
    indexOne(db);
    // A read-only connection: what a store on a read-only disk is opened with.
    const ro = new Database(db.name, { readonly: true });
    try {
      assert.deepEqual(found(ro, wordOf(0)), [source.id]);
      assert.deepEqual(found(ro, wordOf(99)), []);
      assert.throws(
        () => indexOne(ro),
        (error) => error instanceof ApiError && error.code === 'read_only',
      );
      await finish(ro); // does nothing, and does not throw
    } finally {
      ro.close();
    }
  });
});

describe('changes while a text is being indexed', () => {
  test('moving it to the trash and purging it leaves nothing: no index rows, no words, no trace in the file', async () => {
    const dir = tempDir();
    const fieldbook = openFieldbook(dir, { seed: false });
    const { db } = fieldbook;
    const call = caller(db);
    call('sources.create', { title: 'Stays', text: 'An ordinary source that stays, about convoys.' });
    const text = longText(100, 'zorblat');
    const source = call('sources.create', { title: 'Purged report', text });
    for (let i = 0; i < 4; i++) indexOne(db);
    db.pragma('wal_checkpoint(TRUNCATE)'); // its words are in the main file now, not only in the WAL
    assert.deepEqual(found(db, wordOf(0, 'zorblat')), [source.id]);

    call('sources.delete', { id: source.id });
    assertNothingIndexed(db, source.id);
    assert.equal(indexOne(db).pending, 0, 'nothing left to index');
    call('trash.purge', { kind: 'source', id: source.id });
    assertNothingIndexed(db, source.id);
    // A long text's words are forgotten after the purge, by a sweep of the vocabulary (vocabulary-sweep.test.ts).
    assert.equal(count(db, "SELECT count(*) AS n FROM meta WHERE key = 'vocabulary_sweep'"), 1, 'the sweep is due');
    await finish(db);
    assert.equal(count(db, "SELECT count(*) AS n FROM search_terms WHERE term LIKE 'zorblat%'"), 0, 'its words are forgotten');
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
    fieldbook.close();
    for (const name of fs.readdirSync(dir)) {
      const bytes = fs.readFileSync(path.join(dir, name));
      for (const i of [0, 1, 50, 99])
        assert.equal(bytes.includes(wordOf(i, 'zorblat')), false, `${name} still holds ${wordOf(i, 'zorblat')}`);
    }
  });

  test('purging a text of thousands of words forgets those no other text holds, and keeps the others', async () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const own = Array.from({ length: 3000 }, (_, i) => `solo${i.toString(36)}word`);
    const shared = Array.from({ length: 50 }, (_, i) => `both${i.toString(36)}word`);
    call('sources.create', { title: 'Keeper', text: `Shared words: ${shared.join(' ')}.` });
    const purged = call('sources.create', { title: 'Gone', text: `${own.join(' ')}\n\n${shared.join(' ')}` });
    await finish(db);
    const known = (word: string) => count(db, 'SELECT count(*) AS n FROM search_terms WHERE term = ?', word) === 1;
    const trigrams = (word: string) => count(db, 'SELECT count(*) AS n FROM search_terms_trigram WHERE term = ?', word);
    assert.ok(known(own[0]!) && known(own[2999]!));
    call('sources.delete', { id: purged.id });
    call('trash.purge', { kind: 'source', id: purged.id });
    await finish(db); // a long text's words: by the sweep after the purge
    for (const word of [own[0]!, own[1500]!, own[2999]!]) {
      assert.equal(known(word), false, `${word} is forgotten`);
      assert.equal(trigrams(word), 0, `${word} is gone from the trigram index`);
    }
    for (const word of [shared[0]!, shared[49]!]) {
      assert.equal(known(word), true, `${word} stays: another source holds it`);
      assert.equal(trigrams(word), 1);
    }
    assert.deepEqual(found(db, shared[0]!), [call('sources.list', {})[0]!.id]);
  });

  test('restored from the trash, it is indexed again', async () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const source = call('sources.create', { title: 'Back again', text: longText(100) });
    indexOne(db);
    call('sources.delete', { id: source.id });
    call('trash.restore', { kind: 'source', id: source.id });
    assert.equal(call('sources.get', { id: source.id }).indexing, true);
    await finish(db);
    assert.deepEqual(found(db, wordOf(99)), [source.id]);
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
  });

  test('undoing the import that brought it leaves nothing of it in the index', () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const bundle = openCtiBundle();
    const report = bundle.objects.find((o) => o.type === 'report')!;
    Object.assign(report, { description: longText(100, 'quelbrin') });
    const { importId } = call('exchange.stix.import', { fileName: 'feed.json', content: JSON.stringify(bundle) });
    const source = call('sources.list', {}).find((s) => s.title === 'Northern Mali, January brief')!;
    assert.equal(source.indexing, true);
    indexOne(db);
    assert.deepEqual(found(db, wordOf(0, 'quelbrin')), [source.id]);
    call('exchange.undoImport', { id: importId! });
    assertNothingIndexed(db, source.id);
    assert.deepEqual(found(db, wordOf(0, 'quelbrin')), []);
    assert.equal(indexOne(db).pending, 0);
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
  });

  test('a corrected text replaces the one being indexed; a new title re-indexes it', async () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const source = call('sources.create', { title: 'Draft', text: longText(100, 'oldword') });
    indexOne(db);
    call('sources.updateText', { id: source.id, text: longText(100, 'newword') });
    await finish(db);
    assert.deepEqual(found(db, wordOf(0, 'oldword')), []);
    assert.deepEqual(found(db, wordOf(99, 'newword')), [source.id]);

    call('sources.update', { id: source.id, reliability: 'B' });
    assert.equal(call('sources.get', { id: source.id }).indexing, false, 'a change that is not in the index leaves it be');
    call('sources.update', { id: source.id, title: 'Final version' });
    assert.equal(call('sources.get', { id: source.id }).indexing, true);
    await finish(db);
    assert.deepEqual(found(db, 'final version'), [source.id]);
    assert.deepEqual(found(db, 'draft'), []);
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
  });

  test('a backup and a case file taken half-way are complete: the copy indexes the rest', async () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const source = call('sources.create', { title: 'Copied', text: longText(100) });
    indexOne(db);

    const backupDir = tempDir();
    backupStore(db, path.join(backupDir, 'fieldbook.sqlite'));
    const restored = openFieldbook(backupDir, { seed: false });
    try {
      assert.equal(caller(restored.db)('sources.get', { id: source.id }).indexing, true);
      await finish(restored.db);
      assert.deepEqual(found(restored.db, wordOf(99)), [source.id]);
    } finally {
      restored.close();
    }

    const content = JSON.stringify(call('exchange.case.export', {}));
    const target = tempFieldbook({ seed: false });
    caller(target.db)('exchange.case.import', { content });
    const copy = caller(target.db)('sources.get', { id: source.id });
    assert.equal(copy.text, call('sources.get', { id: source.id }).text);
    assert.equal(copy.length, source.length);
    await finish(target.db);
    assert.deepEqual(found(target.db, wordOf(99)), [source.id]);
  });
});

describe('who indexes', () => {
  test('the background indexer takes one chunk per turn of the event loop: calls in between are answered between two chunks', async () => {
    const { db } = tempFieldbook({ seed: false });
    caller(db)('sources.create', { title: 'Interleaved', text: longText(100) });
    const order: string[] = [];
    const indexer = sourceIndexer(
      () => db,
      () => {
        order.push('chunk');
        return indexOne(db);
      },
      (error) => assert.fail(error),
    );
    indexer.wake();
    indexer.wake(); // a second wake while it runs starts nothing more
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      callMethod(db, 'search', { query: 'convoys' });
      order.push('search');
    }
    assert.deepEqual(order, ['chunk', 'search', 'chunk', 'search', 'chunk', 'search']);
    while (caller(db)('sources.list', {})[0]!.indexing) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(found(db, wordOf(99)), [caller(db)('sources.list', {})[0]!.id]);
  });

  test('the store service answers a search between two chunks, and indexes the rest by itself', async () => {
    const store = await startStoreThread({ dataDir: path.join(tempDir(), 'data'), indexing: SIZES }, () => undefined);
    try {
      const text = longText(200);
      // Sent together: the search and the state reach the service while the text is still being indexed.
      const [source, hits, state] = await Promise.all([
        store.call('sources.create', { title: 'Served meanwhile', text }) as Promise<{ id: number }>,
        store.call('search', { query: wordOf(199), kinds: ['source'] }) as Promise<{ correction?: string }[]>,
        store.call('sources.list', {}) as Promise<{ title: string; indexing: boolean }[]>,
      ]);
      assert.deepEqual(
        hits.filter((hit) => hit.correction === undefined),
        [],
        'the search was answered before the last chunk was indexed',
      );
      assert.equal(state.find((s) => s.title === 'Served meanwhile')?.indexing, true);
      let indexing = true;
      while (indexing) indexing = ((await store.call('sources.get', { id: source.id })) as { indexing: boolean }).indexing;
      const found = (await store.call('search', { query: wordOf(199), kinds: ['source'] })) as { id: number }[];
      assert.deepEqual(
        found.map((hit) => hit.id),
        [source.id],
      );
    } finally {
      await store.close();
    }
  });

  test('the app imports a file in a worker with its own connection: stored, indexed there, resumed after a close half-way', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const contentBase64 = Buffer.from(`# Worker report\n\n${longText(400)}`).toString('base64');
    const first = await startStoreThread({ dataDir, indexing: SIZES }, () => undefined);
    let id: number;
    try {
      const source = (await first.call('sources.import', { fileName: 'report.md', contentBase64 })) as { id: number; title: string };
      assert.equal(source.title, 'Worker report');
      id = source.id;
      await assert.rejects(
        first.call('sources.import', { fileName: 'again.md', contentBase64 }),
        (error) => error instanceof ApiError && error.code === 'conflict' && /already stored as source/.test(error.message),
        'what the worker refuses reaches the caller as the same ApiError',
      );
    } finally {
      await first.close(); // the worker stops after its chunk: what is left stays marked
    }
    const again = await startStoreThread({ dataDir, indexing: SIZES }, () => undefined);
    try {
      while (((await again.call('sources.get', { id })) as { indexing: boolean }).indexing);
      const hits = (await again.call('search', { query: wordOf(399), kinds: ['source'] })) as { id: number; correction?: string }[];
      assert.deepEqual(
        hits.filter((hit) => hit.correction === undefined).map((hit) => hit.id),
        [id],
      );
    } finally {
      await again.close();
    }
    const fieldbook = openFieldbook(dataDir);
    try {
      assert.deepEqual(checkStore(fieldbook.db), { ok: true, problems: [] });
    } finally {
      fieldbook.close();
    }
  });

  test('the CLI indexes what it imported before it exits', () => {
    const dir = tempDir();
    const file = path.join(tempDir(), 'long.txt');
    fs.writeFileSync(file, longText(30_000)); // more than the CLI's own inline size (1 MB)
    const run = spawnSync(process.execPath, [CLI, 'import', file, '--data', dir], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(run.status, 0, run.stderr);
    const fieldbook = openFieldbook(dir, { seed: false });
    try {
      const [source] = caller(fieldbook.db)('sources.list', {}).filter((s) => s.title !== '' && s.length > 1_000_000);
      assert.equal(source?.indexing, false);
      assert.equal(count(fieldbook.db, 'SELECT count(*) AS n FROM source_indexing'), 0);
      assert.deepEqual(found(fieldbook.db, wordOf(29_999 % 676)), [source!.id]);
    } finally {
      fieldbook.close();
    }
  });
});
