import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { checkStore } from '../../db/maintenance.ts';
import type { Annotation, Evidence } from '../../db/shared/records.ts';
import { listAnnotations } from '../../db/repo/annotations.ts';
import { evidenceFromSource } from '../../db/repo/evidence.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../db/store/migrations.ts';
import { APPLICATION_ID, openStore, schemaVersion } from '../../db/store/open.ts';
import { storeDigest, tempDir, tempFieldbook } from '../helpers.ts';
import type { SearchResult } from '../../db/shared/search-results.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

const { db } = tempFieldbook({ seed: false });
const call = <M extends MethodName>(method: M, input: unknown) => callMethod(db, method, input) as MethodResult<M>;
const search = (query: string, kind: 'source' | 'annotation') => call('search', { query, kinds: [kind] }) as SearchResult[];

// An OCR'd field report: two misread words in the third paragraph.
const INTRO = 'Field report, southern Libya, spring 2026.\n';
const P1 = 'The Libyan National Army retook the Al-Toum crossing after a week of heavy fighting in the desert.\n';
const P2 = 'Khalifa Haftar commands the LNA from his base near Benghazi, according to officials.\n';
const P3 = 'Russian instructers were seen at the Jufra airbasc in the Fezzan during the spring.\n';
const P4 = 'Smugglers moved fuel across the southern border at night, paying armed escorts.\n';
const P5 = 'Officials expect the crossing to reopen to trade within a month.\n';
const ORIGINAL = INTRO + P1 + P2 + P3 + P4 + P5;

// The corrected text: a sentence inserted before P2, the OCR errors of P3 fixed, P4 deleted.
const INSERTED = 'A second convoy arrived from Sabha on the Tuesday.\n';
const P3_FIXED = 'Russian instructors were seen at the Jufra airbase in the Fezzan during the spring.\n';
const CORRECTED = INTRO + P1 + INSERTED + P2 + P3_FIXED + P5;

const rowCounts = () =>
  Object.fromEntries(
    ['annotations', 'evidence', 'annotation_links', 'sources'].map((table) => [
      table,
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    ]),
  );

