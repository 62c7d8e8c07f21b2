import type { Type } from '@tenon/core';
import type { MessageContext } from './message-context';

/** The message view of an execution context (NestJS's `RpcArgumentsHost`). */
export interface RpcArgumentsHost {
  /** The decoded payload. */
  getData<T = unknown>(): T;
  /** The `MessageContext`: subject, headers, message id, delivery count. */
  getContext<T = MessageContext>(): T;
}

/**
 * What guards, interceptors and exception filters of `@tenon/http` (`@UseGuards` and friends)
 * see when they run on a message handler: `getType()` is `'rpc'`, `switchToRpc()` gives the
 * payload and the `MessageContext`, `getClass()` / `getHandler()` the handler (where
 * `SetMetadata` values are read). For guards written for HTTP, `getRequest()` is the
 * `MessageContext`, whose `headers` carry what a request's headers would (an `authorization`
 * header, a tenant id...), and `getReply()` is `undefined`: there is no reply to write to.
 *
 * @example
 * canActivate(ctx: ExecutionContext) {
 *   if (ctx.getType() === 'rpc') return ctx.switchToRpc().getContext<MessageContext>().headers['x-tenant'] === 'acme';
 *   return true;
 * }
 */
export class MessageExecutionContext {
  constructor(
    private readonly handlerClass: Type,
    private readonly handler: Function,
    private readonly payload: unknown,
    private readonly message: MessageContext,
  ) {}

  getType<T extends string = 'rpc'>(): T {
    return 'rpc' as T;
  }
  getClass<T = unknown>(): Type<T> {
    return this.handlerClass as Type<T>;
  }
  getHandler(): Function {
    return this.handler;
  }
  /** `[payload, messageContext]`, as NestJS gives a message handler's arguments. */
  getArgs<T extends unknown[] = [unknown, MessageContext]>(): T {
    return [this.payload, this.message] as unknown as T;
  }
  getArgByIndex<T = unknown>(index: number): T {
    return (index === 0 ? this.payload : index === 1 ? this.message : undefined) as T;
  }
  switchToRpc(): RpcArgumentsHost {
    return {
      getData: <T>() => this.payload as T,
      getContext: <T>() => this.message as T,
    };
  }
  /** The `MessageContext`, so that header-reading guards written for HTTP run on messages. */
  getRequest<R = MessageContext>(): R {
    return this.message as R;
  }
  /** Always `undefined`: a message has no reply object to write to. */
  getReply<R = undefined>(): R {
    return undefined as R;
  }
  switchToHttp(): {
    getRequest<R = MessageContext>(): R;
    getResponse<R = undefined>(): R;
    getNext<T = undefined>(): T;
  } {
    return {
      getRequest: <R>() => this.message as R,
      getResponse: <R>() => undefined as R,
      getNext: <T>() => undefined as T,
    };
  }
}
