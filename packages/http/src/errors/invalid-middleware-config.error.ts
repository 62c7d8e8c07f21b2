import { HttpErrorCode } from './errors';
import { HttpBootError } from './http-boot.error';

/**
 * A module's `configure(consumer)` declared middleware that cannot run: `apply()` without a
 * middleware, a chain that never reaches `forRoutes()`, `forRoutes()` without a route, or a
 * route that is not a path, a controller or `{ path, method }`. Thrown at boot.
 *
 * @example
 * configure(consumer: MiddlewareConsumer) { consumer.apply(LoggerMiddleware); } // no forRoutes()
 */
export class InvalidMiddlewareConfigError extends HttpBootError {
  constructor(where: string, problem: string, fix: string) {
    super(HttpErrorCode.INVALID_MIDDLEWARE_CONFIG, `${where}: ${problem}. Fix: ${fix}.`);
  }
}
