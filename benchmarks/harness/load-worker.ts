import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './load';

/*
 * Runs in its own long-lived process, pinned by the harness to the core the servers do not use,
 * so that generating load never competes with the server being measured, and no run pays for
 * starting Node. Takes one request at a time over IPC and answers with its result.
 */
async function run(request: LoadRequest): Promise<LoadResult> {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: request.url,
    method: request.method,
    connections: request.connections,
    pipelining: 1,
    // The database scenarios on PGlite queue 50 connections behind one engine: seconds per answer is normal there.
    timeout: 30,
    ...(request.amount !== undefined ? { amount: request.amount } : { duration: request.seconds }),
    ...(request.body !== undefined
      ? { body: request.body, headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const ended = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpuBefore);
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count;
  return {
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    clientCpuPercent: ((cpu.user + cpu.system) / Number((ended - started) / 1000n)) * 100,
    startedUs: Number(started / 1000n),
    endedUs: Number(ended / 1000n),
  };
}

process.on('message', (request: LoadRequest) => {
  run(request).then(
    (result) => process.send!({ result }),
    (error: unknown) => process.send!({ error: error instanceof Error ? error.message : String(error) }),
  );
});
