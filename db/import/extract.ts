// extractDocument: a file's bytes to the text and metadata of a source.
import { MAX_SOURCE_CHARS } from '../shared/schemas.ts';
import { decodeHtml, decodeText } from './decode.ts';
import { detectFormat } from './detect.ts';
import { type ExtractedDocument, fileError, type ImportFile, MAX_IMPORT_BYTES, type ReadDocument } from '../shared/import-document.ts';
import { readHtml } from './html.ts';
import { readMarkdown } from './markdown.ts';
import { fileStem, firstLine, normaliseText } from './normalise.ts';
import { readPdf } from './pdf.ts';

function readText(text: string): ReadDocument {
  return { text, title: null, author: null, published: null, language: null };
}

/**
 * Reads a PDF, HTML, Markdown or plain-text file. Refuses, with an ApiError
 * naming 'file', a file that is empty, binary, of an unsupported type, over
 * 50 MB, or a PDF that cannot be read or holds no text.
 */
export async function extractDocument({ fileName, bytes, onProgress }: ImportFile): Promise<ExtractedDocument> {
  if (bytes.length === 0) throw fileError('the file is empty');
  if (bytes.length > MAX_IMPORT_BYTES) throw fileError('the file is larger than 50 MB');
  const format = detectFormat(fileName, bytes);
  let read: ReadDocument;
  switch (format) {
    case 'pdf':
      read = await readPdf(bytes, onProgress);
      break;
    case 'html':
      read = readHtml(decodeHtml(bytes));
      break;
    case 'markdown':
      read = readMarkdown(decodeText(bytes));
      break;
    case 'text':
      read = readText(decodeText(bytes));
      break;
  }
  const text = normaliseText(read.text);
  if (text === '') throw fileError('the file holds no text');
  if (text.length > MAX_SOURCE_CHARS) throw fileError('the text of this file is longer than a source may be (50 MB)');
  return {
    title: read.title ?? (format === 'pdf' ? null : firstLine(text)) ?? fileStem(fileName),
    text,
    author: read.author,
    published: read.published,
    language: read.language,
    format,
  };
}
