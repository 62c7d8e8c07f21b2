import { EnhancerNotProvidedError } from '../errors/boot.errors';
import { MessageForbiddenError } from '../errors/runtime.errors';
import { lazyModule } from '../util/lazy-module';
import type { HandlerDefinition } from './handler-definition';
import type { MessageExecutionContext } from './message-execution-context';

// @tenon/http owns @UseGuards & co. and their pipeline; it is an optional peer, required only
// by applications whose handlers use those decorators (which come from it).
const httpPackage = lazyModule<typeof import('@tenon/http')>('@tenon/http');

/** What the dispatcher needs of `@tenon/http`'s `HandlerPipeline`. */
export interface EnhancerPipeline {
  readonly pipes: readonly {
    transform(value: unknown, metadata: { type: 'body'; metatype?: Function; data?: string }): unknown;
  }[];
  run(context: MessageExecutionContext, invoke: () => unknown): Promise<unknown>;
}

function httpInstalled(): boolean {
  try {
    httpPackage();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return false;
    throw error;
  }
}

/**
 * The guards, interceptors, pipes and filters declared on a handler's class and method, built at
 * boot by `@tenon/http`; `undefined` when there are none (or @tenon/http is not installed, so none
 * can have been declared).
 */
export function enhancerPipeline(handler: HandlerDefinition): EnhancerPipeline | undefined {
  const { owner, methodName, label, metadata } = handler;
  if (!owner.metatype || !httpInstalled()) return undefined;
  try {
    const pipeline = httpPackage().createHandlerPipeline(owner.metatype, methodName, owner.module.context, {
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
