// The running app's control socket: how `fieldbook backup` and `fieldbook
// restore` find out that an app (Electron or `serve`) has the store open, and
// ask it for a backup instead of copying the store behind its back. A Unix
// socket inside the owner-only data folder, so only the owner can reach it;
// one JSON line in, one JSON line out. Not on Windows, where the CLI opens
// the store itself (a backup from a second process is still consistent).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { StoreHost } from '../db/live-store.ts';
import { backupStore, type BackupFile } from '../db/store/backup.ts';

export const CONTROL_SOCKET = 'fieldbook.sock';
/** Longer socket paths than this do not fit in sockaddr_un on every platform: the app then has no socket. */
const MAX_SOCKET_PATH = 100;
const MAX_REQUEST_BYTES = 64 * 1024;

const request = z.strictObject({ command: z.literal('backup'), file: z.string().min(1).max(4096) });
type ControlRequest = z.infer<typeof request>;
type ControlReply = { ok: true; result: BackupFile } | { ok: false; error: string };

export function controlSocketPath(dataDir: string): string | undefined {
  if (process.platform === 'win32') return undefined;
  const socket = path.join(path.resolve(dataDir), CONTROL_SOCKET);
  return socket.length <= MAX_SOCKET_PATH ? socket : undefined;
}

function answer(host: StoreHost, line: string): ControlReply {
  let parsed: ControlRequest;
  try {
    parsed = request.parse(JSON.parse(line));
  } catch {
    return { ok: false, error: 'not a control request' };
  }
  if (!path.isAbsolute(parsed.file)) return { ok: false, error: 'the backup file must be an absolute path' };
  try {
    return { ok: true, result: backupStore(host.db, parsed.file) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Whether something answers on `socket` (a live app), as opposed to a file left by one that was killed. */
function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socket);
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  });
}

/**
 * Listens on the data folder's control socket while the app runs; resolves
 * with a function that stops listening and removes the socket. Resolves with
 * a no-op when there can be no socket here, or another app answers on it.
 */
export async function startControlSocket(
  dataDir: string,
  host: StoreHost,
  report: (message: string) => void,
): Promise<() => Promise<void>> {
  const socket = controlSocketPath(dataDir);
  if (!socket) return async () => undefined;
  if (fs.existsSync(socket)) {
    if (await answers(socket)) {
      report(`another Fieldbook answers on ${socket}; backups from the command line go to it`);
      return async () => undefined;
    }
    fs.rmSync(socket, { force: true });
  }
  const server = net.createServer((connection) => {
    let received = '';
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => {
      received += chunk;
      if (received.length > MAX_REQUEST_BYTES) connection.destroy();
      const end = received.indexOf('\n');
      if (end < 0) return;
      connection.end(`${JSON.stringify(answer(host, received.slice(0, end)))}\n`);
    });
    connection.on('error', () => undefined);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socket, () => (server.off('error', reject), resolve()));
    });
    // The owner-only folder already keeps others out; the socket itself is made owner-only too.
    fs.chmodSync(socket, 0o600);
  } catch (error) {
    server.close();
    report(`no control socket (${(error as Error).message}); backups from the command line open the store themselves`);
    return async () => undefined;
  }
  server.unref();
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      fs.rmSync(socket, { force: true });
    });
}

export class NoRunningApp extends Error {}

/**
 * Asks the app running on `dataDir` for a checked backup at `file`. Rejects
 * with NoRunningApp when no app answers (none runs, or one was killed and left
 * its socket), and with the app's own message when it could not make it.
 */
export function askRunningAppForBackup(dataDir: string, file: string): Promise<BackupFile> {
  const socket = controlSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    if (!socket || !fs.existsSync(socket)) return reject(new NoRunningApp());
    const connection = net.connect(socket);
    let received = '';
    let connected = false;
    connection.setEncoding('utf8');
    connection.once('connect', () => {
      connected = true;
      connection.write(`${JSON.stringify({ command: 'backup', file: path.resolve(file) } satisfies ControlRequest)}\n`);
    });
    connection.on('data', (chunk: string) => (received += chunk));
    connection.once('error', (error) => reject(connected ? error : new NoRunningApp()));
    connection.once('close', () => {
      if (!connected) return reject(new NoRunningApp());
      try {
        const reply = JSON.parse(received) as ControlReply;
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.error));
      } catch {
        reject(new Error('the running Fieldbook closed the connection without an answer'));
      }
    });
  });
}

/** Whether an app has the store in `dataDir` open (it answers on the control socket). */
export async function appIsRunning(dataDir: string): Promise<boolean> {
  const socket = controlSocketPath(dataDir);
  return !!socket && fs.existsSync(socket) && (await answers(socket));
}
