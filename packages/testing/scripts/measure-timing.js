#!/usr/bin/env node
// Measures the 50-test data suite of the README: test/timing/with-database.spec.ts (a rolled-back
// transaction per test on the worker's database) against test/timing/without-database.spec.ts
// (the same tests on an in-memory fake). Each runs alone in its own jest process, alternately,
// `--runs` times (default 5); medians are printed. The database's one-time start is measured
// apart and left out, as the README's target says.
//
// With --breakdown, it then runs test/timing/breakdown.bench.ts: the scenario in a warm loop,
// layer by layer (fake, SQL straight to PGlite, @tenon/data, TestDatabase), medians per scenario.
//
//   node packages/testing/scripts/measure-timing.js [--runs 5] [--breakdown]
//   TENON_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test node packages/testing/scripts/measure-timing.js
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const dir = mkdtempSync(join(tmpdir(), 'tenon-timing-'));

function jestEnv(out) {
  return {
    ...process.env,
    TENON_TIMING_OUT: out,
    NODE_OPTIONS:
      `${process.env.NODE_OPTIONS || ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
  };
}

function jest(args, env) {
  return spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest', { paths: [root] }),
      '--selectProjects',
      '@tenon/testing',
      '--runInBand',
      ...args,
    ],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

function runSuite(file) {
  const out = join(dir, `${file}.jsonl`);
  const json = join(dir, `${file}.json`);
  const env = jestEnv(out);
  const started = performance.now();
  const result = jest(
    ['--json', `--outputFile=${json}`, `packages/testing/test/timing/${file}.spec.ts`],
    env,
  );
  const wallMs = performance.now() - started;
  const exitedAt = Date.now();
  if (result.status !== 0) throw new Error(`${file} failed:\n${result.stderr}`);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  const probe = JSON.parse(lines[lines.length - 1]);
  const report = JSON.parse(readFileSync(json, 'utf8')).testResults[0];
  return { ...probe, fileMs: report.endTime - report.startTime, wallMs, tailMs: exitedAt - report.endTime };
}

function runBreakdown() {
  const out = join(dir, 'breakdown.jsonl');
  const env = jestEnv(out);
  const result = jest(['--testMatch', '**/test/timing/breakdown.bench.ts'], env);
  if (result.status !== 0) throw new Error(`breakdown failed:\n${result.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8').trim().split('\n').pop()).breakdown;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = { 'with-database': [], 'without-database': [] };
// The machine's load while the runs happen (1-minute load average before each pair of runs).
const loads = [];
for (let i = 0; i < runs; i++) {
  loads.push(loadavg()[0]);
  for (const file of Object.keys(samples)) samples[file].push(runSuite(file));
}
loads.push(loadavg()[0]);
const breakdown = process.argv.includes('--breakdown') ? runBreakdown() : undefined;
rmSync(dir, { recursive: true, force: true });

const summary = {};
for (const [file, list] of Object.entries(samples)) {
  summary[file] = {
    start: median(list.map((s) => s.startMs)),
    tests: median(list.map((s) => s.testsMs)),
    testsCpu: median(list.map((s) => s.testsCpuMs)),
    fileBeyondStart: median(list.map((s) => s.fileMs - s.startMs)),
    process: median(list.map((s) => s.wallMs - s.startMs)),
    tail: median(list.map((s) => s.tailMs)),
  };
}
const w = summary['with-database'];
const b = summary['without-database'];
const ms = (x) => `${Math.round(x)} ms`;
console.log(
  `database: ${process.env.TENON_TEST_POSTGRES_URL ? 'PostgreSQL' : 'PGlite'}, ${runs} runs each (alternating), medians; ` +
    `1-minute load average ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} on ${require('node:os').availableParallelism()} cores`,
);
console.log(`| measure | with database | without | ratio |`);
console.log(`|---|---|---|---|`);
console.log(`| one-time start (left out below) | ${ms(w.start)} | - | - |`);
console.log(
  `| the 50 tests (hooks included) | ${ms(w.tests)} | ${ms(b.tests)} | ${(w.tests / b.tests).toFixed(2)}x |`,
);
console.log(
  `| CPU time of the 50 tests | ${ms(w.testsCpu)} | ${ms(b.testsCpu)} | ${(w.testsCpu / b.testsCpu).toFixed(2)}x |`,
);
console.log(
  `| the test file, as jest reports it | ${ms(w.fileBeyondStart)} | ${ms(b.fileBeyondStart)} | ${(w.fileBeyondStart / b.fileBeyondStart).toFixed(2)}x |`,
);
console.log(
  `| the whole jest process | ${ms(w.process)} | ${ms(b.process)} | ${(w.process / b.process).toFixed(2)}x |`,
);
// Jest's reporter redraws its status at most every 100 ms, on a timer it arms when a file starts
// and again when it ends if the first one has fired: a file that lets the event loop turn (any
// database, any I/O) waits for that timer before the process can exit.
console.log(`| of which after the file ends, until exit | ${ms(w.tail)} | ${ms(b.tail)} | - |`);
if (breakdown) {
  console.log(
    `\nwhere a test's time goes (one scenario, warm loop, median of the rounds; load ${loadavg()[0].toFixed(1)}):`,
  );
  console.log(`| layer | per scenario |`);
  console.log(`|---|---|`);
  for (const [layer, rounds] of Object.entries(breakdown))
    console.log(`| ${layer} | ${median(rounds).toFixed(2)} ms |`);
}
