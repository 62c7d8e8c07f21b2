import { TenonError } from '@tenon/core';
import { HttpErrorCode } from './errors';

/**
 * `next.handle()` was called in an interceptor (the NestJS form, which returns an RxJS
 * Observable) but the optional peer `rxjs` is not installed.
 *
 * @example
 * intercept(ctx, next) { return next.handle().pipe(map((data) => ({ data }))); } // needs rxjs
 */
export class RxjsNotInstalledError extends TenonError {
  /** Read by the problem mapper: a server-side mistake, answered 500 with this code. */
  readonly status = 500;

  constructor(cause: unknown) {
    super(
      HttpErrorCode.RXJS_NOT_INSTALLED,
      `An interceptor called next.handle(), which returns an RxJS Observable, but the package rxjs is not installed (it is an optional peer of @tenon/http). ` +
        `Fix: npm install rxjs, or use the promise form: \`const result = await next();\`.`,
      { cause },
    );
  }
}
