import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// `import { z } from 'zod'` defeats tree shaking and adds ~380 KB to every bundle; the namespace import does not.
const zodNamedImport = {
  selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
  message: "use `import * as z from 'zod'`: the named import bundles all of zod.",
};

const noVscode = {
  paths: [{ name: 'vscode', message: 'core, protocol and webview code must not depend on the editor; put it in src/host.' }],
  patterns: [{ group: ['**/host/**', '**/extension'], message: 'core, protocol and webview code must not reach into the host layer.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
      'no-restricted-syntax': ['error', zodNamedImport],
    },
  },
  {
    // Type-aware rules: a union dispatched without a case for each member, or a promise nobody awaits or marks
    // with `void`, is an error.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['src/core/**', 'src/protocol/**', 'src/webview/**'],
    rules: { 'no-restricted-imports': ['error', noVscode] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortController: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
  },
);