describe('sources.updateText re-anchors highlights and evidence in the corrected text', () => {
  const source = call('sources.create', { title: 'Southern Libya field report', text: ORIGINAL });
  const other = call('sources.create', { title: 'Another report', text: 'A different text, stored once.' });
  const lna = call('actors.create', { name: 'Libyan National Army', kind: 'armed forces' });
  const haftar = call('actors.create', { name: 'Khalifa Haftar', kind: 'person' });
  const highlight = (quote: string, comment = '') =>
    call('annotations.create', { sourceId: source.id, quote, comment, links: [{ kind: 'actor', id: lna.id }] });
  const evidence = (quote: string) =>
    call('evidence.create', { subject: { kind: 'actor', id: haftar.id }, sourceId: source.id, quote, credibility: 3 });

  const h = {
    exact: highlight('The Libyan National Army'),
    moved: highlight('Khalifa Haftar commands the LNA', 'who commands'),
    fuzzy: highlight('Russian instructers were seen at the Jufra airbasc'),
    orphaned: highlight('Smugglers moved fuel across the southern border', 'fuel smuggling: check the route'),
  };
  const e = {
    exact: evidence('retook the Al-Toum crossing'),
    moved: evidence('his base near Benghazi'),
    fuzzy: evidence('airbasc in the Fezzan'),
    orphaned: evidence('paying armed escorts'),
  };
  const annotationOf = (a: Annotation) => call('annotations.get', { id: a.id });
  const evidenceOf = (x: Evidence) => call('evidence.get', { id: x.id });

  test('before the edit every passage is anchored', () => {
    for (const a of Object.values(h)) assert.equal(annotationOf(a).orphaned, false);
    for (const x of Object.values(e)) assert.equal(evidenceOf(x).orphaned, false);
    assert.equal(search('smugglers', 'source')[0]?.id, source.id);
  });

  test('a duplicate, empty or binary text is refused and leaves the store exactly as it was', () => {
    const cases: [unknown, string, string][] = [
      [{ id: source.id, text: 'A different text, stored once.' }, 'conflict', 'text'],
      [{ id: source.id, text: '' }, 'invalid_input', 'text'],
      [{ id: source.id, text: '  \n\t ' }, 'invalid_input', 'text'],
      [{ id: source.id, text: 'PK\u0003\u0004\u0000' }, 'invalid_input', 'text'],
      [{ id: source.id }, 'invalid_input', 'text'],
      [{ id: 99999, text: CORRECTED }, 'not_found', 'id'],
      [{ id: source.id, text: CORRECTED, title: 'x' }, 'invalid_input', ''],
    ];
    for (const [input, code, path] of cases) {
      const before = storeDigest(db);
      assert.throws(
        () => callMethod(db, 'sources.updateText', input),
        (error: unknown) => {
          assert.ok(error instanceof ApiError, String(error));
          assert.equal(error.code, code, error.message);
          assert.ok(
            error.issues.some((i) => i.path === path),
            `${JSON.stringify(error.issues)} names "${path}"`,
          );
          return true;
        },
      );
      assert.equal(storeDigest(db), before, `${JSON.stringify(input).slice(0, 60)} changed nothing`);
    }
    assert.equal(call('sources.get', { id: other.id }).text, 'A different text, stored once.');
  });

  test('the corrected text is stored with its hash; each passage is exact, moved, adjusted or orphaned', () => {
    const before = rowCounts();
    const result = call('sources.updateText', { id: source.id, text: CORRECTED });
    assert.deepEqual(result.annotations, { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 });
    assert.deepEqual(result.evidence, { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 });
    assert.equal(result.source.length, CORRECTED.length);
    assert.notEqual(result.source.sha256, source.sha256);
    assert.equal(call('sources.get', { id: source.id }).text, CORRECTED);
    assert.deepEqual(rowCounts(), before, 'nothing deleted, nothing added');
  });

  test('a passage before every edit is exact: untouched', () => {
    assert.deepEqual(annotationOf(h.exact), h.exact);
    assert.deepEqual(evidenceOf(e.exact), e.exact);
  });

  test('a passage after an insertion moved: its offsets shift by the insertion, and slice to its quote', () => {
    for (const moved of [annotationOf(h.moved), evidenceOf(e.moved)]) {
      assert.equal(CORRECTED.slice(moved.start, moved.end), moved.quote);
      assert.equal(moved.orphaned, false);
    }
    assert.equal(annotationOf(h.moved).start, h.moved.start + INSERTED.length);
    assert.equal(annotationOf(h.moved).quote, h.moved.quote);
    assert.equal(annotationOf(h.moved).comment, 'who commands');
    assert.equal(evidenceOf(e.moved).start, e.moved.start + INSERTED.length);
  });

  test('a passage edited inside is adjusted: it takes the corrected words as its quote', () => {
    const a = annotationOf(h.fuzzy);
    assert.equal(a.quote, 'Russian instructors were seen at the Jufra airbase');
    assert.equal(CORRECTED.slice(a.start, a.end), a.quote);
    assert.equal(a.orphaned, false);
    const x = evidenceOf(e.fuzzy);
    assert.equal(x.quote, 'airbase in the Fezzan');
    assert.equal(CORRECTED.slice(x.start, x.end), x.quote);
  });

  test('a deleted passage is orphaned: the row, its old selector, comment and links are kept', () => {
    const a = annotationOf(h.orphaned);
    assert.equal(a.orphaned, true);
    assert.deepEqual({ ...a, orphaned: false, updatedAt: h.orphaned.updatedAt }, h.orphaned);
    assert.equal(a.comment, 'fuel smuggling: check the route');
    assert.deepEqual(
      a.links.map((l) => l.name),
      ['Libyan National Army'],
    );
    const x = evidenceOf(e.orphaned);
    assert.equal(x.orphaned, true);
    assert.deepEqual({ ...x, orphaned: false }, e.orphaned);
    // Still listed with the source, the highlights and the record it supports.
    assert.ok(call('annotations.list', { sourceId: source.id }).some((r) => r.id === a.id && r.orphaned));
    assert.ok(call('evidence.list', { sourceId: source.id }).some((r) => r.id === x.id && r.orphaned));
    assert.ok(call('actors.get', { id: haftar.id }).evidence.some((r) => r.id === x.id && r.orphaned));
    assert.equal(call('sources.get', { id: source.id }).annotationCount, 4);
  });

  test('search finds the new words and no longer the removed ones; highlights are found by their new quote', () => {
    assert.equal(search('convoy Sabha', 'source')[0]?.id, source.id);
    assert.equal(search('instructors', 'source')[0]?.id, source.id);
    assert.deepEqual(search('smugglers', 'source'), []);
    assert.deepEqual(search('escorts', 'source'), []);
    assert.equal(search('instructors', 'annotation')[0]?.id, h.fuzzy.id);
    assert.ok(!search('instructers', 'annotation').some((r) => r.id === h.fuzzy.id));
    // An orphaned highlight is still a highlight: found by its (old) words.
    assert.equal(search('smugglers', 'annotation')[0]?.id, h.orphaned.id);
  });

  test('the store checks out', () => {
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
  });

  test('a later edit that brings the passage back anchors it again; an orphan keeps the date it was lost', () => {
    const lostAt = () =>
      (db.prepare('SELECT orphaned_at FROM annotations WHERE id = ?').get(h.orphaned.id) as { orphaned_at: string | null }).orphaned_at;
    const first = lostAt();
    assert.ok(first);
    call('sources.updateText', { id: source.id, text: CORRECTED + 'A closing line.\n' });
    assert.equal(lostAt(), first);
    const restored = call('sources.updateText', { id: source.id, text: INTRO + P1 + INSERTED + P2 + P3_FIXED + P4 + P5 });
    assert.equal(restored.annotations.orphaned, 0);
    assert.equal(restored.evidence.orphaned, 0);
    assert.equal(annotationOf(h.orphaned).orphaned, false);
    assert.equal(lostAt(), null);
    assert.equal(evidenceOf(e.orphaned).orphaned, false);
    const back = annotationOf(h.orphaned);
    assert.equal(call('sources.get', { id: source.id }).text.slice(back.start, back.end), back.quote);
    assert.deepEqual(checkStore(db), { ok: true, problems: [] });
  });

  test('the same text again changes nothing but reports every passage exact', () => {
    const text = call('sources.get', { id: source.id }).text;
    const before = storeDigest(db);
    const again = call('sources.updateText', { id: source.id, text });
    assert.deepEqual(again.annotations, { exact: 4, moved: 0, fuzzy: 0, orphaned: 0 });
    assert.equal(storeDigest(db), before);
  });
});

