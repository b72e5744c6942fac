// Layers, kept by tooling (DESIGN.md, Layout). npm test runs this.
//   renderer/  the browser side: no Node, no store; from db/ only the small
//              pure modules it shares (types, vocabulary, folding, dates in
//              words, errors, the editor's schema), and types from the rest.
//   db/        plain Node: neither Electron, nor the DOM, nor the shells.
//   electron/, server/, bin/  reach the store through the API contract
//              (db/api.ts), never its repositories directly.
import tseslint from 'typescript-eslint';

const SHARED_WITH_RENDERER = [
  'records',
  'vocabulary',
  'text',
  'errors',
  'edtf-words',
  'record-words',
  'extract/types',
  'notes/editor-schema',
  'import/document',
  'exchange/csv',
  'exchange/kind',
  'exchange/event-filter',
].map((module) => `!**/db/${module}.ts`);

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
              allowTypeImports: true,
              message: 'renderer/ imports no shell (types of a transport excepted).',
            },
            {
              group: ['**/db/**/*.ts', ...SHARED_WITH_RENDERER],
              allowTypeImports: true,
              message: 'renderer/ may import from db/ only its shared pure modules (and types): see eslint.config.js.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
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
