const { availableParallelism } = require('node:os');
const preset = require('./jest.preset.js');
const nestFixtures = require('./packages/cli/test/fixtures/nest/jest.config.js');

/** Every workspace's tests in one run; `--selectProjects @tenon/core` runs one. */
module.exports = {
  // CI machines are shared: a hook that boots a database or an application can take well over
  // jest's 5 s there without anything being wrong. Speed is measured by the benchmarks instead.
  testTimeout: 30_000,
  // jest's default is one worker less than the cores, and one worker means the files run one by
  // one in jest's own process: on our 2-core machines that used 1.3 cores and took 330 s for what
  // two workers do in 135 s. A worker is replaced once it holds over 700 MB after a file (each
  // file's module registry stays behind until then): a worker of ~1.7 GB took longer than jest's
  // 500 ms to exit and was reported as a leak, though it had no handle open. A worker that ends
  // the run over the limit can still draw that warning (seen once in ten runs): it is not a leak
  // either, and the run's result stands.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  workerIdleMemoryLimit: '700MB',
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
