/* eslint-disable @typescript-eslint/no-require-imports */
// package.json `imports` (#domain, #api/…) name the TypeScript sources under the `types` condition and the
// compiled files under `default`. Node running dist/ takes `default`; code that runs the sources takes these:
// jest's moduleNameMapper for the tests, and tsconfig-paths for what jest runs outside its own module registry
// (the global setup and teardown), which would otherwise load dist/.
const path = require('node:path');
const pkg = require('../../package.json');

const root = path.join(__dirname, '../..');
/** [subpath pattern, source path pattern without extension], e.g. ['#api/*', 'apps/api/src/*']. */
const SOURCES = Object.entries(pkg.imports).map(([key, target]) => [key, target.types.replace(/^\.\//, '').replace(/\.ts$/, '')]);

function jestModuleNameMapper() {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return Object.fromEntries(SOURCES.map(([key, source]) => [`^${escape(key).replace('\\*', '(.*)')}$`, `<rootDir>/${source.replace('*', '$1')}`]));
}

function registerSourceImports() {
  require('tsconfig-paths').register({ baseUrl: root, paths: Object.fromEntries(SOURCES.map(([key, source]) => [key, [source]])), addMatchAll: false });
}

module.exports = { jestModuleNameMapper, registerSourceImports };
