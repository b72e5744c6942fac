import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Fieldbook';
export const STORE_FILE = 'fieldbook.sqlite';

/** The platform's user-data folder for Fieldbook: the same folder Electron's app.getPath('userData') gives. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['FIELDBOOK_DATA']) return path.resolve(env['FIELDBOOK_DATA']);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), APP_NAME);
}

export function storePath(dataDir: string): string {
  return path.join(dataDir, STORE_FILE);
}
