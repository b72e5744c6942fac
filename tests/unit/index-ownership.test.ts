// One indexer (db/search/indexer.ts): only its modules, and the migrations,
// write the full-text indexes and the search vocabulary. ESLint refuses such
// a write anywhere else in db/ (eslint.config.js, run by npm test); each case
// here is linted as if it stood at the given path, and every file of db/ is
// read for such a write as well.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from '../helpers.ts';

const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const INDEXER_FILES = [
  'db/search/indexer.ts',
  'db/search/record-index.ts',
  'db/search/source-index.ts',
  'db/search/terms.ts',
  'db/search/vocabulary-sweep.ts',
];
const WRITES = [
  "cached(db, 'DELETE FROM notes_fts WHERE rowid = ?').run(id);",
  "db.prepare('INSERT INTO annotations_fts (rowid, quote, comment) VALUES (?, ?, ?)');",
  'db.prepare(`INSERT OR IGNORE INTO search_terms (term)\n  SELECT value FROM json_each(?)`);',
  'db.prepare(`DELETE FROM records_fts WHERE rowid IN (${list})`);',
  "db.prepare('DELETE FROM source_chunks WHERE source_id = ?');",
  "db.prepare('UPDATE source_indexing SET next_chunk = 0');",
];

test('a repository, a merge or an exchange may not write a search index', async () => {
  for (const file of ['db/repo/example.ts', 'db/merge/example.ts', 'db/exchange/example.ts', 'db/search/search.ts']) {
    for (const code of WRITES) {
      const found = await problems(file, code);
      assert.equal(found.length, 1, `${file}: ${code} -> ${found.join('; ')}`);
      assert.match(found[0]!, /no-restricted-syntax: only the indexer/);
    }
  }
});

test('reading the indexes is anyone’s, and the indexer and the migrations write them', async () => {
  for (const code of [
    "db.prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?');",
    "db.prepare('DELETE FROM notes WHERE id = ?');",
    "db.prepare('SELECT 1 FROM search_terms WHERE term = ?');",
  ]) {
    assert.deepEqual(await problems('db/repo/example.ts', code), [], code);
  }
  for (const file of [...INDEXER_FILES, 'db/store/migrations.ts']) {
    for (const code of WRITES) assert.deepEqual(await problems(file, code), [], `${file}: ${code}`);
  }
});

test('no file of db/ but the indexer’s and the migrations writes a search index', () => {
  const write =
    /(INSERT( OR \w+)? INTO|DELETE FROM|UPDATE|REPLACE INTO)\s+(notes_fts|sources_fts|annotations_fts|records_fts|search_terms|search_terms_trigram|source_chunks|source_indexing)\b/;
  const writers = (fs.readdirSync(path.join(ROOT, 'db'), { recursive: true }) as string[])
    .map((file) => path.join('db', file))
    .filter((file) => file.endsWith('.ts') && write.test(fs.readFileSync(path.join(ROOT, file), 'utf8')));
  assert.deepEqual(writers.sort(), [...INDEXER_FILES, 'db/store/migrations.ts'].sort());
});
