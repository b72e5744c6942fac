// PDF to text through pdfjs-dist's text layer: lines rebuilt from the text
// items (pdfjs marks each line's end), a blank line where a gap between lines
// says a new paragraph starts, a blank line between pages. A PDF without a text
// layer (a scan) is refused: there is nothing to read without OCR.
import type { ImportProgress, ReadDocument } from '../shared/import-document.ts';
import { fileError } from '../shared/import-document.ts';
import { cleanAuthor, cleanLanguage, pdfDateToEdtf } from './document-metadata.ts';
import { cleanTitle } from './normalise.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type TextContent = Awaited<
  ReturnType<Awaited<ReturnType<import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy['getPage']>>['getTextContent']>
>;

let pdfjs: Promise<PdfJs> | undefined;
/** pdfjs is loaded on the first PDF, not with the API. */
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** The most pages a PDF source may have. */
export const MAX_PDF_PAGES = 5000;

/** A gap between two lines wider than this many line heights starts a paragraph. */
const PARAGRAPH_GAP = 1.8;

function pageText(content: TextContent): string {
  let text = '';
  let lineY: number | undefined; // baseline of the line being written
  let lineHeight = 0;
  let atLineStart = true;
  for (const item of content.items) {
    if (!('str' in item)) continue; // marked content
    const y = Number(item.transform[5]);
    if (atLineStart && lineY !== undefined && lineHeight > 0 && lineY - y > PARAGRAPH_GAP * lineHeight) text += '\n';
    if (atLineStart) {
      lineY = y;
      lineHeight = 0;
    }
    text += item.str;
    if (item.str !== '') {
      lineHeight = Math.max(lineHeight, item.height);
      atLineStart = false;
    }
    if (item.hasEOL) {
      text += '\n';
      atLineStart = true;
    }
  }
  return text;
}

function unreadable(error: unknown): Error {
  const name = (error as Error | undefined)?.name;
  if (name === 'PasswordException') return fileError('this PDF is password-protected: remove the password and import it again');
  const reason = String((error as Error | undefined)?.message ?? error).slice(0, 200);
  return fileError(`this PDF cannot be read (${reason}): is the file complete?`);
}

const infoString = (info: Record<string, unknown>, key: string) => (typeof info[key] === 'string' ? info[key] : null);

export async function readPdf(bytes: Uint8Array, onProgress?: ImportProgress): Promise<ReadDocument> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(bytes), // pdfjs may take over the buffer it is given: give it a copy
    disableFontFace: true, // pdfjs 6 compiles nothing with eval: it dropped the isEvalSupported option
    useWorkerFetch: false,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    verbosity: 0, // errors only: a damaged but readable PDF is not worth a warning on the console
  });
  try {
    let document;
    try {
      document = await task.promise;
    } catch (error) {
      throw unreadable(error);
    }
    const total = document.numPages;
    // A page bomb (a 121 KB file of 20,000 pages took 60 s): refused before any page is read.
    if (total > MAX_PDF_PAGES) throw fileError(`this PDF has ${total} pages, more than ${MAX_PDF_PAGES} a source may have`);
    const pages: string[] = [];
    for (let number = 1; number <= total; number++) {
      try {
        const page = await document.getPage(number);
        pages.push(pageText(await page.getTextContent()));
        page.cleanup();
      } catch (error) {
        throw unreadable(error);
      }
      onProgress?.(number, total);
    }
    const text = pages.join('\n\n');
    if (text.trim() === '') throw fileError('this PDF has no text layer (a scan?): run OCR first');

    const { info, metadata } = await document.getMetadata().catch(() => ({ info: {}, metadata: null }));
    const dict = info as Record<string, unknown>;
    return {
      text,
      title: cleanTitle(infoString(dict, 'Title')) ?? cleanTitle(metadata?.get('dc:title') as string | undefined),
      author: cleanAuthor(infoString(dict, 'Author')),
      published: pdfDateToEdtf(infoString(dict, 'CreationDate')),
      language: cleanLanguage(infoString(dict, 'Language')),
    };
  } finally {
    await task.destroy();
  }
}
