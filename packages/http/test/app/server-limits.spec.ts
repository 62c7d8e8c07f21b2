import 'reflect-metadata';
import { connect, type Socket } from 'node:net';
import { Module } from '@tenon/core';
import { Body, Controller, Get, HttpApplication, Post, type HttpApplicationOptions } from '@tenon/http';

@Controller()
class PingController {
  @Get('ping') ping() {
    return { pong: true };
  }
  @Post('echo') echo(@Body() body: unknown) {
    return body;
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

/** What the server did to a raw connection: its bytes, and whether it closed the connection. */
interface Outcome {
  data: string;
  closedByServer: boolean;
  ms: number;
}

/**
 * Opens a connection, lets `drive` write to it, and waits until the server closes it (or
 * `giveUp` ms pass, when the client destroys it and reports that the server did not).
 */
function exchange(port: number, drive: (socket: Socket) => void, giveUp = 8_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let data = '';
    let closedByServer = true;
    const timer = setTimeout(() => {
      closedByServer = false;
      socket.destroy();
    }, giveUp);
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ data, closedByServer, ms: Date.now() - started });
    });
    socket.on('connect', () => drive(socket));
  });
}

/** The JSON body of the first response in `data`. */
function bodyOf(data: string): Record<string, unknown> {
  return JSON.parse(data.slice(data.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
}

async function serve(options: HttpApplicationOptions): Promise<{ app: HttpApplication; port: number }> {
  const app = await HttpApplication.create(PingModule, { logger: false, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: Number(new URL(app.getUrl()).port) };
}

const TIMEOUT_DETAIL =
  'The request did not arrive completely in time: send the headers and body without pausing.';

describe('server limits', () => {
  it('has defaults that close slow and idle clients', async () => {
    const app = await HttpApplication.create(PingModule, { logger: false });
    await app.init();
    const server = app.getHttpServer();
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(30_000);
    expect(server.keepAliveTimeout).toBe(5_000);
    expect(server.maxConnections).toBe(10_000);
    expect(server.timeout).toBe(0);
    expect(server.maxRequestsPerSocket).toBeFalsy();
    await app.close();
  });

  describe('timeouts, on real sockets', () => {
    let app: HttpApplication;
    let port: number;
    beforeAll(async () => {
      ({ app, port } = await serve({ headersTimeout: 400, requestTimeout: 1_200, keepAliveTimeout: 300 }));
    });
    afterAll(() => app.close());

    it('closes a client that sends part of its headers with a 408 problem after headersTimeout', async () => {
      const outcome = await exchange(port, (s) => s.write('GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: '));
      expect(outcome.closedByServer).toBe(true);
      expect(outcome.data).toMatch(/^HTTP\/1\.1 408 /);
      expect(bodyOf(outcome.data)).toMatchObject({
        status: 408,
        code: 'TENON_HTTP_REQUEST_TIMEOUT',
        detail: TIMEOUT_DETAIL,
      });
    });

    it('closes a connection that sends nothing after headersTimeout', async () => {
      const outcome = await exchange(port, () => undefined);
      expect(outcome.closedByServer).toBe(true);
      expect(outcome.data).toMatch(/^HTTP\/1\.1 408 /);
    });

    it('closes a body that trickles in slower than requestTimeout, though bytes keep coming', async () => {
      const outcome = await exchange(port, (s) => {
        s.write(
          'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":"',
        );
        const drip = setInterval(() => s.writable && s.write('x'), 100);
        s.on('close', () => clearInterval(drip));
      });
      expect(outcome.closedByServer).toBe(true);
      expect(outcome.data).toMatch(/^HTTP\/1\.1 408 /);
      expect(bodyOf(outcome.data)).toMatchObject({
        code: 'TENON_HTTP_REQUEST_TIMEOUT',
        detail: TIMEOUT_DETAIL,
      });
    });

    it('serves a whole request, then closes the idle keep-alive connection after keepAliveTimeout', async () => {
      const outcome = await exchange(port, (s) => s.write('GET /ping HTTP/1.1\r\nHost: x\r\n\r\n'));
      expect(outcome.closedByServer).toBe(true);
      expect(outcome.data).toMatch(/^HTTP\/1\.1 200 /);
      expect(outcome.data).toContain('{"pong":true}');
    });
  });

  it('closes connections beyond maxConnections at once, and accepts again below it', async () => {
    const { app, port } = await serve({ maxConnections: 2 });
    try {
      const held = await Promise.all(
        [0, 1].map(
          () =>
            new Promise<Socket>((resolve) => {
              const s = connect(port, '127.0.0.1', () => resolve(s));
              s.on('error', () => undefined);
            }),
        ),
      );
      // Accepted connections are counted when the server sees them, a moment after the client does.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const third = await exchange(port, (s) => s.write('GET /ping HTTP/1.1\r\nHost: x\r\n\r\n'), 3_000);
      expect(third).toMatchObject({ closedByServer: true, data: '' });
      for (const s of held) s.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const fourth = await exchange(port, (s) =>
        s.write('GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      );
      expect(fourth.data).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      await app.close();
    }
  });

  it('ends a keep-alive connection after maxRequestsPerSocket requests', async () => {
    const { app, port } = await serve({ maxRequestsPerSocket: 2, keepAliveTimeout: 60_000 });
    try {
      const outcome = await exchange(port, (s) => {
        s.write('GET /ping HTTP/1.1\r\nHost: x\r\n\r\n');
        setTimeout(() => s.writable && s.write('GET /ping HTTP/1.1\r\nHost: x\r\n\r\n'), 100);
        setTimeout(() => s.destroy(), 1_500);
      });
      // Node marks the last response `Connection: close` and leaves closing to the client.
      const [first, second] = outcome.data.split(/(?=HTTP\/1\.1 \d{3} )/);
      expect(first).toMatch(/^HTTP\/1\.1 200 [^]*\r\nKeep-Alive: timeout=60, max=2\r\n/);
      expect(second).toMatch(/^HTTP\/1\.1 200 [^]*\r\nConnection: close\r\n/);
    } finally {
      await app.close();
    }
  });

  describe('invalid limits', () => {
    it.each([
      ['headersTimeout', -1, 'is -1'],
      ['requestTimeout', 1.5, 'is 1.5'],
      ['keepAliveTimeout', '5s', 'is 5s'],
      ['maxConnections', Number.NaN, 'is NaN'],
      ['maxRequestsPerSocket', -3, 'is -3'],
      ['connectionTimeout', Infinity, 'is Infinity'],
    ])('refuses %s = %p at boot', async (name, value, shown) => {
      const error = (await HttpApplication.create(PingModule, {
        logger: false,
        [name]: value,
      } as HttpApplicationOptions).catch((e: unknown) => e)) as { code: string; message: string };
      expect(error.code).toBe('TENON_HTTP_INVALID_OPTIONS');
      expect(error.message).toBe(
        `The option ${name} of HttpApplication.create() ${shown}. Fix: give a whole number, 0 or more (0 turns it off).`,
      );
    });

    it('refuses a headersTimeout longer than requestTimeout', async () => {
      const error = (await HttpApplication.create(PingModule, {
        logger: false,
        headersTimeout: 20_000,
        requestTimeout: 10_000,
      }).catch((e: unknown) => e)) as { code: string; message: string };
      expect(error.code).toBe('TENON_HTTP_INVALID_OPTIONS');
      expect(error.message).toBe(
        'The option headersTimeout of HttpApplication.create() (20000 ms) is longer than requestTimeout (10000 ms), which includes the headers. ' +
          'Fix: give a headersTimeout no longer than requestTimeout, or raise requestTimeout.',
      );
    });

    it('takes 0 as off', async () => {
      const app = await HttpApplication.create(PingModule, {
        logger: false,
        headersTimeout: 0,
        requestTimeout: 0,
        maxConnections: 0,
      });
      await app.init();
      const server = app.getHttpServer();
      expect(server.headersTimeout).toBe(0);
      expect(server.requestTimeout).toBe(0);
      expect(server.maxConnections).not.toBe(0);
      expect((await app.inject('/ping')).statusCode).toBe(200);
      await app.close();
    });
  });
});
