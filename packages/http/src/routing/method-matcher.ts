import { ALL_METHODS, type HttpMethod } from '../metadata/http-method';
import { pathMatcher } from './route-path';
import type { RouteDefinition } from './route-table';

/**
 * Answers "which methods does this URL path have?" for 405 responses. Built once at boot and
 * used only for requests that matched no route, so it costs nothing on the hot path.
 */
export class MethodMatcher {
  private readonly entries: { pattern: RegExp; methods: Set<HttpMethod> }[] = [];

  constructor(
    routes: readonly Pick<RouteDefinition<unknown>, 'method' | 'path'>[],
    extra: readonly { method: HttpMethod; path: string }[] = [],
  ) {
    const byPath = new Map<string, Set<HttpMethod>>();
    for (const r of [...routes, ...extra]) {
      let set = byPath.get(r.path);
      if (!set) byPath.set(r.path, (set = new Set()));
      set.add(r.method);
      // Fastify answers HEAD for every GET route.
      if (r.method === 'GET') set.add('HEAD');
    }
    for (const [path, methods] of byPath) this.entries.push({ pattern: pathMatcher(path), methods });
  }

  /** The methods allowed on `path`, in `Allow` header order; empty when the path is unknown. */
  allowed(path: string): HttpMethod[] {
    const found = new Set<HttpMethod>();
    for (const e of this.entries) if (e.pattern.test(path)) for (const m of e.methods) found.add(m);
    return ALL_METHODS.filter((m) => found.has(m));
  }
}
