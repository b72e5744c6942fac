// Changes to a long source keep the write lock briefly (issue 11: no write
// waits behind another for more than about a second): purging it, or undoing
// the import that brought it, deletes it in one short transaction and leaves
// forgetting its words to a sweep of the vocabulary, a batch of words per
// transaction afterwards (db/search/vocabulary-sweep.ts). Its text is never
// found in between, the sweep resumes after the process is killed half-way,
// and nothing of the text is left in the file in the end. Sizes are made tiny
// (tests/fixtures/long-source-text.ts), so that a few kilobytes show it all.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import { checkStore } from '../../db/maintenance.ts';
import { finishIndexing } from '../../db/search/index-in-background.ts';
import { configureSourceIndexing, SOURCE_INDEXING } from '../../db/search/source-chunks.ts';
import { SWEEP_BATCH } from '../../db/search/vocabulary-sweep.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';
import type { IndexingState } from '../../db/shared/search-results.ts';
import type { Db } from '../../db/store/db.ts';
import { longText, SMALL_SIZES, SWEEP_WORDS, wordOf } from '../fixtures/long-source-text.ts';
import { openCtiBundle } from '../fixtures/stix-bundle.ts';
import { ROOT, tempDir, tempFieldbook } from '../helpers.ts';

const defaults = { ...SOURCE_INDEXING };
const defaultBatch = SWEEP_BATCH.words;
configureSourceIndexing(SMALL_SIZES);
SWEEP_BATCH.words = SWEEP_WORDS;
after(() => {
  configureSourceIndexing(defaults);
  SWEEP_BATCH.words = defaultBatch;
});

const caller =
  (db: Db) =>
  <M extends MethodName>(method: M, input: unknown) =>
    callMethod(db, method, input) as MethodResult<M>;
const step = (db: Db) => callMethod(db, 'search.indexSources', {}) as IndexingState;
const finish = (db: Db) => finishIndexing(db, () => step(db));
const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
const known = (db: Db, word: string) => count(db, 'SELECT count(*) AS n FROM search_terms WHERE term = ?', word) === 1;
const sweepDue = (db: Db) => count(db, "SELECT count(*) AS n FROM meta WHERE key = 'vocabulary_sweep'") === 1;
/** Sources found by `word` as typed (a correction to another word is not counted). */
const found = (db: Db, word: string) =>
  (callMethod(db, 'search', { query: word, kinds: ['source'] }) as { id: number; correction?: string }[])
    .filter((hit) => hit.correction === undefined)
    .map((hit) => hit.id);

/** Steps until the sweep is done, each asserted to find nothing of `gone`; returns how many. */
function sweepWatching(db: Db, gone: string[]): number {
  let steps = 0;
  while (sweepDue(db)) {
    step(db);
    steps++;
    for (const word of gone) assert.deepEqual(found(db, word), [], `${word} is not found after sweep step ${steps}`);
  }
  return steps;
}

function assertNoTrace(dir: string, words: string[]): void {
  for (const name of fs.readdirSync(dir)) {
    const bytes = fs.readFileSync(path.join(dir, name));
    for (const word of words) assert.equal(bytes.includes(word), false, `${name} still holds ${word}`);
  }
}

