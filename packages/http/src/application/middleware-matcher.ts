import type { MiddlewareFunction, TenonMiddleware } from '../metadata/enhancer-types';
import type { EnhancerResolver } from './enhancer-resolver';
import type { MiddlewareRegistration, RouteFilter } from './http-application-options';

/** What a middleware filter is matched against: a route (its path pattern) or a request path. */
export interface MiddlewareTarget {
  path: string;
  method: string;
  /** The route's controller; none for requests that matched no route. */
  controller?: Function;
}

function globToRegExp(pattern: string): RegExp {
  const p = `/${pattern.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';
  return new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}/?$`);
}

type CompiledFilter = (target: MiddlewareTarget) => boolean;

function compileFilter(filter: RouteFilter, prefix: string | undefined): CompiledFilter {
  if (typeof filter === 'function') return (target) => filter === target.controller;
  const { path, method } = typeof filter === 'string' ? { path: filter, method: undefined } : filter;
  const methods = method === undefined ? undefined : Array.isArray(method) ? method : [method];
  const re = globToRegExp(path);
  const strip = prefix ? new RegExp(`^/${prefix.replace(/^\/+|\/+$/g, '')}(?=/|$)`) : undefined;
  // A pattern matches with or without the global prefix: 'todos*' and 'api/todos*' both work.
  return (target) =>
    (methods === undefined || methods.includes(target.method as never)) &&
    (re.test(target.path) || (strip !== undefined && re.test(target.path.replace(strip, '') || '/')));
}

interface CompiledRegistration {
  use: MiddlewareFunction;
  include: CompiledFilter[] | undefined;
  exclude: CompiledFilter[];
}

/**
 * The application's middleware, resolved and with their `forRoutes`/`exclude` filters compiled
 * once: routes pick theirs at boot, and requests that match no route (404, 405) pick theirs by
 * path and method, as NestJS runs `forRoutes('*')` middleware for every request.
 */
export class MiddlewareMatcher {
  private readonly registrations: CompiledRegistration[];

  constructor(
    registrations: readonly MiddlewareRegistration[],
    resolver: EnhancerResolver,
    prefix: string | undefined,
  ) {
    this.registrations = registrations.map((registration) => {
      const mw = resolver.resolve<MiddlewareFunction | TenonMiddleware>(
        registration.use,
        'middleware',
        'every matching route',
      );
      const use: MiddlewareFunction =
        typeof mw === 'function' ? mw : (req, reply, next) => mw.use(req, reply, next);
      return {
        use,
        include: registration.forRoutes?.map((f) => compileFilter(f, prefix)),
        exclude: (registration.exclude ?? []).map((f) => compileFilter(f, prefix)),
      };
    });
  }

  /** Whether any middleware is registered. */
  get empty(): boolean {
    return this.registrations.length === 0;
  }

  /** The middleware that apply to `target`, in registration order. */
  for(target: MiddlewareTarget): MiddlewareFunction[] {
    const out: MiddlewareFunction[] = [];
    for (const r of this.registrations) {
      if (r.include !== undefined && !r.include.some((f) => f(target))) continue;
      if (r.exclude.some((f) => f(target))) continue;
      out.push(r.use);
    }
    return out;
  }
}
