import 'reflect-metadata';
import { request } from 'node:http';
import { Module } from '@tenon/core';
import { Controller, Get, HealthModule, HttpApplication } from '@tenon/http';

@Controller()
class PingController {
  @Get('ping') ping() {
    return { pong: true };
  }
}

@Module({ imports: [HealthModule.forRoot()], controllers: [PingController] })
class GraceModule {}

/** A GET on a new connection: the status and body, or the connection error's code. */
function get(port: number, path: string): Promise<{ status: number; body: string } | string> {
  return new Promise((resolve) => {
    request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
      .end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function listening(options: { readinessGrace?: number } = {}) {
  const app = await HttpApplication.create(GraceModule, { logger: false, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: (app.fastify.server.address() as { port: number }).port };
}

describe('readiness grace (a real socket)', () => {
  it('answers readiness 503 while new connections are still accepted, then refuses them', async () => {
    const { app, port } = await listening({ readinessGrace: 400 });
    expect(await get(port, '/health/ready')).toMatchObject({ status: 200 });
    const closed = app.close();
    await sleep(50);
    // Readiness has turned while the listener is open: pollers see the 503 itself ...
    const ready = await get(port, '/health/ready');
    expect(ready).toMatchObject({ status: 503 });
    expect(JSON.parse((ready as { body: string }).body)).toMatchObject({
      status: 503,
      code: 'TENON_HTTP_SHUTTING_DOWN',
    });
    // ... and other requests are still served on new connections.
    expect(await get(port, '/ping')).toEqual({ status: 200, body: '{"pong":true}' });
    await closed;
    expect(await get(port, '/ping')).toBe('ECONNREFUSED');
  });

  it('waits 1 s by default when the server listens', async () => {
    const { app, port } = await listening();
    const started = Date.now();
    const closed = app.close();
    await sleep(400);
    expect(await get(port, '/health/ready')).toMatchObject({ status: 503 });
    await closed;
    // Timers may fire a millisecond early by Date.now()'s clock.
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(await get(port, '/ping')).toBe('ECONNREFUSED');
  });

  it('closes at once when the server does not listen (inject only), or with readinessGrace: 0', async () => {
    const injected = await HttpApplication.create(GraceModule, { logger: false });
    await injected.inject('/ping');
    let started = Date.now();
    await injected.close();
    expect(Date.now() - started).toBeLessThan(500);

    const { app, port } = await listening({ readinessGrace: 0 });
    started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await get(port, '/ping')).toBe('ECONNREFUSED');
  });
});
