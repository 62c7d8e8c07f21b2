import { HttpErrorCode } from '../errors/errors';
import { HttpException, type ProblemFieldError } from '../exceptions/http.exception';

type Build = new (detail: string, status: number, errors: ProblemFieldError[]) => HttpException;

// A plain constructor whose instances have HttpException's prototype: `new` runs it alone,
// without Error's constructor. (A class extending HttpException would have to call super().)
const ValidationFailure = function (
  this: Record<string, unknown>,
  detail: string,
  status: number,
  errors: ProblemFieldError[],
): void {
  // Error's own members are not enumerable.
  Object.defineProperty(this, 'stack', {
    value: `HttpException: ${detail}`,
    writable: true,
    configurable: true,
  });
  Object.defineProperty(this, 'message', { value: detail, writable: true, configurable: true });
  this.code = HttpErrorCode.VALIDATION_FAILED;
  this.name = 'HttpException';
  this.status = status;
  this.detail = detail;
  this.response = undefined;
  this.options = { code: HttpErrorCode.VALIDATION_FAILED, errors };
} as unknown as Build;
ValidationFailure.prototype = HttpException.prototype;

/**
 * The `HttpException` of a refused input, made without running `Error`'s constructor, which
 * costs more the deeper the stack is even with `Error.stackTraceLimit = 0` (V8 also records a
 * stack for uncaught exceptions, which Node asks of it): at a route's depth that was the
 * largest cost of building the answer to an invalid field. The object is what the constructor
 * gives with `Error.stackTraceLimit = 0`: an `HttpException` (so a `TenonError` and an `Error`)
 * with the same own properties and attributes, `stack` being its first line only; filters,
 * `getResponse()` and the problem mapper see no difference (a test compares them).
 */
export function validationException(
  detail: string,
  status: number,
  errors: ProblemFieldError[],
): HttpException {
  // The constructor's own check of the status (a RangeError for a pipe's bad errorHttpStatusCode).
  if (!Number.isInteger(status) || status < 100 || status > 599)
    return new HttpException(detail, status, { code: HttpErrorCode.VALIDATION_FAILED, errors });
  return new ValidationFailure(detail, status, errors);
}
