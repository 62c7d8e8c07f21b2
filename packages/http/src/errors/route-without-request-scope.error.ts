import { TenonError } from '@tenon/core';
import { HttpErrorCode } from './errors';

/**
 * A route that runs without a request scope (see `requestScope` in `HttpApplicationOptions`)
 * used a request-scoped provider anyway, through a path boot could not see (an enhancer given
 * as an instance that holds a proxy, an object reached without injection). Raised instead of
 * core's `TENON_CORE_OUTSIDE_REQUEST_SCOPE`, which is its `cause`, so the message names the
 * route and the fix; the request fails with a 500 problem carrying this code.
 *
 * @example
 * // app.useGlobalGuards(new TenantGuard(app.get(TenantReader))) where TenantReader injects REQUEST:
 * // TENON_HTTP_ROUTE_WITHOUT_REQUEST_SCOPE on routes that inject nothing request-scoped themselves.
 */
export class RouteWithoutRequestScopeError extends TenonError {
  /** Read by the problem mapper: a server-side mistake, answered 500 with this code. */
  readonly status = 500;

  constructor(route: string, cause: TenonError) {
    // Core's OutsideRequestScopeError names the provider and its module in fields of its own.
    const { provider, module } = cause as Partial<Record<'provider' | 'module', string>>;
    const used = provider === undefined ? 'a request-scoped provider' : `${provider} (in ${module})`;
    super(
      HttpErrorCode.ROUTE_WITHOUT_REQUEST_SCOPE,
      [
        `${route} ran without a request scope, but used ${used}, which is request-scoped.`,
        `  Cause: with requestScope 'auto' on a runtime whose AsyncLocalStorage runs on async_hooks (Node 20, Node 22 without --experimental-async-context-frame) or in an application that writes no logs (logger: false), or with 'route', a route gets a scope only when its controller or one of its guards, interceptors, pipes, filters or middleware classes injects a request-scoped provider (REQUEST included), directly or further down; nothing this route injects does, so the provider was reached another way (an enhancer passed as an instance, an object obtained without injection).`,
        `  Fix: pass requestScope: 'always' to HttpApplication.create(), or inject the request-scoped provider (or REQUEST) where boot sees it: in the controller, or in an enhancer class the route names.`,
      ].join('\n'),
      { cause },
    );
  }
}
