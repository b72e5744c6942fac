import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { before, describe, test } from 'node:test';
import { CLI, tempDir } from '../helpers.ts';

const run = promisify(execFile);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function fieldbook(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, FIELDBOOK_DATA: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const data = tempDir();
const json = <T>(r: Result): T => {
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
};

describe('fieldbook CLI', () => {
  before(async () => {
    assert.equal((await fieldbook('seed', '--data', data)).code, 0);
  });

  test('stats --json prints the counts, seeded on first use', async () => {
    const stats = json<Record<string, number>>(await fieldbook('stats', '--json', '--data', data));
    assert.deepEqual(Object.keys(stats), ['sources', 'actors', 'places', 'events', 'relations', 'notes', 'annotations']);
    assert.equal(stats['sources'], 5);
    assert.ok(stats['actors']! > 40);
  });

  test('a fresh data folder is created and seeded on first use, with --data before the subcommand', async () => {
    const fresh = path.join(tempDir(), 'nested', 'folder');
    const stats = json<Record<string, number>>(await fieldbook('--data', fresh, 'stats', '--json'));
    assert.equal(stats['sources'], 5);
    assert.ok(fs.existsSync(path.join(fresh, 'fieldbook.sqlite')));
  });

  test('seed run again adds nothing', async () => {
    const result = json<{ added: Record<string, number> }>(await fieldbook('seed', '--data', data, '--json'));
    assert.ok(Object.values(result.added).every((n) => n === 0));
  });

  test('list actors --json prints full records with aliases', async () => {
    const actors = json<{ id: number; name: string; kind: string; aliases: { name: string; kind: string }[] }[]>(
      await fieldbook('list', 'actors', '--json', '--data', data),
    );
    assert.ok(actors.length > 40);
    const isis = actors.find((a) => a.aliases.some((x) => x.name === 'ISIS') || a.name === 'ISIS');
    assert.ok(isis, 'ISIS is there under one record');
    assert.ok(actors.every((a) => typeof a.kind === 'string' && Array.isArray(a.aliases)));
  });

  test('list events --json prints date, dateMin, dateMax, place, participants and fatalities', async () => {
    const events = json<Record<string, unknown>[]>(await fieldbook('list', 'events', '--json', '--data', data));
    assert.ok(events.length > 15);
    for (const key of ['date', 'dateMin', 'dateMax', 'place', 'participants', 'fatalities']) {
      assert.ok(
        events.every((e) => key in e),
        `every event has ${key}`,
      );
    }
  });

  test('list places, relations, sources and notes --json print arrays', async () => {
    for (const kind of ['places', 'relations', 'sources', 'notes']) {
      assert.ok(Array.isArray(json(await fieldbook('list', kind, '--json', '--data', data))), kind);
    }
    const places = json<{ aliases: unknown[] }[]>(await fieldbook('list', 'places', '--json', '--data', data));
    assert.ok(places.every((p) => Array.isArray(p.aliases)));
  });

  test('show KIND ID --json prints one record in full; plain output is readable', async () => {
    const actors = json<{ id: number; name: string }[]>(await fieldbook('list', 'actors', '--json', '--data', data));
    const first = actors[0]!;
    const shown = json<{ id: number; name: string; evidence: unknown[] }>(
      await fieldbook('show', 'actor', String(first.id), '--json', '--data', data),
    );
    assert.equal(shown.name, first.name);
    assert.ok(shown.evidence.length > 0);
    const plain = await fieldbook('show', 'actors', String(first.id), '--data', data);
    assert.match(plain.stdout, new RegExp(`name: ${first.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  test('search --json prints kind, id, title, snippet and score, best first, and the correction a hit needed', async () => {
    const results = json<Record<string, unknown>[]>(
      await fieldbook('search', 'haftr', '--json', '--kind', 'actor', '--limit', '3', '--data', data),
    );
    assert.ok(results.length >= 1 && results.length <= 3);
    assert.deepEqual(Object.keys(results[0]!), ['kind', 'id', 'title', 'snippet', 'score', 'correction']);
    assert.equal(results[0]!['title'], 'Khalifa Haftar');
    assert.equal(results[0]!['correction'], 'haftar');
    assert.ok(results.every((r) => r['kind'] === 'actor'));
    const mixed = json<{ kind: string; score: number }[]>(await fieldbook('search', 'Westphalian', '--json', '--data', data));
    assert.equal(mixed[0]!.kind, 'source');
    const plain = await fieldbook('search', 'Djibo', '--data', data);
    assert.match(plain.stdout, /\[Djibo\]|Djibo/);
    assert.equal((await fieldbook('search', '--data', data)).code, 2);
    const huge = await fieldbook('search', 'x'.repeat(600), '--data', data);
    assert.equal(huge.code, 1);
    assert.match(huge.stderr, /longer than 500 characters/);
  });

  test('errors go to stderr with a non-zero exit', async () => {
    const missing = await fieldbook('show', 'actor', '999999', '--data', data);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /no actor with id 999999/);
    assert.equal(missing.stdout, '');
    const badKind = await fieldbook('list', 'weapons', '--data', data);
    assert.equal(badKind.code, 2);
    assert.match(badKind.stderr, /list needs one of/);
    const badId = await fieldbook('show', 'actor', 'abc', '--data', data);
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /not a record id/);
    const unknown = await fieldbook('frobnicate', '--data', data);
    assert.equal(unknown.code, 2);
  });

  test('backup writes a consistent copy that check passes and that holds the same data', async () => {
    const copy = path.join(tempDir(), 'copy', 'backup.sqlite');
    const result = json<{ file: string; bytes: number }>(await fieldbook('backup', copy, '--json', '--data', data));
    assert.equal(result.file, copy);
    assert.ok(result.bytes > 0);
    const copyDir = path.join(tempDir(), 'restored');
    fs.mkdirSync(copyDir);
    fs.copyFileSync(copy, path.join(copyDir, 'fieldbook.sqlite'));
    assert.equal((await fieldbook('check', '--data', copyDir)).code, 0);
    assert.deepEqual(json(await fieldbook('stats', '--json', '--data', copyDir)), json(await fieldbook('stats', '--json', '--data', data)));
    const again = await fieldbook('backup', copy, '--data', data);
    assert.notEqual(again.code, 0, 'an existing file is not overwritten');
    assert.match(again.stderr, /already exists/);
  });

  test('check passes on the seeded store and fails on a deliberately corrupted copy', async () => {
    const ok = await fieldbook('check', '--data', data);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^ok/);

    const corruptDir = tempDir();
    const copy = path.join(corruptDir, 'fieldbook.sqlite');
    assert.equal((await fieldbook('backup', copy, '--data', data)).code, 0);
    // Scribble over the middle of the file: b-tree pages, not the header.
    const bytes = fs.readFileSync(copy);
    const pageSize = bytes.readUInt16BE(16);
    for (let page = 3; page * pageSize < bytes.length; page += 2) bytes.fill(0x5a, page * pageSize + 8, page * pageSize + 200);
    fs.writeFileSync(copy, bytes);
    const bad = await fieldbook('check', '--data', corruptDir);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout + bad.stderr, /integrity|malformed|corrupt|index/i);
  });
});
