#!/usr/bin/env node
// Prints the closing line of a test command: the counts of one jest run, or of every run of the
// job (`node scripts/test-summary.js`), as "tests: N passed, N failed, N skipped".
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', '.jest-results');

function printSummary(only) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let files = [];
  try {
    files = only ? [`${only}.json`] : readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    // No results directory: nothing ran.
  }
  for (const file of files) {
    try {
      const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      totals.passed += r.numPassedTests;
      totals.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
      totals.skipped += r.numPendingTests + r.numTodoTests;
    } catch {
      // A run that crashed before writing results is judged by its exit code alone.
    }
  }
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}

module.exports = { printSummary };
if (require.main === module) printSummary();
