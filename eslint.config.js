// ESLint with typescript-eslint, run by `npm test` (and so by CI): the recommended rules, plus
// the few that keep this code base as it is written (see docs/architecture.md, "House rules").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/data/', 'fuzz-failures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly', setImmediate: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', URL: 'readonly', __filename: 'readonly', __dirname: 'readonly', require: 'readonly' },
    },
    rules: {
      // an unused name is dead code; a leading underscore marks one that is unused on purpose
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `any` only where a value of several kinds is read by the kind a table says (operators)
      '@typescript-eslint/no-explicit-any': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  {
    // tests feed control characters to the code on purpose
    files: ['test/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
);
