#!/usr/bin/env node
// Runs jest with the given arguments, then prints one closing line with the counts of this run
// and of every earlier run in the same CI job ("tests: N passed, N failed, N skipped"), so the
// last line of any test command shows the totals.
const { spawn } = require('node:child_process');
const { mkdirSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', '.jest-results');
mkdirSync(dir, { recursive: true });
const name = process.env.TENON_JEST_RUN_NAME || 'main';
const outputFile = join(dir, `${name}.json`);
rmSync(outputFile, { force: true });
const env = {
  ...process.env,
  // PGlite loads parts of itself with a dynamic import(), which jest's VM needs this flag for.
  NODE_OPTIONS:
    `${process.env.NODE_OPTIONS || ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
};
const jest = spawn(
  process.execPath,
  [require.resolve('jest/bin/jest'), '--json', `--outputFile=${outputFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env },
);

// No --forceExit: a test that leaves a socket, timer or child behind must be found, not hidden.
// jest ends its workers itself (saying so when one has to be killed), but a handle left in jest's
// own process (a run with --runInBand, or of a single file) keeps it alive after the counts are
// written; then this fails the run after a grace period instead of hanging CI.
const EXIT_GRACE_MS = Number(process.env.TENON_JEST_EXIT_GRACE_MS || 60_000);
let written;
let hung = false;
const watchdog = setInterval(() => {
  let exists = false;
  try {
    exists = statSync(outputFile).isFile();
  } catch {
    exists = false;
  }
  if (!exists) return;
  written ??= Date.now();
  if (Date.now() - written < EXIT_GRACE_MS) return;
  hung = true;
  console.error(
    `jest wrote its results but did not exit within ${EXIT_GRACE_MS / 1000} s: a test left a handle ` +
      'open (a server, socket, timer or child process). Find it with --detectOpenHandles on the ' +
      'last files run; this run fails.',
  );
  jest.kill('SIGKILL');
}, 1000);

jest.on('exit', (code) => {
  clearInterval(watchdog);
  require('./test-summary.js').printSummary(process.env.CI_SUMMARY_ALL ? undefined : name);
  process.exit(hung || code === null ? 1 : code);
});
