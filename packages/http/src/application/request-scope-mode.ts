import { asyncContextFrameEnabled, type NodeRuntime } from '@tenon/core';

/** The values of `HttpApplicationOptions.requestScope` (see there). */
export type RequestScopeMode = 'always' | 'auto' | 'route';

/**
 * Whether every request gets a request scope under `mode`: `'always'` yes, `'route'` no (only
 * the routes that need one), `'auto'` (the default) yes where AsyncLocalStorage is backed by
 * AsyncContextFrame, whose scopes are cheap (Node 24 and later), and otherwise no: on async_hooks
 * (Node 20, Node 22) entering a scope switches on context propagation for every promise of the
 * process, which cost a quarter of a small request in the benchmarks.
 *
 * @example
 * scopesEveryRequest('auto', { version: '20.20.2', execArgv: [] }); // false
 */
export function scopesEveryRequest(mode: RequestScopeMode | undefined, runtime?: NodeRuntime): boolean {
  if (mode === 'always') return true;
  if (mode === 'route') return false;
  return asyncContextFrameEnabled(runtime);
}
