// Command-line options of the desktop app (process.argv also carries
// Electron's and Chromium's own switches, which are left alone).
import path from 'node:path';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The folder given with `--data DIR` or `--data=DIR`, made absolute; undefined when absent. */
export function parseDataDirArg(argv: readonly string[], cwd: string = process.cwd()): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--data') {
      const value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError('--data needs a folder: --data DIR');
      found = value;
      i++;
    } else if (arg.startsWith('--data=')) {
      const value = arg.slice('--data='.length);
      if (value === '') throw new UsageError('--data needs a folder: --data=DIR');
      found = value;
    }
  }
  return found === undefined ? undefined : path.resolve(cwd, found);
}

/** The window title: the app's name, and the data folder when it is not the default one (so two stores are told apart). */
export function windowTitle(appName: string, dataDir: string, defaultDataDir: string): string {
  return path.resolve(dataDir) === path.resolve(defaultDataDir) ? appName : `${appName} — ${dataDir}`;
}
