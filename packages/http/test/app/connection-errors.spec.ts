import 'reflect-metadata';
import { connect } from 'node:net';
import { Module } from '@tenon/core';
import {
  Catch,
  Controller,
  Get,
  HealthModule,
  HttpApplication,
  HttpException,
  NotFoundException,
  Post,
  type ExceptionFilter,
  type ExecutionContext,
  type HttpReply,
} from '@tenon/http';

/** An application with its own error shape, as samples/realworld has. */
@Catch(HttpException)
class OwnShapeFilter implements ExceptionFilter {
  catch(error: HttpException, context: ExecutionContext): void {
    context
      .getReply<HttpReply>()
      .code(error.status)
      .type('application/json; charset=utf-8')
      .send({ failure: { status: error.status, code: error.options.code, message: error.detail } });
  }
}

@Catch(NotFoundException)
class NotFoundOnlyFilter implements ExceptionFilter {
  catch(_error: NotFoundException, context: ExecutionContext): void {
    context.getReply<HttpReply>().code(404).send('gone');
  }
}

@Controller()
class PingController {
  @Get('ping') ping() {
    return { pong: true };
  }
  @Post('ping') post() {
    return { posted: true };
  }
  @Get('slow') async slow() {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return { done: true };
  }
}

@Module({ imports: [HealthModule.forRoot()], controllers: [PingController] })
class PingModule {}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parse(text: string): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const end = rest.indexOf('\r\n\r\n');
    const lines = rest.slice(0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const body = Buffer.from(rest.slice(end + 4), 'latin1')
      .subarray(0, length)
      .toString('utf8');
    out.push({ status: Number(lines[0]!.split(' ')[1]), headers, body });
    rest = rest.slice(end + 4 + Buffer.byteLength(body));
  }
  return out;
}

/** Writes raw bytes and collects everything until the server closes the connection. */
function raw(port: number, ...writes: (string | (() => string))[]): Promise<RawResponse[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('close', () => resolve(parse(data)));
    socket.on('error', reject);
    const timer = setTimeout(() => socket.destroy(), 5_000);
    socket.on('close', () => clearTimeout(timer));
    const [first, ...later] = writes;
    socket.write(Buffer.from(typeof first === 'function' ? first() : first!, 'latin1'));
    for (const [i, w] of later.entries())
      setTimeout(() => socket.write(Buffer.from(typeof w === 'function' ? w() : w, 'latin1')), 100 * (i + 1));
  });
}

const PROBLEM = 'application/problem+json; charset=utf-8';

/** Tenon's default security headers (helmet's), which these answers carry like every other. */
function expectSecurityHeaders(res: RawResponse): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  expect(res.headers['strict-transport-security']).toEqual(expect.any(String));
}
const MALFORMED = 'The request could not be parsed as HTTP/1.1';

