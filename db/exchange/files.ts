// Exchange files on disk: recognised by their content, written owner-only.
import fs from 'node:fs';
import { type ExchangeKind, exchangeKindOfText } from './kind.ts';
import { PRIVATE_FILE_MODE, makeFilePrivate } from '../store/private.ts';

export type { ExchangeKind };

/** What an exchange file is, by its content (a case file's format marker, an ACLED header); null for anything else (a document). */
export function exchangeKindOf(bytes: Buffer): ExchangeKind | null {
  return exchangeKindOfText(bytes.subarray(0, 4096).toString('utf8'));
}

/** Writes an export to a new file, owner-only (0600) like a backup: an existing file is never overwritten. */
export function writeExportFile(file: string, content: string): number {
  try {
    fs.writeFileSync(file, content, { encoding: 'utf8', mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EEXIST' ? `${file} already exists; nothing was written (choose a new file name)` : `${file} cannot be written (${code})`,
    );
  }
  makeFilePrivate(file);
  return Buffer.byteLength(content, 'utf8');
}
