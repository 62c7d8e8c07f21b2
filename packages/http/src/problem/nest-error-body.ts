import { HttpErrorCode } from '../errors/errors';
import { HttpException } from '../exceptions/http.exception';
import type { ProblemDetails } from './problem-details';

/** The body NestJS's default exception filter sends: `{ statusCode, message, error? }`. */
export type NestErrorBody = Record<string, unknown> & { statusCode: number };

/**
 * The `errorFormat: 'nest'` body of an error, built from the problem Tenon would send (so the
 * status, the production wording and the hidden 500 are the same) and, for an `HttpException`,
 * its `getResponse()`, as NestJS's `BaseExceptionFilter` does: an object response as it is, a
 * string as `{ statusCode, message }`. Validation failures list their messages as an array of
 * strings, as NestJS's `ValidationPipe` does; a guard's refusal is NestJS's
 * `'Forbidden resource'`; a 500 is `{ statusCode: 500, message: 'Internal server error' }`.
 */
export function nestErrorBody(error: unknown, problem: ProblemDetails): NestErrorBody {
  const statusCode = problem.status;
  if (statusCode >= 500 && !(error instanceof HttpException))
    return { statusCode, message: 'Internal server error' };
  if (problem.errors !== undefined && problem.errors.length > 0)
    return {
      statusCode,
      message: problem.errors.flatMap((e) => Object.values(e.constraints)),
      error: problem.title,
    };
  if (problem.code === HttpErrorCode.FORBIDDEN_BY_GUARD)
    return { statusCode, message: 'Forbidden resource', error: problem.title };
  if (error instanceof HttpException && error.response !== undefined)
    return { statusCode, ...error.response } as NestErrorBody;
  if (error instanceof HttpException && error.detail === undefined)
    return { statusCode, message: error.title };
  if (error instanceof HttpException && error.constructor === HttpException)
    return { statusCode, message: problem.detail ?? error.title };
  const body: NestErrorBody = { statusCode, message: problem.detail ?? problem.title };
  body.error = error instanceof HttpException ? (error.options.description ?? problem.title) : problem.title;
  return body;
}