const cases: { name: string; request: string; status: number; code: string; detail: string }[] = [
  {
    name: 'control byte in a header value',
    request: 'GET /ping HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n',
    status: 400,
    code: 'TENON_HTTP_MALFORMED_REQUEST',
    detail: `${MALFORMED}: a header line is malformed (a name with characters a token may not contain, a control character in a value, or an obsolete folded line).`,
  },
  {
    name: 'byte >= 0x80 in the request line',
    request: 'GET /p\x80ing HTTP/1.1\r\nHost: x\r\n\r\n',
    status: 400,
    code: 'TENON_HTTP_MALFORMED_REQUEST',
    detail: `${MALFORMED}: the request target has characters a URL may not contain; percent-encode them.`,
  },
  {
    name: 'Content-Length and Transfer-Encoding',
    request:
      'POST /ping HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    status: 400,
    code: 'TENON_HTTP_MALFORMED_REQUEST',
    detail: `${MALFORMED}: Transfer-Encoding must end with chunked and may not be sent together with Content-Length; use one of them.`,
  },
  {
    name: 'two Content-Length headers',
    request: 'POST /ping HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
    status: 400,
    code: 'TENON_HTTP_MALFORMED_REQUEST',
    detail: `${MALFORMED}: Content-Length may appear only once; send it once.`,
  },
  {
    name: 'a negative Content-Length',
    request: 'POST /ping HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    status: 400,
    code: 'TENON_HTTP_MALFORMED_REQUEST',
    detail: `${MALFORMED}: Content-Length must be one non-negative decimal number.`,
  },
  {
    // The route waits for the JSON body, so the parser fails before any response starts.
    name: 'bad chunk size',
    request:
      'POST /ping HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    status: 400,
    code: 'TENON_HTTP_MALFORMED_REQUEST',
    detail: `${MALFORMED}: a chunk size is not a hexadecimal number.`,
  },
  {
    name: 'bare LF after the version',
    request: 'GET /ping HTTP/1.1\nHost: x\n\n',
    status: 400,
    code: 'TENON_HTTP_MALFORMED_REQUEST',
    detail: `${MALFORMED}: the request line must end with HTTP/1.0 or HTTP/1.1 and CRLF.`,
  },
  {
    name: 'lower-case method',
    request: 'get /ping HTTP/1.1\r\nHost: x\r\n\r\n',
    status: 400,
    code: 'TENON_HTTP_MALFORMED_REQUEST',
    detail: `${MALFORMED}: the method is not a valid HTTP method token (methods are case-sensitive).`,
  },
  {
    name: 'the HTTP/2 preface',
    request: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    status: 400,
    code: 'TENON_HTTP_MALFORMED_REQUEST',
    detail: 'HTTP/2 is not served on this port: send HTTP/1.1.',
  },
  {
    name: 'a header section over 16 KiB',
    request: `GET /ping HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    status: 431,
    code: 'TENON_HTTP_HEADERS_TOO_LARGE',
    detail:
      "The request's header section is larger than this server accepts (16384 bytes): send fewer or shorter headers.",
  },
  {
    name: 'HTTP/1.1 without Host',
    request: 'GET /ping HTTP/1.1\r\n\r\n',
    status: 400,
    code: 'TENON_HTTP_HOST_REQUIRED',
    detail: 'An HTTP/1.1 request must have a Host header: add it (the name and port of this server).',
  },
];

describe('errors below the request (a real socket)', () => {
  let app: HttpApplication;
  let port: number;
  beforeAll(async () => {
    app = await HttpApplication.create(PingModule, { logger: false, readinessGrace: 0 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.fastify.server.address() as { port: number }).port;
  });
  afterAll(() => app.close());

  it.each(cases)('answers $name with a $status problem document and closes', async (c) => {
    const [res, ...more] = await raw(port, c.request);
    expect(more).toEqual([]);
    expect(res!.status).toBe(c.status);
    expect(res!.headers['content-type']).toBe(PROBLEM);
    const body = JSON.parse(res!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'about:blank', status: c.status, code: c.code, detail: c.detail });
    expect(typeof body.title).toBe('string');
    // Nothing of the parser's own wording or of the offending bytes.
    expect(res!.body).not.toMatch(/Parse Error|HPE_|\\u0001|statusCode/);
    expect(res!.headers.connection).toBe('close');
    expectSecurityHeaders(res!);
  });

  it('serves HTTP/1.0 without Host, and the connection after a client error still works for others', async () => {
    const [res] = await raw(port, 'GET /ping HTTP/1.0\r\n\r\n');
    expect(res).toMatchObject({ status: 200, body: '{"pong":true}' });
  });

  it('answers a URL that does not decode with a problem carrying the security headers', async () => {
    const [bad] = await raw(port, 'GET /% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(bad!.status).toBe(400);
    expect(JSON.parse(bad!.body)).toMatchObject({ status: 400, code: 'TENON_HTTP_BAD_URL' });
    expectSecurityHeaders(bad!);
  });

  it('sends no security headers on these answers either with helmet: false', async () => {
    const plain = await HttpApplication.create(PingModule, {
      logger: false,
      readinessGrace: 0,
      helmet: false,
    });
    await plain.listen({ port: 0, host: '127.0.0.1' });
    const p = (plain.fastify.server.address() as { port: number }).port;
    try {
      const [parser] = await raw(p, 'get /ping HTTP/1.1\r\nHost: x\r\n\r\n');
      const [bad] = await raw(p, 'GET /% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      const [noHost] = await raw(p, 'GET /ping HTTP/1.1\r\n\r\n');
      expect([parser!.status, bad!.status, noHost!.status]).toEqual([400, 400, 400]);
      for (const res of [parser!, bad!, noHost!]) {
        expect(res.headers['x-content-type-options']).toBeUndefined();
        expect(res.headers['content-security-policy']).toBeUndefined();
      }
    } finally {
      await plain.close();
    }
  });

  it('answers requests arriving on an open keep-alive connection during close with a 503 problem', async () => {
    const closing = await HttpApplication.create(PingModule, { logger: false, readinessGrace: 0 });
    await closing.listen({ port: 0, host: '127.0.0.1' });
    const p = (closing.fastify.server.address() as { port: number }).port;
    let closed: Promise<void> | undefined;
    const responses = raw(
      p,
      'GET /slow HTTP/1.1\r\nHost: x\r\n\r\n',
      () => {
        closed = closing.close();
        return '';
      },
      'GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    const [slow, late, ...more] = await responses;
    await closed;
    expect(more).toEqual([]);
    expect(slow).toMatchObject({ status: 200, body: '{"done":true}' });
    expect(late!.status).toBe(503);
    expect(late!.headers['content-type']).toBe(PROBLEM);
    expectSecurityHeaders(late!);
    expect(late!.headers.connection).toBe('close');
    expect(JSON.parse(late!.body)).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail:
        'The server is shutting down: send the request again, on a new connection, to another instance.',
      code: 'TENON_HTTP_SHUTTING_DOWN',
      instance: '/health/ready',
    });
  });

  describe('with global exception filters', () => {
    let own: HttpApplication;
    let ownPort: number;
    beforeAll(async () => {
      own = await HttpApplication.create(PingModule, {
        logger: false,
        readinessGrace: 0,
        globalFilters: [new OwnShapeFilter()],
      });
      await own.listen({ port: 0, host: '127.0.0.1' });
      ownPort = (own.fastify.server.address() as { port: number }).port;
    });
    afterAll(() => own.close());

    it.each(cases)("gives $name to the application's filters, and closes", async (c) => {
      const [res, ...more] = await raw(ownPort, c.request);
      expect(more).toEqual([]);
      expect(res!.status).toBe(c.status);
      expect(res!.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res!.headers.connection).toBe('close');
      // The headers the application gives its answers come along (the request id).
      expect(res!.headers['x-request-id']).toEqual(expect.any(String));
      expectSecurityHeaders(res!);
      expect(JSON.parse(res!.body)).toEqual({
        failure: { status: c.status, code: c.code, message: c.detail },
      });
    });

    it('still serves requests and answers unknown URLs through the filter', async () => {
      const [ok] = await raw(ownPort, 'GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(ok).toMatchObject({ status: 200, body: '{"pong":true}' });
      const [bad] = await raw(
        ownPort,
        'GET /% HTTP/1.1\r\nHost: x\r\nx-tenon-client-error: forged\r\nConnection: close\r\n\r\n',
      );
      expect(bad!.status).toBe(400);
      expect(JSON.parse(bad!.body)).toMatchObject({ failure: { status: 400, code: 'TENON_HTTP_BAD_URL' } });
      expectSecurityHeaders(bad!);
    });

    it('falls back to the problem document (without instance) when no filter catches it', async () => {
      const app = await HttpApplication.create(PingModule, {
        logger: false,
        readinessGrace: 0,
        globalFilters: [new NotFoundOnlyFilter()],
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const p = (app.fastify.server.address() as { port: number }).port;
      const [res] = await raw(p, 'GET /ping HTTP/1.1\r\n\r\n');
      await app.close();
      expect(res!.status).toBe(400);
      expect(res!.headers['content-type']).toBe(PROBLEM);
      expect(JSON.parse(res!.body)).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'An HTTP/1.1 request must have a Host header: add it (the name and port of this server).',
        code: 'TENON_HTTP_HOST_REQUIRED',
      });
    });
  });
});
