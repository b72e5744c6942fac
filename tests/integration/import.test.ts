import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { callAnyMethod, callMethod, localApi } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import type { Source, SourceDetail } from '../../db/shared/records.ts';
import { MAX_IMPORT_BASE64_CHARS } from '../../db/shared/schemas.ts';
import { CLI, storeDigest, tempDir, tempFieldbook } from '../helpers.ts';
import { fixturePath } from '../fixtures/import/files.ts';
import type { SearchResult } from '../../db/shared/search-results.ts';
import type { ImportedSource } from '../../db/shared/records.ts';

const base64 = (name: string) => fs.readFileSync(fixturePath(name)).toString('base64');
const { db } = tempFieldbook({ seed: false });
const importFile = async (name: string, extra: Record<string, unknown> = {}) =>
  (await callAnyMethod(db, 'sources.import', { fileName: name, contentBase64: base64(name), ...extra })) as ImportedSource;
const textOf = (id: number) => (callMethod(db, 'sources.get', { id }) as SourceDetail).text;

describe('sources.import through callAnyMethod', () => {
  test('HTML: a source with the page’s title, author, date and language, graded F by default', async () => {
    const source = await importFile('article.html');
    assert.equal(source.format, 'html');
    assert.equal(source.title, 'Convoys cross the Salvador Pass & head north');
    assert.equal(source.author, 'Amina Diallo');
    assert.equal(source.published, '2026-06-16');
    assert.equal(source.publishedMin, '2026-06-16');
    assert.equal(source.language, 'en-GB');
    assert.equal(source.reliability, 'F');
    const text = textOf(source.id);
    assert.equal(source.length, text.length);
    assert.ok(text.includes('عبرت قافلتان ممر السلفادور'));
    assert.ok(!text.includes('MUST-NOT-APPEAR'));
  });

  test('Markdown, with the reliability asked for', async () => {
    const source = await importFile('report.md', { reliability: 'B' });
    assert.equal(source.format, 'markdown');
    assert.equal(source.title, 'Water points along the Niger–Algeria border');
    assert.equal(source.reliability, 'B');
    assert.ok(!textOf(source.id).includes('**'));
  });

  test('plain text', async () => {
    const source = await importFile('notes.txt');
    assert.equal(source.format, 'text');
    assert.equal(source.title, 'Market prices in Agadez, week 24');
    assert.ok(textOf(source.id).endsWith('أسعار السوق في أغاديز ارتفعت هذا الأسبوع.'));
  });

  test('PDF, through the in-process transport', async () => {
    const source = await localApi(db).call('sources.import', { fileName: 'report.pdf', contentBase64: base64('report.pdf') });
    assert.equal(source.format, 'pdf');
    assert.equal(source.title, 'Border situation report, June 2026');
    assert.equal(source.author, 'Field Team North');
    assert.ok(textOf(source.id).includes('Two convoys crossed the Salvador Pass'));
  });

  test('an imported source is listed and found by search', async () => {
    assert.equal((callMethod(db, 'sources.list', {}) as Source[]).length, 4);
    const results = callMethod(db, 'search', { query: 'Toummo', kinds: ['source'] }) as SearchResult[];
    assert.equal(results[0]?.title, 'Convoys cross the Salvador Pass & head north');
  });

  test('callAnyMethod runs the synchronous methods too', async () => {
    assert.deepEqual(await callAnyMethod(db, 'stats.get', {}), callMethod(db, 'stats.get', {}));
    await assert.rejects(callAnyMethod(db, 'sources.explode', {}), (e: ApiError) => e.code === 'unknown_method');
  });
});

