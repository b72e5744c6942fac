import { defineConfig } from 'vite';

// The renderer: built to dist/renderer, loaded by Electron (app://fieldbook)
// and by the browser shell (fieldbook serve). Relative asset paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // db/shared/edtf-words.ts reads the edtf package's class names (value.type); the bundler must not rename them.
    rolldownOptions: { output: { keepNames: true } },
  },
});
