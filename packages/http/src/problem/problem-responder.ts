import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapErrorToProblem } from './problem-mapper';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { nestErrorBody } from './nest-error-body';

/** The shape of error bodies: RFC 9457 problems (default), or NestJS's `{ statusCode, message, error }`. */
export type ErrorFormat = 'problem' | 'nest';

/**
 * Sends the problem response for an error and logs the error once, through the request's
 * logger (which carries the request id): 5xx at error level with the error, 4xx at info level
 * with the error's own message when the body says something else (production bodies).
 */
export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  development: boolean,
  production = false,
  format: ErrorFormat = 'problem',
): void {
  const { problem, headers, serverError } = mapErrorToProblem(error, request.url, development, production);
  if (serverError)
    request.log.error(
      { err: error, status: problem.status, code: problem.code },
      `Request failed: ${String((error as Error)?.message ?? error)}`,
    );
  else {
    const message = (error as { message?: unknown } | null)?.message;
    // The developer's detail (tables, columns, entities) the production body left out.
    const withheld = typeof message === 'string' && message !== problem.detail ? message : undefined;
    request.log.info(
      withheld === undefined
        ? { status: problem.status, code: problem.code }
        : { status: problem.status, code: problem.code, detail: problem.detail },
      `Request rejected: ${withheld ?? problem.detail ?? problem.title}`,
    );
  }
  if (reply.sent || reply.raw.headersSent) return;
  if (headers) reply.headers(headers);
  if (format === 'nest')
    reply
      .code(problem.status)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(nestErrorBody(error, problem)));
  else reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
