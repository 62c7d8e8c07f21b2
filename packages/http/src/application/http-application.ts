import {
  ApplicationContext,
  type BootExtension,
  type ApplicationContextOptions,
  type ModuleImport,
  type Token,
  type Type,
  codeCache,
} from '@tenon/core';
import type { FastifyInstance, FastifyListenOptions, InjectOptions, LightMyRequestResponse } from 'fastify';
import { AlreadyInitializedError } from '../errors/enhancer.errors';
import { NotInitializedError, NotListeningError } from '../errors/application-state.errors';
import type {
  CanActivate,
  EnhancerRef,
  ExceptionFilter,
  PipeTransform,
  TenonInterceptor,
} from '../metadata/enhancer-types';
import { getCatchTypes } from '../decorators/enhancer.decorators';
import { getRateLimit } from '../decorators/rate-limit.decorator';
import { MethodMatcher } from '../routing/method-matcher';
import type { RouteDefinition } from '../routing/route-table';
import { ValidationPipe } from '../validation/validation.pipe';
import { registerOpenApi } from '../openapi/openapi-plugin';
import { assembleApplication, type ApplicationAssembly } from './application-assembly';
import { isEnhancerClass } from './enhancer-classes';
import type { EnhancerResolver } from './enhancer-resolver';
import { httpBootExtension } from './http-boot-extension';
import type { HttpApplicationOptions, MiddlewareRegistration, RouteFilter } from './http-application-options';
import { registerPlugins } from './plugins';
import { scopesEveryRequest } from './request-scope-mode';
import type { HttpConfigurer } from './http-state';
import { MiddlewareMatcher } from './middleware-matcher';
import { configureModuleMiddleware } from '../middleware/module-middleware';
import type { PreHandlerErrors } from './pre-handler-errors';
import { compileRoute, type CompiledRoute, type RouteOwner } from './route-compiler';
import { mountRoutes } from './route-mounter';
import { requestIdHeaderOf } from './request-id';
import { urlOf } from './server-url';
import { DEFAULT_READINESS_GRACE, ShutdownCoordinator } from './shutdown-coordinator';
import { validateOptions } from './validate-options';

/**
 * A booted Tenon application served by Fastify: the core `ApplicationContext`, the route table
 * built from the discovered controllers, and the pipeline of every route composed once.
 *
 * @example
 * const app = await HttpApplication.create(AppModule, { globalPrefix: 'api' });
 * app.enableShutdownHooks();
 * await app.listen({ port: 3000, host: '0.0.0.0' });
 * // in tests, no socket:
 * const res = await app.inject({ method: 'GET', url: '/api/todos' });
 */
export class HttpApplication {
  /** Serves the routes until shutdown; exposed for Fastify plugins. */
  readonly fastify: FastifyInstance;
  /** The core application context (providers, lifecycle). */
  readonly context: ApplicationContext;
  /** Every route, in registration order. */
  readonly routes: readonly RouteDefinition<RouteOwner>[];
  private readonly options: HttpApplicationOptions;
  private readonly globals: {
    guards: unknown[];
    interceptors: unknown[];
    pipes: unknown[];
    filters: unknown[];
    middleware: MiddlewareRegistration[];
  };
  private initializing?: Promise<void>;
  private readonly errors: PreHandlerErrors;
  private readonly resolver: EnhancerResolver;
  private compiled: CompiledRoute[] = [];
  private readonly shutdown: ShutdownCoordinator;
  /** From modules' `configure(consumer)`: they run after `options.middleware` and `use()`'s, as in NestJS. */
  private readonly moduleMiddleware: MiddlewareRegistration[];
  private readonly writesLogs: boolean;

