import 'reflect-metadata';
import { Inject, Injectable, Module, Scope } from '@tenon/core';
import { IsString } from 'class-validator';
import {
  Body,
  Catch,
  Controller,
  Get,
  HttpApplication,
  HttpException,
  NoController,
  PayloadTooLargeException,
  Post,
  REQUEST,
  UseFilters,
  type ExceptionFilter,
  type ExecutionContext,
  type HttpReply,
  type HttpRequest,
} from '@tenon/http';

class ArticleDto {
  @IsString() title!: string;
}

@Controller('articles')
class ArticleController {
  @Post() create(@Body() dto: ArticleDto) {
    return dto;
  }
  @Post('raw') raw(@Body() body: unknown) {
    return { body };
  }
  @Get(':slug') find() {
    return { ok: true };
  }
}

// The RealWorld API's error shape: 422 with { errors: { body: [...] } } for every client error.
@Catch(HttpException)
class RealWorldFilter implements ExceptionFilter<HttpException> {
  catch(error: HttpException, ctx: ExecutionContext) {
    const handler = ctx.getHandler() as { name: string };
    ctx
      .getReply<HttpReply>()
      .code(error.status === 400 ? 422 : error.status)
      .send({
        errors: { body: [error.detail ?? error.message] },
        code: error.code,
        class: error.constructor.name,
        where: `${ctx.getClass().name}.${handler.name}`,
      });
  }
}

@Module({ controllers: [ArticleController] })
class AppModule {}

const json = { 'content-type': 'application/json' };

interface Case {
  name: string;
  request: Parameters<HttpApplication['inject']>[0];
  status: number;
  body: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'malformed JSON',
    request: { method: 'POST', url: '/articles', headers: json, payload: '{"title": "x",' },
    status: 422,
    body: {
      errors: {
        body: [expect.stringMatching(/^The request body is not valid JSON \(.+\): fix the JSON syntax\.$/)],
      },
      code: 'TENON_HTTP_MALFORMED_JSON',
      class: 'BadRequestException',
      where: 'ArticleController.create',
    },
  },
  {
    name: 'an empty JSON body',
    request: { method: 'POST', url: '/articles', headers: json, payload: '' },
    status: 422,
    body: {
      errors: {
        body: [
          'The request says its body is JSON but the body is empty: send a JSON document or drop the Content-Type header.',
        ],
      },
      code: 'TENON_HTTP_EMPTY_BODY',
      class: 'BadRequestException',
      where: 'ArticleController.create',
    },
  },
  {
    name: 'invalid UTF-8',
    request: {
      method: 'POST',
      url: '/articles',
      headers: json,
      payload: Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    },
    status: 422,
    body: {
      errors: { body: ['The request body is not valid UTF-8: encode the JSON text as UTF-8.'] },
      code: 'TENON_HTTP_INVALID_UTF8',
      class: 'BadRequestException',
      where: 'ArticleController.create',
    },
  },
  {
    name: 'nesting deeper than maxJsonDepth',
    request: {
      method: 'POST',
      url: '/articles/raw',
      headers: json,
      payload: '{"a":{"a":{"a":{"a":{"a":1}}}}}',
    },
    status: 422,
    body: {
      errors: { body: ['The JSON body is nested more than 3 levels deep: flatten the document.'] },
      code: 'TENON_HTTP_JSON_TOO_DEEP',
      class: 'BadRequestException',
      where: 'ArticleController.raw',
    },
  },
  {
    name: 'a body over the limit',
    request: {
      method: 'POST',
      url: '/articles/raw',
      headers: json,
      payload: JSON.stringify({ title: 'x'.repeat(300) }),
    },
    status: 413,
    body: {
      errors: { body: ['The request body is larger than this server accepts: send a smaller body.'] },
      code: 'TENON_HTTP_BODY_TOO_LARGE',
      class: 'PayloadTooLargeException',
      where: 'ArticleController.raw',
    },
  },
  {
    name: 'a media type without a parser',
    request: {
      method: 'POST',
      url: '/articles',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    },
    status: 415,
    body: {
      errors: { body: ['Unsupported Media Type'] },
      code: 'TENON_HTTP_UNSUPPORTED_MEDIA_TYPE',
      class: 'UnsupportedMediaTypeException',
      where: 'ArticleController.create',
    },
  },
  {
    name: 'an unknown route',
    request: { method: 'GET', url: '/nowhere?token=secret' },
    status: 404,
    body: {
      errors: { body: ['No route matches GET /nowhere.'] },
      code: 'TENON_HTTP_ROUTE_NOT_FOUND',
      class: 'NotFoundException',
      where: 'NoController.handle',
    },
  },
  {
    name: 'a wrong method',
    request: { method: 'DELETE', url: '/articles' },
    status: 405,
    body: {
      errors: { body: ['DELETE is not allowed on /articles: use POST.'] },
      code: 'TENON_HTTP_METHOD_NOT_ALLOWED',
      class: 'MethodNotAllowedException',
      where: 'NoController.handle',
    },
  },
  {
    name: 'a URL that does not decode',
    request: { method: 'GET', url: '/articles/%FF%FE' },
    status: 422,
    body: {
      errors: { body: ['The URL contains an invalid percent-encoded sequence: encode it as UTF-8.'] },
      code: 'TENON_HTTP_BAD_URL',
      class: 'BadRequestException',
      where: 'NoController.handle',
    },
  },
];

