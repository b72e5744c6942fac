// `fieldbook serve`: the loopback browser shell as a long-running command.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, openAppWindow } from './browser.ts';
import { startLoopbackServer } from './loopback.ts';
import { startStoreThread } from './store-thread.ts';
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
  dataDir: string;
  port: number;
  open: boolean;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/**
 * Opens the store in a worker thread (store-service.ts), then serves the
 * renderer and the API until SIGINT or SIGTERM, then closes the server and
 * the store. Prints one line to `out`: the login address. Rejects with a
 * StoreStartError when the store cannot be opened.
 */
export async function serve({ dataDir, port, open, out, err }: ServeOptions): Promise<void> {
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('the renderer is not built: run "npm run build" first');
  const write = (line: string) => err.write(`${line}\n`);
  const stopReporting = reportUncaughtErrors(dataDir, write);
  const store = await startStoreThread({ dataDir }, write);
  for (const warning of store.warnings) write(`fieldbook: warning: ${warning}`);
  const server = await startLoopbackServer({ api: store, staticDir, port });
  const stopped = untilSignal();
  try {
    out.write(`Fieldbook at ${server.url}\n`);
    if (open) {
      const browser = findChromium();
      if (browser) {
        openAppWindow(browser, server.loginUrl(), path.join(dataDir, 'browser-profile'), (error) =>
          err.write(`fieldbook: could not start ${browser}: ${error.message}\n`),
        );
      } else {
        err.write('fieldbook: no Chromium or Chrome found; open the address above in a browser\n');
      }
    }
    await stopped;
  } finally {
    await server.close();
    await store.close();
    stopReporting();
  }
}
