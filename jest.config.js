const preset = require('./jest.preset.js');
const nestFixtures = require('./packages/cli/test/fixtures/nest/jest.config.js');

/** Every workspace's tests in one run; `--selectProjects @tenon/core` runs one. */
module.exports = {
  // CI machines are shared: a hook that boots a database or an application can take well over
  // jest's 5 s there without anything being wrong. Speed is measured by the benchmarks instead.
  testTimeout: 30_000,
  projects: [
    preset('@tenon/core', '<rootDir>/packages/core'),
    preset('@tenon/http', '<rootDir>/packages/http'),
    preset('@tenon/data', '<rootDir>/packages/data'),
    preset('@tenon/messaging', '<rootDir>/packages/messaging'),
    preset('@tenon/scheduling', '<rootDir>/packages/scheduling'),
    preset('@tenon/testing', '<rootDir>/packages/testing'),
    // The NestJS apps under test/fixtures/nest are the codemod's input, run on NestJS by their own projects.
    {
      ...preset('@tenon/cli', '<rootDir>/packages/cli'),
      testPathIgnorePatterns: ['/node_modules/', '/test/fixtures/'],
    },
    ...nestFixtures.projects.map((p) => ({
      ...p,
      rootDir: p.rootDir.replace('<rootDir>', '<rootDir>/packages/cli/test/fixtures/nest'),
    })),
    preset('create-tenon', '<rootDir>/packages/create-tenon'),
    preset('@tenon/security', '<rootDir>/packages/security'),
    preset('samples/hello', '<rootDir>/samples/hello'),
    preset('samples/todo', '<rootDir>/samples/todo'),
    preset('samples/realworld', '<rootDir>/samples/realworld'),
    preset('samples/worker', '<rootDir>/samples/worker'),
  ],
};