  private constructor(
    context: ApplicationContext,
    assembly: ApplicationAssembly,
    options: HttpApplicationOptions,
  ) {
    const { app } = assembly;
    this.context = context;
    this.fastify = assembly.fastify;
    this.routes = assembly.routes;
    this.options = options;
    this.errors = assembly.errors;
    this.resolver = assembly.resolver;
    this.moduleMiddleware = assembly.moduleMiddleware;
    this.writesLogs = assembly.writesLogs;
    // Module-level APP_* enhancers first, then the options', then useGlobal*() calls.
    this.globals = {
      guards: [...app.guards, ...(options.globalGuards ?? [])],
      interceptors: [...app.interceptors, ...(options.globalInterceptors ?? [])],
      pipes: [...app.pipes, ...(options.globalPipes ?? [])],
      filters: [...app.filters, ...(options.globalFilters ?? [])],
      middleware: [...(options.middleware ?? [])],
    };
    this.shutdown = new ShutdownCoordinator(
      assembly.fastify,
      context,
      options.drainTimeout ?? 10_000,
      assembly.state,
      options.readinessGrace ?? DEFAULT_READINESS_GRACE,
    );
  }

  /**
   * Boots the module graph, discovers controllers and builds the route table. Invalid paths,
   * conflicting routes and unresolvable enhancers are thrown here, as coded errors.
   */
  static async create(root: ModuleImport, options: HttpApplicationOptions = {}): Promise<HttpApplication> {
    validateOptions(options, 'HttpApplication.create()');
    const contextOptions = options.context ?? {};
    const context = await ApplicationContext.create(root, {
      ...contextOptions,
      // http's extension runs first so that the caller's extensions (the testing module checks
      // its overrides against the graph) see the providers it registers: guard, pipe and filter
      // classes named only in decorators, Reflector, REQUEST.
      extensions: [HttpApplication.bootExtension(options), ...(contextOptions.extensions ?? [])],
      ...(contextOptions.logger === undefined && options.logger !== undefined
        ? // core checks the level string at boot and names the option when it is wrong
          { logger: options.logger as ApplicationContextOptions['logger'] }
        : {}),
    });
    try {
      // With logging off, Fastify gets no logger without reading the context's (pino is not loaded).
      const silent = (contextOptions.logger ?? options.logger) === false;
      return HttpApplication.build(context, options, await configureModuleMiddleware(context), silent);
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  /**
   * Serves an already-booted context: everything `create()` does after booting (route table,
   * Fastify), sharing the context's providers. Boot the context with
   * `HttpApplication.bootExtension(options)` among its extensions so that enhancer classes
   * named in decorators get injection (parameterless ones work without it). The application
   * owns the context from then on: `close()` closes it. `options.logger` and `options.context`
   * are ignored (the context's logger is used); when this throws, the context stays open.
   *
   * @example
   * const context = await ApplicationContext.create(AppModule, { extensions: [HttpApplication.bootExtension()] });
   * context.get(TodoRepository).seed([...]);
   * const app = await HttpApplication.fromContext(context, { globalPrefix: 'api' });
   * await app.inject('/api/todos');
   */
  static async fromContext(
    context: ApplicationContext,
    options: HttpApplicationOptions = {},
  ): Promise<HttpApplication> {
    validateOptions(options, 'HttpApplication.fromContext()');
    return HttpApplication.build(context, options, await configureModuleMiddleware(context));
  }

  /**
   * The boot extension `create()` gives core: registers every guard, interceptor, pipe and
   * filter class named in controllers' decorators as a provider of the controller's module,
   * the global enhancer classes of `options` in the root module, `Reflector` and `REQUEST`.
   * For contexts booted by someone else and served with `fromContext()` (`@tenon/testing`).
   *
   * @example
   * const context = await ApplicationContext.create(AppModule, {
   *   extensions: [HttpApplication.bootExtension({ globalGuards: [AuthGuard] })],
   * });
   */
  static bootExtension(
    options: Pick<
      HttpApplicationOptions,
      'globalGuards' | 'globalInterceptors' | 'globalPipes' | 'globalFilters' | 'middleware'
    > = {},
  ): BootExtension {
    const globalClasses: Type[] = (
      [
        ...(options.globalGuards ?? []),
        ...(options.globalInterceptors ?? []),
        ...(options.globalPipes ?? []),
        ...(options.globalFilters ?? []),
        ...(options.middleware ?? []).map((m) => m.use),
      ] as unknown[]
    ).filter((ref): ref is Type => isEnhancerClass(ref));
    return httpBootExtension(globalClasses, { shuttingDown: false });
  }

  private static build(
    context: ApplicationContext,
    options: HttpApplicationOptions,
    moduleMiddleware: MiddlewareRegistration[],
    silent = false,
  ): HttpApplication {
    return new HttpApplication(
      context,
      assembleApplication(context, options, silent, moduleMiddleware),
      options,
    );
  }

  /** Adds global guards (before the first request). */
  useGlobalGuards(...guards: EnhancerRef<CanActivate>[]): this {
    this.assertNotStarted('useGlobalGuards');
    this.globals.guards.push(...guards);
    return this;
  }

  /** Adds global interceptors (before the first request). */
  useGlobalInterceptors(...interceptors: EnhancerRef<TenonInterceptor>[]): this {
    this.assertNotStarted('useGlobalInterceptors');
    this.globals.interceptors.push(...interceptors);
    return this;
  }

  /** Adds global pipes (before the first request). */
  useGlobalPipes(...pipes: EnhancerRef<PipeTransform>[]): this {
    this.assertNotStarted('useGlobalPipes');
    this.globals.pipes.push(...pipes);
    return this;
  }

  /** Adds global exception filters (before the first request). */
  useGlobalFilters(...filters: EnhancerRef<ExceptionFilter>[]): this {
    this.assertNotStarted('useGlobalFilters');
    this.globals.filters.push(...filters);
    return this;
  }

  /**
   * Adds a middleware for the routes matching `forRoutes` (all when empty).
   *
   * @example
   * app.use((req, reply, next) => { reply.header('x-powered-by', 'tenon'); next(); }, { path: 'todos*', method: 'GET' });
   */
  use(middleware: MiddlewareRegistration['use'], ...forRoutes: RouteFilter[]): this {
    this.assertNotStarted('use');
    this.globals.middleware.push(forRoutes.length > 0 ? { use: middleware, forRoutes } : { use: middleware });
    return this;
  }

  /**
   * Registers plugins and routes and readies Fastify; `listen` and `inject` call it. Idempotent:
   * NestJS-style e2e tests call it before `getHttpServer()`.
   *
   * @example
   * await app.init();
   * await request(app.getHttpServer()).get('/cats').expect(200);
   */
  init(): Promise<void> {
    this.initializing ??= this.initialize().then(() => {
      this.initialized = true;
    });
    return this.initializing;
  }

  private initialized = false;

  /**
   * The Node `http.Server` Fastify serves on, for clients that take a server, like supertest
   * (`request(app.getHttpServer())` listens on a free port for each request when the app does
   * not listen itself). Throws `TENON_HTTP_NOT_INITIALIZED` before `init()`/`listen()` resolved.
   *
   * @example
   * const app = await Test.createTestingModule({ imports: [AppModule] }).createHttpApplication();
   * await app.init();
   * await request(app.getHttpServer()).post('/cats').send({ name: 'Tom' }).expect(201);
   */
  getHttpServer(): import('node:http').Server {
    if (!this.initialized) throw new NotInitializedError('getHttpServer');
    return this.fastify.server as import('node:http').Server;
  }

  /**
   * The URL the server listens on, `http://127.0.0.1:3000` (a wildcard address is given as the
   * loopback one, as NestJS does). Throws `TENON_HTTP_NOT_LISTENING` when not listening.
   *
   * @example
   * await app.listen({ port: 0 });
   * const res = await fetch(`${app.getUrl()}/cats`);
   */
  getUrl(): string {
    const address = this.fastify.server.address();
    if (address === null || typeof address === 'string') throw new NotListeningError();
    return urlOf(address);
  }

  /** Starts listening. @example await app.listen({ port: 3000, host: '127.0.0.1' }) */
  async listen(options: FastifyListenOptions = {}): Promise<string> {
    await this.init();
    const url = await this.fastify.listen(options);
    // Started: Tenon's code cache is written shortly after, holding what the start compiled.
    codeCache.settle();
    return url;
  }

  /** Sends a request without a socket (Fastify's `inject`). */
  async inject(options: InjectOptions | string): Promise<LightMyRequestResponse> {
    await this.init();
    return this.fastify.inject(options);
  }

  /** A singleton provider, searched in every module. */
  get<T>(token: Token<T>): T {
    return this.context.get(token);
  }

  /** True from the moment shutdown starts: readiness answers 503. */
  get isShuttingDown(): boolean {
    return this.shutdown.started;
  }

  /** Stops the server (waiting for in-flight requests) and runs the shutdown hooks. */
  close(signal?: string): Promise<void> {
    return this.shutdown.run(signal);
  }

  /**
   * On SIGTERM/SIGINT: readiness turns 503, the server stops accepting connections, in-flight
   * requests finish (bounded by `drainTimeout`), the shutdown hooks run, the process exits 0.
   */
  enableShutdownHooks(signals: readonly string[] = ['SIGTERM', 'SIGINT']): this {
    this.shutdown.listen(signals);
    return this;
  }

  /** Compiled routes (after `init()`), with whether each body is checked by the compiled schema. */
  get compiledRoutes(): readonly CompiledRoute[] {
    return this.compiled;
  }

  private assertNotStarted(method: string): void {
    if (this.initializing) throw new AlreadyInitializedError(method);
  }

  private async initialize(): Promise<void> {
    const { fastify, options } = this;
    const idHeader = requestIdHeaderOf(options);
    const errors = this.errors;
    const trailingSlash = options.trailingSlash ?? 'strict';
    errors.install(
      fastify,
      new MethodMatcher(this.routes, trailingSlash === 'ignore'),
      trailingSlash === 'redirect',
    );
    await registerPlugins(
      fastify,
      options,
      errors.securityHeaders,
      this.routes.some((r) => getRateLimit(r.handler, r.controller) !== undefined),
    );
    // Providers that configure Fastify themselves (metrics hooks) go before any route.
    for (const provider of this.context.discovery.getProviders()) {
      const instance = provider.instance as Partial<HttpConfigurer> | undefined;
      if (instance && typeof instance.configureHttp === 'function') await instance.configureHttp(fastify);
    }
    const docs =
      options.openapi === false ? undefined : await registerOpenApi(fastify, options.openapi ?? {});
    const resolver = this.resolver;
    const defaultValidation =
      options.validation === false ? undefined : new ValidationPipe(options.validation ?? {});
    const middleware = new MiddlewareMatcher(
      [...this.globals.middleware, ...this.moduleMiddleware],
      resolver,
      options.globalPrefix,
    );
    const globals = {
      ...this.globals,
      middleware,
      defaultValidation,
      compiledValidation: options.compiledValidation !== false,
      compiledSerialization: options.compiledSerialization === true,
      errorFormat: options.errorFormat ?? 'problem',
      scopeEveryRequest: scopesEveryRequest(options.requestScope, undefined, this.writesLogs),
    };
    this.compiled = this.routes.map((route) => compileRoute(route, globals, resolver, errors.fail));
    errors.useMiddleware(middleware);
    const globalFilters = this.globals.filters.map((ref) => {
      const filter = resolver.resolve<ExceptionFilter>(ref, 'filter', 'the global filters');
      return { filter, types: getCatchTypes(isEnhancerClass(ref) ? ref : (filter as object).constructor) };
    });
    errors.useGlobalFilters(globalFilters);
    errors.useScopeOutsideRoutes(
      globals.scopeEveryRequest ||
        globalFilters.some((f) => resolver.needsScope(f.filter)) ||
        middleware.needsScope(),
    );
    mountRoutes(fastify, this.routes, this.compiled, {
      context: this.context,
      idHeader,
      ...(docs ? { describe: (route: CompiledRoute) => docs.describe(route) } : {}),
    });
    await fastify.ready();
  }
}
