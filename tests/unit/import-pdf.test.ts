import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { extractDocument } from '../../db/import/extract.ts';
import { pdfDateToEdtf } from '../../db/import/document-metadata.ts';
import { GENERATED } from '../fixtures/import/generate.ts';
import { writePdf } from '../fixtures/import/pdf-writer.ts';
import { fixture, fixturePath, refusedAsFile } from '../fixtures/import/files.ts';

describe('PDF', () => {
  test('the committed fixtures are what tests/fixtures/import/generate.ts writes', () => {
    for (const [name, make] of Object.entries(GENERATED)) {
      assert.ok(fs.readFileSync(fixturePath(name)).equals(make()), `${name} is up to date`);
    }
  });

  test('the text layer: lines kept, a gap a new paragraph, pages a blank line apart', async () => {
    const document = await extractDocument(fixture('report.pdf'));
    assert.equal(document.format, 'pdf');
    assert.equal(
      document.text,
      'Border situation report\n' +
        'Two convoys crossed the Salvador Pass on 12 June — local sources said.\n' +
        'The route links southern Libya with northern Niger.\n\n' +
        'A spokesman said the crossing had been closed since May.\n\n' +
        'Annex: prices in Agadez rose by 20 percent.',
    );
  });

  test('title, author, creation date and language from the PDF', async () => {
    const document = await extractDocument(fixture('report.pdf'));
    assert.equal(document.title, 'Border situation report, June 2026');
    assert.equal(document.author, 'Field Team North');
    assert.equal(document.published, '2026-06-16');
    assert.equal(document.language, 'en-GB');
  });

  test('without an info title the file name is the title; progress is reported page by page', async () => {
    const bytes = writePdf({ pages: [['One'], ['Two'], ['Three']] });
    const progress: [number, number][] = [];
    const document = await extractDocument({
      fileName: 'Ministry statement.PDF',
      bytes,
      onProgress: (done, total) => progress.push([done, total]),
    });
    assert.equal(document.title, 'Ministry statement');
    assert.deepEqual([document.author, document.published, document.language], [null, null, null]);
    assert.equal(document.text, 'One\n\nTwo\n\nThree');
    assert.deepEqual(progress, [
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  test('a PDF is recognised by its header whatever its name', async () => {
    assert.equal((await extractDocument({ fileName: 'download', bytes: fixture('report.pdf').bytes })).format, 'pdf');
  });

  test('a PDF without a text layer is refused: run OCR first', async () => {
    await assert.rejects(extractDocument(fixture('scan.pdf')), refusedAsFile(/^this PDF has no text layer \(a scan\?\): run OCR first$/));
  });

  test('a damaged PDF is refused as unreadable', async () => {
    await assert.rejects(extractDocument(fixture('broken.pdf')), refusedAsFile(/cannot be read/));
  });

  test('a file named .pdf that is not a PDF is refused', async () => {
    await assert.rejects(
      extractDocument({ fileName: 'report.pdf', bytes: Buffer.from('<html>not a pdf</html>') }),
      refusedAsFile(/not a PDF/),
    );
  });

  test('PDF dates become EDTF; impossible dates are null', () => {
    assert.equal(pdfDateToEdtf("D:20260616083000+02'00'"), '2026-06-16');
    assert.equal(pdfDateToEdtf('D:202606'), '2026-06');
    assert.equal(pdfDateToEdtf('D:2026'), '2026');
    assert.equal(pdfDateToEdtf('D:20260231'), null);
    assert.equal(pdfDateToEdtf('someday'), null);
  });
});
