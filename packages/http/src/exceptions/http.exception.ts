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
  /**
   * NestJS's description: the `error` member of `getResponse()` and of the `errorFormat: 'nest'`
   * body (e.g. `new BadRequestException('Bad id', 'Invalid input')`).
   */
  description?: string;
}

/** What NestJS's `getResponse()` gives for an exception made with a message (or none). */
export interface HttpExceptionBody {
  statusCode: number;
  message: string | string[];
  error?: string;
}

// NestJS's reserved members of an object response that the problem response already has.
const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors']);

function messageOf(response: Record<string, unknown>): string | undefined {
  const m = response.message;
  if (typeof m === 'string') return m;
  if (Array.isArray(m) && m.every((x) => typeof x === 'string')) return m.join('; ');
  return undefined;
}

/**
 * An error that becomes an HTTP response with its status: the base of `NotFoundException` and
 * the others. The response is `application/problem+json` (RFC 9457).
 *
 * As in NestJS, the first argument may also be an object (the response body a NestJS client
 * expects): its `message` (a string, or strings joined with `; `) becomes the problem's `detail`,
 * its other members become members of the problem, and `getResponse()` returns it as given;
 * with `errorFormat: 'nest'` it is the body itself.
 *
 * @example
 * throw new HttpException('The coupon has expired', 410, { code: 'COUPON_EXPIRED' });
 * throw new HttpException({ status: HttpStatus.FORBIDDEN, error: 'No access to this shelf' }, HttpStatus.FORBIDDEN);
 * throw new BadRequestException('Bad id', 'Invalid input');   // NestJS's description
 */
export class HttpException extends TenonError {
  readonly status: number;
  readonly detail: string | undefined;
  readonly options: HttpExceptionOptions;
  /** The object given as the first argument, if one was (see `getResponse()`). */
  readonly response: Record<string, unknown> | undefined;

  constructor(
    detail: string | Record<string, unknown> | undefined,
    status: number,
    options: HttpExceptionOptions | string = {},
  ) {
    const opts: HttpExceptionOptions = typeof options === 'string' ? { description: options } : options;
    const response = typeof detail === 'object' && detail !== null ? detail : undefined;
    const text = response ? messageOf(response) : (detail as string | undefined);
    super(
      opts.code ?? HttpErrorCode.HTTP_EXCEPTION,
      text ?? STATUS_CODES[status] ?? `HTTP ${status}`,
      opts.cause === undefined ? undefined : { cause: opts.cause },
    );
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new RangeError(`HttpException status must be an integer from 100 to 599, got ${String(status)}`);
    }
    this.status = status;
    this.detail = text;
    this.response = response;
    const extra = response
      ? Object.entries(response).filter(([k]) => k !== 'message' && !PROBLEM_MEMBERS.has(k))
      : [];
    this.options =
      extra.length > 0
        ? { ...opts, extensions: { ...Object.fromEntries(extra), ...(opts.extensions ?? {}) } }
        : opts;
  }

  /** The status code, as in NestJS. */
  getStatus(): number {
    return this.status;
  }

  /**
   * The response as NestJS gives it: the object passed as the first argument; for the base class
   * made with a string, that string; otherwise `{ statusCode, message, error }` (`error` is the
   * description, else the status phrase, and is left out when there is no message).
   *
   * @example
   * new NotFoundException('No cat 3').getResponse(); // { statusCode: 404, message: 'No cat 3', error: 'Not Found' }
   * new HttpException('Gone', 410).getResponse();     // 'Gone'
   */
  getResponse(): string | Record<string, unknown> {
    if (this.response) return this.response;
    if (this.constructor === HttpException && this.detail !== undefined) return this.detail;
    const body: HttpExceptionBody = { statusCode: this.status, message: this.detail ?? this.title };
    const error = this.options.description ?? (this.detail !== undefined ? this.title : undefined);
    if (error !== undefined) body.error = error;
    return body as unknown as Record<string, unknown>;
  }

  /** The RFC 9457 title: the option, else the standard phrase of the status. */
  get title(): string {
    return this.options.title ?? STATUS_CODES[this.status] ?? 'Error';
  }
}
