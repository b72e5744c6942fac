import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_IMPORT_BYTES } from '../../db/shared/import-document.ts';
import { extractDocument } from '../../db/import/extract.ts';
import { clip, normaliseText } from '../../db/import/normalise.ts';
import { fixture, refusedAsFile } from '../fixtures/import/files.ts';

const utf8 = (fileName: string, text: string) => ({ fileName, bytes: Buffer.from(text, 'utf8') });

/** Asserts that extracting `file` is refused as invalid input naming 'file', with a message matching `pattern`. */
async function refused(file: { fileName: string; bytes: Uint8Array }, pattern: RegExp): Promise<void> {
  await assert.rejects(extractDocument(file), refusedAsFile(pattern));
}

describe('plain text', () => {
  test('the fixture: title from the first line, paragraphs kept, Arabic kept, blank lines collapsed, trailing spaces gone', async () => {
    const document = await extractDocument(fixture('notes.txt'));
    assert.equal(document.format, 'text');
    assert.equal(document.title, 'Market prices in Agadez, week 24');
    assert.equal(
      document.text,
      'Market prices in Agadez, week 24\n\n' +
        'Millet rose 12% since May; fuel is scarce.\nTraders blame the closure of the Salvador Pass.\n\n' +
        'أسعار السوق في أغاديز ارتفعت هذا الأسبوع.',
    );
    assert.deepEqual([document.author, document.published, document.language], [null, null, null]);
  });

  test('a byte-order mark is dropped and CRLF or CR newlines become \\n', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\r\n\r\nFirst line\r\nsecond\rthird  \t\r\n', 'utf8')]);
    const document = await extractDocument({ fileName: 'windows.txt', bytes });
    assert.equal(document.title, 'First line');
    assert.equal(document.text, 'First line\nsecond\nthird');
  });

  test('UTF-16 with its byte-order mark is read', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Notepad note\nسطر ثان', 'utf16le')]);
    const document = await extractDocument({ fileName: 'unicode.txt', bytes });
    assert.equal(document.text, 'Notepad note\nسطر ثان');
  });

  test('a long first line makes a title of at most 200 characters, cut at a word', async () => {
    const line = 'word '.repeat(100).trim();
    const document = await extractDocument(utf8('long.txt', `${line}\nrest`));
    assert.ok(document.title.length <= 200, String(document.title.length));
    assert.match(document.title, /^word( word)+…$/);
    assert.ok(document.text.startsWith(line), 'the text keeps the whole line');
  });

  test('a file without an extension that is text is read as text', async () => {
    assert.equal((await extractDocument(utf8('README', 'Read me first.'))).format, 'text');
  });

  test('control characters other than tab and newline are dropped', () => {
    assert.equal(normaliseText('a\u0007b\tc\u001b\n\n\n\n\nd'), 'ab\tc\n\nd');
    assert.equal(clip('  many   spaces\nand lines  ', 200), 'many spaces and lines');
  });
});

describe('files that are refused', () => {
  test('an empty file', () => refused(fixture('empty.txt'), /empty/));
  test('a file of blank lines', () => refused(utf8('blank.txt', ' \n\t\n  \r\n'), /no text/));
  test('a binary file (NUL bytes)', () => refused(fixture('binary.bin'), /binary/));
  test('a binary file named .txt', () => refused({ fileName: 'photo.txt', bytes: fixture('binary.bin').bytes }, /binary/));
  test('invalid UTF-8', () => refused({ fileName: 'latin1.txt', bytes: Buffer.from('caf\xe9 cr\xe8me', 'latin1') }, /not valid UTF-8/));
  test('an unsupported type, by extension', () => refused(utf8('minutes.DOCX', 'PK'), /\.docx files cannot be imported/));
  test('a file over 50 MB, before a byte of it is parsed', async () => {
    // A one-byte array that claims to be larger than 50 MB: the size check must come first.
    const bytes = Object.defineProperty(new Uint8Array([0x41]), 'length', { value: MAX_IMPORT_BYTES + 1 });
    await refused({ fileName: 'huge.txt', bytes }, /larger than 50 MB/);
  });
});