test('migration 4 adds orphaned_at to a store of schema 3: its highlights and evidence read as anchored', () => {
  const file = path.join(tempDir(), 'v3.sqlite');
  const raw = new Database(file);
  for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) {
    raw.exec(migration.sql);
    migration.fill?.(raw);
  }
  raw.pragma(`application_id = ${APPLICATION_ID}`);
  raw.pragma('user_version = 3');
  const stamp = '2026-01-01T00:00:00.000Z';
  raw
    .prepare(`INSERT INTO sources (id, title, body, sha256, created_at, updated_at) VALUES (1, 'Old', 'An old text.', ?, ?, ?)`)
    .run('0'.repeat(64), stamp, stamp);
  raw.prepare(`INSERT INTO actors (id, name, kind, created_at, updated_at) VALUES (1, 'Someone', 'person', ?, ?)`).run(stamp, stamp);
  raw
    .prepare(
      `INSERT INTO annotations (source_id, quote, prefix, suffix, start, "end", created_at, updated_at) VALUES (1, 'old', 'An ', ' text.', 3, 6, ?, ?)`,
    )
    .run(stamp, stamp);
  raw
    .prepare(
      `INSERT INTO evidence (source_id, actor_id, quote, prefix, suffix, start, "end", credibility, created_at) VALUES (1, 1, 'text', 'An old ', '.', 7, 11, 3, ?)`,
    )
    .run(stamp);
  raw.close();
  const db = openStore(file);
  try {
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.deepEqual(
      listAnnotations(db, {}).map((a) => [a.quote, a.orphaned]),
      [['old', false]],
    );
    assert.deepEqual(
      evidenceFromSource(db, 1).map((e) => [e.quote, e.orphaned]),
      [['text', false]],
    );
  } finally {
    db.close();
  }
});
