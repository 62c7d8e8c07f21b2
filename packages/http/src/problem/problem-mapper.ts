import { STATUS_CODES } from 'node:http';
import { HttpErrorCode } from '../errors/errors';
import { HttpException } from '../exceptions/http.exception';
import type { ProblemDetails } from './problem-details';

/** A problem ready to send, with how loudly to log the error behind it. */
export interface MappedProblem {
  problem: ProblemDetails;
  headers: Record<string, string> | undefined;
  /** 5xx are logged at error level with the stack; 4xx at info level without it. */
  serverError: boolean;
}

// Fastify's own client errors, with a detail that names the cause and the fix instead of
// Fastify's internal wording. Codes not listed keep Fastify's message.
const FASTIFY_ERRORS: Record<string, { code: string; detail?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: HttpErrorCode.UNSUPPORTED_MEDIA_TYPE,
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: HttpErrorCode.BODY_TOO_LARGE,
    detail: 'The request body is larger than this server accepts: send a smaller body.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: HttpErrorCode.EMPTY_BODY,
    detail:
      'The request says its body is JSON but the body is empty: send a JSON document or drop the Content-Type header.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: HttpErrorCode.MALFORMED_JSON,
    detail: 'The Content-Length header does not match the length of the body.',
  },
  FST_ERR_BAD_URL: {
    code: HttpErrorCode.BAD_URL,
    detail: 'The URL contains an invalid percent-encoded sequence: encode it as UTF-8.',
  },
  FST_ERR_CTP_INVALID_TYPE: { code: HttpErrorCode.UNSUPPORTED_MEDIA_TYPE },
  FST_ERR_CTP_EMPTY_TYPE: { code: HttpErrorCode.UNSUPPORTED_MEDIA_TYPE },
  FST_ERR_VALIDATION: { code: HttpErrorCode.VALIDATION_FAILED },
};

function pathOf(url: string): string {
  const q = url.indexOf('?');
  // The query string may hold tokens: the instance names the resource, never the query.
  return q === -1 ? url : url.slice(0, q);
}

function numericStatus(error: object, key: 'status' | 'statusCode'): number | undefined {
  const value = (error as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/**
 * Turns anything thrown while handling a request into a problem object. Unknown errors become
 * a 500 whose body says nothing about the cause unless `development` is on. With `production`
 * on, a coded error of another Tenon package that has a `clientMessage` (the data layer's 404,
 * 409 and 422) is answered with it instead of its message, which names tables, columns and
 * entity classes for the developer (the log keeps that message).
 */
export function mapErrorToProblem(
  error: unknown,
  url: string,
  development: boolean,
  production = false,
): MappedProblem {
  const instance = pathOf(url);
  if (error instanceof HttpException) {
    const o = error.options;
    const problem: ProblemDetails = {
      type: o.type ?? 'about:blank',
      title: error.title,
      status: error.status,
    };
    if (error.detail !== undefined) problem.detail = error.detail;
    problem.instance = instance;
    if (o.code !== undefined) problem.code = o.code;
    if (o.errors !== undefined) problem.errors = o.errors;
    if (o.extensions !== undefined) Object.assign(problem, o.extensions);
    if (development && error.status >= 500) addDebug(problem, error);
    return { problem, headers: o.headers, serverError: error.status >= 500 };
  }
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    const message = (error as { message?: unknown }).message;
    const status = numericStatus(error, 'status');
    // Errors of other Tenon packages (e.g. the data package's optimistic lock, 409) declare
    // their status: they are not unknown errors.
    if (
      typeof code === 'string' &&
      code.startsWith('TENON_') &&
      status !== undefined &&
      status >= 400 &&
      status <= 599
    ) {
      const problem: ProblemDetails = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status };
      const clientMessage = (error as { clientMessage?: unknown }).clientMessage;
      if (production && status < 500 && typeof clientMessage === 'string') problem.detail = clientMessage;
      else if (status < 500 || development)
        problem.detail = typeof message === 'string' ? message : undefined;
      if (problem.detail === undefined) delete problem.detail;
      problem.instance = instance;
      problem.code = code;
      if (development && status >= 500) addDebug(problem, error);
      return { problem, headers: undefined, serverError: status >= 500 };
    }
    const statusCode = numericStatus(error, 'statusCode');
    if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
      const known = typeof code === 'string' ? FASTIFY_ERRORS[code] : undefined;
      const problem: ProblemDetails = {
        type: 'about:blank',
        title: STATUS_CODES[statusCode] ?? 'Error',
        status: statusCode,
      };
      const detail = known?.detail ?? (typeof message === 'string' ? message : undefined);
      if (detail !== undefined) problem.detail = detail;
      problem.instance = instance;
      if (known !== undefined) problem.code = known.code;
      else if (statusCode === 429) problem.code = HttpErrorCode.TOO_MANY_REQUESTS;
      else if (typeof code === 'string' && code.startsWith('TENON_')) problem.code = code;
      return { problem, headers: undefined, serverError: false };
    }
  }
  const problem: ProblemDetails = {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'The server could not complete the request. The error is logged with the request id.',
    instance,
    code: HttpErrorCode.INTERNAL_ERROR,
  };
  if (development) {
    if (error instanceof Error) problem.detail = error.message;
    addDebug(problem, error);
  }
  return { problem, headers: undefined, serverError: true };
}

function addDebug(problem: ProblemDetails, error: unknown): void {
  if (error instanceof Error) {
    problem.name = error.name;
    problem.stack = (error.stack ?? '').split('\n').map((line) => line.trim());
  }
}
