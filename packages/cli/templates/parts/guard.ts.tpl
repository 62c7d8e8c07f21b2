import { Injectable } from '@tenon/core';
import type { CanActivate, ExecutionContext } from '@tenon/http';

/** Allows a request when it carries an `x-{{file}}` header; use it with `@UseGuards({{Name}}Guard)`. */
@Injectable()
export class {{Name}}Guard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    return request.headers['x-{{file}}'] !== undefined;
  }
}
