// Three levels (STYLE.md §8): unit (pure), int (real PostgreSQL, workflows on the time-skipping server),
// e2e (API + worker over HTTP on the dev server). Services come from test/support/global-setup.ts.
const { jestModuleNameMapper } = require('./test/support/source-imports.cjs');

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // package.json `imports` (#domain, #api/…): jest runs the TypeScript sources, node runs dist/ (their `default`).
  moduleNameMapper: jestModuleNameMapper(),
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tools/', '<rootDir>/.data/'],
};
const services = {
  setupFiles: ['<rootDir>/test/support/setup-each-file.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
module.exports = {
  // Global (Jest reads testTimeout only at the top level): service-backed suites wait on real servers.
  testTimeout: 180000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '/dist/'] },
    { ...common, ...services, displayName: 'int', testMatch: ['<rootDir>/**/*.int.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '/dist/'] },
    { ...common, ...services, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
