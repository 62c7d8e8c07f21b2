import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import { HttpErrorCode } from '../errors/errors';
import { connectionProblem } from '../problem/raw-problem';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '../problem/problem-details';
import type { ClientErrorAnswerer } from './client-error-handler';
import type { OutsideHookHeaders } from './security-headers';
import { applyServerLimits, serverCreationOptions, type ServerLimits } from './server-limits';

/** Whether the server is closing (set by Fastify's `preClose`). */
export interface ServerGate {
  closing: boolean;
}

function sendProblem(
  res: ServerResponse,
  problem: ProblemDetails,
  path: string,
  security: OutsideHookHeaders,
): void {
  const body = JSON.stringify({ ...problem, instance: path });
  res.writeHead(problem.status, {
    ...security.headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}

const SHUTTING_DOWN = connectionProblem(
  503,
  HttpErrorCode.SHUTTING_DOWN,
  'The server is shutting down: send the request again, on a new connection, to another instance.',
);

const HOST_REQUIRED = connectionProblem(
  400,
  HttpErrorCode.HOST_REQUIRED,
  'An HTTP/1.1 request must have a Host header: add it (the name and port of this server).',
);

/**
 * Fastify's `serverFactory`: Node's HTTP server with Tenon's limits (timeouts and connection
 * cap, see `ServerLimitsOptions`), and in front of
 * Fastify's handler the two answers Node or Fastify would otherwise give in their own shape:
 * an HTTP/1.1 request without Host (Node answers an empty 400 when it checks the header itself)
 * and a request arriving on an open keep-alive connection while the server closes (Fastify's
 * `{"error":"Service Unavailable"}`), both as problem documents with `Connection: close`.
 */
export function tenonServerFactory(
  gate: ServerGate,
  limits: ServerLimits,
  /** The application's own answer (its global filters) to the missing Host, if any. */
  answer?: ClientErrorAnswerer,
  /** Security headers for these answers, which no Fastify hook sees. */
  security: OutsideHookHeaders = { headers: {} },
): NonNullable<FastifyServerOptions['serverFactory']> {
  return (handler) => {
    const serve = handler as (req: IncomingMessage, res: ServerResponse) => void;
    const creation = { requireHostHeader: false, ...serverCreationOptions(limits) };
    const server: Server = createServer(creation, (req, res) => {
      if (gate.closing) return sendProblem(res, SHUTTING_DOWN, pathOf(req.url), security);
      if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1)
        return void hostRequired(req, res, answer, security);
      serve(req, res);
    });
    applyServerLimits(server, limits);
    return server;
  };
}

async function hostRequired(
  req: IncomingMessage,
  res: ServerResponse,
  answer: ClientErrorAnswerer | undefined,
  security: OutsideHookHeaders,
): Promise<void> {
  const own = answer ? await answer(HOST_REQUIRED).catch(() => undefined) : undefined;
  if (!own) return sendProblem(res, HOST_REQUIRED, pathOf(req.url), security);
  res.writeHead(own.status, { ...own.headers, 'content-length': own.body.length, connection: 'close' });
  res.end(own.body);
}

function pathOf(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q === -1 ? u : u.slice(0, q);
}
