import 'reflect-metadata';
import { Module } from '@tenon/core';
import {
  Body,
  Controller,
  Get,
  HttpApplication,
  Param,
  Post,
  type HttpApplicationOptions,
} from '@tenon/http';

@Controller('tags')
class TagsController {
  @Get() list() {
    return { tags: ['a'] };
  }
  @Post() create(@Body() body: unknown) {
    return body;
  }
  @Get(':name') one(@Param('name') name: string) {
    return { name };
  }
}

@Controller('files')
class FilesController {
  @Get('*') any() {
    return { file: true };
  }
}

@Module({ controllers: [TagsController, FilesController] })
class AppModule {}

function boot(options: HttpApplicationOptions = {}): Promise<HttpApplication> {
  return HttpApplication.create(AppModule, { logger: false, globalPrefix: 'api', ...options });
}

describe('trailing slash', () => {
  describe("'strict' (the default)", () => {
    let app: HttpApplication;
    beforeAll(async () => (app = await boot()));
    afterAll(() => app.close());

    it('answers 404, not 405, for a route path with a trailing slash', async () => {
      for (const method of ['GET', 'POST', 'DELETE'] as const) {
        const res = await app.inject({
          method,
          url: '/api/tags/',
          ...(method === 'POST' ? { payload: {} } : {}),
        });
        expect(res.statusCode).toBe(404);
        expect(res.headers.allow).toBeUndefined();
        expect(res.json()).toMatchObject({
          status: 404,
          code: 'TENON_HTTP_ROUTE_NOT_FOUND',
          detail: `No route matches ${method} /api/tags/.`,
        });
      }
      expect((await app.inject('/api/tags/x/')).statusCode).toBe(404);
    });

    it('still answers 405 with Allow for the path itself', async () => {
      const res = await app.inject({ method: 'DELETE', url: '/api/tags' });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST');
      expect((await app.inject('/api/tags')).statusCode).toBe(200);
    });
  });

  describe("'ignore'", () => {
    let app: HttpApplication;
    beforeAll(async () => (app = await boot({ trailingSlash: 'ignore' })));
    afterAll(() => app.close());

    it('serves the route with or without the slash, and 405 names its methods on both', async () => {
      expect((await app.inject('/api/tags/')).json()).toEqual({ tags: ['a'] });
      expect((await app.inject('/api/tags/x/')).json()).toEqual({ name: 'x' });
      expect((await app.inject({ method: 'POST', url: '/api/tags/', payload: { a: 1 } })).json()).toEqual({
        a: 1,
      });
      const res = await app.inject({ method: 'DELETE', url: '/api/tags/' });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST');
    });
  });

  describe("'redirect'", () => {
    let app: HttpApplication;
    beforeAll(async () => (app = await boot({ trailingSlash: 'redirect' })));
    afterAll(() => app.close());

    it('redirects GET and HEAD with 301 to the path without the slash, keeping the query', async () => {
      const res = await app.inject('/api/tags/?page=2&x=%20');
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('/api/tags?page=2&x=%20');
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
      const head = await app.inject({ method: 'HEAD', url: '/api/tags/x//' });
      expect(head.statusCode).toBe(301);
      expect(head.headers.location).toBe('/api/tags/x');
    });

    it('redirects other methods with 308, which keeps the method and the body', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/tags/', payload: { a: 1 } });
      expect(res.statusCode).toBe(308);
      expect(res.headers.location).toBe('/api/tags');
    });

    it('answers 404 where no route takes the method without the slash', async () => {
      expect((await app.inject({ method: 'DELETE', url: '/api/tags/' })).statusCode).toBe(404);
      expect((await app.inject('/api/nothing/')).statusCode).toBe(404);
    });

    it('never redirects to another origin (//host or /\\host)', async () => {
      for (const url of ['//evil.example/', '/\\evil.example/', '/api/files//evil.example/']) {
        const res = await app.inject(url);
        expect(res.headers.location === undefined || !/^\/[/\\]/.test(String(res.headers.location))).toBe(
          true,
        );
      }
      const res = await app.inject('//evil.example/');
      expect(res.statusCode).toBe(404);
    });
  });

  it('refuses an unknown mode at boot', async () => {
    const error = (await boot({ trailingSlash: 'loose' as never }).catch((e: unknown) => e)) as {
      code: string;
      message: string;
    };
    expect(error.code).toBe('TENON_HTTP_INVALID_OPTIONS');
    expect(error.message).toBe(
      `The option trailingSlash of HttpApplication.create() is "loose". Fix: give 'strict', 'ignore' or 'redirect'.`,
    );
  });
});
