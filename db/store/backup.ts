// Backups: single self-contained files (no -wal beside them), made by the
// process that owns the store with VACUUM INTO (a read snapshot, so it
// finishes however fast another process writes), written to an owner-only
// temporary file, checked, then linked into place without following or
// replacing anything already there. Automatic backups: one a day while the
// app runs, the last 7 days and one for each of the last 4 weeks kept.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './db.ts';
import { APPLICATION_ID } from './open.ts';
import { LATEST_VERSION } from './migrations.ts';
import { createPrivateFile, ensurePrivateDir, fileStamp, makeFilePrivate, temporarySibling } from './private.ts';

export const BACKUP_DIR = 'backups';
const DAILY = /^fieldbook-(\d{4}-\d{2}-\d{2})\.sqlite$/;
const KEEP_DAYS = 7;
const KEEP_WEEKS = 4;

export interface BackupFile {
  file: string;
  bytes: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Throws a BackupError unless `file` is a whole, readable Fieldbook store this version can open. */
export function verifyBackup(file: string): void {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened: ${(error as Error).message}`);
  }
  try {
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).filter((r) => r.integrity_check !== 'ok');
    if (problems.length) throw new BackupError(`${file} is damaged: ${problems[0]!.integrity_check}`);
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw new BackupError(`${file} is not a Fieldbook store`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw new BackupError(`${file} was written by a newer Fieldbook (schema ${version})`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable Fieldbook store: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/** Writes a checked copy of the live store to `file`, which must not exist yet (nor be a link). */
export function backupStore(db: Db, file: string): BackupFile {
  const target = path.resolve(file);
  if (fs.lstatSync(target, { throwIfNoEntry: false })) throw new BackupError(`${target} already exists; choose a new file name`);
  ensurePrivateDir(path.dirname(target));
  const temp = temporarySibling(target);
  try {
    createPrivateFile(temp); // VACUUM INTO fills an empty file: it stays owner-only from the first byte
    db.prepare('VACUUM INTO ?').run(temp);
    makeFilePrivate(temp);
    verifyBackup(temp);
    fs.linkSync(temp, target); // fails, rather than overwrite, if something appeared at `target` meanwhile
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return { file: target, bytes: fs.statSync(target).size };
}

/** A backup made on request, named by the moment it was made. */
export function manualBackup(db: Db, dataDir: string): BackupFile {
  return backupStore(db, path.join(dataDir, BACKUP_DIR, `fieldbook-${fileStamp()}-manual.sqlite`));
}

/** Backups in `dataDir/backups`, newest first. */
export function listBackups(dataDir: string): (BackupFile & { name: string; modified: string })[] {
  const dir = path.join(dataDir, BACKUP_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => {
      const file = path.join(dir, name);
      const stat = fs.statSync(file);
      return { name, file, bytes: stat.size, modified: stat.mtime.toISOString() };
    })
    .sort((a, b) => b.modified.localeCompare(a.modified) || b.name.localeCompare(a.name));
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The Monday of `date`'s week, as a day: backups of one week share it. */
function weekOf(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return day(date);
}

/** The daily backups to delete: all but the last KEEP_DAYS days and the newest of each of the last KEEP_WEEKS weeks. */
export function backupsToPrune(names: readonly string[], now: Date): string[] {
  const dated = names.flatMap((name) => {
    const match = DAILY.exec(name);
    return match ? [{ name, day: match[1]! }] : [];
  });
  const newestFirst = [...dated].sort((a, b) => b.day.localeCompare(a.day));
  const keep = new Set(
    newestFirst.filter((b) => (now.getTime() - Date.parse(`${b.day}T00:00:00Z`)) / 86_400_000 < KEEP_DAYS).map((b) => b.name),
  );
  const weeks = new Map<string, string>();
  for (const backup of newestFirst) if (!weeks.has(weekOf(backup.day))) weeks.set(weekOf(backup.day), backup.name);
  for (const name of [...weeks.values()].slice(0, KEEP_WEEKS)) keep.add(name);
  return dated.filter((b) => !keep.has(b.name)).map((b) => b.name);
}

/** Today's automatic backup, unless it exists; then the old ones pruned. Returns the new backup, if one was made. */
export function dailyBackup(db: Db, dataDir: string, now = new Date()): BackupFile | undefined {
  const dir = path.join(dataDir, BACKUP_DIR);
  const file = path.join(dir, `fieldbook-${day(now)}.sqlite`);
  if (fs.existsSync(file)) return undefined;
  const made = backupStore(db, file);
  for (const name of backupsToPrune(fs.readdirSync(dir), now)) fs.rmSync(path.join(dir, name), { force: true });
  return made;
}

/** Keeps the store at `store` before a restore: a checked backup, or when it cannot be read, a raw copy of its files. */
function keepCurrent(store: string, dataDir: string): string | undefined {
  if (!fs.existsSync(store)) return undefined;
  const stamp = fileStamp();
  const kept = path.join(dataDir, BACKUP_DIR, `before-restore-${stamp}.sqlite`);
  let current: Db | undefined;
  try {
    current = new Database(store, { readonly: true, fileMustExist: true });
    return backupStore(current, kept).file;
  } catch {
    // Damaged or unreadable (often why one restores): its bytes are kept as they are.
    ensurePrivateDir(path.dirname(kept));
    const raw = kept.replace(/\.sqlite$/, '-unreadable.sqlite');
    for (const suffix of ['', '-wal']) {
      if (fs.existsSync(`${store}${suffix}`)) {
        fs.copyFileSync(`${store}${suffix}`, `${raw}${suffix}`, fs.constants.COPYFILE_EXCL);
        makeFilePrivate(`${raw}${suffix}`);
      }
    }
    return raw;
  } finally {
    current?.close();
  }
}

/**
 * Replaces the store at `store` with the backup `file`, after checking it and
 * keeping the current store in `dataDir/backups` first. Run it while no
 * Fieldbook has the store open (one that had refuses further writes: identity.ts).
 */
export function restoreStore(store: string, dataDir: string, file: string): { restored: string; kept: string | undefined } {
  verifyBackup(file);
  const kept = keepCurrent(store, dataDir);
  ensurePrivateDir(path.dirname(store));
  const temp = temporarySibling(store);
  try {
    createPrivateFile(temp);
    fs.copyFileSync(file, temp);
    makeFilePrivate(temp);
    verifyBackup(temp);
    // A -wal or -shm left beside the store belongs to the old one: the restored file must not be read through it.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${store}${suffix}`, { force: true });
    fs.renameSync(temp, store);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return { restored: path.resolve(file), kept };
}

const DAILY_CHECK_MS = 60 * 60 * 1000;

/**
 * Runs `backupToday` now and every hour while the process lives (the timer
 * does not keep it alive). A failure is reported through `report`, never
 * thrown: a backup that cannot be made must not stop the app.
 */
export function scheduleDailyBackups(backupToday: () => Promise<unknown>, report: (error: Error) => void): () => void {
  const run = () => void backupToday().catch((error: unknown) => report(error instanceof Error ? error : new Error(String(error))));
  const first = setTimeout(run, 0);
  const timer = setInterval(run, DAILY_CHECK_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
