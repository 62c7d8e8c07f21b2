import type { ApplicationContext, ScannedGraph, Type } from '@tenon/core';
import type { MiddlewareRegistration } from '../application/http-application-options';
import { MiddlewareBuilder } from './middleware-builder';
import type { TenonModule } from './middleware-consumer';

function configures(metatype: Type): boolean {
  return typeof (metatype.prototype as Partial<TenonModule> | undefined)?.configure === 'function';
}

/**
 * At scan, before any provider exists: runs each `configure()` on a bare instance of its module
 * (no constructor run, no injected fields) only to learn the middleware classes it applies, and
 * registers them as providers of that module, so they get constructor injection as in NestJS.
 * A `configure()` that reads injected fields throws here: its classes then need to be providers
 * already (or to have no constructor parameters), which the real call after boot checks.
 */
export function registerModuleMiddleware(graph: ScannedGraph): void {
  for (const module of graph.modules) {
    if (!configures(module.metatype)) continue;
    const bare = Object.create(module.metatype.prototype as object) as TenonModule;
    const probe = new MiddlewareBuilder(`${module.name}.configure()`);
    try {
      const out = bare.configure(probe);
      if (out instanceof Promise) out.catch(() => undefined);
    } catch {
      // The real call, on the built module, reports what is wrong.
    }
    for (const cls of new Set(probe.classes()))
      if (!graph.isVisible(module, cls)) graph.addProvider(module, cls);
  }
}

/**
 * After boot: calls `configure(consumer)` on every module instance that has it, root module
 * first then its imports in declaration order, and gives the middleware registrations in that
 * order. A chain without `forRoutes()` is a boot error.
 */
export async function configureModuleMiddleware(
  context: ApplicationContext,
): Promise<MiddlewareRegistration[]> {
  const out: MiddlewareRegistration[] = [];
  for (const module of context.discovery.getModules()) {
    if (!configures(module.metatype)) continue;
    const instance = module.context.get<TenonModule>(module.metatype);
    const consumer = new MiddlewareBuilder(`${module.name}.configure()`, module.context);
    await instance.configure(consumer);
    out.push(...consumer.registrations());
  }
  return out;
}
