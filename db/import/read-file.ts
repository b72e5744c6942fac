// A file from disk for an import: checked for size before a byte is read.
import fs from 'node:fs';
import path from 'node:path';
import { fileError, MAX_IMPORT_BYTES } from '../shared/import-document.ts';

export interface FileForImport {
  fileName: string;
  bytes: Buffer;
}

/** Reads `file` whole; refuses (ApiError naming 'file') what is missing, not a file, or over 50 MB. */
export function readFileForImport(file: string): FileForImport {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fileError(code === 'ENOENT' ? 'there is no such file' : `the file cannot be read (${code ?? (error as Error).message})`);
  }
  if (!stat.isFile()) throw fileError('this is not a file (a folder?)');
  if (stat.size > MAX_IMPORT_BYTES) throw fileError('the file is larger than 50 MB');
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw fileError(`the file cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return { fileName: path.basename(file), bytes };
}
