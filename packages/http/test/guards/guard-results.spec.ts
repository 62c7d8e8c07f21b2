import 'reflect-metadata';
import { Module } from '@tenon/core';
import type { FastifyRequest } from 'fastify';
import { EMPTY, of, throwError, delay } from 'rxjs';
import {
  Controller,
  Get,
  HttpApplication,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@tenon/http';

// Each guard returns what the request's x-verdict header names, as a migrating app's guards do.
const verdicts: Record<string, () => unknown> = {
  true: () => true,
  false: () => false,
  'of-true': () => of(true),
  'of-false': () => of(false),
  'of-false-later': () => of(false).pipe(delay(2)),
  'of-true-then-false': () => of(true, false),
  'of-false-then-true': () => of(false, true),
  'of-empty': () => EMPTY,
  'of-string': () => of('yes'),
  'of-error': () => throwError(() => new UnauthorizedException('No token.')),
  'promise-true': () => Promise.resolve(true),
  'promise-false': () => Promise.resolve(false),
  'promise-object': () => Promise.resolve({}),
  object: () => ({}),
  string: () => 'yes',
  number: () => 1,
  undefined: () => undefined,
  null: () => null,
  date: () => new Date(0),
  'subscribe-only': () => ({ subscribe: () => ({ unsubscribe() {} }) }),
};

class VerdictGuard implements CanActivate {
  canActivate(ctx: ExecutionContext) {
    const name = String(ctx.getRequest<FastifyRequest>().headers['x-verdict']);
    return verdicts[name]!() as boolean;
  }
}

let reached = 0;
class CountingGuard implements CanActivate {
  canActivate() {
    reached++;
    return true;
  }
}

@Controller('cats')
class CatsController {
  @Get() @UseGuards(VerdictGuard, CountingGuard) list() {
    return ['Tom'];
  }
}

@Module({ controllers: [CatsController] })
class AppModule {}

describe('guard results', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    reached = 0;
  });
  const get = (verdict: string) => app.inject({ url: '/cats', headers: { 'x-verdict': verdict } });

  it.each(['true', 'of-true', 'promise-true', 'of-false-then-true'])(
    '%s lets the request through to the next guard and the handler',
    async (verdict) => {
      const res = await get(verdict);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(['Tom']);
      expect(reached).toBe(1);
    },
  );

  it.each(['false', 'of-false', 'of-false-later', 'promise-false', 'of-true-then-false'])(
    '%s answers 403 and stops the chain',
    async (verdict) => {
      const res = await get(verdict);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ status: 403, code: 'TENON_HTTP_FORBIDDEN_BY_GUARD' });
      expect(reached).toBe(0);
    },
  );

  it('an Observable erroring with an HttpException answers with it', async () => {
    const res = await get('of-error');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, detail: 'No token.' });
    expect(reached).toBe(0);
  });

  it.each([
    ['object', 'an object'],
    ['string', 'the string "yes"'],
    ['number', 'the number 1'],
    ['undefined', 'undefined'],
    ['null', 'null'],
    ['date', 'an instance of Date'],
    ['subscribe-only', 'an object'],
    ['promise-object', 'a Promise of an object'],
    ['of-string', 'an Observable of the string "yes"'],
    ['of-empty', 'an Observable that completed without a value'],
  ])(
    '%s is never "allow": a 500 problem with TENON_HTTP_INVALID_GUARD_RESULT',
    async (verdict, described) => {
      const messages: string[] = [];
      const logged = await HttpApplication.create(AppModule, {
        logger: {
          level: 'error',
          format: 'json',
          destination: { write: (line: string) => void messages.push(line) },
        },
      });
      try {
        const res = await logged.inject({ url: '/cats', headers: { 'x-verdict': verdict } });
        expect(res.statusCode).toBe(500);
        expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expect(res.json()).toEqual({
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
          instance: '/cats',
          code: 'TENON_HTTP_INVALID_GUARD_RESULT',
        });
        expect(reached).toBe(0);
        const line = messages.map((m) => JSON.parse(m) as { err?: { message: string } }).find((m) => m.err);
        expect(line?.err?.message).toBe(
          `The guard VerdictGuard on CatsController.list returned ${described} from canActivate(): a guard must return true, false, or a Promise or Observable of one, and anything else is refused rather than read as "allow". ` +
            'Fix: return a boolean (e.g. `return user !== undefined`), or throw an HttpException (e.g. UnauthorizedException) to answer with its status.',
        );
      } finally {
        await logged.close();
      }
    },
  );

  it('development mode shows the message in the problem detail', async () => {
    const dev = await HttpApplication.create(AppModule, { logger: false, development: true });
    try {
      const res = await dev.inject({ url: '/cats', headers: { 'x-verdict': 'object' } });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({
        code: 'TENON_HTTP_INVALID_GUARD_RESULT',
        detail: expect.stringContaining('The guard VerdictGuard on CatsController.list returned an object'),
      });
    } finally {
      await dev.close();
    }
  });
});
