// The jest preset for apps built on Tenon: `preset: '@tenon/testing'` in jest.config.js is all the
// set-up an app needs (jest finds this file as `<preset>/jest-preset.js`). What it does, and why:
//
// - TypeScript through @swc/jest with legacy decorators and decorator metadata on, exactly like
//   tsc with experimentalDecorators + emitDecoratorMetadata, so DI by constructor type works.
// - ES-module-only packages that Tenon requires from CommonJS are transformed too: jest's module
//   loader cannot require() them the way Node does (kysely, cookie for app.inject(),
//   content-disposition for @fastify/static, jose for @tenon/security).
// - PGlite (the embedded database) is transformed as well: it loads Node's built-ins with a
//   dynamic import(), which inside jest's sandbox needs NODE_OPTIONS=--experimental-vm-modules;
//   compiled to CommonJS those become plain require() calls, so no flag is needed.
// - `import './x.js'` in TypeScript sources (ESM apps, NodeNext) resolves to ./x.ts.
// - reflect-metadata is loaded before each test file, and Tenon's logs are quiet (LOG_LEVEL
//   silent) unless LOG_LEVEL is set: `LOG_LEVEL=debug npx jest` shows them.
//
// Paths are resolved here, from @tenon/testing, so the app needs no @swc/jest of its own.
const esmOnly = ['kysely', 'cookie', 'content-disposition', 'jose', '@electric-sql/pglite'];

/** @swc/jest options: TypeScript with legacy decorators and decorator metadata, to CommonJS. */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

// One `exports.<option> =` per option (not one object literal): Node's ESM loader then sees each
// option as a named export of this CommonJS file, as the declaration file says.
exports.testEnvironment = 'node';
exports.transform = { '^.+\\.(t|j|mj|cj)s$': [require.resolve('@swc/jest'), swcOptions] };
// Matched at any depth of node_modules, so nested copies are transformed too.
exports.transformIgnorePatterns = [`/node_modules/(?!(?:[^/]+/node_modules/)*(?:${esmOnly.join('|')})/)`];
exports.moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };
exports.setupFiles = [require.resolve('./jest-setup.js')];
exports.testPathIgnorePatterns = ['/node_modules/', '/dist/'];

// For configs that build on this one (this repository's own); not enumerable, so jest does not
// see them as options.
Object.defineProperty(module.exports, 'esmOnly', { value: esmOnly });
Object.defineProperty(module.exports, 'swcOptions', { value: swcOptions });
