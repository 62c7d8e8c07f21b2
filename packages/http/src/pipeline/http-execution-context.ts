import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Type } from '@tenon/core';
import type { ExecutionContext } from '../metadata/enhancer-types';

/** The execution context of one request; created only for routes that have enhancers. */
export class HttpExecutionContext implements ExecutionContext {
  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly controller: Type,
    private readonly handler: Function,
  ) {}

  getRequest<R = FastifyRequest>(): R {
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
  getType(): 'http' {
    return 'http';
  }
  switchToHttp(): { getRequest<R = FastifyRequest>(): R; getResponse<R = FastifyReply>(): R } {
    return { getRequest: <R>() => this.request as R, getResponse: <R>() => this.reply as R };
  }
}
