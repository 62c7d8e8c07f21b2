import {
  tokenName,
  type ApplicationContext,
  type DynamicModule,
  type GetOptions,
  type ModuleContext,
  type RequestScopeOptions,
  type Token,
  type Type,
} from '@tenon/core';
import type { HttpApplication, HttpApplicationOptions } from '@tenon/http';
import { HttpApplicationExistsError } from '../errors/http-application-exists.error';
import { ModuleClosedError } from '../errors/module-closed.error';
import { loadHttp } from './http-peer';

/**
 * A compiled testing module: the booted part of the application, with overrides applied.
 * Lookups search every module by default (`{ strict: true }` limits them to what the root
 * sees); `close()` runs the shutdown hooks.
 *
 * @example
 * const moduleRef = await Test.createTestingModule({ imports: [UsersModule] })
 *   .overrideProvider(UsersRepository).useValue(fakeUsers)
 *   .compile();
 * const service = moduleRef.get(UsersService);
 * afterAll(() => moduleRef.close());
 */
export class TestingModule implements ModuleContext {
  // The application served from this module's context: closing either closes both, once.
  private app?: Promise<HttpApplication>;

  /** @internal Built by `TestingModuleBuilder.compile()`. */
  constructor(
    private readonly ctx: ApplicationContext,
    private readonly moduleOverrides: ReadonlyMap<object, object>,
  ) {}

  /** The underlying application context, for what the testing module does not wrap. */
  get context(): ApplicationContext {
    return this.ctx;
  }

  /** True once `close()` was called. */
  get isClosed(): boolean {
    return this.ctx.isClosed;
  }

  /**
   * The singleton for `token` (overridden when an override names it).
   *
   * @example
   * const users = moduleRef.get(UsersService);
   */
  get<T>(token: Token<T>, options?: GetOptions): T {
    this.assertOpen(`get ${tokenName(token)}`);
    return this.ctx.get(token, options);
  }

  /**
   * Like `get`, and also builds transient providers and request-scoped ones (inside
   * `runInRequestScope`, the current request's instance; outside, an instance of its own).
   *
   * @example
   * const a = await moduleRef.resolve(RequestLogger);
   */
  async resolve<T>(token: Token<T>, options?: GetOptions): Promise<T> {
    this.assertOpen(`resolve ${tokenName(token)}`);
    return this.ctx.resolve(token, options);
  }

  /**
   * Lookups as seen from one module of the tree. A module replaced by `overrideModule()` may be
   * selected by the original or by the replacement.
   *
   * @example
   * const orders = moduleRef.select(OrdersModule).get(OrdersService, { strict: true });
   */
  select(module: Type | DynamicModule): ModuleContext {
    this.assertOpen(`select ${tokenName(module)}`);
    const selected = this.ctx.select(this.moduleOverrides.get(module) ?? module);
    return {
      get: <T>(token: Token<T>, options?: GetOptions): T => {
        this.assertOpen(`get ${tokenName(token)}`);
        return selected.get(token, options);
      },
      resolve: async <T>(token: Token<T>, options?: GetOptions): Promise<T> => {
        this.assertOpen(`resolve ${tokenName(token)}`);
        return selected.resolve(token, options);
      },
    };
  }

  /**
   * Runs `fn` in a request scope, as the HTTP layer does for each request.
   *
   * @example
   * await moduleRef.runInRequestScope(async () => (await moduleRef.resolve(CurrentUser)).id);
   */
  runInRequestScope<R>(fn: () => R, options?: RequestScopeOptions): R {
    this.assertOpen('run in request scope');
    return this.ctx.runInRequestScope(fn, options);
  }

  /**
   * Serves this module's context over HTTP (with `@tenon/http`, an optional peer): the routes of
   * its controllers, with every override of the testing module in place (providers, and the
   * guard, interceptor, pipe and filter classes named in decorators) and the instances `get()`
   * returns. `inject()` answers without a socket. One application per module; closing the
   * application closes the module and the reverse, once. The logger is the context's (pass
   * `{ logger: false }` to `Test.createTestingModule()` to keep Fastify quiet); global enhancer
   * classes that need injection are registered when given to the builder's
   * `createHttpApplication()` instead (parameterless ones work here too).
   *
   * @example
   * const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
   *   .overrideGuard(AuthGuard).useValue({ canActivate: () => true })
   *   .compile();
   * const app = await moduleRef.createHttpApplication({ globalPrefix: 'api' });
   * const res = await app.inject({ method: 'GET', url: '/api/todos' });
   * await moduleRef.close(); // closes the application too
   */
  async createHttpApplication(options: HttpApplicationOptions = {}): Promise<HttpApplication> {
    this.assertOpen('create an HTTP application');
    if (this.app) throw new HttpApplicationExistsError();
    const http = loadHttp('createHttpApplication()');
    const created = http.HttpApplication.fromContext(this.ctx, options).then((app) => this.guard(app));
    this.app = created;
    // A failed creation leaves the module usable, and able to try again.
    created.catch(() => {
      if (this.app === created) this.app = undefined;
    });
    return created;
  }

  /**
   * Runs the shutdown hooks (`beforeApplicationShutdown`, `onModuleDestroy`,
   * `onApplicationShutdown`) in reverse dependency order; with an HTTP application, stops it
   * first (in-flight requests finish). Calling it again, or closing the application too, does
   * nothing more.
   *
   * @example
   * afterAll(() => moduleRef.close());
   */
  async close(signal?: string): Promise<void> {
    const app = await this.app?.catch(() => undefined);
    return app ? app.close(signal) : this.ctx.close(signal);
  }

  // After close (of the module or of the application), requests fail with this package's coded
  // error instead of Fastify's "cannot be reopened".
  private guard(app: HttpApplication): HttpApplication {
    const inject = app.inject.bind(app);
    Object.defineProperty(app, 'inject', {
      configurable: true,
      writable: true,
      value: (request: Parameters<HttpApplication['inject']>[0]) => {
        if (this.ctx.isClosed || app.isShuttingDown) {
          return Promise.reject(new ModuleClosedError(`inject ${describeRequest(request)}`));
        }
        return inject(request);
      },
    });
    return app;
  }

  private assertOpen(operation: string): void {
    if (this.ctx.isClosed) throw new ModuleClosedError(operation);
  }
}

type InjectRequest = Parameters<HttpApplication['inject']>[0];

/** `GET /todos/1`, for messages. */
function describeRequest(request: InjectRequest): string {
  if (typeof request === 'string') return `GET ${request}`;
  const url = request.url ?? request.path ?? '/';
  return `${request.method ?? 'GET'} ${typeof url === 'string' ? url : url.pathname}`;
}
