import { maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { HttpErrorCode } from '../errors/errors';
import type { ProblemDetails } from '../problem/problem-details';
import { connectionProblem, rawProblemResponse } from '../problem/raw-problem';
import { rawAnswer, type ConnectionAnswer } from './client-error-dispatcher';
import type { OutsideHookHeaders } from './security-headers';

/** The application's own answer to a problem below the request, when it has one. */
export type ClientErrorAnswerer = (problem: ProblemDetails) => Promise<ConnectionAnswer | undefined>;

// Node may report more than one error for a connection whose parser failed: one answer each.
const answered = new WeakSet<Socket>();

const MALFORMED = 'The request could not be parsed as HTTP/1.1';

// Node's parser error codes (llhttp) with what the client should fix; the parser's own message
// and the offending bytes stay out of the response.
const PARSER_DETAILS: Record<string, string> = {
  HPE_INVALID_METHOD: `${MALFORMED}: the method is not a valid HTTP method token (methods are case-sensitive).`,
  HPE_INVALID_URL: `${MALFORMED}: the request target has characters a URL may not contain; percent-encode them.`,
  HPE_INVALID_VERSION: `${MALFORMED}: the request line must end with HTTP/1.0 or HTTP/1.1 and CRLF.`,
  HPE_INVALID_HEADER_TOKEN: `${MALFORMED}: a header line is malformed (a name with characters a token may not contain, a control character in a value, or an obsolete folded line).`,
  HPE_INVALID_CONTENT_LENGTH: `${MALFORMED}: Content-Length must be one non-negative decimal number.`,
  HPE_UNEXPECTED_CONTENT_LENGTH: `${MALFORMED}: Content-Length may appear only once; send it once.`,
  HPE_INVALID_TRANSFER_ENCODING: `${MALFORMED}: Transfer-Encoding must end with chunked and may not be sent together with Content-Length; use one of them.`,
  HPE_INVALID_CHUNK_SIZE: `${MALFORMED}: a chunk size is not a hexadecimal number.`,
  HPE_CR_EXPECTED: `${MALFORMED}: lines must end with CRLF.`,
  HPE_LF_EXPECTED: `${MALFORMED}: lines must end with CRLF.`,
  HPE_INVALID_CONSTANT: `${MALFORMED}: the request line must be METHOD, target and HTTP version.`,
  HPE_PAUSED_H2_UPGRADE: 'HTTP/2 is not served on this port: send HTTP/1.1.',
};

/**
 * The problem for an error Node's HTTP server reports on a connection (`clientError`): 431 for
 * a header section over the limit, 408 for a request that took too long to arrive, 400 for
 * everything the parser refused.
 */
export function clientErrorProblem(error: NodeJS.ErrnoException): ProblemDetails {
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return connectionProblem(
      431,
      HttpErrorCode.HEADERS_TOO_LARGE,
      `The request's header section is larger than this server accepts (${maxHeaderSize} bytes): send fewer or shorter headers.`,
    );
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return connectionProblem(
      408,
      HttpErrorCode.REQUEST_TIMEOUT,
      'The request did not arrive completely in time: send the headers and body without pausing.',
    );
  return connectionProblem(
    400,
    HttpErrorCode.MALFORMED_REQUEST,
    (error.code !== undefined ? PARSER_DETAILS[error.code] : undefined) ??
      `${MALFORMED}: check the request line, the headers and the body framing.`,
  );
}

/**
 * Fastify's `clientErrorHandler`: the problem response written on the socket itself (no request
 * was parsed, so there is no reply), then the connection is closed. Logged at debug level: it is
 * the client's or the network's mistake, and scanners make plenty of them.
 */
export function clientErrorHandler(
  log: FastifyBaseLogger | undefined,
  answer?: ClientErrorAnswerer,
  /** Security headers for the plain problem (the application's own answer carries its own). */
  security: OutsideHookHeaders = { headers: {} },
): (error: NodeJS.ErrnoException, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
    answered.add(socket);
    const problem = clientErrorProblem(error);
    log?.debug({ status: problem.status, code: problem.code, parserCode: error.code }, 'Client error');
    // A response already started on this connection (the error came mid-body) cannot get
    // another status line: the connection is just closed.
    const current = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || current?.headersSent === true) return void socket.destroy();
    const write = (bytes: string | Buffer): void => {
      if (!socket.writable) return void socket.destroy();
      socket.end(bytes);
      // A client that never closes its side does not keep the socket.
      setTimeout(() => socket.destroy(), 1_000).unref();
    };
    const plain = (): string => rawProblemResponse(problem, security.headers);
    if (!answer) return write(plain());
    answer(problem).then(
      (own) => write(own ? rawAnswer(own) : plain()),
      () => write(plain()),
    );
  };
}
