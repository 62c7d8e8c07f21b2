// One transform for every workspace, the one apps get from `preset: '@tenon/testing'`
// (packages/testing/jest-preset.js, which says why): swc with legacy decorators and decorator
// metadata, so DI by constructor type works exactly as under tsc, and the ES-module-only packages
// (kysely, cookie, content-disposition, jose) and PGlite transformed. Workspaces run from their
// TypeScript sources.
const base = require('./packages/testing/jest-preset.js');

/** @param {string} name @param {string} dir */
module.exports = (name, dir) => ({
  displayName: name,
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  moduleNameMapper: {
    '^@tenon/(core|http|data|messaging|scheduling|testing|security|cli)$':
      '<rootDir>/../../packages/$1/src/index.ts',
  },
});
