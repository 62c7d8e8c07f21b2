import type { MethodMatcher } from './method-matcher';

/**
 * What a URL path ending with `/` means when the route is declared without it: `'strict'`
 * (default) a different path, so 404; `'ignore'` the same route; `'redirect'` a redirect to
 * the path without the slash.
 */
export type TrailingSlash = 'strict' | 'ignore' | 'redirect';

/** The allowed values, for option validation. */
export const TRAILING_SLASH_MODES: readonly TrailingSlash[] = ['strict', 'ignore', 'redirect'];

/**
 * Where a request for `url` that matched no route is redirected to under `'redirect'`: the same
 * URL without the trailing slashes of its path (the query kept), when a route there takes the
 * request's method; undefined otherwise. 301 keeps GET and HEAD, 308 keeps other methods and
 * their body.
 */
export function trailingSlashRedirect(
  url: string,
  method: string,
  host: string | undefined,
  matcher: MethodMatcher,
): { location: string; status: 301 | 308 } | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.length < 2 || !path.endsWith('/')) return undefined;
  const target = path.replace(/\/+$/, '') || '/';
  // `//host` and `/\host` are taken by browsers as another origin: never a redirect target.
  if (/^\/[/\\]/.test(target)) return undefined;
  if (!matcher.allowed(target, host).includes(method as never)) return undefined;
  return {
    location: q === -1 ? target : target + url.slice(q),
    status: method === 'GET' || method === 'HEAD' ? 301 : 308,
  };
}