describe('global exception filters see errors raised before the handler', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, {
      logger: false,
      openapi: false,
      bodyLimit: 256,
      maxJsonDepth: 3,
      globalFilters: [RealWorldFilter],
    });
  });
  afterAll(() => app.close());

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const res = await app.inject(c.request);
    expect(res.statusCode).toBe(c.status);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.json()).toEqual(c.body);
  });

  it('keeps the Allow header of a 405 whatever the filter sends', async () => {
    const res = await app.inject({ method: 'PUT', url: '/articles/one' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('leaves successful requests alone', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/articles',
      headers: json,
      payload: '{"title":"x"}',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ title: 'x' });
  });
});

describe('filters of a known route', () => {
  @Catch(PayloadTooLargeException)
  class TooLargeFilter implements ExceptionFilter {
    catch(_error: unknown, ctx: ExecutionContext) {
      ctx.getReply<HttpReply>().code(413);
      return { tooLarge: true };
    }
  }

  @Catch()
  class GlobalFilter implements ExceptionFilter {
    catch(error: unknown, ctx: ExecutionContext) {
      ctx
        .getReply<HttpReply>()
        .code(418)
        .send({ global: (error as Error).constructor.name });
    }
  }

  @Controller('uploads')
  @UseFilters(TooLargeFilter)
  class UploadController {
    @Post() upload(@Body() body: unknown) {
      return body;
    }
  }

  @Module({ controllers: [UploadController] })
  class UploadModule {}

  it('run nearest first for body errors, then the global ones', async () => {
    const app = await HttpApplication.create(UploadModule, {
      logger: false,
      openapi: false,
      bodyLimit: 64,
      globalFilters: [GlobalFilter],
    });
    const large = await app.inject({
      method: 'POST',
      url: '/uploads',
      headers: json,
      payload: JSON.stringify({ data: 'x'.repeat(100) }),
    });
    // A returned value is sent with the status the filter set.
    expect(large.statusCode).toBe(413);
    expect(large.json()).toEqual({ tooLarge: true });
    const malformed = await app.inject({ method: 'POST', url: '/uploads', headers: json, payload: '{' });
    expect(malformed.statusCode).toBe(418);
    expect(malformed.json()).toEqual({ global: 'BadRequestException' });
    await app.close();
  });
});

describe('the default problem response stays', () => {
  class Unrelated extends Error {}

  @Catch(Unrelated)
  class UnrelatedFilter implements ExceptionFilter {
    catch() {
      return { unrelated: true };
    }
  }

  @Catch()
  class ThrowingFilter implements ExceptionFilter {
    catch(): never {
      throw new HttpException('The filter refused.', 409, { code: 'FILTER_REFUSED' });
    }
  }

  @Catch()
  class SilentFilter implements ExceptionFilter {
    catch() {
      return undefined;
    }
  }

  it('when no global filter matches', async () => {
    const app = await HttpApplication.create(AppModule, { logger: false, globalFilters: [UnrelatedFilter] });
    const res = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"detail":"No route matches GET /nowhere.","instance":"/nowhere","code":"TENON_HTTP_ROUTE_NOT_FOUND"}',
    );
    await app.close();
  });

  it('for what a filter throws, and for errors a filter neither sends nor returns', async () => {
    const throwing = await HttpApplication.create(AppModule, {
      logger: false,
      globalFilters: [ThrowingFilter],
    });
    const res = await throwing.inject({ method: 'POST', url: '/articles', headers: json, payload: '{' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'FILTER_REFUSED', detail: 'The filter refused.' });
    await throwing.close();
    const silent = await HttpApplication.create(AppModule, { logger: false, globalFilters: [SilentFilter] });
    const empty = await silent.inject({ method: 'POST', url: '/articles', headers: json, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'TENON_HTTP_EMPTY_BODY' });
    await silent.close();
  });
});

describe('request-scoped global filters', () => {
  @Injectable({ scope: Scope.REQUEST })
  @Catch()
  class ScopedFilter implements ExceptionFilter {
    constructor(@Inject(REQUEST) private readonly request: HttpRequest) {}
    catch(error: unknown, ctx: ExecutionContext) {
      ctx
        .getReply<HttpReply>()
        .code(400)
        .send({
          url: this.request.url,
          same: ctx.getRequest() === this.request,
          error: (error as Error).constructor.name,
        });
    }
  }

  it('get the request for errors before the handler and for unknown routes', async () => {
    const app = await HttpApplication.create(AppModule, {
      logger: false,
      requestScope: 'auto',
      globalFilters: [ScopedFilter],
    });
    expect((await app.inject('/missing')).json()).toEqual({
      url: '/missing',
      same: true,
      error: 'NotFoundException',
    });
    expect(
      (await app.inject({ method: 'POST', url: '/articles', headers: json, payload: '{' })).json(),
    ).toEqual({
      url: '/articles',
      same: true,
      error: 'BadRequestException',
    });
    await app.close();
  });
});

describe('HttpRequest and HttpReply', () => {
  it('are the types of the objects handlers receive', async () => {
    @Controller('typed')
    class TypedController {
      @Get(':id') find() {
        return { ok: true };
      }
    }
    @Module({ controllers: [TypedController] })
    class TypedModule {}
    const app = await HttpApplication.create(TypedModule, { logger: false });
    app.fastify.addHook('onRequest', (request: HttpRequest, reply: HttpReply, done) => {
      reply.header('x-seen', request.method);
      done();
    });
    expect((await app.inject('/typed/1')).headers['x-seen']).toBe('GET');
    await app.close();
  });

  it('NoController is a class whose handle method carries no metadata', () => {
    expect(typeof NoController).toBe('function');
    expect(Reflect.getMetadataKeys(NoController.prototype.handle)).toEqual([]);
  });
});
