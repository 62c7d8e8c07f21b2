import { appEnhancerEntries, type ApplicationContext } from '@tenon/core';
import type { EnhancerResolver } from './enhancer-resolver';

/** The resolved `APP_*` enhancers of a booted context, by kind (core collects them at boot). */
export interface AppEnhancers {
  guards: unknown[];
  interceptors: unknown[];
  pipes: unknown[];
  filters: unknown[];
}

/**
 * Resolves the `APP_*` entries core collected at boot (any application): classes through the
 * enhancer resolver in their module (injection, request scope, shape check), tokens by lookup in
 * their module, checked like any instance. Errors are coded boot errors.
 */
export function resolveAppEnhancers(context: ApplicationContext, resolver: EnhancerResolver): AppEnhancers {
  const out: AppEnhancers = { guards: [], interceptors: [], pipes: [], filters: [] };
  const entries = appEnhancerEntries(context);
  if (entries.length === 0) return out;
  const modules = new Map(context.discovery.getModules().map((m) => [m.ref, m.context]));
  for (const entry of entries) {
    const module = modules.get(entry.module);
    const ref = 'cls' in entry.target ? entry.target.cls : module!.get<unknown>(entry.target.token);
    const enhancer = resolver.resolve<unknown>(ref, entry.kind, entry.where, module);
    // A factory's instance: what it needs is known from its token, not from the instance.
    if ('token' in entry.target && resolver.tokenNeedsScope(entry.target.token, module))
      resolver.markScoped(enhancer);
    out[`${entry.kind}s`].push(enhancer);
  }
  return out;
}
