// Until @tenon/testing ships its jest preset this is the same set-up written out: swc compiles
// TypeScript with legacy decorators and decorator metadata (dependency injection by type), kysely,
// cookie and content-disposition (ES modules only) are compiled too, reflect-metadata is loaded first.
// TEMPORARY: replace all of it with `preset: '@tenon/testing'` once that preset is published.
const esmOnly = ['kysely', 'cookie', 'content-disposition'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  setupFiles: ['reflect-metadata'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:[^/]+/node_modules/)*(?:${esmOnly.join('|')})/)`],
  // Sources import './x.js' (ES module style); the tests run them as CommonJS from the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
