import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequestException, RequestTimeoutException } from '../exceptions/http-exceptions';
import { HttpException } from '../exceptions/http.exception';
import type { ProblemDetails } from '../problem/problem-details';

/** An answer produced by the application (its filters), ready to be written without a reply. */
export interface ConnectionAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const HEADER = 'x-tenon-client-error';
// A URL Fastify cannot decode: answered through `frameworkErrors` without touching the router,
// the route handlers or the hooks of any route.
const UNDECODABLE = '/%';
// Headers that describe the injected exchange, not the connection the answer is written on.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** The exception filters see for a problem raised below the request. */
function exceptionOf(problem: ProblemDetails): HttpException {
  // No request line was parsed, so there is no resource to name: `instance` stays out.
  const options = { code: problem.code!, extensions: { instance: undefined } };
  if (problem.status === 400) return new BadRequestException(problem.detail, options);
  if (problem.status === 408) return new RequestTimeoutException(problem.detail, options);
  return new HttpException(problem.detail, problem.status, options);
}

/**
 * Gives errors that happen below the request (a request Node's parser refused, HTTP/1.1 without
 * Host) to the application's global exception filters, so an application with its own error
 * shape gives it to those too. Filters need a request and a reply: the error is handed to
 * Fastify through an injected request that only `frameworkErrors` answers, tagged with a
 * one-time random token (a client cannot forge it), and the answer is written on the real
 * connection by the caller.
 */
export class ClientErrorDispatcher {
  private readonly pending = new Map<string, HttpException>();
  private fastify: FastifyInstance | undefined;

  use(fastify: FastifyInstance): void {
    this.fastify = fastify;
  }

  /** The exception an injected request carries, consumed (called by `frameworkErrors`). */
  take(request: FastifyRequest): HttpException | undefined {
    const token = request.headers[HEADER];
    if (typeof token !== 'string') return undefined;
    const exception = this.pending.get(token);
    this.pending.delete(token);
    return exception;
  }

  /** The application's answer to the problem; undefined when it cannot give one. */
  async dispatch(problem: ProblemDetails): Promise<ConnectionAnswer | undefined> {
    const fastify = this.fastify;
    if (!fastify) return undefined;
    const token = randomUUID();
    this.pending.set(token, exceptionOf(problem));
    try {
      const res = await fastify.inject({ method: 'GET', url: UNDECODABLE, headers: { [HEADER]: token } });
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(res.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name))
          headers[name] = Array.isArray(value) ? value : String(value);
      return { status: res.statusCode, headers, body: res.rawPayload };
    } catch {
      // Fastify is closing or not ready: the caller writes the plain problem.
      return undefined;
    } finally {
      this.pending.delete(token);
    }
  }
}

/** A complete HTTP/1.1 response for an answer, closing the connection. */
export function rawAnswer(answer: ConnectionAnswer): Buffer {
  let head = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Error'}\r\n`;
  for (const [name, value] of Object.entries(answer.headers))
    for (const v of Array.isArray(value) ? value : [value]) head += `${name}: ${v}\r\n`;
  head += `content-length: ${answer.body.length}\r\nconnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), answer.body]);
}
