// What importing a file produces, and the one way an import refuses a file.
import { ApiError } from './errors.ts';

export const DOCUMENT_FORMATS = ['text', 'markdown', 'html', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The largest file an import accepts: 50 MB. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Called as a long import advances: pages read of all pages, for a PDF. */
export type ImportProgress = (done: number, total: number) => void;

export interface ImportFile {
  /** The file's name (no folders), used to pick its format and as a fallback title. */
  fileName: string;
  bytes: Uint8Array;
  onProgress?: ImportProgress;
}

export interface ExtractedDocument {
  title: string;
  text: string;
  author: string | null;
  /** EDTF, e.g. '2026-06-16' */
  published: string | null;
  /** A BCP 47 language tag, e.g. 'en' or 'ar-LY' */
  language: string | null;
  format: DocumentFormat;
}

/** What a format reader finds; the title is null when the document names none. */
export interface ReadDocument {
  text: string;
  title: string | null;
  author: string | null;
  published: string | null;
  language: string | null;
}

/** The error for a file that cannot be imported: invalid input, naming the field 'file'. */
export function fileError(message: string): ApiError {
  return new ApiError('invalid_input', message, [{ path: 'file', message }]);
}
