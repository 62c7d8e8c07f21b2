import { HttpErrorCode } from './errors';
import { HttpBootError } from './http-boot.error';

/**
 * Two handlers answer the same method and path (with the same version and host).
 *
 * @example
 * // GET /todos/:id is declared by TodoController.get and by LegacyController.find
 */
export class RouteConflictError extends HttpBootError {
  constructor(method: string, path: string, first: string, second: string, constraint: string) {
    super(
      HttpErrorCode.ROUTE_CONFLICT,
      `${method} ${path}${constraint} is declared twice: by ${first} and by ${second}. ` +
        `Parameter names do not tell routes apart (/a/:id and /a/:name are the same route). ` +
        `Fix: change the path or method of one of them, or give their controllers different versions.`,
    );
  }
}
