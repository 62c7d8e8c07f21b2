import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadRequest, LoadResult } from './load';
import { log } from './log';

const SCRIPT_DIR = join(__dirname, '..', 'profiles');

function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/**
 * Makes sure wrk is installed: it is the Debian package `wrk`, installed with apt-get when
 * missing (as root, or through sudo without a password). Throws with the command to run when
 * it cannot be installed here.
 */
export function ensureWrk(): void {
  if (hasWrk()) return;
  log('wrk is not installed: installing the Debian package (apt-get install -y wrk)');
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  for (const args of [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', 'wrk'],
  ]) {
    const [command, ...rest] = [...prefix, ...args];
    spawnSync(command!, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!hasWrk())
    throw new Error(
      'wrk is not installed and could not be installed here: run `apt-get install -y wrk` (Debian package) and start again.',
    );
}

// A POST body for wrk is set by a Lua script; one file per distinct request.
function postScript(request: LoadRequest): string {
  mkdirSync(SCRIPT_DIR, { recursive: true });
  const file = join(
    SCRIPT_DIR,
    `wrk-${Buffer.from(request.body ?? '')
      .toString('hex')
      .slice(0, 24)}.lua`,
  );
  writeFileSync(
    file,
    [
      `wrk.method = ${JSON.stringify(request.method)}`,
      `wrk.body = ${JSON.stringify(request.body ?? '')}`,
      'wrk.headers["Content-Type"] = "application/json"',
      '',
    ].join('\n'),
  );
  return file;
}

// wrk prints latencies as "812.00us", "1.21ms", "2.00s".
function milliseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return NaN;
  const value = Number(match[1]);
  return match[2] === 'us'
    ? value / 1000
    : match[2] === 'ms'
      ? value
      : match[2] === 's'
        ? value * 1000
        : value * 60_000;
}

// bash's `times` prints the shell's own user/system times, then its children's: wrk's CPU.
function childCpuSeconds(text: string): number {
  const lines = text.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  let seconds = 0;
  for (const [, minutes, secs] of last.matchAll(/(\d+)m([\d.]+)s/g))
    seconds += Number(minutes) * 60 + Number(secs);
  return seconds;
}

/** Parses wrk's report (run with `--latency`). */
export function parseWrk(
  output: string,
  expectedStatus: number,
): Omit<LoadResult, 'clientCpuPercent' | 'startedUs' | 'endedUs'> {
  const total = Number(/(\d+) requests in/.exec(output)?.[1] ?? NaN);
  const seconds = /requests in ([\d.]+)(\w+),/.exec(output);
  const elapsed = seconds ? milliseconds(`${seconds[1]}${seconds[2]}`) / 1000 : NaN;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const timeouts = socket ? Number(socket[4]) : 0;
  const errors = socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) + timeouts : 0;
  // wrk counts answers outside 2xx/3xx only: a 400 scenario expects all of them there.
  const statusCodes: Record<string, number> = {};
  if (expectedStatus >= 400) {
    if (non2xx) statusCodes[String(expectedStatus)] = non2xx;
    if (total - non2xx) statusCodes['2xx/3xx'] = total - non2xx;
  } else {
    if (total - non2xx) statusCodes[String(expectedStatus)] = total - non2xx;
    if (non2xx) statusCodes['4xx/5xx'] = non2xx;
  }
  return {
    requestsPerSecond: total / elapsed,
    total,
    p50: milliseconds(/^\s+50%\s+(\S+)/m.exec(output)?.[1] ?? ''),
    p99: milliseconds(/^\s+99%\s+(\S+)/m.exec(output)?.[1] ?? ''),
    errors,
    timeouts,
    statusCodes,
  };
}

/**
 * One run of wrk (one thread, `connections` connections, no pipelining) pinned to `cpu`, for
 * `seconds`. wrk has no request count: the memory run uses autocannon.
 */
export function runWrk(request: LoadRequest, cpu: string, expectedStatus: number): Promise<LoadResult> {
  if (request.seconds === undefined)
    return Promise.reject(new Error('wrk runs for a duration, not an amount'));
  const args = ['-t1', `-c${request.connections}`, `-d${request.seconds}s`, '--latency', '--timeout', '30s'];
  if (request.method !== 'GET' || request.body !== undefined) args.push('-s', postScript(request));
  args.push(request.url);
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `taskset -c ${cpu} wrk ${quoted} && times`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ended = process.hrtime.bigint();
      if (code !== 0) return reject(new Error(`wrk exited with ${code}: ${err || out}`));
      const wall = Number(ended - started) / 1e9;
      resolve({
        ...parseWrk(out, expectedStatus),
        clientCpuPercent: (childCpuSeconds(out) / wall) * 100,
        startedUs: Number(started / 1000n),
        endedUs: Number(ended / 1000n),
      });
    });
  });
}
