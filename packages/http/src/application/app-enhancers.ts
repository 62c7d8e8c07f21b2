import {
  CoreErrorCode,
  InjectionToken,
  TenonError,
  type ApplicationContext,
  type Provider,
  type ScannedGraph,
  type ScannedModule,
  type Token,
} from '@tenon/core';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from './app-enhancer.tokens';
import { isEnhancerClass } from './enhancer-classes';
import type { EnhancerResolver } from './enhancer-resolver';

type AppKind = 'guard' | 'interceptor' | 'pipe' | 'filter';

const TOKENS: [AppKind, Token, string][] = [
  ['guard', APP_GUARD, 'APP_GUARD'],
  ['interceptor', APP_INTERCEPTOR, 'APP_INTERCEPTOR'],
  ['pipe', APP_PIPE, 'APP_PIPE'],
  ['filter', APP_FILTER, 'APP_FILTER'],
];

/** One `APP_*` provider, as boot found it: a class to resolve in its module, or a token of its own. */
export interface AppEnhancerEntry {
  kind: AppKind;
  /** The `ref` of the module that declared it. */
  module: object;
  /** How messages name it: `APP_GUARD of AuthModule`. */
  where: string;
  /** A class (resolved like a class named in `@UseGuards`), or the token it was moved to. */
  target: { cls: Function } | { token: Token };
}

/** Registered globally by http's boot extension: every `APP_*` provider, in run order. */
export const APP_ENHANCERS = new InjectionToken<AppEnhancerEntry[]>('APP_ENHANCERS');

// Imported modules before the modules that import them (depth first, declaration order), so a
// security module's authentication guard runs before an application's guards that read the user.
function dependencyOrder(modules: readonly ScannedModule[]): ScannedModule[] {
  const out: ScannedModule[] = [];
  const seen = new Set<ScannedModule>();
  const visit = (m: ScannedModule): void => {
    if (seen.has(m)) return;
    seen.add(m);
    for (const i of m.imports) visit(i);
    out.push(m);
  };
  for (const m of modules) visit(m);
  return out;
}

/**
 * Takes every `APP_GUARD`, `APP_INTERCEPTOR`, `APP_PIPE` and `APP_FILTER` provider out of its
 * module (they are not providers of that token any more) and re-registers it so that it keeps
 * its module's injection: a `useClass` or `useExisting` class becomes a provider of the module
 * under its own class (so `overrideGuard(Cls)` replaces it), any other provider moves to a
 * token of its own. Returns the entries in run order.
 */
export function takeAppEnhancers(graph: ScannedGraph): AppEnhancerEntry[] {
  const entries: AppEnhancerEntry[] = [];
  for (const module of dependencyOrder(graph.modules)) {
    for (const [kind, token, name] of TOKENS) {
      if (!module.providerTokens.includes(token)) continue;
      const taken = graph.takeProviders(module, token);
      taken.forEach((provider, i) => {
        const where = `${name} of ${module.name}`;
        const def = provider as Provider & Record<string, unknown>;
        const cls = 'useClass' in def ? def.useClass : 'useExisting' in def ? def.useExisting : undefined;
        if (isEnhancerClass(cls)) {
          if ('useClass' in def && !graph.isVisible(module, cls))
            graph.addProvider(
              module,
              def.scope === undefined ? cls : { provide: cls, useClass: cls, scope: def.scope as never },
            );
          entries.push({ kind, module: module.ref, where, target: { cls } });
          return;
        }
        const own = new InjectionToken(`${where}${taken.length > 1 ? ` #${i + 1}` : ''}`);
        graph.addProvider(module, { ...(def as object), provide: own } as Provider);
        entries.push({ kind, module: module.ref, where, target: { token: own } });
      });
    }
  }
  return entries;
}

/** The resolved `APP_*` enhancers of a booted context, by kind (empty without http's extension). */
export interface AppEnhancers {
  guards: unknown[];
  interceptors: unknown[];
  pipes: unknown[];
  filters: unknown[];
}

/**
 * Resolves the `APP_*` entries of a context booted with http's extension: classes through the
 * enhancer resolver in their module (injection, request scope, shape check), tokens by lookup in
 * their module, checked like any instance. Errors are coded boot errors.
 */
export function resolveAppEnhancers(context: ApplicationContext, resolver: EnhancerResolver): AppEnhancers {
  const out: AppEnhancers = { guards: [], interceptors: [], pipes: [], filters: [] };
  let entries: AppEnhancerEntry[];
  try {
    entries = context.get(APP_ENHANCERS);
  } catch (error) {
    if (error instanceof TenonError && error.code === CoreErrorCode.PROVIDER_NOT_FOUND) return out;
    throw error;
  }
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
