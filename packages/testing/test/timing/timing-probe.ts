import { appendFileSync } from 'node:fs';

/** Where the 50 tests start: wall clock and the process's CPU time. */
export interface TestsStart {
  readonly at: number;
  readonly cpu: NodeJS.CpuUsage;
}

export function testsStart(): TestsStart {
  return { at: performance.now(), cpu: process.cpuUsage() };
}

/**
 * When `TENON_TIMING_OUT` names a file (scripts/measure-timing.js sets it), appends one JSON line:
 * how long the suite spent starting its database and running its 50 tests (hooks included), and
 * the CPU time of those tests (less sensitive than wall time to other processes' load).
 */
export function recordTiming(suite: string, startMs: number, tests: TestsStart): void {
  const out = process.env.TENON_TIMING_OUT;
  if (!out) return;
  const cpu = process.cpuUsage(tests.cpu);
  const line = {
    suite,
    startMs,
    testsMs: performance.now() - tests.at,
    testsCpuMs: (cpu.user + cpu.system) / 1000,
  };
  appendFileSync(out, `${JSON.stringify(line)}\n`);
}

/** Appends the per-scenario times of breakdown.bench.ts, one list of rounds per layer. */
export function recordBreakdown(layers: Record<string, number[]>): void {
  const out = process.env.TENON_TIMING_OUT;
  if (out) appendFileSync(out, `${JSON.stringify({ breakdown: layers })}\n`);
}
