// Lint: TypeScript rules everywhere, and determinism rules for workflow code (it is replayed, so it must not
// touch I/O, the clock outside Temporal's, or Node built-ins).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'dns', 'worker_threads', 'cluster', 'process', 'timers'];
const IO_LIBRARIES = ['pg', 'typeorm', '@nestjs/*', 'jose', 'prom-client', 'pino', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'];

module.exports = tseslint.config(
  { ignores: ['dist/**', 'test-results/**', 'playwright-report/**', 'apps/web/src/auto-imports.d.ts', 'apps/web/src/components.d.ts', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', 'infra/temporal-binaries.js', '*.config.js', 'eslint.config.js', '.dependency-cruiser.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Plain ES-module scripts run by Node (the test OpenID provider).
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly', __dirname: 'readonly', fetch: 'readonly', setTimeout: 'readonly' } } },
  {
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'workflow and domain code must stay deterministic: no Node built-ins' })),
          patterns: [{ group: IO_LIBRARIES, message: 'workflow and domain code must not do I/O: use an activity' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'use sleep() or condition() from @temporalio/workflow' },
        { name: 'setInterval', message: 'use sleep() from @temporalio/workflow' },
        { name: 'fetch', message: 'I/O belongs in an activity' },
        { name: 'process', message: 'workflow code must not read the environment' },
      ],
    },
  },
);
