const preset = require('./jest.preset.js');

/** Every workspace's tests in one run; `--selectProjects @tenon/core` runs one. */
module.exports = {
  projects: [
    preset('@tenon/core', '<rootDir>/packages/core'),
    preset('@tenon/http', '<rootDir>/packages/http'),
    preset('@tenon/data', '<rootDir>/packages/data'),
    preset('@tenon/messaging', '<rootDir>/packages/messaging'),
    preset('@tenon/testing', '<rootDir>/packages/testing'),
    preset('@tenon/cli', '<rootDir>/packages/cli'),
    preset('@tenon/security', '<rootDir>/packages/security'),
    preset('samples/hello', '<rootDir>/samples/hello'),
    preset('samples/todo', '<rootDir>/samples/todo'),
    preset('samples/realworld', '<rootDir>/samples/realworld'),
  ],
};
