import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import {
  Controller,
  Get,
  HttpApplication,
  HttpErrorCode,
  Post,
  Req,
  RequestMethod,
  UnauthorizedException,
  UseGuards,
  type ExecutionContext,
  type HttpReply,
  type HttpRequest,
  type MiddlewareConsumer,
  type TenonMiddleware,
  type TenonModule,
} from '@tenon/http';

/** What the middleware saw, in order, per request. */
const seen: string[] = [];

@Injectable()
class Clock {
  readonly now = 'tick';
}

/** A class middleware with an injected dependency, as NestJS writes them. */
@Injectable()
class StampMiddleware implements TenonMiddleware {
  constructor(private readonly clock: Clock) {}
  use(request: HttpRequest, reply: HttpReply, next: () => void): void {
    seen.push(`stamp ${request.method} ${request.url}`);
    reply.header('x-stamp', this.clock.now);
    next();
  }
}

/** Sets the user a guard reads later: the same request object all the way. */
@Injectable()
class UserMiddleware implements TenonMiddleware {
  use(request: HttpRequest, _reply: HttpReply, next: (error?: unknown) => void): void {
    seen.push('user');
    if (request.headers['x-user'] === 'banned') return next(new UnauthorizedException('Banned'));
    request.user = { name: String(request.headers['x-user'] ?? 'anonymous') };
    next();
  }
}

function audit(request: HttpRequest, _reply: HttpReply, next: () => void): void {
  seen.push(`audit ${request.method}`);
  next();
}

@Controller('cats')
class CatsController {
  @Get() list(@Req() request: HttpRequest) {
    return { user: request.user };
  }
  @Get(':id') one() {
    return { one: true };
  }
  @Post() create() {
    return { created: true };
  }
  @Get('health/check') health() {
    return { ok: true };
  }
}

@Controller('dogs')
class DogsController {
  @Get()
  @UseGuards({ canActivate: (c: ExecutionContext) => c.getRequest().user !== undefined })
  list() {
    return { dogs: [] };
  }
}

@Module({ controllers: [CatsController], providers: [Clock] })
class CatsModule implements TenonModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(StampMiddleware).exclude('cats/health/(.*)').forRoutes(CatsController);
    consumer
      .apply(audit)
      .forRoutes({ path: 'cats', method: RequestMethod.POST }, { path: 'cats/:id', method: 'GET' });
  }
}

@Module({ imports: [CatsModule], controllers: [DogsController] })
class AppModule implements TenonModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply([UserMiddleware]).exclude({ path: 'dogs', method: RequestMethod.POST }).forRoutes('*');
  }
}

describe('MiddlewareConsumer in TenonModule.configure()', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false });
  });
  afterAll(() => app.close());
  beforeEach(() => (seen.length = 0));

  it('runs class middleware with injection, for the controller it names, root module first', async () => {
    const res = await app.inject({ url: '/cats', headers: { 'x-user': 'ada' } });
    expect(res.headers['x-stamp']).toBe('tick');
    expect(seen).toEqual(['user', 'stamp GET /cats']);
    // The request the middleware changed is the one handlers and guards get.
    expect(res.json()).toEqual({ user: { name: 'ada' } });
    expect((await app.inject('/dogs')).statusCode).toBe(200);
  });

  it('matches { path, method } routes, with RequestMethod or a method name, and :params', async () => {
    await app.inject({ method: 'POST', url: '/cats' });
    await app.inject('/cats/7');
    expect(seen).toEqual([
      'user',
      'stamp POST /cats',
      'audit POST',
      'user',
      'stamp GET /cats/7',
      'audit GET',
    ]);
  });

  it('skips excluded routes, NestJS (.*) patterns included', async () => {
    const res = await app.inject('/cats/health/check');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-stamp']).toBeUndefined();
    expect(seen).toEqual(['user']);
  });

  it('hands next(error) to the exception handling', async () => {
    const res = await app.inject({ url: '/cats', headers: { 'x-user': 'banned' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ detail: 'Banned' });
    expect(seen).toEqual(['user']);
  });
});

describe('a configure() that reads injected fields', () => {
  @Injectable()
  class Settings {
    readonly paths = ['cats'];
  }

  @Module({ controllers: [CatsController], providers: [Settings, Clock, StampMiddleware] })
  class ConfiguredModule implements TenonModule {
    constructor(private readonly settings: Settings) {}
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(StampMiddleware).forRoutes(...this.settings.paths);
    }
  }

  it('runs on the module instance built with injection', async () => {
    const app = await HttpApplication.create(ConfiguredModule, { logger: false });
    expect((await app.inject('/cats')).headers['x-stamp']).toBe('tick');
    expect((await app.inject('/cats/1')).headers['x-stamp']).toBeUndefined();
    await app.close();
  });
});

describe('middleware configuration mistakes are boot errors', () => {
  const bootError = async (configure: (consumer: MiddlewareConsumer) => void): Promise<unknown> => {
    @Module({ controllers: [CatsController], providers: [Clock] })
    class BadModule implements TenonModule {
      configure(consumer: MiddlewareConsumer): void {
        configure(consumer);
      }
    }
    return HttpApplication.create(BadModule, { logger: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
  };

  it.each([
    [
      'a chain without forRoutes()',
      (c: MiddlewareConsumer) => void c.apply(StampMiddleware),
      "BadModule.configure(): apply(StampMiddleware) never reached forRoutes(), so it would run nowhere (NestJS ignores such a chain silently). Fix: end the chain with forRoutes(): consumer.apply(...).forRoutes('*') for every route, or forRoutes(CatsController).",
    ],
    [
      'forRoutes() without a route',
      (c: MiddlewareConsumer) => void c.apply(audit).forRoutes(),
      "BadModule.configure(): forRoutes() of audit names no route. Fix: name the routes: forRoutes('*') for every route, or forRoutes(CatsController).",
    ],
    [
      'apply() without a middleware',
      (c: MiddlewareConsumer) => void c.apply(),
      'BadModule.configure(): apply() was called without a middleware. Fix: pass middleware classes or functions: consumer.apply(LoggerMiddleware).forRoutes(...).',
    ],
    [
      'an undefined middleware (a circular import)',
      (c: MiddlewareConsumer) => void c.apply(undefined as never).forRoutes('*'),
      'BadModule.configure(): apply() was given undefined, which is not a middleware. Fix: pass a class with use(request, reply, next) or a function (request, reply, next) => void (an undefined class is often a circular import).',
    ],
    [
      'an undefined route',
      (c: MiddlewareConsumer) => void c.apply(audit).forRoutes(undefined as never),
      "BadModule.configure(): forRoutes() was given undefined, which is not a route. Fix: give a path ('cats', 'cats/*'), a controller class, or { path, method } (an undefined class is often a circular import).",
    ],
  ])('%s is TENON_HTTP_INVALID_MIDDLEWARE_CONFIG', async (_, configure, message) => {
    expect(await bootError(configure)).toMatchObject({
      code: HttpErrorCode.INVALID_MIDDLEWARE_CONFIG,
      message,
    });
  });
});
