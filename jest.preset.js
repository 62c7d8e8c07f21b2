// One transform for every workspace: swc with legacy decorators and decorator metadata, so
// DI by constructor type works exactly as under tsc. Kysely 0.29 ships ES modules only and
// jest's module loader cannot require() them, so jest transforms kysely too; likewise cookie 2
// (loaded by light-my-request for `app.inject()`), content-disposition 3 (@fastify/static) and
// jose 6 (@tenon/security).
// ES-module-only packages that CommonJS code requires; matched at any depth of node_modules.
const esmOnly = ['kysely', 'cookie', 'content-disposition', 'jose'];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @param {string} name @param {string} dir */
module.exports = (name, dir) => ({
  displayName: name,
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(?:[^/]+/node_modules/)*(?:${esmOnly.join('|')})/)`],
  moduleNameMapper: {
    '^@tenon/(core|http|data|messaging|testing|security|cli)$': '<rootDir>/../../packages/$1/src/index.ts',
  },
});
