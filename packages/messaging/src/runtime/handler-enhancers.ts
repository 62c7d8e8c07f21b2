import { appEnhancerEntries, type ApplicationContext } from '@tenon/core';
import { EnhancerNotProvidedError, HttpPackageMissingError } from '../errors/boot.errors';
import { MessageForbiddenError } from '../errors/runtime.errors';
import { optionalHttp } from '../util/http-package';
import type { HandlerDefinition } from './handler-definition';
import type { MessageExecutionContext } from './message-execution-context';

/** What the dispatcher needs of `@tenon/http`'s `HandlerPipeline`. */
export interface EnhancerPipeline {
  readonly pipes: readonly {
    transform(value: unknown, metadata: { type: 'body'; metatype?: Function; data?: string }): unknown;
  }[];
  run(context: MessageExecutionContext, invoke: () => unknown): Promise<unknown>;
}

/** The application's `APP_*` enhancers as `@tenon/http` resolves them (`appEnhancersOf`). */
export type GlobalEnhancers = ReturnType<NonNullable<ReturnType<typeof optionalHttp>>['appEnhancersOf']>;

/**
 * The application's `APP_GUARD`, `APP_INTERCEPTOR`, `APP_PIPE` and `APP_FILTER` enhancers, which
 * apply to message handlers as to routes (NestJS applies them to microservice handlers). Core
 * collects them at every boot, so a worker booted with a plain `ApplicationContext` has them as
 * an `HttpApplication` does; @tenon/http resolves them (the same singletons its routes use).
 * `undefined` when there are none; a coded error when there are some and @tenon/http is missing.
 */
export function globalEnhancers(app: ApplicationContext): GlobalEnhancers | undefined {
  const http = optionalHttp();
  if (http) return http.appEnhancersOf(app);
  const entries = appEnhancerEntries(app);
  if (entries.length > 0) throw new HttpPackageMissingError(entries.map((e) => e.where));
  return undefined;
}

/**
 * The guards, interceptors, pipes and filters of a handler: the global ones, then those declared
 * on its class and method, built at boot by `@tenon/http` in a route's order; `undefined` when
 * there are none (or @tenon/http is not installed, so none can have been declared).
 */
export function enhancerPipeline(
  handler: HandlerDefinition,
  globals: GlobalEnhancers | undefined,
): EnhancerPipeline | undefined {
  const { owner, methodName, label, metadata } = handler;
  const http = optionalHttp();
  if (!owner.metatype || !http) return undefined;
  try {
    const pipeline = http.createHandlerPipeline(owner.metatype, methodName, owner.module.context, {
      deny: () => new MessageForbiddenError(metadata.subject, label),
      ...(globals ? { globals } : {}),
    });
    return pipeline.empty ? undefined : (pipeline as unknown as EnhancerPipeline);
  } catch (error) {
    const { kind, enhancer } = error as { kind?: unknown; enhancer?: unknown };
    if ((error as { code?: unknown }).code === 'TENON_HTTP_ENHANCER_NOT_PROVIDED')
      throw new EnhancerNotProvidedError(String(kind), String(enhancer), label, owner.module.name, error);
    throw error;
  }
}
