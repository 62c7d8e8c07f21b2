import { Injectable } from '@tenon/core';
import type { CallHandler, ExecutionContext, TenonInterceptor } from '@tenon/http';

/** Wraps a handler's result in `{ data }`; use it with `@UseInterceptors({{Name}}Interceptor)`. */
@Injectable()
export class {{Name}}Interceptor implements TenonInterceptor {
  async intercept(_context: ExecutionContext, next: CallHandler): Promise<{ data: unknown }> {
    return { data: await next() };
  }
}
