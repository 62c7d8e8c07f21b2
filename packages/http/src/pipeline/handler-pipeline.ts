import type { ModuleContext, Type } from '@tenon/core';
import {
  FILTERS,
  GUARDS,
  INTERCEPTORS,
  PIPES,
  getCatchTypes,
  getEnhancers,
} from '../decorators/enhancer.decorators';
import type { AppEnhancers } from '../application/app-enhancers';
import { isEnhancerClass } from '../application/enhancer-classes';
import { EnhancerResolver } from '../application/enhancer-resolver';
import type {
  CallHandler,
  CanActivate,
  ExceptionFilter,
  ExecutionContext,
  PipeTransform,
  TenonInterceptor,
} from '../metadata/enhancer-types';
import { callHandler, settle } from './call-handler';
import type { FilterEntry } from './route-plan';
import { firstMatchingFilter } from './run-filters';
import { routeGuards, runGuards, type RouteGuards } from './run-guards';

/** What `createHandlerPipeline` needs to know beyond the class and method. */
export interface HandlerPipelineOptions {
  /** The error a guard's `false` becomes (default: `ForbiddenException`, as on a route). */
  deny?: () => Error;
  /**
   * Global enhancers (`appEnhancersOf(app)`): their guards, interceptors and pipes run before
   * the class's and method's, their filters after, as on a route.
   */
  globals?: AppEnhancers;
}

/**
 * The guards, interceptors, pipes and exception filters one class method declares with
 * `@UseGuards`, `@UseInterceptors`, `@UsePipes` and `@UseFilters` (on the class and on the method),
 * resolved once at boot, for handlers that are not HTTP routes (message handlers of
 * `@tenon/messaging`): the same decorators and the same run order as on a route.
 */
export interface HandlerPipeline {
  /** True when the class and method declare no enhancer: callers may skip the pipeline. */
  readonly empty: boolean;
  /** `@UsePipes` pipes (class first), to run on the handler's arguments. */
  readonly pipes: readonly PipeTransform[];
  /**
   * Runs the guards, then the interceptors around `invoke`, and settles the result (an
   * Observable gives its last value). An error goes to the first filter whose `@Catch()` types
   * match; what the filter returns (other than `undefined`) is the result, and a filter that
   * returns nothing or throws passes the error (or its own) on as the rejection.
   */
  run(context: ExecutionContext, invoke: () => unknown): Promise<unknown>;
}

/**
 * Resolves the enhancers of `target.prototype[methodName]` from `module` (classes get
 * constructor injection when the module provides them, classes without constructor parameters
 * are built directly) and composes them into one function.
 *
 * @example
 * const pipeline = createHandlerPipeline(OrderHandlers, 'onCreated', module);
 * const result = await pipeline.run(context, () => handlers.onCreated(payload));
 */
export function createHandlerPipeline(
  target: Type,
  methodName: string,
  module: ModuleContext,
  options: HandlerPipelineOptions = {},
): HandlerPipeline {
  const handler = (target.prototype as Record<string, Function>)[methodName]!;
  const where = `${target.name}.${methodName}`;
  const resolver = new EnhancerResolver(module);
  const globals = options.globals;
  const collect = <T>(key: string, kind: 'guard' | 'interceptor' | 'pipe'): T[] => [
    ...((globals?.[`${kind}s`] ?? []) as T[]),
    ...getEnhancers<T>(key, target).map((ref) => resolver.resolve<T>(ref, kind, target.name, module)),
    ...getEnhancers<T>(key, handler).map((ref) => resolver.resolve<T>(ref, kind, where, module)),
  ];
  const guards = collect<CanActivate>(GUARDS, 'guard');
  const interceptors = collect<TenonInterceptor>(INTERCEPTORS, 'interceptor');
  const pipes = collect<PipeTransform>(PIPES, 'pipe');
  // Nearest first, as on a route: the method's filters, then the class's.
  const filters: FilterEntry[] = [
    ...getEnhancers(FILTERS, handler).map((ref) => [ref, where] as const),
    ...getEnhancers(FILTERS, target).map((ref) => [ref, target.name] as const),
  ].map(([ref, at]) => {
    const filter = resolver.resolve<ExceptionFilter>(ref, 'filter', at, module);
    return { filter, types: getCatchTypes(isEnhancerClass(ref) ? ref : (filter as object).constructor) };
  });
  for (const filter of (globals?.filters ?? []) as ExceptionFilter[])
    filters.push({ filter, types: getCatchTypes((filter as object).constructor) });
  const named: RouteGuards | undefined = guards.length ? routeGuards(guards, where, options.deny) : undefined;

  const inner = (context: ExecutionContext, invoke: () => unknown): unknown => {
    if (interceptors.length === 0) return invoke();
    let next: CallHandler = callHandler(invoke);
    for (let i = interceptors.length - 1; i > 0; i--) {
      const interceptor = interceptors[i]!;
      const nested = next;
      next = callHandler(() => interceptor.intercept(context, nested));
    }
    return interceptors[0]!.intercept(context, next);
  };

  const run = async (context: ExecutionContext, invoke: () => unknown): Promise<unknown> => {
    try {
      return await settle(
        named ? runGuards(named, context, () => inner(context, invoke)) : inner(context, invoke),
      );
    } catch (error) {
      const entry = firstMatchingFilter(filters, error);
      if (!entry) throw error;
      const handled = await settle(entry.filter.catch(error, context));
      if (handled === undefined) throw error;
      return handled;
    }
  };

  return {
    empty: guards.length + interceptors.length + pipes.length + filters.length === 0,
    pipes,
    run,
  };
}
