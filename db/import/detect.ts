// Which reader a file goes to: by its content where that is unmistakable (a
// PDF header, an HTML document), else by its extension.
import { type DocumentFormat, fileError } from '../shared/import-document.ts';

const BY_EXTENSION: Record<string, DocumentFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
};

/** Documents people will try to import that Fieldbook cannot read (yet). */
const UNSUPPORTED = new Set([
  'doc',
  'docx',
  'odt',
  'rtf',
  'pages',
  'epub',
  'xls',
  'xlsx',
  'ods',
  'ppt',
  'pptx',
  'odp',
  'zip',
  'gz',
  'tar',
  '7z',
  'rar',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'tif',
  'tiff',
  'bmp',
  'heic',
  'mp3',
  'mp4',
  'wav',
  'mov',
  'eml',
  'msg',
  'mht',
  'mhtml',
]);

const ascii = (bytes: Uint8Array, length: number) => Buffer.from(bytes.subarray(0, length)).toString('latin1');

/** `%PDF-` within the first 1024 bytes, where readers look for it. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return ascii(bytes, 1024).includes('%PDF-');
}

/** Starts (after a byte-order mark, white space and comments) with <!doctype html> or <html>. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 1024)
    .replace(/^\xef\xbb\xbf/, '')
    .replace(/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/, '');
  return /^<(?:!doctype\s+html|html)[\s>]/i.test(head);
}

export function extensionOf(fileName: string): string {
  const match = /\.([^.]+)$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : '';
}

export function detectFormat(fileName: string, bytes: Uint8Array): DocumentFormat {
  const extension = extensionOf(fileName);
  if (looksLikePdf(bytes)) return 'pdf';
  const named = BY_EXTENSION[extension];
  if (named === 'pdf') throw fileError('this file is named .pdf but is not a PDF (it does not start with %PDF-)');
  if (named) return named;
  if (UNSUPPORTED.has(extension)) {
    throw fileError(`.${extension} files cannot be imported: save the document as PDF, HTML, Markdown or plain text first`);
  }
  return looksLikeHtml(bytes) ? 'html' : 'text';
}
