import 'reflect-metadata';
import { Inject, Injectable, Module, Scope } from '@tenon/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  BadRequestException,
  Body,
  Catch,
  Controller,
  Get,
  HttpApplication,
  HttpException,
  NotFoundException,
  Param,
  Post,
  REQUEST,
  Reflector,
  SetMetadata,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  type ArgumentMetadata,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type PipeTransform,
  type TenonInterceptor,
  type TenonMiddleware,
} from '@tenon/http';

const Roles = (...roles: string[]) => SetMetadata('roles', roles);
const events: string[] = [];

@Injectable()
class RoleStore {
  allowed(role: unknown, needed: string[]) {
    return typeof role === 'string' && needed.includes(role);
  }
}

@Injectable()
class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: RoleStore,
  ) {}
  canActivate(ctx: ExecutionContext) {
    const roles = this.reflector.getAllAndOverride<string[]>('roles', [ctx.getHandler(), ctx.getClass()]);
    events.push(`guard:${ctx.getClass().name}.${ctx.getHandler().name}`);
    return !roles || this.store.allowed(ctx.getRequest<FastifyRequest>().headers['x-role'], roles);
  }
}

class AsyncDenyGuard implements CanActivate {
  async canActivate(ctx: ExecutionContext) {
    await new Promise((r) => setTimeout(r, 1));
    return ctx.getRequest<FastifyRequest>().headers['x-deny'] !== 'yes';
  }
}

class EnvelopeInterceptor implements TenonInterceptor {
  async intercept(_ctx: ExecutionContext, next: CallHandler) {
    events.push('envelope:before');
    const data = await next();
    events.push('envelope:after');
    return { data };
  }
}

class CacheInterceptor implements TenonInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler) {
    if (ctx.getRequest<FastifyRequest>().headers['x-cached']) return { cached: true };
    return next();
  }
}

class UpperPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata) {
    return typeof value === 'string' && metadata.type === 'param' ? value.toUpperCase() : value;
  }
}

class AsyncSuffixPipe implements PipeTransform<unknown, unknown> {
  async transform(value: unknown) {
    return typeof value === 'string' ? `${value}!` : value;
  }
}

class DomainError extends Error {}

@Catch(DomainError)
class DomainFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, ctx: ExecutionContext) {
    ctx.getReply<FastifyReply>().code(422).send({ domain: error.message });
  }
}

@Catch(NotFoundException)
class ReturningFilter implements ExceptionFilter {
  catch() {
    return { fallback: true };
  }
}

@Catch(BadRequestException)
class EverythingFilter implements ExceptionFilter {
  catch(error: unknown, ctx: ExecutionContext) {
    ctx
      .getReply<FastifyReply>()
      .code(599)
      .send({ global: String((error as Error).message) });
  }
}

@Injectable({ scope: Scope.REQUEST })
class RequestInfo {
  static created = 0;
  constructor(@Inject(REQUEST) readonly request: FastifyRequest) {
    RequestInfo.created++;
  }
  get path() {
    return this.request.url;
  }
}

@Injectable()
class PathReporter {
  // A singleton gets a proxy of the request-scoped provider: each call sees the current request.
  constructor(private readonly info: RequestInfo) {}
  report() {
    return this.info.path;
  }
}

@Injectable()
class TimingMiddleware implements TenonMiddleware {
  constructor(private readonly store: RoleStore) {}
  use(_req: FastifyRequest, reply: FastifyReply, next: () => void) {
    reply.header('x-mw', this.store ? 'class' : 'none');
    next();
  }
}

@Controller('secure')
@UseGuards(RolesGuard)
@Roles('user')
class SecureController {
  @Get() open() {
    return { ok: true };
  }
  @Get('admin') @Roles('admin') admin() {
    return { admin: true };
  }
  @Get('deny') @UseGuards(new AsyncDenyGuard()) deny() {
    return { passed: true };
  }
}

@Controller('shape')
@UseInterceptors(EnvelopeInterceptor)
class ShapeController {
  @Get() plain() {
    events.push('handler');
    return 42;
  }
  @Get('cache') @UseInterceptors(new CacheInterceptor()) cache() {
    return 'fresh';
  }
  @Get(':word') @UsePipes(UpperPipe) word(@Param('word', new AsyncSuffixPipe()) word: string) {
    return word;
  }
}

