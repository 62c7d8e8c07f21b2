import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

function start(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(process.execPath, [join(__dirname, 'server.fixture.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: () => out });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('graceful shutdown of a real process', () => {
  beforeAll(() => {
    // The child runs the built packages: make sure dist matches the sources.
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-b', 'packages/core', 'packages/http'],
      { cwd: ROOT, stdio: 'pipe' },
    );
  }, 120_000);

  it('on SIGTERM turns readiness 503, finishes in-flight requests, refuses new connections, runs hooks, exits 0', async () => {
    const { child, port, output } = await start({ SLOW_MS: '800', GRACE_MS: '400' });
    const exit = exited(child);
    expect((await get(port, '/health/ready')).status).toBe(200);
    const inFlight = get(port, '/slow');
    await sleep(100);
    child.kill('SIGTERM');
    await sleep(100);
    const ready = await get(port, '/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 503, code: 'TENON_HTTP_SHUTTING_DOWN' });
    await sleep(400);
    await expect(get(port, '/health/live')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await inFlight).toEqual({ status: 200, body: '{"done":true}' });
    expect(await exit).toBe(0);
    expect(output()).toContain('hook SIGTERM');
  }, 30_000);

  it('cuts requests that outlive the drain timeout, then still runs hooks and exits 0', async () => {
    const { child, port, output } = await start({ SLOW_MS: '10000', GRACE_MS: '0', DRAIN_MS: '300' });
    const exit = exited(child);
    const inFlight = get(port, '/slow').then(
      () => 'answered',
      (e: NodeJS.ErrnoException) => e.code,
    );
    await sleep(100);
    const t = Date.now();
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(Date.now() - t).toBeLessThan(3000);
    expect(await inFlight).toBe('ECONNRESET');
    expect(output()).toContain('hook SIGTERM');
  }, 30_000);
});
