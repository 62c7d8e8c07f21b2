import 'reflect-metadata';
import { Inject, Injectable, Module } from '@tenon/core';
import {
  Controller,
  Get,
  HttpApplication,
  REQUEST,
  UnauthorizedException,
  type HttpReply,
  type HttpRequest,
  type TenonMiddleware,
} from '@tenon/http';

@Controller('todos')
class TodoController {
  @Get() list() {
    return [];
  }
}

@Module({ controllers: [TodoController] })
class AppModule {}

const seen: string[] = [];

function tag(name: string) {
  return (request: HttpRequest, reply: HttpReply, next: () => void): void => {
    seen.push(`${name} ${request.method} ${request.url}`);
    reply.header(`x-${name}`, 'yes');
    next();
  };
}

describe('middleware on requests that match no route', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, {
      logger: false,
      globalPrefix: 'api',
      middleware: [
        { use: tag('all') },
        { use: tag('star'), forRoutes: ['*'], exclude: ['health*'] },
        { use: tag('todos'), forRoutes: ['todos*'] },
        { use: tag('posts'), forRoutes: [{ path: '*', method: 'POST' }] },
        { use: tag('controller'), forRoutes: [TodoController] },
      ],
    });
  });
  afterAll(() => app.close());
  beforeEach(() => (seen.length = 0));

  it('runs the middleware whose filters match the path and method before the 404', async () => {
    const res = await app.inject('/api/nowhere?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'TENON_HTTP_ROUTE_NOT_FOUND' });
    expect(res.headers['x-all']).toBe('yes');
    expect(res.headers['x-star']).toBe('yes');
    // Controller filters name routes: an unmatched request has none.
    expect(res.headers['x-controller']).toBeUndefined();
    expect(seen).toEqual(['all GET /api/nowhere?x=1', 'star GET /api/nowhere?x=1']);
  });

  it('matches path filters with and without the global prefix, methods and exclusions', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/todos/1/extra' });
    expect(res.statusCode).toBe(404);
    expect(seen).toEqual([
      'all POST /api/todos/1/extra',
      'star POST /api/todos/1/extra',
      'todos POST /api/todos/1/extra',
      'posts POST /api/todos/1/extra',
    ]);
    seen.length = 0;
    await app.inject('/api/health/ready');
    expect(seen).toEqual(['all GET /api/health/ready']);
  });

  it('runs before a 405 too, which keeps its Allow header', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/todos' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.headers['x-todos']).toBe('yes');
    expect(seen).toEqual(['all DELETE /api/todos', 'star DELETE /api/todos', 'todos DELETE /api/todos']);
  });

  it('still runs once, and only its own, for matched routes', async () => {
    const res = await app.inject('/api/todos');
    expect(res.statusCode).toBe(200);
    expect(seen).toEqual([
      'all GET /api/todos',
      'star GET /api/todos',
      'todos GET /api/todos',
      'controller GET /api/todos',
    ]);
  });
});

describe('middleware that answer or fail on unmatched requests', () => {
  @Injectable()
  class ApiKeyMiddleware implements TenonMiddleware {
    use(request: HttpRequest, reply: HttpReply, next: (error?: unknown) => void): void {
      const key = request.headers['x-api-key'];
      if (key === 'teapot') {
        reply.code(418).send({ short: 'and stout' });
        return;
      }
      if (key !== 'k1')
        return next(new UnauthorizedException('Send a valid x-api-key header.', { code: 'NO_KEY' }));
      next();
    }
  }

  @Injectable()
  class ScopedMiddleware implements TenonMiddleware {
    constructor(@Inject(REQUEST) private readonly request: HttpRequest) {}
    use(_request: HttpRequest, reply: HttpReply, next: () => void): void {
      reply.header('x-scoped-url', this.request.url);
      next();
    }
  }

  @Module({ controllers: [TodoController] })
  class KeyModule {}

  it('lets a middleware answer, or fail through the problem response, instead of the 404', async () => {
    const app = await HttpApplication.create(KeyModule, {
      logger: false,
      middleware: [{ use: ScopedMiddleware }, { use: ApiKeyMiddleware }],
    });
    const teapot = await app.inject({ url: '/missing', headers: { 'x-api-key': 'teapot' } });
    expect(teapot.statusCode).toBe(418);
    expect(teapot.json()).toEqual({ short: 'and stout' });
    const refused = await app.inject('/missing');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'NO_KEY', detail: 'Send a valid x-api-key header.' });
    const known = await app.inject({ url: '/missing', headers: { 'x-api-key': 'k1' } });
    expect(known.statusCode).toBe(404);
    // The request scope is open for middleware of unmatched requests too (REQUEST resolves).
    expect(known.headers['x-scoped-url']).toBe('/missing');
    await app.close();
  });
});
