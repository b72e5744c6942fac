// The name index saved in the store: a store opens with it whole when the
// snapshot holds the names as they are, and never trusts one that does not.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { callMethod } from '../../db/api.ts';
import { openFieldbook, type Fieldbook } from '../../db/fieldbook.ts';
import { createActor } from '../../db/repo/actors.ts';
import { createPlace } from '../../db/repo/places.ts';
import { tempDir } from '../helpers.ts';
import type { SearchReadiness, SearchResult } from '../../db/shared/search-results.ts';

/** More than a small store (indexed whole by its first search): a store built in slices. */
const FILLERS = 6000;
const QUERIES = [
  'Zerhouni',
  'zerhoni',
  'Zerhouni Battalion',
  'ZB',
  'Mopti',
  'mopit',
  'Filler Group 17',
  'filler',
  'حفتر',
  'Haftar',
  'hifter',
];

function makeStore(dir: string): void {
  const { db, close } = openFieldbook(dir, { seed: false });
  db.transaction(() => {
    for (let i = 0; i < FILLERS; i++)
      createActor(db, { name: `Filler Group ${i}`, kind: 'organization', description: '', country: null, aliases: [] });
    createActor(db, {
      name: 'Zerhouni Battalion',
      kind: 'armed group',
      description: '',
      country: null,
      aliases: [{ name: 'ZB', kind: 'acronym' }],
    });
    createActor(db, {
      name: 'Khalifa Haftar',
      kind: 'person',
      description: '',
      country: 'LY',
      aliases: [{ name: 'خليفة حفتر', kind: 'transliteration' }],
    });
    createPlace(db, { name: 'Mopti', kind: 'town', description: '', country: 'ML', lat: null, lon: null, precision: null, aliases: [] });
  })();
  close();
}

function answers(db: Fieldbook['db']): string[] {
  return QUERIES.map((query) =>
    JSON.stringify(
      (callMethod(db, 'search', { query, kinds: ['actor', 'place', 'event'], limit: 10 }) as SearchResult[]).map((r) => [
        r.kind,
        r.id,
        r.title,
        r.score,
        r.snippet,
      ]),
    ),
  );
}

/** Whether the store opened with its name index whole: one slice of a build could not make it so. */
function openedWhole(db: Fieldbook['db']): boolean {
  return (callMethod(db, 'search.prepare', { slices: 1 }) as SearchReadiness).ready;
}

/** What a search of actors and places (or of `kinds`) finds, best first. */
function search(db: Fieldbook['db'], query: string, kinds: string[] = ['actor', 'place']): SearchResult[] {
  return callMethod(db, 'search', { query, kinds, limit: 5 }) as SearchResult[];
}

function saveIndex(db: Fieldbook['db']): number {
  let steps = 0;
  while ((callMethod(db, 'search.tidyIndexes', {}) as { more: boolean }).more) steps++;
  return steps;
}

/** A store whose name index was built whole and saved; its answers then. */
function savedStore(): { dir: string; built: string[] } {
  const dir = tempDir();
  makeStore(dir);
  const fieldbook = openFieldbook(dir, { seed: false });
  assert.equal(openedWhole(fieldbook.db), false, 'no snapshot yet: built in slices');
  callMethod(fieldbook.db, 'search.prepare', {});
  const built = answers(fieldbook.db);
  saveIndex(fieldbook.db);
  fieldbook.close();
  return { dir, built };
}