describe('purging a long source', () => {
  test('deletes it at once, forgets its words in a sweep of many short transactions, and leaves no trace', async () => {
    const dir = tempDir();
    const fieldbook = openFieldbook(dir, { seed: false });
    const { db } = fieldbook;
    const call = caller(db);
    const keeper = call('sources.create', { title: 'Keeper', text: longText(30, 'zzboth') });
    const purged = call('sources.create', { title: 'Purged', text: `${longText(100, 'zzgone')}${longText(30, 'zzboth')}` });
    await finish(db);
    const gone = [0, 50, 99].map((i) => wordOf(i, 'zzgone'));
    assert.deepEqual(found(db, gone[0]!), [purged.id]);
    call('sources.delete', { id: purged.id });
    db.pragma('wal_checkpoint(TRUNCATE)'); // its words are in the main file now, not only in the WAL

    call('trash.purge', { kind: 'source', id: purged.id });
    assert.throws(() => call('sources.get', { id: purged.id }), /no source/);
    assert.deepEqual(call('trash.list', {}), []);
    assert.ok(sweepDue(db), 'the sweep is marked in the purge transaction');
    assert.ok(known(db, gone[0]!), 'its words are not forgotten in the purge transaction');
    const vocabulary = count(db, 'SELECT count(*) AS n FROM search_terms');

    const steps = sweepWatching(db, gone);
    assert.equal(steps, Math.floor(vocabulary / SWEEP_WORDS) + 1, `one transaction per ${SWEEP_WORDS} words of the vocabulary`);
    for (const word of gone) assert.equal(known(db, word), false, `${word} is forgotten`);
    assert.equal(count(db, "SELECT count(*) AS n FROM search_terms_trigram WHERE term LIKE 'zzgone%'"), 0);
    for (const i of [0, 29]) assert.ok(known(db, wordOf(i, 'zzboth')), 'a word another source holds stays');
    assert.deepEqual(found(db, wordOf(0, 'zzboth')), [keeper.id]);
    assert.equal(step(db).pending, 0);
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
    fieldbook.close();
    assertNoTrace(dir, gone);
  });

  test('emptying the trash leaves the words of a long source to the sweep too; a case file does not carry the sweep', async () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const source = call('sources.create', { title: 'Emptied', text: longText(100, 'zzempty') });
    await finish(db);
    call('sources.delete', { id: source.id });
    assert.deepEqual(call('trash.empty', {}), { purged: 1 });
    assert.ok(sweepDue(db));
    const meta = call('exchange.case.export', { scope: { kind: 'everything' } }).tables.meta.map((row) => row.key);
    assert.equal(meta.includes('vocabulary_sweep'), false, 'the sweep belongs to this file, not to the case');
    sweepWatching(db, [wordOf(0, 'zzempty')]);
    assert.equal(known(db, wordOf(0, 'zzempty')), false);
  });

  test('the sweep forgets the words of a note in the trash too; restored, the note brings them back', async () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const note = call('notes.create', {
      title: 'Trashed meanwhile',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'zznoteword' }] }] },
    });
    call('notes.delete', { id: note.id });
    const source = call('sources.create', { title: 'Purged', text: longText(100, 'zzgone') });
    await finish(db);
    call('sources.delete', { id: source.id });
    call('trash.purge', { kind: 'source', id: source.id });
    await finish(db);
    assert.equal(known(db, 'zznoteword'), false, 'no live text held it');
    call('trash.restore', { kind: 'note', id: note.id });
    assert.ok(known(db, 'zznoteword'));
  });

  test('a short source is still purged with its words in one transaction', () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const source = call('sources.create', { title: 'Short', text: 'A short note on zzshortword near Gao.' });
    call('sources.delete', { id: source.id });
    call('trash.purge', { kind: 'source', id: source.id });
    assert.equal(sweepDue(db), false);
    assert.equal(known(db, 'zzshortword'), false);
  });

  test('killed half-way through the sweep, the next opening resumes it: nothing is left', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [path.join(ROOT, 'tests/fixtures/purge-long-source-then-wait.ts'), dir, '1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    for await (const chunk of child.stdout) {
      output += chunk;
      if (output.includes('\n')) break;
    }
    assert.match(output, /^swept \d+$/m, `the child reported the purge, got ${JSON.stringify(output)}`);
    child.kill('SIGKILL');
    const [, signal] = await once(child, 'exit');
    assert.equal(signal, 'SIGKILL');

    const fieldbook = openFieldbook(dir, { seed: false });
    const { db } = fieldbook;
    const gone = [0, 50, 99].map((i) => wordOf(i, 'zzgone'));
    assert.ok(sweepDue(db), 'the sweep is still due after the kill');
    assert.ok(known(db, gone[0]!), 'it had not reached these words');
    assert.equal(step(db).pending > 0, true, 'a step reports the work left');
    await finish(db);
    assert.equal(sweepDue(db), false);
    for (const word of gone) assert.equal(known(db, word), false, `${word} is forgotten`);
    assert.ok(known(db, wordOf(0, 'zzboth')));
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
    fieldbook.close();
    assertNoTrace(dir, gone);
  });
});

