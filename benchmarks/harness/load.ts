import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { runWrk } from './wrk';

/** The load generators the harness drives: wrk (C, the Debian package) and autocannon (Node). */
export type Generator = 'wrk' | 'autocannon';

/**
 * Above this share of its core, a load generator may be what limits the run: the round is
 * reported but not counted.
 */
export const MAX_GENERATOR_CPU = 85;

/** One load run, as the load worker receives it. */
export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  connections: number;
  /** Run for this long... */
  seconds?: number;
  /** ...or until this many requests were answered. */
  amount?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  /** Latency percentiles in ms. */
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Share of its core the load generator used: near 100% means it, not the server, was the limit. */
  clientCpuPercent: number;
  /** Monotonic clock (µs, the clock V8's profiler uses) when the load started and ended. */
  startedUs: number;
  endedUs: number;
}

/** The core the load generator runs on; the servers run on the other one. */
export const LOAD_CPU = '1';

type Reply = { result: LoadResult } | { error: string };

let worker: ChildProcess | undefined;
let pending: { resolve: (r: LoadResult) => void; reject: (e: Error) => void } | undefined;

function startWorker(): ChildProcess {
  const child = spawn('taskset', ['-c', LOAD_CPU, process.execPath, join(__dirname, 'load-worker.js')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (reply: Reply) => {
    const waiting = pending;
    pending = undefined;
    if ('result' in reply) waiting?.resolve(reply.result);
    else waiting?.reject(new Error(`the load generator failed: ${reply.error}`));
  });
  child.on('exit', (code) => {
    worker = undefined;
    pending?.reject(new Error(`the load generator exited with ${code}`));
    pending = undefined;
  });
  return child;
}

/**
 * Runs one load: wrk pinned with `taskset -c 1`, or autocannon in the load worker, a child
 * process pinned the same way; one run at a time.
 */
export function runLoad(
  request: LoadRequest,
  generator: Generator = 'autocannon',
  expectedStatus = 200,
): Promise<LoadResult> {
  if (generator === 'wrk') return runWrk(request, LOAD_CPU, expectedStatus);
  return runAutocannon(request);
}

function runAutocannon(request: LoadRequest): Promise<LoadResult> {
  if (pending) return Promise.reject(new Error('the load generator is busy: runs must not overlap'));
  worker ??= startWorker();
  const child = worker;
  return new Promise((resolve, reject) => {
    pending = { resolve, reject };
    child.send(request);
  });
}

/** Ends the load worker (the harness calls it once, at the end). */
export function stopLoadGenerator(): void {
  worker?.disconnect();
  worker = undefined;
}

/** Why some answers of a run do not count, or undefined when all had the expected status. */
export function unexpectedAnswers(result: LoadResult, expectedStatus: number): string | undefined {
  const parts: string[] = [];
  if (result.timeouts) parts.push(`${result.timeouts} timeouts (30 s)`);
  if (result.errors - result.timeouts > 0) parts.push(`${result.errors - result.timeouts} connection errors`);
  for (const [code, count] of Object.entries(result.statusCodes)) {
    if (Number(code) !== expectedStatus) parts.push(`${count} answers with status ${code}`);
  }
  return parts.length ? parts.join(', ') : undefined;
}
