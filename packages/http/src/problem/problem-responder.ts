import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapErrorToProblem } from './problem-mapper';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

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
  reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
