import { tokenName, type ModuleContext, type Type } from '@tenon/core';
import { InvalidMiddlewareConfigError } from '../errors/invalid-middleware-config.error';
import type { MiddlewareRegistration, RouteFilter } from '../application/http-application-options';
import type {
  MiddlewareConfigProxy,
  MiddlewareConsumer,
  MiddlewareRef,
  RouteInfo,
} from './middleware-consumer';

function describe(middleware: readonly unknown[]): string {
  return middleware.map((m) => (typeof m === 'function' && m.name ? m.name : tokenName(m))).join(', ');
}

function checkRoute(where: string, call: string, route: unknown): RouteFilter {
  if (typeof route === 'string' || typeof route === 'function') return route as RouteFilter;
  if (typeof route === 'object' && route !== null && typeof (route as RouteInfo).path === 'string')
    return route as RouteFilter;
  throw new InvalidMiddlewareConfigError(
    where,
    `${call} was given ${route === undefined ? 'undefined' : tokenName(route)}, which is not a route`,
    "give a path ('cats', 'cats/*'), a controller class, or { path, method } (an undefined class is often a circular import)",
  );
}

/**
 * The consumer one module's `configure()` gets: records each `apply()` chain as a middleware
 * registration of that module (classes are built with the module's injection), and refuses at
 * boot what NestJS would ignore silently: a chain that never reaches `forRoutes()`.
 */
export class MiddlewareBuilder implements MiddlewareConsumer {
  private readonly done: MiddlewareRegistration[] = [];
  private readonly open = new Set<readonly unknown[]>();

  constructor(
    private readonly where: string,
    private readonly module?: ModuleContext,
  ) {}

  apply(...middleware: Array<MiddlewareRef | MiddlewareRef[]>): MiddlewareConfigProxy {
    const list: unknown[] = middleware.flat();
    if (list.length === 0)
      throw new InvalidMiddlewareConfigError(
        this.where,
        'apply() was called without a middleware',
        'pass middleware classes or functions: consumer.apply(LoggerMiddleware).forRoutes(...)',
      );
    for (const m of list)
      if (typeof m !== 'function' && (typeof m !== 'object' || m === null))
        throw new InvalidMiddlewareConfigError(
          this.where,
          `apply() was given ${m === undefined ? 'undefined' : tokenName(m)}, which is not a middleware`,
          'pass a class with use(request, reply, next) or a function (request, reply, next) => void (an undefined class is often a circular import)',
        );
    this.open.add(list);
    const exclude: RouteFilter[] = [];
    const proxy: MiddlewareConfigProxy = {
      exclude: (...routes) => {
        exclude.push(...routes.map((r) => checkRoute(this.where, 'exclude()', r)));
        return proxy;
      },
      forRoutes: (...routes) => {
        if (routes.length === 0)
          throw new InvalidMiddlewareConfigError(
            this.where,
            `forRoutes() of ${describe(list)} names no route`,
            "name the routes: forRoutes('*') for every route, or forRoutes(CatsController)",
          );
        const forRoutes = routes.map((r) => checkRoute(this.where, 'forRoutes()', r));
        this.open.delete(list);
        for (const use of list)
          this.done.push({
            use: use as MiddlewareRegistration['use'],
            forRoutes,
            exclude: [...exclude],
            ...(this.module ? { module: this.module, where: this.where } : { where: this.where }),
          });
        return this;
      },
    };
    return proxy;
  }

  /** The registrations, once `configure()` returned; a chain left without `forRoutes()` is an error. */
  registrations(): MiddlewareRegistration[] {
    const [unfinished] = this.open;
    if (unfinished)
      throw new InvalidMiddlewareConfigError(
        this.where,
        `apply(${describe(unfinished)}) never reached forRoutes(), so it would run nowhere (NestJS ignores such a chain silently)`,
        "end the chain with forRoutes(): consumer.apply(...).forRoutes('*') for every route, or forRoutes(CatsController)",
      );
    return this.done;
  }

  /** Middleware classes applied (for boot to register them as providers of the module). */
  classes(): Type[] {
    return [...this.done.map((r) => r.use), ...[...this.open].flat()].filter(
      (m): m is Type =>
        typeof m === 'function' && m.prototype !== undefined && typeof m.prototype.use === 'function',
    );
  }
}
