import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Type } from '@tenon/core';
import type { HttpRequest } from '../application/http-types';
import type { ExecutionContext, HttpArgumentsHost } from '../metadata/enhancer-types';

/** The execution context of one request; created only for routes that have enhancers. */
export class HttpExecutionContext implements ExecutionContext {
  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly controller: Type,
    private readonly handler: Function,
  ) {}

  getRequest<R = HttpRequest>(): R {
    return this.request as R;
  }
  getReply<R = FastifyReply>(): R {
    return this.reply as R;
  }
  getClass<T = unknown>(): Type<T> {
    return this.controller as Type<T>;
  }
  getHandler(): Function {
    return this.handler;
  }
  getType<T extends string = 'http'>(): T {
    return 'http' as T;
  }
  getArgs<T extends unknown[] = [HttpRequest, FastifyReply]>(): T {
    return [this.request, this.reply] as unknown as T;
  }
  getArgByIndex<T = unknown>(index: number): T {
    return (index === 0 ? this.request : index === 1 ? this.reply : undefined) as T;
  }
  switchToHttp(): HttpArgumentsHost {
    return {
      getRequest: <R>() => this.request as R,
      getResponse: <R>() => this.reply as R,
      getNext: <T>() => undefined as T,
    };
  }
}
