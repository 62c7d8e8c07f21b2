import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Controller, Get, HttpApplication, Post, RateLimit } from '@tenon/http';

@Controller('auth')
class AuthController {
  @Post('login')
  @RateLimit({ max: 2, timeWindow: 60_000 })
  login(): { ok: true } {
    return { ok: true };
  }

  @Post('register')
  @RateLimit()
  register(): { ok: true } {
    return { ok: true };
  }

  @Get('open')
  open(): string {
    return 'open';
  }
}

@Controller('limited')
@RateLimit({ max: 1, timeWindow: '1 minute' })
class LimitedController {
  @Get('a')
  a(): string {
    return 'a';
  }

  @Get('b')
  b(): string {
    return 'b';
  }
}

@Module({ controllers: [AuthController, LimitedController] })
class RateModule {}

describe('@RateLimit(): a limit per route', () => {
  it('limits only the decorated routes, each on its own count, with a 429 problem', async () => {
    const app = await HttpApplication.create(RateModule, { logger: false });
    const login = () => app.inject({ method: 'POST', url: '/auth/login' });
    // POST answers 201 by default.
    expect((await login()).statusCode).toBe(201);
    expect((await login()).statusCode).toBe(201);
    const limited = await login();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^([1-5]?\d|60)$/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'TENON_HTTP_TOO_MANY_REQUESTS' });
    // Undecorated routes are not limited; decorated ones count separately.
    for (let i = 0; i < 5; i++) expect((await app.inject('/auth/open')).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/auth/register' })).statusCode).toBe(201);
    // A controller's limit applies to each of its routes, separately.
    expect((await app.inject('/limited/a')).statusCode).toBe(200);
    expect((await app.inject('/limited/b')).statusCode).toBe(200);
    expect((await app.inject('/limited/a')).statusCode).toBe(429);
    await app.close();
  });

  it("takes the application's rateLimit as defaults, and counts clients apart", async () => {
    const app = await HttpApplication.create(RateModule, {
      logger: false,
      rateLimit: { global: false, max: 1, timeWindow: 60_000 },
    });
    const register = (ip: string) => app.inject({ method: 'POST', url: '/auth/register', remoteAddress: ip });
    expect((await register('10.0.0.1')).statusCode).toBe(201);
    expect((await register('10.0.0.1')).statusCode).toBe(429);
    expect((await register('10.0.0.2')).statusCode).toBe(201);
    // global: false leaves undecorated routes alone.
    expect((await app.inject('/auth/open')).statusCode).toBe(200);
    expect((await app.inject('/auth/open')).statusCode).toBe(200);
    await app.close();
  });
});
