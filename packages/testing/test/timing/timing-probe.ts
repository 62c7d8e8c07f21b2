import { appendFileSync } from 'node:fs';

/**
 * When `TENON_TIMING_OUT` names a file (scripts/measure-timing.js sets it), appends one JSON line:
 * how long the suite spent starting its database and running its 50 tests (hooks included).
 */
export function recordTiming(suite: string, startMs: number, testsMs: number): void {
  const out = process.env.TENON_TIMING_OUT;
  if (out) appendFileSync(out, `${JSON.stringify({ suite, startMs, testsMs })}\n`);
}
