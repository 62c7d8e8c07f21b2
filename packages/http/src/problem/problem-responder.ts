import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapErrorToProblem } from './problem-mapper';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

/**
 * Sends the problem response for an error and logs the error once, through the request's
 * logger (which carries the request id): 5xx at error level with the error, 4xx at info level.
 */
export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  development: boolean,
): void {
  const { problem, headers, serverError } = mapErrorToProblem(error, request.url, development);
  if (serverError)
    request.log.error(
      { err: error, status: problem.status, code: problem.code },
      `Request failed: ${String((error as Error)?.message ?? error)}`,
    );
  else
    request.log.info(
      { status: problem.status, code: problem.code },
      `Request rejected: ${problem.detail ?? problem.title}`,
    );
  if (reply.sent || reply.raw.headersSent) return;
  if (headers) reply.headers(headers);
  reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
