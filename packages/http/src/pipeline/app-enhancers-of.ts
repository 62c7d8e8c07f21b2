import type { ApplicationContext } from '@tenon/core';
import { resolveAppEnhancers, type AppEnhancers } from '../application/app-enhancers';
import { EnhancerResolver } from '../application/enhancer-resolver';

/**
 * The application's `APP_GUARD`, `APP_INTERCEPTOR`, `APP_PIPE` and `APP_FILTER` enhancers,
 * resolved as the HTTP application resolves them for its routes (the same singletons, in the
 * same order: imported modules first), for handlers that are not routes: give them to
 * `createHandlerPipeline(..., { globals })`, as `@tenon/messaging` does, so that they apply to
 * message handlers too (NestJS applies its `APP_*` providers to microservice handlers).
 * Empty for a context booted without http's boot extension, which collects them.
 *
 * @example
 * const globals = appEnhancersOf(app);
 * const pipeline = createHandlerPipeline(OrderHandlers, 'onCreated', module, { globals });
 */
export function appEnhancersOf(context: ApplicationContext): AppEnhancers {
  return resolveAppEnhancers(context, new EnhancerResolver(context));
}

export type { AppEnhancers };
