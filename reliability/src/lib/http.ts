import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RequestSpec {
  method: string;
  /** Path and query, e.g. `/todos?page=1`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * One request over a real socket (node:http, so headers and paths go out as given). Rejects with
 * the socket error (its `code`: ECONNREFUSED, ECONNRESET…) when there is no response.
 */
export function send(
  origin: string,
  spec: RequestSpec,
  options: { agent?: Agent | false; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(spec.headers ?? {}) };
    if (spec.body !== undefined && headers['content-length'] === undefined)
      headers['content-length'] = Buffer.byteLength(spec.body);
    const req = httpRequest(
      {
        host: url.hostname,
        port: Number(url.port),
        method: spec.method,
        path: spec.path,
        headers,
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    if (spec.body !== undefined) req.write(spec.body);
    req.end();
  });
}

/** A request as a JSON body with the right headers. */
export function json(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestSpec {
  return {
    method,
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** The error code of a failed request (ECONNREFUSED, ECONNRESET, …). */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

export interface RawResult {
  /** The status of the first response, or 0 when the server closed without answering. */
  status: number;
  head: string;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the first response byte (or the close). */
  elapsedMs: number;
  error?: string;
}

/**
 * Writes raw bytes to the server and reads what comes back until the server closes or
 * `timeoutMs` passes: for requests node:http refuses to build (invalid bytes in the request line
 * or header values, header sections over the limit).
 */
export function sendRaw(
  origin: string,
  bytes: Buffer,
  options: { timeoutMs?: number; keepWriting?: Buffer; closeAfterFirstResponse?: boolean } = {},
): Promise<RawResult> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const started = Date.now();
    let firstByteAt = 0;
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const finish = (error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        ...parseRaw(Buffer.concat(chunks)),
        elapsedMs: (firstByteAt || Date.now()) - started,
        ...(error ? { error } : {}),
      });
    };
    const timer = setTimeout(
      () => finish(chunks.length === 0 ? 'timeout' : undefined),
      options.timeoutMs ?? 5_000,
    );
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.keepWriting) {
        // Streams the rest slowly, as a client uploading a large body would.
        const feed = (): void => {
          if (settled || socket.destroyed) return;
          socket.write(options.keepWriting!, () => setTimeout(feed, 10));
        };
        feed();
      }
    });
    socket.on('data', (chunk: Buffer) => {
      if (firstByteAt === 0) firstByteAt = Date.now();
      chunks.push(chunk);
      if (options.closeAfterFirstResponse && responseComplete(Buffer.concat(chunks))) finish();
    });
    socket.on('error', (error) => finish(errorCode(error)));
    socket.on('close', () => finish());
  });
}

function responseComplete(buffer: Buffer): boolean {
  const text = buffer.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end));
  if (length) return buffer.length >= end + 4 + Number(length[1]);
  return /\r\ntransfer-encoding:\s*chunked/i.test(text.slice(0, end)) ? text.endsWith('0\r\n\r\n') : false;
}

function parseRaw(buffer: Buffer): Omit<RawResult, 'elapsedMs'> {
  const text = buffer.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  const head = end >= 0 ? text.slice(0, end) : text;
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = end >= 0 ? text.slice(end + 4) : '';
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  else if (headers['content-length'] !== undefined) body = body.slice(0, Number(headers['content-length']));
  return { status, head, headers, body };
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const line = rest.indexOf('\r\n');
    if (line < 0) return out;
    const size = parseInt(rest.slice(0, line), 16);
    if (!Number.isFinite(size) || size === 0) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}

/** An agent holding exactly one keep-alive connection: one agent per simulated client. */
export function singleConnectionAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}
