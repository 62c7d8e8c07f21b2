import type { ApplicationContextOptions, LoggerOptions, ModuleContext, Type } from '@tenon/core';
import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyServerOptions } from 'fastify';
import type {
  CanActivate,
  EnhancerRef,
  ExceptionFilter,
  MiddlewareFunction,
  PipeTransform,
  TenonInterceptor,
  TenonMiddleware,
} from '../metadata/enhancer-types';
import type { HttpMethod } from '../metadata/http-method';
import type { RequestMethod } from '../middleware/request-method';
import type { VersioningOptions } from '../routing/versioning';
import type { TrailingSlash } from '../routing/trailing-slash';
import type { ValidationPipeOptions } from '../validation/validation.pipe';
import type { OpenApiOptions } from '../openapi/openapi-options';
import type { ServerLimitsOptions } from './server-limits';

/**
 * Core's logger options; `level` also takes a plain string (e.g. from an environment variable),
 * checked at boot by core.
 */
export type HttpLoggerOptions = Omit<LoggerOptions, 'level'> & {
  level?: LoggerOptions['level'] | (string & {});
};

/** A method of a route filter: `'ALL'` (or `RequestMethod.ALL`) is every method. */
export type RouteFilterMethod = HttpMethod | RequestMethod | 'ALL';

/**
 * Which routes a middleware applies to: a path pattern, methods, or a controller (all of its
 * routes). Patterns are matched against the route's path, with or without the global prefix:
 * `*`, `*name` and `(.*)` match any rest of the path, `:name` one segment, `{...}` an optional part.
 */
export type RouteFilter = string | { path: string; method?: RouteFilterMethod | RouteFilterMethod[] } | Type;

/** A middleware and where it runs. */
export interface MiddlewareRegistration {
  use: MiddlewareFunction | EnhancerRef<TenonMiddleware>;
  /** Default: every route. */
  forRoutes?: RouteFilter[];
  exclude?: RouteFilter[];
  /** The module whose providers a middleware class is built with (default: the root module). */
  module?: ModuleContext;
  /** Where it was declared, for error messages (default: every matching route). */
  where?: string;
}

/** Templates rendered by `@Render()` through @fastify/view and eta. */
export interface ViewsOptions {
  /** The folder of the `.eta` templates. */
  root: string;
  /** Passed to eta (escaping is on unless you turn it off). */
  etaOptions?: Record<string, unknown>;
}

/** Files served by @fastify/static. */
export interface StaticFilesOptions {
  root: string;
  /** URL prefix (default `/`). */
  prefix?: string;
}

/**
 * Options of `HttpApplication.create()`.
 *
 * @example
 * await HttpApplication.create(AppModule, {
 *   globalPrefix: 'api',
 *   versioning: { type: 'uri', defaultVersion: '1' },
 *   cors: { origin: ['https://app.example.test'] },
 *   helmet: { contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https://cdn.example.test'] } } },
 *   rateLimit: { max: 100, timeWindow: '1 minute' },
 *   bodyLimit: 1_048_576,
 *   headersTimeout: 10_000,
 *   requestTimeout: 30_000,
 * });
 */
