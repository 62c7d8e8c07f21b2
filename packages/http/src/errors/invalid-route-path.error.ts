import { HttpErrorCode } from './errors';
import { HttpBootError } from './http-boot.error';

/**
 * A route path that Fastify cannot register or that would not match what its author meant.
 *
 * @example
 * // @Get(':id/:id') → the parameter "id" appears twice
 */
export class InvalidRoutePathError extends HttpBootError {
  constructor(path: string, handler: string, reason: string) {
    super(
      HttpErrorCode.INVALID_ROUTE_PATH,
      `The route path "${path}" of ${handler} is invalid: ${reason}. ` +
        `Fix: use Fastify's path syntax: literal segments, ":name" parameters (optionally ":name(regex)"), and "*" only at the end.`,
    );
  }
}
