import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './load';

/*
 * Runs in its own process, pinned by the harness to the core the servers do not use, so that
 * generating load never competes with the server being measured. Reads the request from argv,
 * prints one JSON line.
 */
async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2]!) as LoadRequest;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: request.url,
    method: request.method,
    connections: request.connections,
    pipelining: 1,
    ...(request.amount !== undefined ? { amount: request.amount } : { duration: request.seconds }),
    ...(request.body !== undefined
      ? { body: request.body, headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const ended = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpuBefore);
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count;
  const out: LoadResult = {
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
  process.stdout.write(JSON.stringify(out));
}

void main();
