// The store knows it is still itself. SQLite writes through the file it
// opened: if that file is deleted, moved or replaced while Fieldbook runs,
// writes would go on "succeeding" into a file no one will ever open again.
// Before every write, the path is checked against the device and inode
// opened; on a mismatch, what the open connection still holds is saved to a
// rescue copy beside the old path, and every later write is refused.
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../shared/errors.ts';
import type { Db } from './db.ts';
import { ensurePrivateDir, fileStamp, makeFilePrivate } from './private.ts';

interface Identity {
  file: string;
  dev: number;
  ino: number;
  /** Set once the store was found gone: the message every later write gets. */
  lost?: string;
}

const identities = new WeakMap<Db, Identity>();

export function rememberStoreFile(db: Db, file: string): void {
  const stat = fs.statSync(file);
  identities.set(db, { file: path.resolve(file), dev: stat.dev, ino: stat.ino });
}

/** The device and inode of the file `db` opened (undefined for an in-memory store). */
export function storeFileIdentity(db: Db): { dev: number; ino: number } | undefined {
  const identity = identities.get(db);
  return identity && { dev: identity.dev, ino: identity.ino };
}

/** What is wrong with the file at the store's path, or undefined when it is still the store that was opened. */
function whatChanged(identity: Identity): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(identity.file);
  } catch {
    return 'was deleted or moved';
  }
  if (stat.dev !== identity.dev || stat.ino !== identity.ino) return 'was replaced by another file';
  if (stat.size === 0) return 'was emptied';
  return undefined;
}

/** Saves what `db` still holds to a new file beside `file` (owner-only); returns its path, or why it could not. */
function rescue(db: Db, file: string): { path?: string; error?: string } {
  const stamp = fileStamp();
  const target = path.join(path.dirname(file), `fieldbook-rescued-${stamp}.sqlite`);
  try {
    ensurePrivateDir(path.dirname(file));
    db.prepare('VACUUM INTO ?').run(target);
    makeFilePrivate(target);
    return { path: target };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * Throws a `store_moved` ApiError, after saving a rescue copy the first time,
 * when the store's file is no longer the one this connection opened.
 */
export function assertStoreIsItself(db: Db): void {
  const identity = identities.get(db);
  if (!identity) return;
  if (!identity.lost) {
    const changed = whatChanged(identity);
    if (!changed) return;
    const saved = rescue(db, identity.file);
    identity.lost =
      `The store ${identity.file} ${changed} while Fieldbook had it open, so nothing more is written to it. ` +
      (saved.path
        ? `Everything it held is saved in ${saved.path}: restart Fieldbook, then restore that file (fieldbook restore "${saved.path}").`
        : `Saving a rescue copy failed (${saved.error}): keep Fieldbook open and copy your latest notes elsewhere, then restore a backup.`);
  }
  throw new ApiError('store_moved', identity.lost);
}
