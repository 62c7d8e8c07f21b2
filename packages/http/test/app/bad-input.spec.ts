import 'reflect-metadata';
import { request as httpRequest } from 'node:http';
import { Module } from '@tenon/core';
import { IsInt, IsString, Min } from 'class-validator';
import {
  Body,
  Controller,
  Get,
  HttpApplication,
  Param,
  ParseIntPipe,
  Post,
  Query,
  DefaultValuePipe,
} from '@tenon/http';

class ItemDto {
  @IsString() name!: string;
  @IsInt() @Min(0) count!: number;
}

@Controller()
class InputController {
  @Post('items') create(@Body() dto: ItemDto) {
    return dto;
  }
  @Post('raw') raw(@Body() body: unknown) {
    return { type: typeof body, polluted: ({} as Record<string, unknown>).polluted ?? null };
  }
  @Get('items') list(@Query('page', new DefaultValuePipe('1'), ParseIntPipe) page: number) {
    return { page };
  }
  @Get('files/:name') file(@Param('name') name: string) {
    return { name };
  }
  @Get('tree/*') tree(@Param('*') rest: string) {
    return { rest };
  }
}

@Module({ controllers: [InputController] })
class InputModule {}

const PROBLEM = 'application/problem+json; charset=utf-8';

function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

interface Case {
  name: string;
  /** Sent through a real socket: light-my-request resolves %2E%2E segments like a browser would. */
  socket?: boolean;
  request: Parameters<HttpApplication['inject']>[0];
  status: number;
  body: Record<string, unknown>;
}

const json = { 'content-type': 'application/json' };

const cases: Case[] = [
  {
    name: 'malformed JSON',
    request: { method: 'POST', url: '/items', headers: json, payload: '{"name": "x",' },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_MALFORMED_JSON',
      detail: expect.stringMatching(/^The request body is not valid JSON \(.+\): fix the JSON syntax\.$/),
    },
  },
  {
    name: 'a content type without a parser',
    request: {
      method: 'POST',
      url: '/items',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    },
    status: 415,
    body: {
      title: 'Unsupported Media Type',
      code: 'TENON_HTTP_UNSUPPORTED_MEDIA_TYPE',
      detail: 'Unsupported Media Type',
    },
  },
  {
    name: 'text sent to a JSON endpoint',
    request: { method: 'POST', url: '/items', headers: { 'content-type': 'text/plain' }, payload: 'name=x' },
    status: 415,
    body: {
      title: 'Unsupported Media Type',
      code: 'TENON_HTTP_UNSUPPORTED_MEDIA_TYPE',
      detail:
        'This endpoint expects a JSON body, but the request\'s Content-Type is "text/plain": send Content-Type: application/json.',
    },
  },
  {
    name: 'an empty JSON body',
    request: { method: 'POST', url: '/items', headers: json, payload: '' },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_EMPTY_BODY',
      detail:
        'The request says its body is JSON but the body is empty: send a JSON document or drop the Content-Type header.',
    },
  },
  {
    name: 'no body where one is required',
    request: { method: 'POST', url: '/items' },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_EMPTY_BODY',
      detail: 'This endpoint needs a request body: send a JSON object with Content-Type: application/json.',
    },
  },
  {
    name: 'a body over the limit',
    request: {
      method: 'POST',
      url: '/raw',
      headers: json,
      payload: JSON.stringify({ big: 'x'.repeat(70_000) }),
    },
    status: 413,
    body: {
      title: 'Payload Too Large',
      code: 'TENON_HTTP_BODY_TOO_LARGE',
      detail: 'The request body is larger than this server accepts: send a smaller body.',
    },
  },
  {
    name: '__proto__ deep in the body',
    request: {
      method: 'POST',
      url: '/raw',
      headers: json,
      payload: '{"a":{"b":[{"__proto__":{"polluted":true}}]}}',
    },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_FORBIDDEN_JSON_KEY',
      detail:
        'The JSON body contains the key "__proto__" at $.a.b[0]: such keys can alter object prototypes and are refused. Rename the property.',
    },
  },
  {
    name: 'constructor.prototype in the body',
    request: {
      method: 'POST',
      url: '/raw',
      headers: json,
      payload: '{"constructor":{"prototype":{"polluted":true}}}',
    },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_FORBIDDEN_JSON_KEY',
      detail:
        'The JSON body contains the key "constructor" at $: such keys can alter object prototypes and are refused. Rename the property.',
    },
  },
  {
    name: 'a prototype key spelled with escapes',
    request: {
      method: 'POST',
      url: '/raw',
      headers: json,
      payload: '{"x":{"\\u0070rototype":{"polluted":true}}}',
    },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_FORBIDDEN_JSON_KEY',
      detail:
        'The JSON body contains the key "prototype" at $.x: such keys can alter object prototypes and are refused. Rename the property.',
    },
  },
  {
    name: '10,000 levels of nesting',
    request: { method: 'POST', url: '/raw', headers: json, payload: nested(10_000) },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_JSON_TOO_DEEP',
      detail: 'The JSON body is nested more than 128 levels deep: flatten the document.',
    },
  },
  {
    name: 'a 1,000,000-element array',
    request: {
      method: 'POST',
      url: '/raw',
      headers: json,
      payload: `[${new Array(1_000_000).fill('0').join(',')}]`,
    },
    status: 413,
    body: {
      title: 'Payload Too Large',
      code: 'TENON_HTTP_BODY_TOO_LARGE',
      detail: 'The request body is larger than this server accepts: send a smaller body.',
    },
  },
  {
    name: 'a string where a number is expected, and a number where a string is expected',
    request: { method: 'POST', url: '/items', payload: { name: 5, count: '5' } },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_VALIDATION_FAILED',
      detail: 'The request body has 2 invalid fields: see errors.',
      errors: [
        { property: 'name', constraints: { isString: 'name must be a string' }, value: 5 },
        {
          property: 'count',
          constraints: { isInt: 'count must be an integer number', min: 'count must not be less than 0' },
          value: '5',
        },
      ],
    },
  },
  {
    name: 'an array where an object is expected',
    request: { method: 'POST', url: '/items', payload: [1, 2] },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_VALIDATION_FAILED',
      detail: 'The request body must be a JSON object.',
    },
  },
  {
    name: 'a query array where a scalar is expected',
    request: { method: 'GET', url: '/items?page=1&page=2' },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_VALIDATION_FAILED',
      detail: 'The query parameter "page" must be an integer.',
      errors: [{ property: 'page', constraints: { isInt: 'page must be an integer' } }],
    },
  },
  {
    name: 'invalid UTF-8 in the body',
    request: {
      method: 'POST',
      url: '/raw',
      headers: json,
      payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_INVALID_UTF8',
      detail: 'The request body is not valid UTF-8: encode the JSON text as UTF-8.',
    },
  },
  {
    name: 'invalid UTF-8 in the URL',
    request: { method: 'GET', url: '/files/%FF%FE' },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_BAD_URL',
      detail: 'The URL contains an invalid percent-encoded sequence: encode it as UTF-8.',
    },
  },
  {
    name: 'an encoded slash in a path parameter',
    request: { method: 'GET', url: '/files/..%2F..%2Fetc%2Fpasswd' },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_BAD_URL',
      detail:
        'The route parameter "name" contains an encoded slash, a backslash or a dot segment: encode the value differently (e.g. base64url) or change the route.',
    },
  },
  {
    name: 'encoded dots in a path parameter',
    socket: true,
    request: { method: 'GET', url: '/files/%2E%2E' },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_BAD_URL',
      detail:
        'The route parameter "name" contains an encoded slash, a backslash or a dot segment: encode the value differently (e.g. base64url) or change the route.',
    },
  },
  {
    name: 'a dot segment in a wildcard',
    socket: true,
    request: { method: 'GET', url: '/tree/a/%2E%2E/%2E%2E/secret' },
    status: 400,
    body: {
      title: 'Bad Request',
      code: 'TENON_HTTP_BAD_URL',
      detail:
        'The route parameter "*" contains an encoded slash, a backslash or a dot segment: encode the value differently (e.g. base64url) or change the route.',
    },
  },
  {
    name: 'an unknown route',
    request: { method: 'GET', url: '/nowhere?token=secret' },
    status: 404,
    body: {
      title: 'Not Found',
      code: 'TENON_HTTP_ROUTE_NOT_FOUND',
      detail: 'No route matches GET /nowhere.',
      instance: '/nowhere',
    },
  },
  {
    name: 'a known path with an unknown method',
    request: { method: 'DELETE', url: '/items' },
    status: 405,
    body: {
      title: 'Method Not Allowed',
      code: 'TENON_HTTP_METHOD_NOT_ALLOWED',
      detail: 'DELETE is not allowed on /items: use GET, HEAD, POST.',
    },
  },
];

