import type { BootExtension, ScannedGraph, ScannedModule } from '../application/boot-extension';
import type { ModuleContext } from '../application/module-context';
import { CoreErrorCode } from '../errors/errors';
import { TenonError } from '../errors/tenon.error';
import { InjectionToken } from '../metadata/injection-token';
import type { Token } from '../metadata/token';
import type { Provider } from '../module/provider';
import {
  APP_ENHANCERS,
  APP_FILTER,
  APP_GUARD,
  APP_INTERCEPTOR,
  APP_PIPE,
  type AppEnhancerEntry,
  type AppEnhancerKind,
} from './app-enhancer.tokens';

const TOKENS: [AppEnhancerKind, Token, string][] = [
  ['guard', APP_GUARD, 'APP_GUARD'],
  ['interceptor', APP_INTERCEPTOR, 'APP_INTERCEPTOR'],
  ['pipe', APP_PIPE, 'APP_PIPE'],
  ['filter', APP_FILTER, 'APP_FILTER'],
];

// A class to build with injection, as opposed to a ready instance or a plain function (the same
// test as @tenon/http's for enhancer references: methods beyond the constructor).
function isClass(ref: unknown): ref is Function {
  return (
    typeof ref === 'function' &&
    ref.prototype !== undefined &&
    Object.getOwnPropertyNames(ref.prototype).length > 1
  );
}

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
 * Takes every `APP_*` provider out of its module (they are not providers of that token any more)
 * and re-registers it so that it keeps its module's injection: a `useClass` or `useExisting`
 * class becomes a provider of the module under its own class (so a test's override of that class
 * replaces it), any other provider moves to a token of its own. Returns the entries in run order.
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
        if (isClass(cls)) {
          if ('useClass' in def && !graph.isVisible(module, cls as never))
            graph.addProvider(
              module,
              def.scope === undefined
                ? (cls as never)
                : ({ provide: cls, useClass: cls, scope: def.scope } as never),
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

/**
 * Core's own boot step, run before any other extension in every application: collects the
 * `APP_GUARD`, `APP_INTERCEPTOR`, `APP_PIPE` and `APP_FILTER` providers into `APP_ENHANCERS`,
 * which @tenon/http resolves for routes and @tenon/messaging for message handlers.
 */
export function appEnhancersExtension(): BootExtension {
  return {
    name: '@tenon/core app enhancers',
    afterScan(graph) {
      const entries = takeAppEnhancers(graph);
      if (entries.length > 0 && !graph.providedTokens.has(APP_ENHANCERS))
        graph.addGlobalProvider({ provide: APP_ENHANCERS, useValue: entries });
    },
  };
}

/**
 * The `APP_*` entries a booted context collected, in run order; empty when it has none.
 *
 * @example
 * for (const entry of appEnhancerEntries(app)) console.log(entry.where); // 'APP_GUARD of AuthModule'
 */
export function appEnhancerEntries(context: ModuleContext): readonly AppEnhancerEntry[] {
  try {
    return context.get(APP_ENHANCERS);
  } catch (error) {
    if (error instanceof TenonError && error.code === CoreErrorCode.PROVIDER_NOT_FOUND) return [];
    throw error;
  }
}
