// Runs before each test file of an app that uses `preset: '@tenon/testing'`.
// Decorators read and write metadata through reflect-metadata: it must be loaded first.
require('reflect-metadata');
// Quiet logs by default: a test run prints test results, not the application's log lines.
// `LOG_LEVEL=info npx jest` (or any level) shows them.
if (process.env.LOG_LEVEL === undefined) process.env.LOG_LEVEL = 'silent';
