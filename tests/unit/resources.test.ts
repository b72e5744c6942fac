// The one function that finds the seed corpus: in the repository (from the
// sources and from the bundled main process) and in the packaged app.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isPackagedModule, seedDir } from '../../db/resources.ts';
import { loadSeed } from '../../db/seed/data.ts';
import { ROOT, tempDir } from '../helpers.ts';

const REPO_SEED = path.join(ROOT, 'resources', 'seed');

test('from the repository: resources/seed, whether the code runs from db/ or from the bundle in dist/electron/', () => {
  assert.equal(seedDir(), REPO_SEED);
  assert.equal(seedDir(path.join(ROOT, 'db', 'seed', 'data.ts'), undefined), REPO_SEED);
  assert.equal(
    seedDir(path.join(ROOT, 'dist', 'electron', 'main.js'), '/opt/electron/resources'),
    REPO_SEED,
    'an unpackaged Electron has a resourcesPath of its own, not ours',
  );
  assert.equal(loadSeed().data.sources.length, 5);
});

test('packaged: <resourcesPath>/seed, where electron-builder put it, and the seed loads from there', () => {
  const resources = tempDir('fieldbook-resources-');
  fs.cpSync(REPO_SEED, path.join(resources, 'seed'), { recursive: true });
  const main = path.join(resources, 'app.asar', 'dist', 'electron', 'main.js');
  assert.equal(isPackagedModule(main), true);
  assert.equal(isPackagedModule(path.join('C:\\Fieldbook\\resources\\app.asar\\dist\\electron\\main.js')), true);
  assert.equal(isPackagedModule(path.join(ROOT, 'dist', 'electron', 'main.js')), false);
  const dir = seedDir(main, resources);
  assert.equal(dir, path.join(resources, 'seed'));
  assert.deepEqual(loadSeed(dir).hash, loadSeed().hash);
});

test('packaged without a resourcesPath, or a repository without resources/seed, is an error that says so', () => {
  assert.throws(() => seedDir('/opt/Fieldbook/resources/app.asar/dist/electron/main.js', undefined), /process\.resourcesPath is not set/);
  const elsewhere = tempDir('fieldbook-no-resources-');
  assert.throws(() => seedDir(path.join(elsewhere, 'dist', 'electron', 'main.js'), undefined), /no resources\/seed\/ folder above/);
});
