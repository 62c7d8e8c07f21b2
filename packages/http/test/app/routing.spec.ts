import 'reflect-metadata';
import { Readable } from 'node:stream';
import { Injectable, Module } from '@tenon/core';
import { IsInt, IsString, Length, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  All,
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpApplication,
  HttpCode,
  Ip,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Redirect,
  Req,
  Res,
  createParamDecorator,
} from '@tenon/http';

class CreateTodoDto {
  @IsString() @Length(1, 20) title!: string;
  @IsInt() @Min(1) priority!: number;
}

@Injectable()
class TodoService {
  private readonly todos = new Map<number, { id: number; title: string }>([[1, { id: 1, title: 'first' }]]);
  find(id: number) {
    const todo = this.todos.get(id);
    if (!todo) throw new NotFoundException(`Todo ${id} does not exist.`);
    return todo;
  }
}

const UserAgent = createParamDecorator(
  (_data: unknown, ctx) => ctx.getRequest<FastifyRequest>().headers['user-agent'],
);

@Controller('todos')
class TodoController {
  constructor(private readonly service: TodoService) {}

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.service.find(id);
  }

  @Get()
  async list(@Query('q') q?: string) {
    await new Promise((r) => setTimeout(r, 1));
    return { q: q ?? null };
  }

  @Post()
  @HttpCode(201)
  @Header('Location', '/todos/2')
  create(@Body() dto: CreateTodoDto) {
    return { created: dto, isInstance: dto instanceof CreateTodoDto };
  }

  @Delete(':id')
  remove(@Param('id', ParseIntPipe) _id: number): void {}
}

@Controller('misc')
class MiscController {
  @Get('text') text() {
    return 'plain';
  }
  @Get('buffer') buffer() {
    return Buffer.from('bytes');
  }
  @Get('stream') stream() {
    return Readable.from(['a', 'b', 'c']);
  }
  @Get('raw') raw(@Res() reply: FastifyReply) {
    reply.code(202).header('x-raw', '1').send({ raw: true });
  }
  @Get('pass') pass(@Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('x-pass', 'yes');
    return { pass: true };
  }
  @Get('who') who(
    @Ip() ip: string,
    @Headers('X-Custom') custom: string,
    @UserAgent() ua: string,
    @Req() req: FastifyRequest,
  ) {
    return { ip, custom, ua, url: req.url };
  }
  @Get('go') @Redirect('/todos', 301) go() {}
  @Get('go-dynamic') @Redirect('/todos') goDynamic(@Query('to') to: string) {
    return { url: to, statusCode: 307 };
  }
  @Get('files/*') files(@Param('*') rest: string) {
    return { rest };
  }
  @All('any') any(@Req() req: FastifyRequest) {
    return { method: req.method };
  }
}

@Module({ controllers: [TodoController, MiscController], providers: [TodoService] })
class AppModule {}

describe('routing and responses', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false });
  });
  afterAll(() => app.close());

  it('routes params through pipes to the handler and returns JSON', async () => {
    const res = await app.inject('/todos/1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({ id: 1, title: 'first' });
  });

  it('answers HttpExceptions as problem+json', async () => {
    const res = await app.inject('/todos/9');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Todo 9 does not exist.',
      instance: '/todos/9',
    });
  });

  it('rejects a non-integer param with a 400 problem naming the parameter', async () => {
    const res = await app.inject('/todos/abc');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The route parameter "id" must be an integer.',
      instance: '/todos/abc',
      code: 'TENON_HTTP_VALIDATION_FAILED',
      errors: [{ property: 'id', constraints: { isInt: 'id must be an integer' } }],
    });
  });

  it('awaits async handlers and reads query values', async () => {
    expect((await app.inject('/todos?q=milk')).json()).toEqual({ q: 'milk' });
  });

  it('validates and transforms DTO bodies, with @HttpCode and @Header', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/todos',
      payload: { title: 'x', priority: 2, extra: 'stripped' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/todos/2');
    expect(res.json()).toEqual({ created: { title: 'x', priority: 2 }, isInstance: true });
  });

  it('answers 204 for handlers returning undefined', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/todos/1' });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
  });

  it('sends strings, buffers and streams as they are', async () => {
    const text = await app.inject('/misc/text');
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toBe('plain');
    const buffer = await app.inject('/misc/buffer');
    expect(buffer.headers['content-type']).toBe('application/octet-stream');
    expect(buffer.body).toBe('bytes');
    const stream = await app.inject('/misc/stream');
    expect(stream.body).toBe('abc');
  });

  it('lets @Res() handlers send the response themselves, or pass through', async () => {
    const raw = await app.inject('/misc/raw');
    expect(raw.statusCode).toBe(202);
    expect(raw.headers['x-raw']).toBe('1');
    expect(raw.json()).toEqual({ raw: true });
    const pass = await app.inject('/misc/pass');
    expect(pass.headers['x-pass']).toBe('yes');
    expect(pass.json()).toEqual({ pass: true });
  });

  it('reads @Ip, @Headers, @Req and custom parameter decorators', async () => {
    const res = await app.inject({ url: '/misc/who', headers: { 'x-custom': 'c', 'user-agent': 'jest' } });
    expect(res.json()).toEqual({ ip: '127.0.0.1', custom: 'c', ua: 'jest', url: '/misc/who' });
  });

  it('redirects with @Redirect, and the handler may override the target', async () => {
    const fixed = await app.inject('/misc/go');
    expect(fixed.statusCode).toBe(301);
    expect(fixed.headers.location).toBe('/todos');
    const dynamic = await app.inject('/misc/go-dynamic?to=/elsewhere');
    expect(dynamic.statusCode).toBe(307);
    expect(dynamic.headers.location).toBe('/elsewhere');
  });

  it('supports wildcards and @All', async () => {
    expect((await app.inject('/misc/files/a/b.txt')).json()).toEqual({ rest: 'a/b.txt' });
    expect((await app.inject({ method: 'PATCH', url: '/misc/any' })).json()).toEqual({ method: 'PATCH' });
  });

  it('answers unknown routes with 404 and known paths with a wrong method with 405 and Allow', async () => {
    const missing = await app.inject('/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(missing.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route matches GET /nope.',
      instance: '/nope',
      code: 'TENON_HTTP_ROUTE_NOT_FOUND',
    });
    const wrong = await app.inject({ method: 'PUT', url: '/todos/1' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('GET, HEAD, DELETE');
    expect(wrong.json()).toEqual({
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      detail: 'PUT is not allowed on /todos/1: use GET, HEAD, DELETE.',
      instance: '/todos/1',
      code: 'TENON_HTTP_METHOD_NOT_ALLOWED',
    });
  });

  it('accepts, echoes or generates the request id', async () => {
    const given = await app.inject({ url: '/todos/1', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await app.inject({
      url: '/todos/1',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