describe('undoing the import of a long source', () => {
  test('deletes it at once and forgets its words in the sweep; never found in between', async () => {
    const { db } = tempFieldbook({ seed: false });
    const call = caller(db);
    const bundle = openCtiBundle();
    const report = bundle.objects.find((o) => o.type === 'report')!;
    Object.assign(report, { description: longText(100, 'zzundo') });
    const { importId } = call('exchange.stix.import', { fileName: 'feed.json', content: JSON.stringify(bundle) });
    await finish(db);
    const gone = [0, 99].map((i) => wordOf(i, 'zzundo'));
    assert.equal(found(db, gone[0]!).length, 1);

    call('exchange.undoImport', { id: importId! });
    assert.equal(
      call('sources.list', {}).some((s) => s.title === 'Northern Mali, January brief'),
      false,
    );
    assert.ok(sweepDue(db));
    assert.ok(known(db, gone[0]!), 'its words are left to the sweep');
    assert.ok(sweepWatching(db, gone) > 1, 'the sweep takes several transactions');
    for (const word of gone) assert.equal(known(db, word), false, `${word} is forgotten`);
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
  });
});

describe('the import log of a long source', () => {
  const importReport = (db: Db, prefix: string) => {
    const bundle = openCtiBundle();
    Object.assign(
      bundle.objects.find((o) => o.type === 'report')!,
      { description: longText(100, prefix) },
    );
    const { importId } = caller(db)('exchange.stix.import', { fileName: 'feed.json', content: JSON.stringify(bundle) });
    const source = caller(db)('sources.list', {}).find((s) => s.title === 'Northern Mali, January brief')!;
    return { importId: importId!, source };
  };

  test('covers its text through its digest: a corrected text refuses the undo', () => {
    const { db } = tempFieldbook({ seed: false });
    const { importId, source } = importReport(db, 'zzedit');
    caller(db)('sources.updateText', { id: source.id, text: longText(100, 'zzedited') });
    assert.throws(() => caller(db)('exchange.undoImport', { id: importId }), /source \d+ \("Northern Mali, January brief"\) was edited/);
  });

  test('written before, with the whole row in its digests, it is still undone', () => {
    const { db } = tempFieldbook({ seed: false });
    const { importId, source } = importReport(db, 'zzolder');
    const { created } = db.prepare('SELECT created FROM exchange_imports WHERE id = ?').get(importId) as { created: string };
    const log = JSON.parse(created) as { sources: [number, string][] };
    const whole = db.prepare('SELECT rowid AS _rowid, * FROM sources WHERE rowid = ?').get(source.id);
    log.sources = [[source.id, createHash('sha256').update(JSON.stringify(whole)).digest('base64url').slice(0, 22)]];
    db.prepare('UPDATE exchange_imports SET created = ? WHERE id = ?').run(JSON.stringify(log), importId);
    caller(db)('exchange.undoImport', { id: importId });
    assert.throws(() => caller(db)('sources.get', { id: source.id }), /no source/);
  });
});

describe('restoring a case file with a long source', () => {
  test('its text is indexed afterwards, and the vocabulary of everything it holds is complete without a second pass', async () => {
    const source = tempFieldbook({ seed: false });
    const call = caller(source.db);
    const long = call('sources.create', { title: 'Carried', text: longText(100, 'zzcase') });
    await finish(source.db);
    call('annotations.create', { sourceId: long.id, quote: 'convoys near Agadez', comment: 'zzcomment here' });
    call('notes.create', {
      title: 'Zznotetitle',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'zznotebody' }] }] },
    });
    const content = JSON.stringify(call('exchange.case.export', { scope: { kind: 'everything' } }));

    const target = tempFieldbook({ seed: false });
    caller(target.db)('exchange.case.import', { content, fileName: 'case.json' });
    assert.equal(caller(target.db)('sources.get', { id: long.id }).indexing, true, 'the long text is left to the chunked indexing');
    assert.deepEqual(found(target.db, wordOf(99, 'zzcase')), []);
    await finish(target.db);
    assert.deepEqual(found(target.db, wordOf(99, 'zzcase')), [long.id]);
    for (const word of ['zznotetitle', 'zznotebody', 'zzcomment', wordOf(0, 'zzcase'), 'carried'])
      assert.ok(known(target.db, word), `${word} is in the vocabulary`);
    assert.deepEqual(checkStore(target.db), { ok: true, problems: [] });
  });
});
