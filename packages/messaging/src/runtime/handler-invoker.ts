import { InvalidPayloadError } from '../errors/runtime.errors';
import type { HandlerDefinition } from './handler-definition';
import type { MessageContext } from './message-context';
import { isDtoClass, validatePayload } from './payload-validator';

/**
 * Builds a handler's arguments from the payload and the context (validating DTO payloads and
 * running parameter pipes) and calls the handler on its instance: the singleton, or the
 * request-scoped instance of the current message scope.
 */
export class HandlerInvoker {
  constructor(private readonly handler: HandlerDefinition) {}

  /** The arguments, in parameter order; throws `TENON_MESSAGING_INVALID_PAYLOAD` on bad input. */
  async arguments(payload: unknown, context: MessageContext): Promise<unknown[]> {
    const { params, paramTypes, metadata, label } = this.handler;
    // A handler with no parameter decorators gets the payload as its first argument.
    if (params.length === 0) return [payload, context];
    const args: unknown[] = [];
    for (const param of params) {
      if (param.kind === 'ctx') {
        args[param.index] = context;
        continue;
      }
      let value =
        param.key !== undefined && payload !== null && typeof payload === 'object'
          ? (payload as Record<string, unknown>)[param.key]
          : payload;
      const metatype = paramTypes[param.index];
      if (param.key === undefined && isDtoClass(metatype)) {
        value = await validatePayload(value, metatype, metadata.subject, label);
      }
      for (const pipe of param.pipes) {
        try {
          value = await pipe.transform(value, {
            type: 'custom',
            ...(typeof metatype === 'function' ? { metatype } : {}),
            ...(param.key !== undefined ? { data: param.key } : {}),
          });
        } catch (error) {
          // A pipe rejects input: a retry cannot make it valid, so it is a payload problem.
          throw new InvalidPayloadError(metadata.subject, label, [
            `${param.key ?? 'payload'}: ${error instanceof Error ? error.message : String(error)}`,
          ]);
        }
      }
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
