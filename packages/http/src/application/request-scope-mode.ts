import { asyncContextFrameEnabled, type NodeRuntime } from '@tenon/core';

/** The values of `HttpApplicationOptions.requestScope` (see there). */
export type RequestScopeMode = 'always' | 'auto' | 'route';

/**
 * Whether every request gets a request scope under `mode`: `'always'` yes, `'route'` no (only
 * the routes that need one), `'auto'` (the default) yes where AsyncLocalStorage is backed by
 * AsyncContextFrame, whose scopes are cheap (Node 24 and later), and the application writes logs
 * (the scope is what puts the request id on injected `Logger` lines); otherwise no. On
 * async_hooks (Node 20, Node 22) entering a scope switches on context propagation for every
 * promise of the process, which cost a quarter of a small request in the benchmarks; on
 * AsyncContextFrame a scope still costs ~0.6 µs a request (a new frame per `run`), 2% of a small
 * one, which buys nothing when no line is written.
 *
 * @example
 * scopesEveryRequest('auto', { version: '20.20.2', execArgv: [] }); // false
 * scopesEveryRequest('auto', { version: '24.11.0', execArgv: [] }, false); // false: no logs
 */
export function scopesEveryRequest(
  mode: RequestScopeMode | undefined,
  runtime?: NodeRuntime,
  writesLogs = true,
): boolean {
  if (mode === 'always') return true;
  if (mode === 'route') return false;
  return writesLogs && asyncContextFrameEnabled(runtime);
}