@Controller('errors')
@UseFilters(new ReturningFilter())
class ErrorsController {
  @Get('domain') @UseFilters(DomainFilter) domain() {
    throw new DomainError('bad domain');
  }
  @Get('missing') missing() {
    throw new NotFoundException('gone');
  }
  @Get('other') other() {
    throw new BadRequestException('nope');
  }
  @Get('async') async asyncError() {
    await Promise.resolve();
    throw new HttpException('teapot', 418);
  }
  @Get('crash') crash() {
    throw new TypeError('secret internals at /srv/app.js');
  }
}

@Controller('scope')
class ScopeController {
  constructor(
    private readonly reporter: PathReporter,
    @Inject(REQUEST) private readonly request: FastifyRequest,
  ) {}
  @Get('a') a() {
    return { path: this.reporter.report(), direct: this.request.url };
  }
  @Post('b') b(@Body() body: unknown) {
    return { path: this.reporter.report(), body };
  }
}

@Module({
  controllers: [SecureController, ShapeController, ErrorsController, ScopeController],
  providers: [RoleStore, RequestInfo, PathReporter],
})
class AppModule {}

describe('the request pipeline', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, {
      logger: false,
      middleware: [
        { use: TimingMiddleware, forRoutes: ['secure*'] },
        {
          use: (_req, reply, next) => {
            reply.header('x-fn-mw', 'get-only');
            next();
          },
          forRoutes: [{ path: '*', method: 'GET' }],
          exclude: ['errors/*'],
        },
      ],
    });
    app.useGlobalFilters(new EverythingFilter());
  });
  afterAll(() => app.close());
  beforeEach(() => (events.length = 0));

  it('runs guards with injected dependencies and Reflector metadata (route overrides class)', async () => {
    expect((await app.inject({ url: '/secure', headers: { 'x-role': 'user' } })).json()).toEqual({
      ok: true,
    });
    const denied = await app.inject({ url: '/secure', headers: { 'x-role': 'guest' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'You are not allowed to perform this request.',
      instance: '/secure',
      code: 'TENON_HTTP_FORBIDDEN_BY_GUARD',
    });
    expect((await app.inject({ url: '/secure/admin', headers: { 'x-role': 'user' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/secure/admin', headers: { 'x-role': 'admin' } })).json()).toEqual({
      admin: true,
    });
    expect(events).toContain('guard:SecureController.admin');
  });

  it('runs async guards after the class guards', async () => {
    expect((await app.inject({ url: '/secure/deny', headers: { 'x-role': 'user' } })).json()).toEqual({
      passed: true,
    });
    expect(
      (await app.inject({ url: '/secure/deny', headers: { 'x-role': 'user', 'x-deny': 'yes' } })).statusCode,
    ).toBe(403);
  });

  it('runs interceptors around the handler, outermost first, and lets them change the result', async () => {
    expect((await app.inject('/shape')).json()).toEqual({ data: 42 });
    expect(events).toEqual(['envelope:before', 'handler', 'envelope:after']);
  });

  it('lets an interceptor short-circuit the handler', async () => {
    expect((await app.inject({ url: '/shape/cache', headers: { 'x-cached': '1' } })).json()).toEqual({
      data: { cached: true },
    });
    expect((await app.inject('/shape/cache')).json()).toEqual({ data: 'fresh' });
  });

  it('runs route pipes then parameter pipes, sync and async', async () => {
    expect((await app.inject('/shape/hello')).json()).toEqual({ data: 'HELLO!' });
  });

  it('runs middleware by path and method filters, class middleware with injection', async () => {
    const secure = await app.inject({ url: '/secure', headers: { 'x-role': 'user' } });
    expect(secure.headers['x-mw']).toBe('class');
    expect(secure.headers['x-fn-mw']).toBe('get-only');
    const shape = await app.inject('/shape');
    expect(shape.headers['x-mw']).toBeUndefined();
    expect(shape.headers['x-fn-mw']).toBe('get-only');
    const post = await app.inject({ method: 'POST', url: '/scope/b', payload: {} });
    expect(post.headers['x-fn-mw']).toBeUndefined();
    const excluded = await app.inject('/errors/missing');
    expect(excluded.headers['x-fn-mw']).toBeUndefined();
  });

  it('picks the nearest matching filter: route, then controller, then global', async () => {
    const domain = await app.inject('/errors/domain');
    expect(domain.statusCode).toBe(422);
    expect(domain.json()).toEqual({ domain: 'bad domain' });
    const missing = await app.inject('/errors/missing');
    expect(missing.statusCode).toBe(200);
    expect(missing.json()).toEqual({ fallback: true });
    const other = await app.inject('/errors/other');
    expect(other.statusCode).toBe(599);
    expect(other.json()).toEqual({ global: 'nope' });
    const asyncError = await app.inject('/errors/async');
    expect(asyncError.statusCode).toBe(418);
    expect(asyncError.json()).toEqual({
      type: 'about:blank',
      title: "I'm a Teapot",
      status: 418,
      detail: 'teapot',
      instance: '/errors/async',
    });
  });

  it('gives every request its own request scope, with REQUEST in singletons, controllers and request-scoped providers', async () => {
    const before = RequestInfo.created;
    const [a, b] = await Promise.all([
      app.inject('/scope/a?n=1'),
      app.inject({ method: 'POST', url: '/scope/b', payload: { x: 1 } }),
    ]);
    expect(a.json()).toEqual({ path: '/scope/a?n=1', direct: '/scope/a?n=1' });
    expect(b.json()).toEqual({ path: '/scope/b', body: { x: 1 } });
    expect(RequestInfo.created - before).toBe(2);
  });
});

describe('errors without filters', () => {
  @Controller()
  class CrashController {
    @Get('crash') crash() {
      throw new TypeError('secret internals at /srv/app.js');
    }
    @Get('lock') lock() {
      throw Object.assign(new Error('The row changed since it was read: reload it and retry.'), {
        code: 'TENON_DATA_OPTIMISTIC_LOCK',
        status: 409,
      });
    }
  }
  @Module({ controllers: [CrashController] })
  class CrashModule {}

  function capture() {
    const lines: Record<string, unknown>[] = [];
    const stream = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
    return { lines, logger: { level: 'info' as const, format: 'json' as const, destination: stream } };
  }

  it('answers unknown errors with a bare 500 and logs them once with the request id', async () => {
    const { lines, logger } = capture();
    const app = await HttpApplication.create(CrashModule, { logger, disableRequestLogging: true });
    const res = await app.inject({ url: '/crash', headers: { 'x-request-id': 'req-42' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server could not complete the request. The error is logged with the request id.',
      instance: '/crash',
      code: 'TENON_HTTP_INTERNAL_ERROR',
    });
    const logged = lines.filter((l) => l.reqId === 'req-42' && l.err);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.level).toBe(50);
    expect((logged[0]!.err as { message: string }).message).toBe('secret internals at /srv/app.js');
    await app.close();
  });

  it('lets a @Catch() filter without types handle every error', async () => {
    @Catch()
    class AllFilter implements ExceptionFilter {
      catch(error: unknown) {
        return { caught: (error as Error).constructor.name };
      }
    }
    const app = await HttpApplication.create(CrashModule, { logger: false, globalFilters: [AllFilter] });
    expect((await app.inject('/crash')).json()).toEqual({ caught: 'TypeError' });
    await app.close();
  });

  it('shows the message and stack of unknown errors in development mode', async () => {
    const app = await HttpApplication.create(CrashModule, { logger: false, development: true });
    const body = (await app.inject('/crash')).json();
    expect(body.detail).toBe('secret internals at /srv/app.js');
    expect(body.name).toBe('TypeError');
    expect(body.stack[0]).toBe('TypeError: secret internals at /srv/app.js');
    await app.close();
  });

  it('maps errors of other Tenon packages that carry a status (409 for an optimistic lock)', async () => {
    const app = await HttpApplication.create(CrashModule, { logger: false });
    const res = await app.inject('/lock');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'The row changed since it was read: reload it and retry.',
      instance: '/lock',
      code: 'TENON_DATA_OPTIMISTIC_LOCK',
    });
    await app.close();
  });
});