describe('a bad file is refused with the field named and the store unchanged', () => {
  const cases: [string, Record<string, unknown>, string, string, RegExp][] = [
    ['binary', { fileName: 'binary.bin', contentBase64: base64('binary.bin') }, 'invalid_input', 'file', /binary/],
    ['empty', { fileName: 'empty.txt', contentBase64: '' }, 'invalid_input', 'file', /empty/],
    ['a PDF without text', { fileName: 'scan.pdf', contentBase64: base64('scan.pdf') }, 'invalid_input', 'file', /no text layer/],
    ['an unreadable PDF', { fileName: 'broken.pdf', contentBase64: base64('broken.pdf') }, 'invalid_input', 'file', /cannot be read/],
    ['an unsupported type', { fileName: 'minutes.docx', contentBase64: 'UEsDBA==' }, 'invalid_input', 'file', /\.docx/],
    [
      'over 50 MB (by its base64 length, never decoded)',
      { fileName: 'huge.txt', contentBase64: 'A'.repeat(MAX_IMPORT_BASE64_CHARS + 4) },
      'invalid_input',
      'contentBase64',
      /larger than 50 MB/,
    ],
    ['not base64', { fileName: 'x.txt', contentBase64: 'not base64!' }, 'invalid_input', 'contentBase64', /base64/],
    ['a path, not a file name', { fileName: '../etc/passwd', contentBase64: 'eA==' }, 'invalid_input', 'fileName', /without folders/],
    ['a name too long', { fileName: `${'x'.repeat(256)}.txt`, contentBase64: 'eA==' }, 'invalid_input', 'fileName', /fileName/],
    ['a bad grade', { fileName: 'x.txt', contentBase64: 'eA==', reliability: 'G' }, 'invalid_input', 'reliability', /reliability/],
    ['an unknown field', { fileName: 'x.txt', contentBase64: 'eA==', title: 'X' }, 'invalid_input', '', /title/],
    [
      'a duplicate of an imported text',
      { fileName: 'copy.txt', contentBase64: base64('notes.txt') },
      'conflict',
      'file',
      /already stored as source/,
    ],
  ];
  for (const [what, input, code, field, pattern] of cases) {
    test(what, async () => {
      const before = storeDigest(db);
      await assert.rejects(callAnyMethod(db, 'sources.import', input), (error: unknown) => {
        assert.ok(error instanceof ApiError, String(error));
        assert.equal(error.code, code, error.message);
        assert.ok(
          error.issues.some((i) => i.path === field),
          `${JSON.stringify(error.issues)} names "${field}"`,
        );
        assert.match(error.message, pattern);
        return true;
      });
      assert.equal(storeDigest(db), before, 'the store is unchanged');
    });
  }
});

describe('fieldbook import', () => {
  const run = promisify(execFile);
  const fieldbook = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, FIELDBOOK_DATA: '' } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const data = tempDir();
  const fixture = fixturePath;
  interface Row {
    file: string;
    ok: boolean;
    source?: ImportedSource;
    error?: { code: string; message: string };
  }

  test('two files with --json: an array of results in order, exit 0', async () => {
    const result = await fieldbook(
      'import',
      fixture('article.html'),
      fixture('report.pdf'),
      '--json',
      '--reliability',
      'c',
      '--data',
      data,
    );
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as Row[];
    assert.deepEqual(
      rows.map((r) => [r.file, r.ok, r.source?.format, r.source?.reliability]),
      [
        [fixture('article.html'), true, 'html', 'C'],
        [fixture('report.pdf'), true, 'pdf', 'C'],
      ],
    );
    const listed = JSON.parse((await fieldbook('list', 'sources', '--json', '--data', data)).stdout) as Source[];
    assert.ok(listed.some((s) => s.id === rows[0]!.source!.id));
  });

  test('one line per file; a duplicate or a bad file is that file’s error on stderr, the rest still imported, exit 1', async () => {
    const result = await fieldbook(
      'import',
      fixture('report.pdf'),
      fixture('notes.txt'),
      fixture('scan.pdf'),
      fixture('missing.txt'),
      '--data',
      data,
    );
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^imported \d+ "Market prices in Agadez, week 24" \(text, 167 characters\)\n$/);
    const errors = result.stderr.trim().split('\n');
    assert.equal(errors.length, 3, result.stderr);
    assert.match(errors[0]!, /report\.pdf: the same text is already stored as source \d+/);
    assert.match(errors[1]!, /scan\.pdf: this PDF has no text layer/);
    assert.match(errors[2]!, /missing\.txt: there is no such file/);
  });

  test('--json reports failures in the array; a bad --reliability or no FILE is a usage error', async () => {
    const result = await fieldbook('import', fixture('empty.txt'), '--json', '--data', data);
    assert.equal(result.code, 1);
    const rows = JSON.parse(result.stdout) as Row[];
    assert.deepEqual(
      rows.map((r) => [r.ok, r.error?.code]),
      [[false, 'invalid_input']],
    );
    assert.equal((await fieldbook('import', fixture('notes.txt'), '--reliability', 'Z', '--data', data)).code, 2);
    assert.equal((await fieldbook('import', '--data', data)).code, 2);
  });
});
