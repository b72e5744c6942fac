// Layers, kept by tooling (DESIGN.md, Layout). npm test runs this.
//   renderer/  the browser side: no Node, no store; from db/ only db/shared/
//              (the API contract and its types, vocabulary, folding, dates in
//              words, errors, the editor's schema), types included.
//   db/shared/ pure: imports only itself and a few pure packages, so the
//              renderer compiles without Node's types.
//   db/        plain Node: neither Electron, nor the DOM, nor the shells.
//   electron/, server/, bin/  reach the store through the API contract
//              (db/api.ts), never its repositories directly.
import tseslint from 'typescript-eslint';

/** SQL that writes a derived index: a full-text index, a source's chunks or indexing state, the search vocabulary. */
const INDEX_TABLE_WRITE =
  '/(INSERT( OR \\w+)? INTO|DELETE FROM|UPDATE|REPLACE INTO)\\s+(notes_fts|sources_fts|annotations_fts|records_fts|search_terms|search_terms_trigram|source_chunks|source_indexing)\\b/';
const INDEX_WRITES = ['Literal', 'TemplateElement'].map((node) => ({
  selector: `${node}[${node === 'Literal' ? 'value' : 'value.raw'}=${INDEX_TABLE_WRITE}]`,
  message: 'only the indexer (db/search/indexer.ts) writes the search indexes: say what the write touched with touched(db, kind, id).',
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'tests/artifacts/**', 'bench/results/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: ['renderer/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'renderer/ talks to the store only through renderer/core/api.ts.' },
            { name: 'better-sqlite3', message: 'renderer/ talks to the store only through renderer/core/api.ts.' },
          ],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'renderer/ runs in a browser: no Node built-ins.' },
            {
              group: ['**/server/**', '**/electron/**', '**/bin/**'],
              message: 'renderer/ imports no shell: what it shares with one lives in db/shared/.',
            },
            {
              group: ['**/db/**/*.ts', '!**/db/shared/**'],
              message: 'renderer/ may import from db/ only db/shared/ (the contract and pure modules): see eslint.config.js.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|zod$|edtf$|@tiptap/)',
              message: 'db/shared/ is pure: it imports only db/shared/ and zod, edtf or @tiptap.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    ignores: ['db/shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'db/ is plain Node: no Electron.' }],
          patterns: [
            { group: ['**/renderer/**', '**/server/**', '**/electron/**', '**/bin/**'], message: 'db/ imports no shell and no UI.' },
          ],
        },
      ],
    },
  },
  {
    // One indexer (db/search/indexer.ts): only its modules, and the migrations that create and refill the
    // tables, write the full-text indexes and the search vocabulary. Repositories say what they touched.
    files: ['db/**/*.ts'],
    ignores: [
      'db/search/indexer.ts',
      'db/search/record-index.ts',
      'db/search/source-index.ts',
      'db/search/terms.ts',
      'db/search/vocabulary-sweep.ts',
      'db/store/migrations.ts',
    ],
    rules: {
      'no-restricted-syntax': ['error', ...INDEX_WRITES],
    },
  },
  {
    files: ['electron/**/*.ts', 'server/**/*.ts', 'bin/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/repo/**', '**/db/merge/**', '**/db/store/statements.ts'],
              allowTypeImports: true,
              message: 'the shells reach the store through the API contract (db/api.ts), not its repositories.',
            },
          ],
        },
      ],
    },
  },
);
