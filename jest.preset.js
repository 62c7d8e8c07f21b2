// One transform for every workspace: swc with legacy decorators and decorator metadata, so
// DI by constructor type works exactly as under tsc. Kysely 0.29 ships ES modules only and
// jest's module loader cannot require() them, so jest transforms kysely too; so does cookie 2
// (ES modules only), which light-my-request loads for `app.inject()`.
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
  transformIgnorePatterns: ['/node_modules/(?!(kysely|cookie)/)'],
  moduleNameMapper: { '^@tenon/(core|http|data|testing)$': '<rootDir>/../../packages/$1/src/index.ts' },
});