async function overSocket(app: HttpApplication, req: { url: string }) {
  const address = app.fastify.server.address();
  if (!address) await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.fastify.server.address() as { port: number };
  return new Promise<{ statusCode: number; headers: Record<string, unknown>; json(): unknown }>(
    (resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: req.url }, (res) => {
        let data = '';
        res.on('data', (chunk: Buffer) => (data += chunk.toString()));
        res.on('end', () =>
          resolve({
            statusCode: res.statusCode!,
            headers: res.headers,
            json: () => JSON.parse(data) as unknown,
          }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('bad input', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(InputModule, { logger: false, bodyLimit: 64 * 1024 });
  });
  afterAll(() => app.close());

  it('answers every kind of bad input with a clear 4xx problem, never a 500', async () => {
    const results = [];
    for (const c of cases) {
      const res = c.socket
        ? await overSocket(app, c.request as { url: string })
        : await app.inject(c.request);
      const url = typeof c.request === 'string' ? c.request : (c.request.url as string);
      results.push({
        name: c.name,
        status: res.statusCode,
        type: res.headers['content-type'],
        body: res.json() as unknown,
      });
      expect(results.at(-1)).toEqual({
        name: c.name,
        status: c.status,
        type: PROBLEM,
        body: { type: 'about:blank', status: c.status, instance: url.split('?')[0], ...c.body },
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
  });

  it('still accepts the good inputs next to each bad one', async () => {
    expect(
      (await app.inject({ method: 'POST', url: '/items', payload: { name: 'a', count: 1 } })).json(),
    ).toEqual({ name: 'a', count: 1 });
    expect((await app.inject('/items')).json()).toEqual({ page: 1 });
    expect((await app.inject('/files/report.pdf')).json()).toEqual({ name: 'report.pdf' });
    expect((await app.inject('/tree/a/b/c.txt')).json()).toEqual({ rest: 'a/b/c.txt' });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/raw',
          payload: { constructorName: 'ok', deep: nested(100) },
        })
      ).json(),
    ).toEqual({
      type: 'object',
      polluted: null,
    });
  });

  it('accepts a body whose valid UTF-8 spells the replacement character U+FFFD', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/items',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.from('{"name":"a\uFFFDb","count":1}', 'utf8'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ name: 'a\uFFFDb', count: 1 });
  });
});
