import { InvalidPayloadError } from '../errors/runtime.errors';
import type { HandlerDefinition } from './handler-definition';
import { enhancerPipeline, type EnhancerPipeline, type GlobalEnhancers } from './handler-enhancers';
import type { MessageContext } from './message-context';
import { MessageExecutionContext } from './message-execution-context';
import { isDtoClass, validatePayload } from './payload-validator';

interface Pipe {
  transform(
    value: unknown,
    metadata: { type: 'body' | 'custom'; metatype?: Function; data?: string },
  ): unknown;
}

// A pipe rejects input: a retry cannot make it valid, so it is a payload problem.
async function pipeValue(
  pipes: readonly Pipe[],
  value: unknown,
  metadata: { type: 'body' | 'custom'; metatype?: Function; data?: string },
  invalid: (message: string) => InvalidPayloadError,
): Promise<unknown> {
  let current = value;
  for (const pipe of pipes) {
    try {
      current = await pipe.transform(current, metadata);
    } catch (error) {
      throw invalid(error instanceof Error ? error.message : String(error));
    }
  }
  return current;
}

/** What `@Payload()` (the whole payload) or `@Payload('key')` (one property of it) picks. */
function pickedValue(payload: unknown, key: string | undefined): unknown {
  return key !== undefined && payload !== null && typeof payload === 'object'
    ? (payload as Record<string, unknown>)[key]
    : payload;
}

/**
 * Runs one message through a handler: the guards and interceptors of `@tenon/http`'s
 * `APP_GUARD` / `APP_INTERCEPTOR` providers and `@UseGuards` / `@UseInterceptors` (when declared), the arguments (DTO validation of the
 * payload, `@UsePipes` pipes, then parameter pipes), the handler on its instance (the singleton,
 * or the request-scoped instance of the current message scope), and the `@UseFilters` filters
 * on an error.
 */
export class HandlerInvoker {
  private readonly pipeline: EnhancerPipeline | undefined;
  // No enhancers and no parameter decorators: the handler gets (payload, context) as they are,
  // so a message costs one call and no argument array built through two more async steps.
  private readonly direct: boolean;
  // No enhancers, and parameter decorators that only pick values (`@Payload()` of a type that is
  // not a DTO class, `@Payload('key')`, `@Ctx()`, no pipes): the arguments are built in the call,
  // as NestJS-style handlers declare them, without the async steps validation and pipes need.
  private readonly plainParams: boolean;

  constructor(
    private readonly handler: HandlerDefinition,
    globals?: GlobalEnhancers,
  ) {
    // Built at boot, so an enhancer that cannot be resolved fails the start, not a message.
    this.pipeline = enhancerPipeline(handler, globals);
    this.direct = !this.pipeline && handler.params.length === 0;
    this.plainParams =
      !this.pipeline &&
      handler.params.every(
        (param) =>
          param.kind === 'ctx' ||
          (param.pipes.length === 0 &&
            !(param.key === undefined && isDtoClass(handler.paramTypes[param.index]))),
      );
  }

  /** Whether guards, interceptors, pipes or filters run around the handler. */
  get hasEnhancers(): boolean {
    return this.pipeline !== undefined;
  }

  /**
   * Validates, runs the enhancers and the handler; returns the handler's (or a filter's) result,
   * or a promise of it. A handler called directly (no enhancers, no parameter decorators) on its
   * singleton is called in this call: what it returns comes back as is (not wrapped in a
   * promise) and what it throws is thrown here, so a caller that wants a promise wraps the call.
   */
  run(payload: unknown, context: MessageContext): unknown {
    if (this.direct) {
      const { owner, methodName } = this.handler;
      const instance = owner.instance as Record<string, (...a: unknown[]) => unknown> | null | undefined;
      if (instance !== undefined && instance !== null) return instance[methodName]!(payload, context);
      return this.invoke([payload, context]);
    }
    if (this.plainParams) {
      const { owner, methodName } = this.handler;
      const instance = owner.instance as Record<string, (...a: unknown[]) => unknown> | null | undefined;
      const args = this.plainArguments(payload, context);
      if (instance !== undefined && instance !== null) return instance[methodName]!(...args);
      return this.invoke(args);
    }
    return this.runPipeline(payload, context);
  }

  // The arguments of a handler whose parameters only pick values (see `plainParams`).
  private plainArguments(payload: unknown, context: MessageContext): unknown[] {
    const args: unknown[] = [];
    for (const param of this.handler.params)
      args[param.index] = param.kind === 'ctx' ? context : pickedValue(payload, param.key);
    return args;
  }

  private async runPipeline(payload: unknown, context: MessageContext): Promise<unknown> {
    const { pipeline } = this;
    if (!pipeline) return this.invoke(await this.arguments(payload, context));
    const { owner, methodName } = this.handler;
    const handlerFn = (owner.metatype!.prototype as Record<string, Function>)[methodName]!;
    const execution = new MessageExecutionContext(owner.metatype!, handlerFn, payload, context);
    return pipeline.run(execution, async () => this.invoke(await this.arguments(payload, context)));
  }

  /** The arguments, in parameter order; throws `TENON_MESSAGING_INVALID_PAYLOAD` on bad input. */
  async arguments(payload: unknown, context: MessageContext): Promise<unknown[]> {
    const { params, paramTypes, metadata, label } = this.handler;
    const routePipes = this.pipeline?.pipes ?? [];
    const invalid = (key: string | undefined) => (message: string) =>
      new InvalidPayloadError(metadata.subject, label, [`${key ?? 'payload'}: ${message}`]);
    // A handler with no parameter decorators gets the payload as its first argument.
    if (params.length === 0) {
      const metatype = paramTypes[0];
      const value = routePipes.length
        ? await pipeValue(
            routePipes,
            payload,
            { type: 'body', ...(typeof metatype === 'function' ? { metatype } : {}) },
            invalid(undefined),
          )
        : payload;
      return [value, context];
    }
    const args: unknown[] = [];
    for (const param of params) {
      if (param.kind === 'ctx') {
        args[param.index] = context;
        continue;
      }
      let value = pickedValue(payload, param.key);
      const metatype = paramTypes[param.index];
      if (param.key === undefined && isDtoClass(metatype)) {
        value = await validatePayload(value, metatype, metadata.subject, label);
      }
      const described = {
        ...(typeof metatype === 'function' ? { metatype } : {}),
        ...(param.key !== undefined ? { data: param.key } : {}),
      };
      // As on a route: the class's and method's @UsePipes first, then the parameter's own pipes.
      value = await pipeValue(routePipes, value, { type: 'body', ...described }, invalid(param.key));
      value = await pipeValue(
        param.pipes as readonly Pipe[],
        value,
        { type: 'custom', ...described },
        invalid(param.key),
      );
      args[param.index] = value;
    }
    return args;
  }

  async invoke(args: unknown[]): Promise<unknown> {
    const { owner, methodName } = this.handler;
    const instance = (owner.instance ?? (await owner.module.context.resolve(owner.token))) as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    return instance[methodName]!(...args);
  }
}
