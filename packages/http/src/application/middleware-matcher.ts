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

// Path patterns as NestJS's forRoutes() takes them: `*` (Tenon's glob) and `*name`, `(.*)`
// (NestJS 10 and 11) match any rest, `:name` one segment, `{...}` an optional part.
function patternToRegExp(pattern: string): RegExp {
  const p = `/${pattern.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';
  let out = '';
  for (let i = 0; i < p.length;) {
    if (p.startsWith('(.*)', i)) {
      out += '.*';
      i += 4;
    } else if (p[i] === '*' || p[i] === ':') {
      const wildcard = p[i] === '*';
      i++;
      while (i < p.length && /\w/.test(p[i]!)) i++;
      out += wildcard ? '.*' : '[^/]+';
    } else if (p[i] === '{' || p[i] === '}') {
      out += p[i] === '{' ? '(?:' : ')?';
      i++;
    } else {
      out += p[i]!.replace(/[.+?^$()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  return new RegExp(`^${out}/?$`);
}

type CompiledFilter = (target: MiddlewareTarget) => boolean;

function compileFilter(filter: RouteFilter, prefix: string | undefined): CompiledFilter {
  if (typeof filter === 'function') return (target) => filter === target.controller;
  const { path, method } = typeof filter === 'string' ? { path: filter, method: undefined } : filter;
  const listed: readonly string[] | undefined =
    method === undefined ? undefined : Array.isArray(method) ? method : [method];
  const methods = listed?.includes('ALL') === true ? undefined : listed;
  const re = patternToRegExp(path);
  const strip = prefix ? new RegExp(`^/${prefix.replace(/^\/+|\/+$/g, '')}(?=/|$)`) : undefined;
  // A pattern matches with or without the global prefix: 'todos*' and 'api/todos*' both work.
  return (target) =>
    (methods === undefined || methods.includes(target.method)) &&
    (re.test(target.path) || (strip !== undefined && re.test(target.path.replace(strip, '') || '/')));
}

interface CompiledRegistration {
  use: MiddlewareFunction;
  /** The middleware is a class that needs a request scope (see `EnhancerResolver.needsScope`). */
  scoped: boolean;
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
        registration.where ?? 'every matching route',
        registration.module,
      );
      const use: MiddlewareFunction =
        typeof mw === 'function' ? mw : (req, reply, next) => mw.use(req, reply, next);
      return {
        use,
        scoped: resolver.needsScope(mw),
        include: registration.forRoutes?.map((f) => compileFilter(f, prefix)),
        exclude: (registration.exclude ?? []).map((f) => compileFilter(f, prefix)),
      };
    });
  }

  /** Whether any middleware is registered. */
  get empty(): boolean {
    return this.registrations.length === 0;
  }

  /** Whether a middleware that applies to `target` needs a request scope; any target when omitted. */
  needsScope(target?: MiddlewareTarget): boolean {
    return this.registrations.some(
      (r) =>
        r.scoped &&
        (target === undefined ||
          ((r.include === undefined || r.include.some((f) => f(target))) &&
            !r.exclude.some((f) => f(target)))),
    );
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
