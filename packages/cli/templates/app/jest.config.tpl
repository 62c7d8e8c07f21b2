// @tenon/testing's preset is the whole set-up: TypeScript through swc with decorator metadata,
// the ES-module-only packages and the embedded database compiled for jest, reflect-metadata loaded,
// quiet logs (LOG_LEVEL=debug npx jest shows them). No NODE_OPTIONS needed.
/** @type {import('jest').Config} */
module.exports = {
  preset: '@tenon/testing',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
};
