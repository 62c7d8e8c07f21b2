import { HttpErrorCode } from '../errors/errors';
import { HttpException, type ProblemFieldError } from '../exceptions/http.exception';

const hidden = (value: unknown): PropertyDescriptor => ({ value, writable: true, configurable: true });

/**
 * The `HttpException` of a refused input, made without running `Error`'s constructor: Node
 * asks V8 to record a detailed stack (ten frames, with their scripts and lines) for every
 * error created, whatever `Error.stackTraceLimit` says, and for a client's invalid field that
 * was the largest cost of building the answer. The object is what the constructor would give
 * with `Error.stackTraceLimit = 0`: an `HttpException` (and `TenonError`, `Error`) with the same
 * own properties, `stack` being the first line only; filters, `getResponse()` and the problem
 * mapper see no difference.
 */
export function validationException(
  detail: string,
  status: number,
  errors: ProblemFieldError[],
): HttpException {
  // The constructor's own check of the status (a RangeError for a pipe's bad errorHttpStatusCode).
  if (!Number.isInteger(status) || status < 100 || status > 599)
    return new HttpException(detail, status, { code: HttpErrorCode.VALIDATION_FAILED, errors });
  const e = Object.create(HttpException.prototype) as Record<string, unknown>;
  Object.defineProperty(e, 'stack', hidden(`HttpException: ${detail}`));
  Object.defineProperty(e, 'message', hidden(detail));
  e.code = HttpErrorCode.VALIDATION_FAILED;
  e.name = 'HttpException';
  e.status = status;
  e.detail = detail;
  e.response = undefined;
  e.options = { code: HttpErrorCode.VALIDATION_FAILED, errors };
  return e as unknown as HttpException;
}
