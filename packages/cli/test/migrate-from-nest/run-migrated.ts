import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { migrateFromNest, type MigrationReport } from '../../src/migrate-from-nest/migrate-from-nest';

/** The repository root and the fixtures: each a Nest app with its jest + supertest tests. */
export const REPO = path.resolve(__dirname, '../../../..');
export const FIXTURES = path.join(REPO, 'packages/cli/test/fixtures/nest');
export const APPS = ['cats', 'auth-jwt', 'fastify'] as const;

/** The committed hand edits applied after the codemod, one patch per app (absent: none). */
export function patchFile(app: string): string {
  return path.join(FIXTURES, `${app}.tenon.patch`);
}

/** Lines a patch adds or removes (its headers aside): the hand-edit count of an app. */
export function handEditLines(app: string): number {
  if (!existsSync(patchFile(app))) return 0;
  return readFileSync(patchFile(app), 'utf8')
    .split('\n')
    .filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---) /.test(l)).length;
}

/** Copies a fixture to a new temporary folder. */
export function copyFixture(app: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `tenon-nest-${app}-`));
  cpSync(path.join(FIXTURES, app), dir, { recursive: true });
  return dir;
}

/** Runs the codemod on a copy of the fixture, then applies its patch with `git apply`. */
export async function migrateFixture(app: string): Promise<{ dir: string; report: MigrationReport }> {
  const dir = copyFixture(app);
  const report = await migrateFromNest({ dir });
  if (existsSync(patchFile(app))) {
    const applied = spawnSync('git', ['apply', '--whitespace=nowarn', patchFile(app)], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (applied.status !== 0)
      throw new Error(`${app}.tenon.patch does not apply after the codemod:\n${applied.stderr}`);
  }
  return { dir, report };
}

/** How many tests the fixture's spec files declare (`it(` calls): what must pass on Tenon too. */
export function declaredTests(dir: string): number {
  let count = 0;
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(e2e-)?spec\.ts$/.test(entry.name))
        count += (readFileSync(full, 'utf8').match(/^\s*it\(/gm) ?? []).length;
    }
  };
  walk(dir);
  return count;
}

/** The outcome of the app's own jest run. */
export interface JestOutcome {
  passed: number;
  failed: number;
  total: number;
  /** Failure messages, for the assertion's output. */
  failures: string[];
  /** Every test by its full name (describe blocks and title), with its status and messages. */
  tests: Array<{ name: string; status: string; messages: string[] }>;
}

/**
 * Runs the migrated app's unchanged specs with jest in a child process: the fixtures' own jest
 * set-up, with `@tenon/*` resolved to this repository's sources and other packages to its
 * node_modules.
 */
export function runAppTests(dir: string, setupFiles: readonly string[] = []): JestOutcome {
  // The fixtures' jest set-up is a CommonJS file shared with the root jest config.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { app } = require(path.join(FIXTURES, 'jest.config.js')) as {
    app: (name: string, dir: string) => Record<string, unknown>;
  };
  const base = app('migrated', dir);
  const swc = (base.transform as Record<string, [string, unknown]>)['^.+\\.(t|j|mj)s$']!;
  const config = {
    ...base,
    transform: { '^.+\\.(t|j|mj)s$': [require.resolve('@swc/jest'), swc[1]] },
    setupFiles: [...setupFiles],
    moduleNameMapper: { '^@tenon/([a-z-]+)$': path.join(REPO, 'packages/$1/src/index.ts') },
    modulePaths: [path.join(REPO, 'node_modules')],
  };
  const resultFile = path.join(dir, 'jest-result.json');
  const run = spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '--config',
      JSON.stringify(config),
      '--json',
      `--outputFile=${resultFile}`,
      '--ci',
    ],
    {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning',
      },
    },
  );
  if (!existsSync(resultFile)) throw new Error(`jest did not run in ${dir}:\n${run.stderr}`);
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
    testResults: Array<{
      message: string;
      name: string;
      assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>;
    }>;
  };
  return {
    passed: result.numPassedTests,
    failed: result.numFailedTests,
    total: result.numTotalTests,
    failures: result.testResults.filter((r) => r.message !== '').map((r) => `${r.name}\n${r.message}`),
    tests: result.testResults.flatMap((r) =>
      r.assertionResults.map((a) => ({ name: a.fullName, status: a.status, messages: a.failureMessages })),
    ),
  };
}
