import {
  BadRequestException,
  ForbiddenException,
  MethodNotAllowedException,
  NotAcceptableException,
  NotFoundException,
  PayloadTooLargeException,
  RequestTimeoutException,
  TooManyRequestsException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '../exceptions/http-exceptions';
import { HttpException, type HttpExceptionOptions } from '../exceptions/http.exception';
import { mapErrorToProblem } from './problem-mapper';

type ExceptionClass = new (detail?: string, options?: HttpExceptionOptions) => HttpException;

// The statuses Fastify and its plugins raise before a handler runs, as the family classes, so
// `@Catch(PayloadTooLargeException)` catches a body over the limit.
const BY_STATUS: Record<number, ExceptionClass> = {
  400: BadRequestException,
  401: UnauthorizedException,
  403: ForbiddenException,
  404: NotFoundException,
  405: MethodNotAllowedException,
  406: NotAcceptableException,
  408: RequestTimeoutException,
  413: PayloadTooLargeException,
  415: UnsupportedMediaTypeException,
  429: TooManyRequestsException,
};

/**
 * Turns a client error raised by Fastify or a plugin before the handler (a body over the limit,
 * an unknown media type, the rate limit) into the `HttpException` whose problem response is
 * byte-identical to the one the error maps to, with the original as `cause`: exception filters
 * then see the same classes and codes whether a handler or Fastify raised the error. Anything
 * else is returned as it is.
 */
export function toHttpException(error: unknown): unknown {
  if (error instanceof HttpException || typeof error !== 'object' || error === null) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  const code = (error as { code?: unknown }).code;
  // Other Tenon packages' errors carry their own status and code: they stay what they are.
  if (typeof code === 'string' && code.startsWith('TENON_')) return error;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 499) return error;
  const { problem } = mapErrorToProblem(error, '', false);
  const options: HttpExceptionOptions = { cause: error };
  if (problem.code !== undefined) options.code = problem.code;
  const Exception = BY_STATUS[problem.status];
  return Exception
    ? new Exception(problem.detail, options)
    : new HttpException(problem.detail, problem.status, options);
}
