import { currentRequestContext, type ApplicationContext } from '@tenon/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpErrorCode } from '../errors/errors';
import { MethodNotAllowedException, NotFoundException } from '../exceptions/http-exceptions';
import type { RouteErrorHandler } from '../pipeline/compose-route';
import { HttpExecutionContext } from '../pipeline/http-execution-context';
import { NoController } from '../pipeline/no-controller';
import type { FilterEntry } from '../pipeline/route-plan';
import { runFilters } from '../pipeline/run-filters';
import { runMiddleware } from '../pipeline/run-middleware';
import { toHttpException } from '../problem/client-error';
import { sendProblem, type ErrorFormat } from '../problem/problem-responder';
import type { MethodMatcher } from '../routing/method-matcher';
import { trailingSlashRedirect } from '../routing/trailing-slash';
import type { ProblemDetails } from '../problem/problem-details';
import { ClientErrorDispatcher, type ConnectionAnswer } from './client-error-dispatcher';
import type { MiddlewareMatcher } from './middleware-matcher';
import { REQUEST } from './request-token';
import type { OutsideHookHeaders } from './security-headers';

/** What a Tenon route puts in its Fastify route config. */
export interface TenonRouteConfig {
  catchError: RouteErrorHandler;
  /** Whether the route's requests run in a request scope (its request-scoped filters need one). */
  scoped: boolean;
}

/**
 * Errors raised where no handler runs go through exception filters too, so an application with
 * its own error shape gives it to every error: on a Tenon route, errors Fastify raises before
 * the handler (body parsing, body limit, media type, rate limit) go through that route's filters
 * (route, controller, global); unknown routes (404), wrong methods (405), URLs that do not
 * decode and errors of plugin routes go through the global filters, whose `ExecutionContext`
 * names `NoController`. Fastify's client errors reach filters as `HttpException`s with the same
 * problem response. Whatever no filter handles becomes the problem response.
 */
export class PreHandlerErrors {
  private globalFilters: readonly FilterEntry[] = [];
  private middleware: MiddlewareMatcher | undefined;
  // Whether errors outside any Tenon route (404, 405, plugin routes) run their global filters
  // and middleware in a request scope: set when the routes are composed.
  private scopeUnrouted = true;

  constructor(
    private readonly context: ApplicationContext,
    /** The request id header echoed on every answer; `false` sends none. */
    private readonly idHeader: string | false,
    private readonly development: boolean,
    /** Coded errors with a `clientMessage` answer it instead of their developer message. */
    private readonly production = false,
    /** `errorFormat` of the application options. */
    private readonly format: ErrorFormat = 'problem',
  ) {}

  private echoId(request: FastifyRequest, reply: FastifyReply): void {
    if (this.idHeader !== false && !reply.sent) reply.header(this.idHeader, request.id);
  }

  /** The problem response, with the request id echoed. */
  readonly fail = (error: unknown, request: FastifyRequest, reply: FastifyReply): void => {
    this.echoId(request, reply);
    sendProblem(error, request, reply, this.development, this.production, this.format);
  };

  /** The security headers of answers no onRequest hook sees (filled when plugins register). */
  readonly securityHeaders: OutsideHookHeaders = { headers: {} };

  /** Errors Fastify raises before routing (`frameworkErrors`), and errors below the request. */
  readonly beforeRouting = (error: unknown, request: FastifyRequest, reply: FastifyReply): void => {
    // Fastify answers these without running the onRequest hooks that set the headers elsewhere.
    reply.headers(this.securityHeaders.headers);
    this.handle(this.clientErrors.take(request) ?? error, request, reply, undefined);
  };

  /**
   * The global filters' answer to an error below the request (no request was parsed);
   * undefined when there are no global filters (the plain problem is written then).
   */
  readonly answerClientError = (problem: ProblemDetails): Promise<ConnectionAnswer | undefined> =>
    this.globalFilters.length === 0 ? Promise.resolve(undefined) : this.clientErrors.dispatch(problem);

  private readonly clientErrors = new ClientErrorDispatcher();

  /** The application's middleware, which also run for requests that match no route. */
  useMiddleware(middleware: MiddlewareMatcher): void {
    this.middleware = middleware;
  }

  /**
   * Whether answers outside any Tenon route open a request scope: when every request gets
   * one, or a global filter or a middleware needs one.
   */
  useScopeOutsideRoutes(scoped: boolean): void {
    this.scopeUnrouted = scoped;
  }

  /** The global filters, resolved when the routes are composed. */
  useGlobalFilters(filters: readonly FilterEntry[]): void {
    this.globalFilters = filters;
  }

  /**
   * Sets Fastify's error and not-found handlers; with `redirectTrailingSlash`, a path that
   * matches a route once its trailing slashes go is redirected there.
   */
  install(fastify: FastifyInstance, matcher: MethodMatcher, redirectTrailingSlash = false): void {
    this.clientErrors.use(fastify);
    fastify.setErrorHandler((error, request, reply) => {
      const config = request.routeOptions.config as { tenon?: TenonRouteConfig } | undefined;
      this.handle(error, request, reply, config?.tenon);
    });
    fastify.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0]!;
      const redirect = redirectTrailingSlash
        ? trailingSlashRedirect(request.url, request.method, request.headers.host, matcher)
        : undefined;
      if (redirect) {
        this.echoId(request, reply);
        return reply.redirect(redirect.location, redirect.status);
      }
      const allowed = matcher.allowed(path, request.headers.host);
      const answer = (): void => {
        // A 405 names the allowed methods (RFC 9110) whatever body a filter gives it.
        if (allowed.length > 0) reply.header('allow', allowed.join(', '));
        const error =
          allowed.length > 0
            ? new MethodNotAllowedException(
                `${request.method} is not allowed on ${path}: use ${allowed.join(', ')}.`,
                { code: HttpErrorCode.METHOD_NOT_ALLOWED, headers: { allow: allowed.join(', ') } },
              )
            : new NotFoundException(`No route matches ${request.method} ${path}.`, {
                code: HttpErrorCode.ROUTE_NOT_FOUND,
              });
        this.handle(error, request, reply, undefined);
      };
      // Middleware whose filters match the path run first, as NestJS runs forRoutes('*') for
      // every request: they may answer themselves (an auth check), or fail.
      const middleware = this.middleware?.for({ path, method: request.method }) ?? [];
      if (middleware.length === 0) return answer();
      const run = (): unknown =>
        runMiddleware(middleware, request, reply, answer).catch((error: unknown) =>
          this.handle(error, request, reply, undefined),
        );
      if (this.scopeUnrouted && currentRequestContext() === undefined)
        this.context.runInRequestScope(run, { id: request.id, values: [[REQUEST, request]] });
      else run();
    });
  }

  private handle(
    error: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
    route: TenonRouteConfig | undefined,
  ): void {
    const exception = toHttpException(error);
    this.echoId(request, reply);
    const filters = this.globalFilters;
    if (route === undefined && filters.length === 0) return this.fail(exception, request, reply);
    const run = (): void => {
      if (route) return route.catchError(exception, request, reply);
      const context = new HttpExecutionContext(request, reply, NoController, NoController.prototype.handle);
      runFilters(filters, exception, request, reply, context, this.fail);
    };
    // Routes open the request scope around their handler only; request-scoped filters need one.
    const scoped = route === undefined ? this.scopeUnrouted : route.scoped;
    if (scoped && currentRequestContext() === undefined)
      this.context.runInRequestScope(run, { id: request.id, values: [[REQUEST, request]] });
    else run();
  }
}
