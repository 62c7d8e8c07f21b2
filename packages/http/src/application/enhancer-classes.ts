import type { Type } from '@tenon/core';
import { FILTERS, GUARDS, INTERCEPTORS, PIPES, getEnhancers } from '../decorators/enhancer.decorators';
import { getParamMetadata } from '../decorators/param.decorators';
import { routeMethodNames } from '../routing/route-table';

/** Whether an enhancer reference is a class to resolve (rather than a ready instance or function). */
export function isEnhancerClass(ref: unknown): ref is Type {
  return (
    typeof ref === 'function' &&
    ref.prototype !== undefined &&
    Object.getOwnPropertyNames(ref.prototype).length > 1
  );
}

/**
 * Every class named by a controller's decorators (guards, interceptors, pipes, filters, on the
 * class and its routes, and pipes of its parameters), so boot can register them as providers.
 */
export function enhancerClassesOf(controller: Type): Type[] {
  const found = new Set<Type>();
  const add = (refs: unknown[]): void => {
    for (const ref of refs) if (isEnhancerClass(ref)) found.add(ref);
  };
  for (const key of [GUARDS, INTERCEPTORS, PIPES, FILTERS]) add(getEnhancers(key, controller));
  for (const name of routeMethodNames(controller)) {
    const handler = (controller.prototype as Record<string, Function>)[name]!;
    for (const key of [GUARDS, INTERCEPTORS, PIPES, FILTERS]) add(getEnhancers(key, handler));
    for (const param of getParamMetadata(controller, name)) add(param.pipes);
  }
  return [...found];
}
