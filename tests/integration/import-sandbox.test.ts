// Imported files are read in a worker thread with a memory limit, a time
// limit and a page budget (issue 12): a hostile file is refused with a clear
// message, the thread serving the API keeps answering meanwhile, and an
// import can be cancelled. Nothing is written when a file is refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';
import { callAnyMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { MAX_PDF_PAGES } from '../../db/import/pdf.ts';
import { extractInWorker } from '../../db/import/sandbox.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';

/** A valid PDF whose page tree says it has `pages` pages, all the same one page: 20,000 pages in a few hundred KB. */
function pageBomb(pages: number): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count ${pages} /Kids [${' 3 0 R'.repeat(pages)} ] >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A one-page PDF whose content stream inflates to `megabytes` MB of spaces from a few hundred KB (a Flate bomb). */
function flateBomb(megabytes: number): Buffer {
  const compressed = zlib.deflateSync(Buffer.alloc(megabytes * 1024 * 1024, 0x20), { level: 9 });
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Count 1 /Kids [3 0 R] >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>'),
    Buffer.concat([
      Buffer.from(`<< /Length ${compressed.length} /Filter /FlateDecode >>\nstream\n`),
      compressed,
      Buffer.from('\nendstream'),
    ]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  const length = () => parts.reduce((n, part) => n + part.length, 0);
  objects.forEach((object, i) => {
    offsets.push(length());
    parts.push(Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from('\nendobj\n'));
  });
  const xref = length();
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) tail += `${String(offset).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  parts.push(Buffer.from(tail));
  return Buffer.concat(parts);
}

const importFile = (db: Parameters<typeof callAnyMethod>[0], fileName: string, bytes: Buffer) =>
  callAnyMethod(db, 'sources.import', { fileName, contentBase64: bytes.toString('base64') });

describe('the import sandbox', () => {
  test('a PDF of 20,000 pages is refused before any page is read, and nothing is written', async () => {
    const { db } = tempFieldbook();
    const before = storeDigest(db);
    await assert.rejects(importFile(db, 'bomb.pdf', pageBomb(20_000)), (error: unknown) => {
      assert.ok(error instanceof ApiError && error.code === 'invalid_input');
      assert.match(error.message, new RegExp(`has 20000 pages, more than ${MAX_PDF_PAGES}`));
      return true;
    });
    assert.equal(storeDigest(db), before);
  });

  test('a file that needs more memory than the limit stops its thread, not the process', async () => {
    const text = Buffer.from('word '.repeat(2_000_000)); // 10 MB of text: far more than an 8 MB heap holds
    await assert.rejects(
      extractInWorker({ fileName: 'big.txt', bytes: text }, { limits: { memoryMb: 8 } }),
      /needs more than 8 MB of memory/,
    );
    // The process is fine and reads the next file.
    const ok = await extractInWorker({ fileName: 'ok.txt', bytes: Buffer.from('Still here.') });
    assert.equal(ok.text, 'Still here.');
  });

  test('a Flate bomb is stopped by the limit on memory outside the heap (ArrayBuffers), not only the heap limit', async () => {
    const bomb = flateBomb(150);
    assert.ok(bomb.length < 400_000, 'a small file');
    await assert.rejects(
      extractInWorker({ fileName: 'bomb.pdf', bytes: bomb }, { limits: { externalMb: 32 } }),
      /needs more than 32 MB of memory \(a decompression bomb\?\), so it was stopped; nothing was written/,
    );
  });

  test('sources.cancelImport stops the import it names while the file is read; the store is unchanged', async () => {
    const { db } = tempFieldbook();
    const before = storeDigest(db);
    const paragraph = '<p>Convoys crossed the border near <b>Agadez</b> at dawn.</p>\n';
    const html = Buffer.from(`<html><body>${paragraph.repeat(Math.ceil((20 * 1024 * 1024) / paragraph.length))}</body></html>`);
    const importing = callAnyMethod(db, 'sources.import', {
      fileName: 'long.html',
      contentBase64: html.toString('base64'),
      importId: 'import-0001',
    });
    await assert.rejects(
      callAnyMethod(db, 'sources.import', { fileName: 'other.txt', contentBase64: 'aGVsbG8=', importId: 'import-0001' }),
      (error: unknown) => error instanceof ApiError && error.code === 'conflict',
    );
    assert.deepEqual(await callAnyMethod(db, 'sources.cancelImport', { importId: 'import-0001' }), { cancelled: true });
    await assert.rejects(importing, (error: unknown) => error instanceof ApiError && error.code === 'cancelled');
    assert.deepEqual(await callAnyMethod(db, 'sources.cancelImport', { importId: 'import-0001' }), { cancelled: false }, 'over already');
    await assert.rejects(
      callAnyMethod(db, 'sources.cancelImport', { importId: '../x' }),
      (error: unknown) => error instanceof ApiError && error.code === 'invalid_input',
    );
    assert.equal(storeDigest(db), before);
  });

  test('a cancel that reaches the store before the import it names refuses that import when it arrives', async () => {
    const { db } = tempFieldbook();
    const before = storeDigest(db);
    // Cancel pressed while a large file is still on its way: the cancel overtakes it.
    assert.deepEqual(await callAnyMethod(db, 'sources.cancelImport', { importId: 'import-early' }), { cancelled: false });
    const file = { fileName: 'overtaken.txt', contentBase64: Buffer.from('Overtaken by its Cancel.').toString('base64') };
    await assert.rejects(
      callAnyMethod(db, 'sources.import', { ...file, importId: 'import-early' }),
      (error: unknown) => error instanceof ApiError && error.code === 'cancelled' && /nothing was written/.test(error.message),
    );
    assert.equal(storeDigest(db), before);
    // The cancel stopped that one import, no other.
    assert.equal(
      ((await callAnyMethod(db, 'sources.import', { ...file, importId: 'import-early' })) as { title: string }).title,
      'Overtaken by its Cancel.',
    );
  });

  test('a file that takes longer than the time limit is stopped', async () => {
    await assert.rejects(
      extractInWorker({ fileName: 'slow.md', bytes: Buffer.from('# t\n\nx') }, { limits: { timeMs: 1 } }),
      /took longer than 0\.001 s, so it was stopped; nothing was written/,
    );
  });

  test('an import can be cancelled', async () => {
    const controller = new AbortController();
    const reading = extractInWorker({ fileName: 'a.txt', bytes: Buffer.from('text '.repeat(1_000_000)) }, { signal: controller.signal });
    controller.abort();
    await assert.rejects(reading, (error: unknown) => error instanceof ApiError && error.code === 'cancelled');
  });

  test('while a large file is read, the thread that serves the API keeps answering', async () => {
    const { db } = tempFieldbook();
    const markdown = Buffer.from(`# Large\n\n${'A paragraph of *field notes* with `code` and [links](x).\n\n'.repeat(120_000)}`); // about 7 MB
    let answered = 0;
    let done = false;
    const reading = importFile(db, 'large.md', markdown).finally(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!done) answered += (await callAnyMethod(db, 'stats.get', {})) ? 1 : 0;
    }
    const source = (await reading) as { title: string };
    assert.equal(source.title, 'Large');
    assert.ok(answered > 0, 'calls were answered while the file was being read');
  });
});
