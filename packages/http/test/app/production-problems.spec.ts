import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Controller, Get, HttpApplication, NotFoundException } from '@tenon/http';

/** The shape of the data layer's coded client errors, as the HTTP layer reads them (duck-typed). */
class UniqueViolationLike extends Error {
  readonly code = 'TENON_DATA_UNIQUE_VIOLATION';
  readonly status = 409;
  readonly clientMessage = 'The request conflicts with an existing resource: the email is already taken.';
  constructor() {
    super(
      'Another row of "users" already has the same email (unique constraint "users_email_key"), so the write was refused. Check for an existing row before writing, and answer a conflict (this error\'s status is 409) when concurrent requests race past that check.',
    );
  }
}

@Controller('x')
class XController {
  @Get('conflict') conflict() {
    throw new UniqueViolationLike();
  }
  @Get('coded-without-client-message') coded() {
    throw Object.assign(new Error('Token expired: log in again.'), { code: 'TENON_SECURITY_X', status: 401 });
  }
  @Get('missing') missing() {
    throw new NotFoundException('No article "a".');
  }
}
@Module({ controllers: [XController] })
class AppModule {}

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { lines, logger: { level: 'info' as const, format: 'json' as const, destination: stream } };
}

describe('problem bodies in production', () => {
  const previous = process.env.NODE_ENV;
  afterEach(() => {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  });

  it('production: true answers the client message; the schema detail goes to the log with the request id', async () => {
    const { lines, logger } = capture();
    const app = await HttpApplication.create(AppModule, {
      production: true,
      logger,
      disableRequestLogging: true,
    });
    const res = await app.inject({ url: '/x/conflict', headers: { 'x-request-id': 'req-7' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'The request conflicts with an existing resource: the email is already taken.',
      instance: '/x/conflict',
      code: 'TENON_DATA_UNIQUE_VIOLATION',
    });
    expect(res.body).not.toMatch(/users_email_key|"users"|row/);
    const line = lines.find((l) => l.code === 'TENON_DATA_UNIQUE_VIOLATION')!;
    expect(line).toMatchObject({ reqId: 'req-7', status: 409 });
    expect(line.msg).toBe(`Request rejected: ${new UniqueViolationLike().message}`);
    // Errors without a client message, and HttpExceptions, keep their message.
    expect((await app.inject('/x/coded-without-client-message')).json().detail).toBe(
      'Token expired: log in again.',
    );
    expect((await app.inject('/x/missing')).json().detail).toBe('No article "a".');
    await app.close();
  });

  it('NODE_ENV=production is production by default; otherwise the developer detail is kept', async () => {
    process.env.NODE_ENV = 'production';
    const prod = await HttpApplication.create(AppModule, { logger: false });
    expect((await prod.inject('/x/conflict')).json().detail).toBe(new UniqueViolationLike().clientMessage);
    await prod.close();
    const off = await HttpApplication.create(AppModule, { logger: false, production: false });
    expect((await off.inject('/x/conflict')).json().detail).toBe(new UniqueViolationLike().message);
    await off.close();
    process.env.NODE_ENV = 'development';
    const dev = await HttpApplication.create(AppModule, { logger: false });
    expect((await dev.inject('/x/conflict')).json().detail).toBe(new UniqueViolationLike().message);
    await dev.close();
  });
});
