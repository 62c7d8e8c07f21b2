#!/usr/bin/env node
// Runs the official RealWorld Postman collection (32 requests in 5 folders) with newman against the
// realworld sample, on the embedded database and on PostgreSQL: build, start the server on a
// free port, run newman, stop the server. Exits non-zero when any request or assertion fails,
// or when the server does not start or stop cleanly.
//
//   node samples/realworld/scripts/conformance.js                   # both databases
//   node samples/realworld/scripts/conformance.js --database pglite  # or postgres
//   node samples/realworld/scripts/conformance.js --no-build
//
// PostgreSQL: CONFORMANCE_POSTGRES_URL, else TENON_TEST_POSTGRES_URL, else
// postgres://postgres@127.0.0.1:5432/test. The run uses its own database, realworld_ci (or
// CONFORMANCE_DATABASE), dropped and created afresh, so it never touches the data of other suites.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SAMPLE = path.resolve(__dirname, '..');
const COLLECTION = path.join(SAMPLE, 'conformance', 'Conduit.postman_collection.json');
// CONFORMANCE_DATABASE lets runs that share a server (several work trees) keep apart.
const CI_DATABASE = process.env.CONFORMANCE_DATABASE || 'realworld_ci';
if (!/^[a-z_][a-z0-9_]*$/.test(CI_DATABASE))
  throw new Error(`CONFORMANCE_DATABASE must be a plain name, got ${CI_DATABASE}`);

function parseArgs(argv) {
  const options = {
    databases: ['pglite', 'postgres'],
    build: true,
    collection: process.env.CONFORMANCE_COLLECTION || COLLECTION,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (arg === '--database' || arg === '--db') {
      const value = argv[++i];
      if (value === 'all') continue;
      if (value !== 'pglite' && value !== 'postgres')
        throw new Error(`--database must be pglite, postgres or all, got ${value}`);
      options.databases = [value];
    } else if (arg === '--collection') options.collection = path.resolve(argv[++i]);
    else
      throw new Error(
        `Unknown argument ${arg}. Usage: conformance.js [--database pglite|postgres|all] [--no-build]`,
      );
  }
  return options;
}

/** The number of requests in the collection (folders nest). */
function countRequests(items) {
  return items.reduce((n, item) => n + (Array.isArray(item.item) ? countRequests(item.item) : 1), 0);
}

function build() {
  console.log('conformance: building samples/realworld (tsc -b)');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [tsc, '-b', SAMPLE], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed');
  // @tenon/core and @tenon/http load from one bundled file each, made after tsc.
  const bundle = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-packages.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (bundle.status !== 0) throw new Error('the bundle step failed');
}

/** Drops and creates the conformance database; returns its URL. */
async function freshPostgresDatabase() {
  const adminUrl =
    process.env.CONFORMANCE_POSTGRES_URL ||
    process.env.TENON_TEST_POSTGRES_URL ||
    'postgres://postgres@127.0.0.1:5432/test';
  const { Client } = require(require.resolve('pg', { paths: [ROOT] }));
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${CI_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${CI_DATABASE}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${CI_DATABASE}`;
  return url.toString();
}

/** Starts the built server on port 0 and resolves with its base URL once it listens. */
function startServer(databaseUrl) {
  // The development flag, as `npm start` passes it: no JWT_SECRET is needed, the server signs
  // with a random secret for its lifetime (the collection logs in afresh each run).
  const child = spawn(
    process.execPath,
    [path.join(SAMPLE, 'dist', 'main.js'), '--allow-development-secret'],
    {
      cwd: SAMPLE,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start within 60 s. Output:\n${output}`)),
      60_000,
    );
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s/]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`the server exited before listening (code ${code}, signal ${signal}). Output:\n${output}`),
      );
    });
  });
  return { child, started, output: () => output };
}

function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? `killed after 15 s` : code);
    });
    child.kill('SIGTERM');
  });
}

function runNewman(collection, apiUrl) {
  const newman = require(require.resolve('newman', { paths: [SAMPLE, ROOT] }));
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: require(collection),
        reporters: ['cli'],
        reporter: { cli: { noSummary: false } },
        globalVar: [
          { key: 'APIURL', value: apiUrl },
          { key: 'USERNAME', value: `u${id}` },
          { key: 'EMAIL', value: `u${id}@mail.com` },
          { key: 'PASSWORD', value: 'password' },
        ],
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

async function runOne(database, options) {
  const databaseUrl = database === 'pglite' ? 'pglite://memory' : await freshPostgresDatabase();
  console.log(`\nconformance: ${database} (${databaseUrl.replace(/\/\/[^@/]*@/, '//***@')})`);
  const server = startServer(databaseUrl);
  let summary;
  let stopped;
  try {
    const base = await server.started;
    summary = await runNewman(options.collection, `${base}/api`);
  } finally {
    stopped = await stopServer(server.child);
  }
  const { requests, assertions } = summary.run.stats;
  const expected = countRequests(require(options.collection).item);
  const problems = [];
  if (requests.total !== expected)
    problems.push(`${requests.total} requests ran, the collection has ${expected}`);
  if (requests.failed > 0) problems.push(`${requests.failed} requests failed`);
  if (assertions.failed > 0) problems.push(`${assertions.failed} of ${assertions.total} assertions failed`);
  if (summary.run.failures.length > 0) problems.push(`${summary.run.failures.length} failures`);
  if (stopped !== 0)
    problems.push(
      `the server did not stop cleanly on SIGTERM (exit: ${stopped}). Output:\n${server.output()}`,
    );
  const line = `${database}: ${requests.total} requests, ${assertions.total - assertions.failed}/${assertions.total} assertions passed`;
  return { database, line, problems };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) build();
  const results = [];
  for (const database of options.databases) {
    try {
      results.push(await runOne(database, options));
    } catch (error) {
      results.push({
        database,
        line: `${database}: did not run`,
        problems: [error instanceof Error ? error.message : String(error)],
      });
    }
  }
  console.log('\nconformance results:');
  for (const r of results) {
    console.log(`  ${r.problems.length === 0 ? 'PASS' : 'FAIL'} ${r.line}`);
    for (const p of r.problems) console.log(`       - ${p}`);
  }
  process.exit(results.every((r) => r.problems.length === 0) ? 0 : 1);
}

main().catch((error) => {
  console.error(`conformance: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
