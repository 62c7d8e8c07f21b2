import { EnhancerNotProvidedError } from '../errors/boot.errors';
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

/**
 * The guards, interceptors, pipes and filters declared on a handler's class and method, built at
 * boot by `@tenon/http`; `undefined` when there are none (or @tenon/http is not installed, so none
 * can have been declared).
 */
export function enhancerPipeline(handler: HandlerDefinition): EnhancerPipeline | undefined {
  const { owner, methodName, label, metadata } = handler;
  const http = optionalHttp();
  if (!owner.metatype || !http) return undefined;
  try {
    const pipeline = http.createHandlerPipeline(owner.metatype, methodName, owner.module.context, {
      deny: () => new MessageForbiddenError(metadata.subject, label),
    });
    return pipeline.empty ? undefined : (pipeline as unknown as EnhancerPipeline);
  } catch (error) {
    const { kind, enhancer } = error as { kind?: unknown; enhancer?: unknown };
    if ((error as { code?: unknown }).code === 'TENON_HTTP_ENHANCER_NOT_PROVIDED')
      throw new EnhancerNotProvidedError(String(kind), String(enhancer), label, owner.module.name, error);
    throw error;
  }
}
