// Bytes to text: UTF-8 (or UTF-16 with its byte-order mark), refusing what is
// not text. An HTML file may instead declare its charset in a <meta> tag.
import { fileError } from '../shared/import-document.ts';

const BINARY = 'this is a binary file, not text: import a PDF, HTML, Markdown or plain-text file';
const NOT_UTF8 = 'this file is not valid UTF-8 text (a binary file, or text in another encoding?): save it as UTF-8 and import it again';

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decodeStrict(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    // The decoder drops a leading byte-order mark.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Text without its byte-order mark; refuses NUL bytes and invalid UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  return decode(bytes, () => undefined);
}

/** The charset an HTML file declares in its first 1024 bytes (`<meta charset>` or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}

/** HTML text: UTF-8, else the charset the page declares (windows-1252, ISO-8859-6, …). */
export function decodeHtml(bytes: Uint8Array): string {
  return decode(bytes, () => {
    const charset = declaredCharset(bytes);
    if (charset === undefined || /^utf-?8$/.test(charset)) return undefined;
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      return undefined; // a label TextDecoder does not know
    }
  });
}

function decode(bytes: Uint8Array, fallback: () => string | undefined): string {
  const utf16 = utf16Encoding(bytes);
  let text: string | undefined;
  if (utf16) {
    text = decodeStrict(bytes, utf16);
    if (text === undefined) throw fileError(BINARY);
  } else {
    if (bytes.includes(0)) throw fileError(BINARY);
    text = decodeStrict(bytes, 'utf-8') ?? fallback();
    if (text === undefined) throw fileError(NOT_UTF8);
  }
  if (text.includes('\u0000')) throw fileError(BINARY);
  return text;
}
