import { TenonError } from '@tenon/core';
import { HttpErrorCode } from './errors';

/**
 * A mistake in how controllers, routes or enhancers are declared, found by
 * `HttpApplication.create()` before the server accepts a request.
 *
 * @example
 * try { await HttpApplication.create(AppModule); }
 * catch (e) { if (e instanceof HttpBootError && e.code === 'TENON_HTTP_ROUTE_CONFLICT') console.error(e.message); }
 */
export class HttpBootError extends TenonError {
  constructor(code: HttpErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
