import { STATUS_CODES } from 'node:http';
import { TenonError } from '@tenon/core';
import { HttpErrorCode } from '../errors/errors';

/** One invalid field in a problem response. `value` is left out for secrets and objects. */
export interface ProblemFieldError {
  /** The dotted path of the field: `title`, `items.0.quantity`. */
  property: string;
  /** Constraint name → message, e.g. `{ isString: 'title must be a string' }`. */
  constraints: Record<string, string>;
  value?: string | number | boolean | null;
}

/** What an `HttpException` may add to its problem response. */
export interface HttpExceptionOptions {
  cause?: unknown;
  /** A URI naming the problem type (RFC 9457 `type`); `about:blank` when absent. */
  type?: string;
  /** Overrides the title, which otherwise is the status phrase. */
  title?: string;
  /** A stable code sent to the client as the `code` member. */
  code?: string;
  /** Per-field errors, for validation problems. */
  errors?: ProblemFieldError[];
  /** Headers sent with the error response (e.g. `Retry-After`, `Allow`). */
  headers?: Record<string, string>;
  /** Extra members of the problem object. */
  extensions?: Record<string, unknown>;
}

/**
 * An error that becomes an HTTP response with its status: the base of `NotFoundException` and
 * the others. The response is `application/problem+json` (RFC 9457).
 *
 * @example
 * throw new HttpException('The coupon has expired', 410, { code: 'COUPON_EXPIRED' });
 */
export class HttpException extends TenonError {
  readonly status: number;
  readonly detail: string | undefined;
  readonly options: HttpExceptionOptions;

  constructor(detail: string | undefined, status: number, options: HttpExceptionOptions = {}) {
    super(
      options.code ?? HttpErrorCode.HTTP_EXCEPTION,
      detail ?? STATUS_CODES[status] ?? `HTTP ${status}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new RangeError(`HttpException status must be an integer from 100 to 599, got ${String(status)}`);
    }
    this.status = status;
    this.detail = detail;
    this.options = options;
  }

  /** The status code, as in NestJS. */
  getStatus(): number {
    return this.status;
  }

  /** The RFC 9457 title: the option, else the standard phrase of the status. */
  get title(): string {
    return this.options.title ?? STATUS_CODES[this.status] ?? 'Error';
  }
}
