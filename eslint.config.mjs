// Flat config: typed rules for TypeScript, and the import boundaries of DESIGN.md / STYLE.md §3.2.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Exact module names (a gitignore-style pattern such as 'path' would also catch './yaml/path').
const nodeModules = ['fs', 'path', 'process', 'os', 'child_process', 'worker_threads'].map((name) => ({
  name,
  message: 'core is pure: no fs, path or process.',
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test/fixtures/**',
      'examples/**',
      '.vscode-test/**',
      'test/e2e/out/**',
      'test/e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after'] }],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    // core: pure. No I/O, no LSP, no editor; `yaml` only inside core/yaml.
    files: ['server/src/core/**/*.ts'],
    ignores: ['server/src/core/yaml/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'yaml', message: 'Only core/yaml imports yaml.' },
            { name: 'js-yaml', message: 'Only core/yaml imports js-yaml.' },
            ...nodeModules,
          ],
          patterns: [
            { group: ['node:*'], message: 'core is pure: no fs, path or process.' },
            { group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*'], message: 'core knows nothing of LSP or VS Code.' },
            { group: ['**/lsp/**', '**/cli/**', '**/protocol/**', '**/client/**'], message: 'core imports only core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/core/yaml/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeModules,
          patterns: [{ group: ['node:*', 'vscode*', '**/lsp/**', '**/cli/**', '**/protocol/**'], message: 'core is pure.' }],
        },
      ],
    },
  },
  {
    // cli: the core's facade and io/ (the disk) only, never the language server; files only through io/.
    files: ['server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
            name,
            message: 'cli reads and writes files through server/src/io only.',
          })),
          patterns: [
            { group: ['**/core/*', '!**/core/index'], message: 'cli imports core/index.ts only.' },
            { group: ['**/lsp/**', 'vscode*'], message: 'cli never imports the language server or VS Code.' },
          ],
        },
      ],
    },
  },
  {
    // lsp: thin; core through its facade, never the CLI.
    files: ['server/src/lsp/**/*.ts', 'server/src/server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core/*', '!**/core/index'], message: 'lsp imports core/index.ts only.' },
            { group: ['**/cli/**', 'vscode', 'vscode-languageclient*'], message: 'lsp never imports the CLI or the VS Code API.' },
          ],
        },
      ],
    },
  },
  {
    // protocol: plain message types shared with the client; nothing but the protocol package.
    files: ['server/src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/lsp/**', '**/cli/**', 'vscode', 'vscode-languageserver', 'node:*'],
              message: 'protocol holds types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // client: the VS Code API, the language client, and the protocol's messages; analysis only through LSP.
    files: ['client/src/**/*.ts'],
    ignores: ['client/src/webview/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/server/src/*',
                '!**/server/src/protocol',
                '**/server/src/core/**',
                '**/server/src/lsp/**',
                '**/server/src/cli/**',
                '**/server/src/io/**',
              ],
              message: 'client talks to the server over LSP: it imports server/src/protocol only, never the core.',
            },
            {
              group: ['vscode-languageserver', 'vscode-languageserver/*'],
              message: 'client uses vscode-languageclient, not the server library.',
            },
          ],
        },
      ],
    },
  },
  {
    // webview: browser code that renders protocol DTOs; never the VS Code API, node or the analysis.
    files: ['client/src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'vscode',
                'vscode-languageclient*',
                'vscode-languageserver*',
                'node:*',
                '**/core/**',
                '**/lsp/**',
                '**/cli/**',
                '**/panel/**',
              ],
              message: 'the webview renders DTOs: DOM and protocol types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // io: files on disk, nothing else.
    files: ['server/src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/core/**', '**/lsp/**', '**/cli/**', 'vscode*'], message: 'io knows only the file system.' }] },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/cli/**'],
    rules: { 'no-console': 'error' },
  },
);
