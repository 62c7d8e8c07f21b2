import { type ApplicationContext, type Token, type Type } from '@tenon/core';
import type { FastifyInstance } from 'fastify';
import { HttpErrorCode } from '../errors/errors';
import { HttpBootError } from '../errors/http-boot.error';
import { getRenderTemplate } from '../decorators/response.decorators';
import { buildRouteTable, formatRouteTable, type RouteDefinition } from '../routing/route-table';
import { resolveAppEnhancers, type AppEnhancers } from './app-enhancers';
import { EnhancerResolver } from './enhancer-resolver';
import { createFastify } from './fastify-factory';
import type { HttpApplicationOptions, MiddlewareRegistration } from './http-application-options';
import { httpStateOf, type HttpState } from './http-state';
import { MiddlewareMatcher } from './middleware-matcher';
import { PreHandlerErrors } from './pre-handler-errors';
import { requestIdHeaderOf } from './request-id';
import { resolveRouteEnhancers, type RouteOwner } from './route-compiler';

/** What an `HttpApplication` is built from: everything decided at boot, before `init()`. */
export interface ApplicationAssembly {
  fastify: FastifyInstance;
  routes: RouteDefinition<RouteOwner>[];
  errors: PreHandlerErrors;
  resolver: EnhancerResolver;
  /** The http state the boot extension registered, or a fresh one. */
  state: HttpState;
  /** The module-level APP_* enhancers. */
  app: AppEnhancers;
  /** What modules' `configure(consumer)` registered, in module order. */
  moduleMiddleware: MiddlewareRegistration[];
  /** Whether the application writes log lines (not `logger: false`, not the `silent` level). */
  writesLogs: boolean;
}

/**
 * Builds the route table of a booted context, the Fastify instance and the boot-time checks
 * (views for `@Render()`, enhancers that cannot be resolved, middleware references): every
 * mistake found here is a boot error, not a first-request one.
 */
export function assembleApplication(
  context: ApplicationContext,
  options: HttpApplicationOptions,
  silent: boolean,
  moduleMiddleware: MiddlewareRegistration[],
): ApplicationAssembly {
  const registered = httpStateOf(context);
  const controllers = context.discovery.getControllers().map((c) => {
    const owner: RouteOwner = {
      module: c.module.context,
      instance:
        (c.instance as object | undefined) ?? (() => c.module.context.resolve(c.token as Token<object>)),
    };
    return { controller: c.metatype as Type, owner };
  });
  const table: Parameters<typeof buildRouteTable>[1] = {};
  if (options.globalPrefix !== undefined) table.globalPrefix = options.globalPrefix;
  if (options.versioning !== undefined) table.versioning = options.versioning;
  const routes = buildRouteTable(controllers, table);
  if (!options.views) assertNoRender(routes);
  const errors = new PreHandlerErrors(
    context,
    requestIdHeaderOf(options),
    options.development === true,
    options.production ?? process.env.NODE_ENV === 'production',
    options.errorFormat ?? 'problem',
  );
  const httpLogger =
    silent || context.logger.pino.level === 'silent'
      ? undefined
      : context.logger.pino.child({ context: 'Http' });
  const fastify = createFastify(
    options,
    httpLogger,
    errors.beforeRouting,
    errors.answerClientError,
    errors.securityHeaders,
  );
  // Enhancers named in decorators and options are resolved now, so a guard without
  // canActivate() or a class nothing can build is a boot error, not a first-request one.
  const resolver = new EnhancerResolver(context, registered !== undefined, context);
  const app = resolveAppEnhancers(context, resolver);
  const globals = {
    guards: [...app.guards, ...(options.globalGuards ?? [])],
    interceptors: [...app.interceptors, ...(options.globalInterceptors ?? [])],
    pipes: [...app.pipes, ...(options.globalPipes ?? [])],
    filters: [...app.filters, ...(options.globalFilters ?? [])],
  };
  for (const route of routes) resolveRouteEnhancers(route, globals, resolver);
  new MiddlewareMatcher([...(options.middleware ?? []), ...moduleMiddleware], resolver, options.globalPrefix);
  // Formatted only when the line is written: not for every boot with logging off.
  if (httpLogger?.isLevelEnabled('debug') === true) fastify.log.debug(`Routes:\n${formatRouteTable(routes)}`);
  return {
    fastify,
    routes,
    errors,
    resolver,
    state: registered ?? { shuttingDown: false },
    app,
    moduleMiddleware,
    writesLogs: httpLogger !== undefined,
  };
}

function assertNoRender(routes: RouteDefinition<RouteOwner>[]): void {
  const render = routes.find((r) => getRenderTemplate(r.handler) !== undefined);
  if (!render) return;
  throw new HttpBootError(
    HttpErrorCode.VIEWS_NOT_CONFIGURED,
    `${render.controller.name}.${render.handlerName} uses @Render('${getRenderTemplate(render.handler)}') but the application has no views. ` +
      `Fix: pass views: { root: 'path/to/templates' } to HttpApplication.create().`,
  );
}
