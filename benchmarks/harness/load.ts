import { spawn } from 'node:child_process';
import { join } from 'node:path';

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

/** Runs autocannon in a child process pinned with `taskset -c 1`. */
export function runLoad(request: LoadRequest): Promise<LoadResult> {
  const worker = join(__dirname, 'load-worker.js');
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', LOAD_CPU, process.execPath, worker, JSON.stringify(request)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with ${code}: ${stderr}`));
      try {
        resolve(JSON.parse(stdout) as LoadResult);
      } catch {
        reject(new Error(`the load generator printed no result: ${stdout}${stderr}`));
      }
    });
  });
}

/** The number of answers with an unexpected status, and why (errors, timeouts, other codes). */
export function unexpectedAnswers(result: LoadResult, expectedStatus: number): number {
  let bad = result.errors + result.timeouts;
  for (const [code, count] of Object.entries(result.statusCodes))
    if (Number(code) !== expectedStatus) bad += count;
  return bad;
}
