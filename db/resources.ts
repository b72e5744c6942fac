// Where the files shipped beside the code (the seed corpus) are: one function
// decides, for the repository and for the packaged desktop app alike.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 'seed';

/** True when `moduleFile` is inside an Electron app archive, as the packaged app's code is. */
export function isPackagedModule(moduleFile: string): boolean {
  return /[\\/]app\.asar[\\/]/.test(moduleFile);
}

/**
 * The seed corpus folder. Packaged (the code runs from app.asar), electron-builder's
 * extraResources put it at `<resourcesPath>/seed`; anywhere else it is the
 * repository's `resources/seed`, found by walking up from the running module
 * (db/ when run from source, dist/electron/ when bundled).
 */
export function seedDir(
  moduleFile: string = fileURLToPath(import.meta.url),
  resourcesPath: string | undefined = (process as { resourcesPath?: string }).resourcesPath,
): string {
  if (isPackagedModule(moduleFile)) {
    if (!resourcesPath) throw new Error(`${moduleFile} runs from an app archive, but process.resourcesPath is not set`);
    return path.join(resourcesPath, SEED);
  }
  for (let dir = path.dirname(moduleFile); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', SEED);
    if (fs.existsSync(path.join(candidate, 'sources.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no resources/${SEED}/ folder above ${moduleFile}`);
  }
}
