import { PROBLEM_CONTENT_TYPE, statusTitle, type ProblemDetails } from './problem-details';

/**
 * A complete HTTP/1.1 response carrying a problem document, for the answers written where there
 * is no Fastify reply (a request Node's parser refused, a request arriving while the server
 * closes). The connection is closed after it: after a framing error nothing else on the socket
 * can be trusted.
 */
export function rawProblemResponse(
  problem: ProblemDetails,
  headers: Readonly<Record<string, string>> = {},
): string {
  const body = JSON.stringify(problem);
  let head =
    `HTTP/1.1 ${problem.status} ${statusTitle(problem.status)}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n';
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return `${head}\r\n${body}`;
}

/** A problem without `instance`, for errors raised before the request has a trustworthy URL. */
export function connectionProblem(status: number, code: string, detail: string): ProblemDetails {
  return { type: 'about:blank', title: statusTitle(status), status, detail, code };
}
