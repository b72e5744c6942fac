// Builds the desktop shell into dist/electron/:
//   main.js            the main process (ESM; db/ and its pure-JS dependencies bundled,
//                      electron, better-sqlite3 and Node's built-ins left to require)
//   extract-worker.js  the worker thread that reads imported files (db/import/sandbox.ts)
//   import-worker.js   the worker thread that stores an imported file (db/import/import-in-worker.ts)
//   suggest-worker.js  the worker thread that reads a long text for names (db/extract/suggest-in-worker.ts)
//   store-process.js   the utility process that owns the store (electron/store-process.ts)
//   preload.cjs        the sandboxed preload (one CommonJS file requiring only 'electron')
// Run with `npm run build:electron` (vite build --app -c vite.electron.config.ts).
// FIELDBOOK_ELECTRON_OUT_DIR overrides the output folder (the tests build into a temp dir).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig, type EnvironmentOptions } from 'vite';

const root = import.meta.dirname;
const outDir = path.resolve(root, process.env['FIELDBOOK_ELECTRON_OUT_DIR'] ?? 'dist/electron');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
// pdfjs-dist is loaded on the first PDF import only, from node_modules like better-sqlite3.
const mainExternal = ['electron', 'better-sqlite3', 'pdfjs-dist', 'pdfjs-dist/legacy/build/pdf.mjs', ...nodeBuiltins];

/** One self-contained ESM file for a Node thread or process of the app, beside main.js. */
function nodeScript(name: string, entry: string): EnvironmentOptions {
  return {
    consumer: 'server',
    resolve: { noExternal: true, external: mainExternal },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      rolldownOptions: {
        input: { [name]: path.join(root, entry) },
        external: mainExternal,
        output: { format: 'es', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  clearScreen: false,
  builder: {
    async buildApp(builder) {
      // In order: the main build empties outDir, the preload build adds to it.
      await builder.build(builder.environments['main']!);
      await builder.build(builder.environments['worker']!);
      await builder.build(builder.environments['importWorker']!);
      await builder.build(builder.environments['suggestWorker']!);
      await builder.build(builder.environments['storeProcess']!);
      await builder.build(builder.environments['preload']!);
    },
  },
  environments: {
    main: {
      consumer: 'server',
      resolve: { noExternal: true, external: mainExternal },
      build: {
        outDir,
        emptyOutDir: true,
        // Electron 45 runs Node 22 or newer: nothing to lower.
        target: 'node22',
        minify: false,
        sourcemap: true,
        copyPublicDir: false,
        rolldownOptions: {
          input: { main: path.join(root, 'electron/main.ts') },
          external: mainExternal,
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    },
    worker: nodeScript('extract-worker', 'db/import/extract-worker.ts'),
    importWorker: nodeScript('import-worker', 'db/import/import-worker.ts'),
    suggestWorker: nodeScript('suggest-worker', 'db/extract/suggest-worker.ts'),
    storeProcess: nodeScript('store-process', 'electron/store-process.ts'),
    preload: {
      consumer: 'server',
      resolve: { noExternal: true, external: ['electron'] },
      build: {
        outDir,
        emptyOutDir: false,
        // The preload runs in Electron 45's own (recent) Chromium: nothing to lower.
        target: 'esnext',
        minify: false,
        sourcemap: false,
        copyPublicDir: false,
        rolldownOptions: {
          input: { preload: path.join(root, 'electron/preload.ts') },
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      },
    },
  },
});