describe('the name index saved in the store', () => {
  test('saved and loaded, it answers as the index built from the records does, and opens whole', () => {
    const { dir, built } = savedStore();
    const fieldbook = openFieldbook(dir, { seed: false });
    try {
      assert.equal(openedWhole(fieldbook.db), true);
      assert.deepEqual(answers(fieldbook.db), built);
      assert.ok(built.some((a) => a.includes('Zerhouni Battalion')) && built[1]!.includes('Zerhouni Battalion'), 'the typo is corrected');
      // Written to after loading, it keeps up as a built index does.
      const actor = createActor(fieldbook.db, {
        name: 'Quarzazi Brigade',
        kind: 'armed group',
        description: '',
        country: null,
        aliases: [],
      });
      assert.equal(search(fieldbook.db, 'quarzazy', ['actor'])[0]?.id, actor.id);
    } finally {
      fieldbook.close();
    }
    // Closed after that write, it was saved again: the next opening finds the new name whole.
    const again = openFieldbook(dir, { seed: false });
    try {
      assert.equal(openedWhole(again.db), true);
      assert.equal(search(again.db, 'quarzazy', ['actor'])[0]?.title, 'Quarzazi Brigade');
    } finally {
      again.close();
    }
  });

  test('a name written by another program while the store was closed: the snapshot is not used, and the name is found', () => {
    const { dir } = savedStore();
    const raw = new Database(path.join(dir, 'fieldbook.sqlite'));
    raw.prepare("UPDATE actors SET name = 'Tessalit Column' WHERE name = 'Zerhouni Battalion'").run();
    raw
      .prepare("INSERT INTO place_aliases (place_id, name, kind) SELECT id, 'Mobti', 'other spelling' FROM places WHERE name = 'Mopti'")
      .run();
    raw.close();
    const fieldbook = openFieldbook(dir, { seed: false });
    try {
      assert.equal(openedWhole(fieldbook.db), false, 'built again');
      callMethod(fieldbook.db, 'search.prepare', {});
      assert.equal(search(fieldbook.db, 'Tessalit Column')[0]?.title, 'Tessalit Column');
      assert.equal(search(fieldbook.db, 'Zerhouni').length, 0, 'the old name is gone');
      assert.equal(search(fieldbook.db, 'Mobti')[0]?.title, 'Mopti');
    } finally {
      fieldbook.close();
    }
  });

  test('a write by another connection while the index is being saved ends the save: no snapshot is left to trust', () => {
    const dir = tempDir();
    makeStore(dir);
    const fieldbook = openFieldbook(dir, { seed: false });
    callMethod(fieldbook.db, 'search.prepare', {});
    assert.equal((callMethod(fieldbook.db, 'search.tidyIndexes', {}) as { more: boolean }).more, true);
    const other = openFieldbook(dir, { seed: false });
    createActor(other.db, { name: 'Written Meanwhile', kind: 'person', description: '', country: null, aliases: [] });
    other.db.close();
    while ((callMethod(fieldbook.db, 'search.tidyIndexes', {}) as { more: boolean }).more);
    fieldbook.db.close(); // not close(): that would save the index, rebuilt, again
    const reopened = openFieldbook(dir, { seed: false });
    try {
      assert.equal(openedWhole(reopened.db), false);
      callMethod(reopened.db, 'search.prepare', {});
      assert.equal(
        (callMethod(reopened.db, 'search', { query: 'Written Meanwhile', limit: 5 }) as SearchResult[])[0]?.title,
        'Written Meanwhile',
      );
    } finally {
      reopened.close();
    }
  });

  test('a case file restored into a store with a saved index: the snapshot is not used, the restored names are found', () => {
    const source = tempDir();
    makeStore(source);
    const from = openFieldbook(source, { seed: false });
    const content = JSON.stringify(callMethod(from.db, 'exchange.case.export', {}));
    from.close();
    // An empty store, its (empty) name index saved.
    const dir = tempDir();
    const empty = openFieldbook(dir, { seed: false });
    callMethod(empty.db, 'search.prepare', {});
    saveIndex(empty.db);
    callMethod(empty.db, 'exchange.case.import', { content });
    // Found in this session, and after reopening.
    assert.equal(search(empty.db, 'zerhoni', ['actor'])[0]?.title, 'Zerhouni Battalion');
    empty.close();
    const reopened = openFieldbook(dir, { seed: false });
    try {
      callMethod(reopened.db, 'search.prepare', {});
      assert.equal(search(reopened.db, 'zerhoni', ['actor'])[0]?.title, 'Zerhouni Battalion');
    } finally {
      reopened.close();
    }
  });

  test('a damaged or truncated snapshot is not trusted: the index is built from the records', () => {
    for (const damage of [
      'UPDATE name_index_parts SET data = substr(data, 1, length(data) - 5) WHERE part = (SELECT max(part) FROM name_index_parts)',
      'UPDATE name_index_parts SET data = CAST(zeroblob(length(data)) AS BLOB) WHERE part = 0',
      'DELETE FROM name_index_parts WHERE part = 0',
      'UPDATE name_index_snapshot SET layout = \'[{"name":"words","type":"i32","offset":3,"length":9}]\'',
    ]) {
      const { dir, built } = savedStore();
      const raw = new Database(path.join(dir, 'fieldbook.sqlite'));
      raw.prepare(damage).run();
      raw.close();
      const fieldbook = openFieldbook(dir, { seed: false });
      try {
        assert.equal(openedWhole(fieldbook.db), false, damage);
        callMethod(fieldbook.db, 'search.prepare', {});
        assert.deepEqual(answers(fieldbook.db), built, damage);
      } finally {
        fieldbook.close();
      }
    }
  });

  test('after a purge the index is built again beside the one answering: corrections never stop, and no snapshot holds the purged name', () => {
    const dir = tempDir();
    makeStore(dir);
    const fieldbook = openFieldbook(dir, { seed: false });
    const { db } = fieldbook;
    try {
      const gone = createActor(db, { name: 'Quelfane Brigade', kind: 'armed group', description: '', country: null, aliases: [] });
      callMethod(db, 'search.prepare', {});
      callMethod(db, 'actors.delete', { id: gone.id });
      callMethod(db, 'trash.purge', { kind: 'actor', id: gone.id });

      assert.deepEqual(search(db, 'quelfane'), []);
      const during = callMethod(db, 'search.readiness', {}) as SearchReadiness;
      assert.deepEqual([during.ready, during.rebuilding], [true, true]);
      assert.equal(search(db, 'zerhoni')[0]?.title, 'Zerhouni Battalion', 'a misspelt name is still found');
      // A write meanwhile is found now, and after the new index takes over.
      createActor(db, { name: 'Written Meanwhile', kind: 'armed group', description: '', country: null, aliases: [] });
      assert.equal(search(db, 'writen meanwhile')[0]?.title, 'Written Meanwhile');
      // Nothing is saved while the index answering still holds the purged name.
      saveIndex(db);
      assert.equal(db.prepare('SELECT count(*) FROM name_index_parts').pluck().get(), 0);

      let slices = 0;
      while ((callMethod(db, 'search.prepare', { slices: 1 }) as SearchReadiness).rebuilding) {
        slices++;
        assert.equal(search(db, 'zerhoni')[0]?.title, 'Zerhouni Battalion', `between slices (${slices})`);
        assert.deepEqual(search(db, 'quelfane'), []);
      }
      assert.ok(slices > 1, 'built in slices');
      assert.equal(search(db, 'writen meanwhile')[0]?.title, 'Written Meanwhile');
      assert.equal(search(db, 'mopit')[0]?.title, 'Mopti');
      assert.equal(saveIndex(db) > 0, true, 'saved once whole');
      const parts = db.prepare('SELECT data FROM name_index_parts').pluck().all() as Buffer[];
      assert.ok(parts.length > 0 && !parts.some((part) => part.includes('quelfane')), 'the saved index does not hold the purged name');
    } finally {
      fieldbook.close();
    }
  });

  test('a purged record leaves no trace of its name in the file, the saved index included', () => {
    const dir = tempDir();
    const secret = 'Quixzanthemum';
    makeStore(dir);
    const fieldbook = openFieldbook(dir, { seed: false });
    const { db } = fieldbook;
    const actor = createActor(db, { name: `${secret} Network`, kind: 'armed group', description: '', country: null, aliases: [] });
    callMethod(db, 'search.prepare', {});
    saveIndex(db);
    db.pragma('wal_checkpoint(TRUNCATE)'); // the snapshot is in the main file, not only in the WAL
    assert.ok(fs.readFileSync(path.join(dir, 'fieldbook.sqlite')).includes(secret.toLowerCase()), 'the saved index holds the name');
    callMethod(db, 'actors.delete', { id: actor.id });
    callMethod(db, 'trash.purge', { kind: 'actor', id: actor.id });
    assert.equal((callMethod(db, 'search', { query: secret, limit: 5 }) as SearchResult[]).length, 0);
    fieldbook.close();
    for (const name of fs.readdirSync(dir)) {
      if (!fs.statSync(path.join(dir, name)).isFile()) continue;
      const bytes = fs.readFileSync(path.join(dir, name));
      for (const form of [secret, secret.toLowerCase()]) {
        assert.equal(bytes.includes(form), false, `${name} still holds ${form}`);
        assert.equal(bytes.includes(Buffer.from(form, 'utf16le')), false, name);
      }
    }
    const strings = execFileSync('strings', [path.join(dir, 'fieldbook.sqlite')], { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(strings.toLowerCase().includes(secret.toLowerCase()), false);
    // The index is saved again without it, and the next opening finds the other names whole.
    const reopened = openFieldbook(dir, { seed: false });
    try {
      callMethod(reopened.db, 'search.prepare', {});
      assert.equal(search(reopened.db, 'zerhoni', ['actor'])[0]?.title, 'Zerhouni Battalion');
    } finally {
      reopened.close();
    }
  });
});
