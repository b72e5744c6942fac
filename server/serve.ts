// `fieldbook serve`: the loopback browser shell as a long-running command.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callHostMethod, callMethod } from '../db/api.ts';
import { scheduleDailyBackups } from '../db/store/backup.ts';
import { prepareSearchInBackground, type SearchReadiness } from '../db/search/prepare.ts';
import type { Fieldbook } from '../db/fieldbook.ts';
import { LiveStore } from '../db/live-store.ts';
import type { Db } from '../db/store/open.ts';
import { findChromium, openAppWindow } from './browser.ts';
import { startControlSocket } from './control.ts';
import { startLoopbackServer } from './loopback.ts';
import { reportUncaughtErrors } from './uncaught.ts';

/**
 * The built renderer: `dist/renderer` at the repository root. The environment
 * variable FIELDBOOK_STATIC_DIR overrides it (the tests point it at a folder
 * holding a stand-in index.html, so they need no build).
 */
export function rendererDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['FIELDBOOK_STATIC_DIR'];
  if (override) return path.resolve(override);
  return fileURLToPath(new URL('../dist/renderer/', import.meta.url));
}

/** Resolves with the first SIGINT or SIGTERM; after that the default handlers apply again. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export interface ServeOptions {
  fieldbook: Fieldbook;
  port: number;
  open: boolean;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

const warmUpSearch = (db: Db) => prepareSearchInBackground(() => callMethod(db, 'search.prepare', { slices: 1 }) as SearchReadiness);

/**
 * Serves the renderer and the API until SIGINT or SIGTERM, then closes the
 * server and the store (which a restore may have replaced meanwhile). Prints
 * one line to `out`: the login address.
 */
export async function serve({ fieldbook, port, open, out, err }: ServeOptions): Promise<void> {
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('the renderer is not built: run "npm run build" first');
  const stopReporting = reportUncaughtErrors(fieldbook.dataDir, (line) => err.write(`${line}\n`));
  const store = new LiveStore(fieldbook, { onReopen: warmUpSearch });
  const server = await startLoopbackServer({ store, staticDir, port });
  const stopControl = await startControlSocket(fieldbook.dataDir, store, (message) => err.write(`fieldbook: ${message}\n`));
  warmUpSearch(store.db);
  const stopBackups = scheduleDailyBackups(
    () => callHostMethod(store, 'backups.create', { daily: true }),
    (error) => err.write(`fieldbook: the daily backup failed: ${error.message}\n`),
  );
  const stopped = untilSignal();
  try {
    out.write(`Fieldbook at ${server.url}\n`);
    if (open) {
      const browser = findChromium();
      if (browser) {
        openAppWindow(browser, server.loginUrl(), path.join(fieldbook.dataDir, 'browser-profile'), (error) =>
          err.write(`fieldbook: could not start ${browser}: ${error.message}\n`),
        );
      } else {
        err.write('fieldbook: no Chromium or Chrome found; open the address above in a browser\n');
      }
    }
    await stopped;
  } finally {
    stopBackups();
    await stopControl();
    await server.close();
    store.close();
    stopReporting();
  }
}
