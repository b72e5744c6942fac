// Exchange files on disk: recognised by their content, written owner-only.
import fs from 'node:fs';
import path from 'node:path';
import { type ExchangeKind, exchangeKindOfText } from '../shared/exchange-kind.ts';
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

/**
 * Writes a Markdown vault to a new folder (0700, subfolders too), each file
 * owner-only (0600); an existing folder is never written into.
 */
export function writeVaultFolder(folder: string, files: readonly { path: string; content: string }[]): number {
  try {
    fs.mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EEXIST' ? `${folder} already exists; nothing was written (choose a new folder name)` : `${folder} cannot be made (${code})`,
    );
  }
  fs.chmodSync(folder, 0o700);
  const root = path.resolve(folder);
  let bytes = 0;
  for (const file of files) {
    const target = path.resolve(root, file.path);
    if (!target.startsWith(`${root}${path.sep}`)) throw new Error(`${file.path} would land outside ${folder}`);
    const dir = path.dirname(target);
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.chmodSync(dir, 0o700);
    }
    bytes += writeExportFile(target, file.content);
  }
  return bytes;
}