export interface HttpApplicationOptions extends ServerLimitsOptions {
  globalPrefix?: string;
  versioning?: VersioningOptions;
  /**
   * A path with a trailing slash, `/api/tags/` for the route `/api/tags`: `'strict'` (default)
   * a path no route has, 404 for every method; `'ignore'` the same route; `'redirect'` a
   * redirect to the path without the slash (301 for GET and HEAD, 308 for other methods, the
   * query kept), when a route there takes the method, else 404.
   */
  trailingSlash?: TrailingSlash;
  /** CORS through @fastify/cors: `true` for its defaults. */
  cors?: boolean | FastifyCorsOptions;
  /**
   * Security headers (helmet's, computed once at boot), on by default with helmet's defaults
   * (`Content-Security-Policy`, `Strict-Transport-Security`, `X-Content-Type-Options`,
   * `X-Frame-Options`, `Referrer-Policy`, `Cross-Origin-Resource-Policy`...; no `X-Powered-By`).
   * An object takes @fastify/helmet's options (e.g. `{ contentSecurityPolicy: { directives: {...} } }`;
   * `enableCSPNonces` and `global: false` register @fastify/helmet itself);
   * `false` sends none of them. Swagger UI works under helmet's default policy; a stricter
   * `style-src` must keep `'unsafe-inline'` for it.
   */
  helmet?: boolean | FastifyHelmetOptions;
  /** Rate limiting through @fastify/rate-limit. */
  rateLimit?: RateLimitPluginOptions;
  /** Largest accepted body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Whether `X-Forwarded-*` headers are trusted (see Fastify's `trustProxy`). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /**
   * The header carrying the request id (default `x-request-id`): a sane id the client sends is
   * kept, else a random UUID is generated, and the id is echoed on every answer. `false` reads
   * and sends no such header: requests get Fastify's sequential ids (`req-1`, `req-2`...), which
   * log lines and the request scope still carry.
   *
   * @example
   * await HttpApplication.create(AppModule, { requestIdHeader: 'x-correlation-id' });
   * await HttpApplication.create(AppModule, { requestIdHeader: false }); // no id header at all
   */
  requestIdHeader?: string | false;
  /**
   * The application's logger (core's pino root, also used by Fastify, so request lines, error
   * logs and injected `Logger`s share one output). Default: from `LOG_LEVEL`/`LOG_FORMAT`;
   * `false` writes nothing.
   */
  logger?: HttpLoggerOptions | false;
  /** Skip Fastify's per-request "incoming request"/"request completed" lines. */
  disableRequestLogging?: boolean;
  /**
   * Which requests run in their own request scope (an AsyncLocalStorage context, where
   * request-scoped providers live and `Logger` lines pick up the request id).
   *
   * - `'auto'` (default): every request where AsyncLocalStorage is backed by AsyncContextFrame,
   *   which makes a scope cheap (Node 24 and later unless `--no-async-context-frame`; Node 22
   *   with `--experimental-async-context-frame`; read from `process.execArgv` and
   *   `NODE_OPTIONS`), in an application that writes logs: the scope puts the request id on
   *   every injected `Logger` line. Elsewhere (Node 20, Node 22 by default), as `'route'`: there
   *   a scope switches on async_hooks propagation for every promise of the process, about a
   *   quarter of a small request. With `logger: false` (or the `silent` level), as `'route'` too:
   *   a scope still costs ~2% of a small request there, for no line to carry the id.
   * - `'route'`: only the routes that need one: the controller is request-scoped, or the
   *   controller, a guard, interceptor, pipe, filter (route, controller, global or `APP_*`) or
   *   middleware class of the route injects a request-scoped provider (`REQUEST` included), at
   *   any depth. Errors answered outside any route (404, 405) get a scope when a global filter
   *   or a middleware needs one.
   * - `'always'`: every request, on every runtime (the default of earlier releases).
   *
   * In a route without a scope, `currentRequestContext()` is `undefined`, injected `Logger`
   * lines carry no `reqId` (Fastify's `request.log` lines keep it), `context.resolve()` of a
   * request-scoped token gives an instance of its own (as outside any request, `REQUEST`
   * undefined in it), and a request-scoped proxy reached in a way boot cannot see (an enhancer
   * passed as an instance) fails with `TENON_HTTP_ROUTE_WITHOUT_REQUEST_SCOPE`. Pass
   * `'always'` when code reads the request context without injecting anything request-scoped.
   *
   * @example
   * await HttpApplication.create(AppModule, { requestScope: 'always' });
   */
  requestScope?: 'always' | 'auto' | 'route';
  /**
   * The shape of error bodies. `'problem'` (default): RFC 9457 `application/problem+json`.
   * `'nest'`: NestJS's `{ statusCode, message, error }` as `application/json`, for clients
   * written against a NestJS API (validation messages as an array of strings, an
   * `HttpException`'s object response as it is, `'Forbidden resource'` for a guard's refusal,
   * `'Internal server error'` for a 500). Errors answered below the request (malformed HTTP,
   * shutdown) stay problems.
   */
  errorFormat?: 'problem' | 'nest';
  /** Show error messages and stacks in 500 responses. Never in production. */
  development?: boolean;
  /**
   * Production error bodies (default: `NODE_ENV === 'production'`): a coded error of another
   * Tenon package that carries a `clientMessage` (the data layer's unique and foreign key
   * violations, optimistic locks and transaction conflicts (409), deleted entities (404),
   * values a column cannot hold (422)) is answered with that message, in the client's terms,
   * instead of its developer message naming tables, columns, constraints and entity classes;
   * the developer message goes to the log line of the request (with its request id).
   */
  production?: boolean;
  /** Options of the default `ValidationPipe`, or `false` to validate nothing by default. */
  validation?: ValidationPipeOptions | false;
  /**
   * Let Fastify's compiled JSON Schema validator check DTO bodies first where the DTO allows it
   * (default true). `false` sends every body through class-validator alone.
   */
  compiledValidation?: boolean;
  /**
   * Serialize declared success responses (`@ApiResponse({ status: 200, type: UserView })`) with a
   * compiled serializer built from the DTO's schema (default false). Only declared properties
   * are sent, which also keeps internal fields from leaking.
   */
  compiledSerialization?: boolean;
  /** Deepest JSON body accepted (default 128 levels). */
  maxJsonDepth?: number;
  globalGuards?: EnhancerRef<CanActivate>[];
  globalInterceptors?: EnhancerRef<TenonInterceptor>[];
  globalPipes?: EnhancerRef<PipeTransform>[];
  globalFilters?: EnhancerRef<ExceptionFilter>[];
  middleware?: MiddlewareRegistration[];
  views?: ViewsOptions;
  staticFiles?: StaticFilesOptions | StaticFilesOptions[];
  /** OpenAPI document and Swagger UI; `false` turns both off. */
  openapi?: OpenApiOptions | false;
  /**
   * Time between readiness turning 503 and the server refusing connections, in ms (default
   * 1,000; applied only when the server listens): requests keep being served meanwhile, so load
   * balancers and orchestrators polling `/health/ready` see the 503 and stop sending traffic
   * before connections are refused. On Kubernetes, set it to the readiness probe's
   * `periodSeconds × failureThreshold` (in ms); `0` closes the listener at once.
   */
  readinessGrace?: number;
  /** Longest wait for in-flight requests at shutdown, in ms (default 10,000). */
  drainTimeout?: number;
  /** Passed to `ApplicationContext.create()` (used by `@tenon/testing`). */
  context?: ApplicationContextOptions;
}
