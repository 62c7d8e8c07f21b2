#!/usr/bin/env node
// Runs jest with the given arguments, then prints one closing line with the counts of this run
// and of every earlier run in the same CI job ("tests: N passed, N failed, N skipped"), so the
// last line of any test command shows the totals.
const { spawnSync } = require('node:child_process');
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', '.jest-results');
mkdirSync(dir, { recursive: true });
const name = process.env.TENON_JEST_RUN_NAME || 'main';
const outputFile = join(dir, `${name}.json`);
const env = {
  ...process.env,
  // PGlite loads parts of itself with a dynamic import(), which jest's VM needs this flag for.
  NODE_OPTIONS:
    `${process.env.NODE_OPTIONS || ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
};
const run = spawnSync(
  process.execPath,
  // --forceExit: on a 2-core machine jest runs the files in its own process, and since the
  // RealWorld sample moved to @tenon/security one of its files leaves a handle open that keeps
  // the process alive after the last file (every samples/realworld file alone does; not yet found).
  // Without it CI would wait forever after printing the counts. Remove once the handle is closed.
  [
    require.resolve('jest/bin/jest'),
    '--forceExit',
    '--json',
    `--outputFile=${outputFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env },
);

require('./test-summary.js').printSummary(process.env.CI_SUMMARY_ALL ? undefined : name);
process.exit(run.status === null ? 1 : run.status);
