import { ALL_METHODS, type HttpMethod } from '../metadata/http-method';
import { pathMatcher } from './route-path';
import type { RouteDefinition } from './route-table';

interface Entry {
  pattern: RegExp;
  host: string | RegExp | undefined;
  methods: Set<HttpMethod>;
}

/**
 * Answers "which methods does this URL path have?" for 405 responses. Built once at boot and
 * used only for requests that matched no route, so it costs nothing on the hot path.
 */
export class MethodMatcher {
  private readonly entries: Entry[] = [];

  constructor(
    routes: readonly Pick<RouteDefinition<unknown>, 'method' | 'path' | 'host'>[],
    /** Whether paths with trailing slashes are the same routes (`trailingSlash: 'ignore'`). */
    ignoreTrailingSlash = false,
  ) {
    const byKey = new Map<string, Entry>();
    for (const r of routes) {
      const key = `${r.path} ${String(r.host ?? '')}`;
      let entry = byKey.get(key);
      if (!entry)
        byKey.set(
          key,
          (entry = { pattern: pathMatcher(r.path, ignoreTrailingSlash), host: r.host, methods: new Set() }),
        );
      entry.methods.add(r.method);
      // Fastify answers HEAD for every GET route.
      if (r.method === 'GET') entry.methods.add('HEAD');
    }
    this.entries.push(...byKey.values());
  }

  /** The methods allowed on `path` for `host`, in `Allow` header order; empty when the path is unknown. */
  allowed(path: string, host = ''): HttpMethod[] {
    const found = new Set<HttpMethod>();
    const hostname = host.replace(/:\d+$/, '');
    for (const e of this.entries) {
      if (e.host !== undefined && !(typeof e.host === 'string' ? e.host === hostname : e.host.test(hostname)))
        continue;
      if (e.pattern.test(path)) for (const m of e.methods) found.add(m);
    }
    return ALL_METHODS.filter((m) => found.has(m));
  }
}
