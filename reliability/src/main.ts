import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Part, Settings } from './lib/part';
import { postgresUrl, reachable } from './lib/postgres';
import { PartReporter, type PartResult } from './lib/report';
import { killAll } from './lib/server';
import { preview } from './lib/checks';
import { fuzzPart } from './parts/part1-fuzz';
import { shutdownPart } from './parts/part2-shutdown';
import { dbFaultsPart } from './parts/part3-db-faults';
import { soakPart } from './parts/part4-soak';
import { twoInstancesPart } from './parts/part5-two-instances';
import { securityPart } from './parts/part6-security';
import { hardeningPart } from './parts/part7-hardening';

const PARTS: Part[] = [
  fuzzPart,
  shutdownPart,
  dbFaultsPart,
  soakPart,
  twoInstancesPart,
  securityPart,
  hardeningPart,
];

/** The whole suite must stay under ten minutes. */
const TOTAL_LIMIT_MS = 10 * 60_000;

function parseArgs(argv: string[]): { only?: Set<number>; quick: boolean } {
  const only = argv.find((a) => a.startsWith('--only='));
  return {
    ...(only ? { only: new Set(only.slice('--only='.length).split(',').map(Number)) } : {}),
    quick: argv.includes('--quick'),
  };
}

async function runPart(part: Part, settings: Settings): Promise<PartResult> {
  const started = Date.now();
  const reporter = new PartReporter(part.id, part.name, part.budgetMs, started + part.budgetMs);
  console.log(`\n[${part.id}] ${part.name} (limit ${part.budgetMs / 1000} s)`);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'limit'>((resolve) => {
    timer = setTimeout(() => resolve('limit'), part.budgetMs);
  });
  // A part that runs out of time keeps going in the background until its own loops notice;
  // from then on its reporter is closed, and a late failure of it must not crash the run.
  const running = part.run(reporter, settings).then(
    () => 'done' as const,
    (error: unknown) => ({ error }),
  );
  try {
    const outcome = await Promise.race([running, limit]);
    if (outcome === 'limit') {
      reporter.violation(`the part did not finish within its limit of ${part.budgetMs / 1000} s`);
      reporter.closed = true;
    } else if (outcome !== 'done') {
      const { error } = outcome;
      reporter.violation(
        `the part failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  } finally {
    clearTimeout(timer);
    await killAll();
  }
  const result: PartResult = {
    id: part.id,
    name: part.name,
    figures: reporter.figures,
    violations: reporter.violations,
    durationMs: Date.now() - started,
    budgetMs: part.budgetMs,
  };
  if (reporter.skipped !== undefined) result.skipped = reporter.skipped;
  const counts = reporter.violationCount;
  const status =
    result.violations.length > 0
      ? `FAIL (${result.violations.length} kinds of violation, ${counts} in all)`
      : result.skipped
        ? 'SKIPPED'
        : 'PASS';
  console.log(`[${part.id}] ${status} in ${(result.durationMs / 1000).toFixed(1)} s`);
  for (const [i, v] of result.violations.entries()) console.log(`  [${part.id}] violation ${i + 1}: ${v}`);
  return result;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const seed = process.env.RELIABILITY_SEED
    ? Number(process.env.RELIABILITY_SEED)
    : Date.now() % 2_147_483_647;
  const pg = postgresUrl();
  const settings: Settings = { seed, quick: args.quick, ...(pg ? { postgresUrl: pg } : {}) };
  console.log(
    `Tenon reliability suite: seed ${seed} (replay with RELIABILITY_SEED=${seed})${args.quick ? ', quick mode (figures not representative)' : ''}`,
  );
  if (pg) {
    const problem = await reachable(pg);
    if (problem) {
      console.error(`TENON_TEST_POSTGRES_URL is set but the server does not answer: ${problem}`);
      process.exit(1);
    }
    console.log(`PostgreSQL: ${pg.replace(/:[^:@/]*@/, ':***@')}`);
  } else {
    console.log(
      'PostgreSQL: TENON_TEST_POSTGRES_URL is not set; the parts that need it are skipped (each says which).',
    );
  }
  const started = Date.now();
  const results: PartResult[] = [];
  for (const part of PARTS) {
    if (args.only && !args.only.has(part.id)) continue;
    results.push(await runPart(part, settings));
  }
  const totalMs = Date.now() - started;
  console.log('\nSummary');
  for (const r of results) {
    const status = r.violations.length > 0 ? 'FAIL' : r.skipped ? 'SKIPPED' : 'PASS';
    console.log(
      `  ${String(r.id).padEnd(2)} ${r.name.padEnd(24)} ${status.padEnd(8)} ${(r.durationMs / 1000).toFixed(1).padStart(6)} s of ${r.budgetMs / 1000} s${r.skipped ? `  (${r.skipped})` : ''}`,
    );
    for (const v of r.violations) console.log(`       - ${preview(v.split('\n')[0]!, 400)}`);
  }
  const overTime = totalMs > TOTAL_LIMIT_MS;
  console.log(
    `  total ${(totalMs / 1000).toFixed(1)} s (limit ${TOTAL_LIMIT_MS / 1000} s)${overTime ? ' — OVER THE LIMIT' : ''}`,
  );
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify({ seed, totalMs, results }, null, 2));
  const failed = overTime || results.some((r) => r.violations.length > 0);
  process.exit(failed ? 1 : 0);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await killAll();
  process.exit(1);
});
