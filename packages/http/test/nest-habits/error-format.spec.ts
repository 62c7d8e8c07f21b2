import 'reflect-metadata';
import { Module } from '@tenon/core';
import { IsInt, IsString } from 'class-validator';
import {
  Body,
  Controller,
  Get,
  HttpApplication,
  HttpException,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  RequestTimeoutException,
  UseGuards,
} from '@tenon/http';

class CreateCat {
  @IsString() name!: string;
  @IsInt() age!: number;
}

@Controller('cats')
class CatsController {
  @Post() create(@Body() cat: CreateCat) {
    return cat;
  }
  @Get('missing') missing() {
    throw new NotFoundException('No cat 3');
  }
  @Get('timeout') timeout() {
    throw new RequestTimeoutException();
  }
  @Get('object') object() {
    throw new HttpException({ status: 403, error: 'No access' }, 403);
  }
  @Get('crash') crash() {
    throw new Error('secret table name');
  }
  @Get('denied') @UseGuards({ canActivate: () => false }) denied() {}
  @Get(':id') one(@Param('id', ParseIntPipe) id: number) {
    return { id };
  }
}

@Module({ controllers: [CatsController] })
class AppModule {}

describe("errorFormat: 'nest'", () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false, errorFormat: 'nest' });
  });
  afterAll(() => app.close());

  it.each([
    ['/cats/missing', 404, { statusCode: 404, message: 'No cat 3', error: 'Not Found' }],
    ['/cats/timeout', 408, { statusCode: 408, message: 'Request Timeout' }],
    ['/cats/object', 403, { statusCode: 403, status: 403, error: 'No access' }],
    ['/cats/crash', 500, { statusCode: 500, message: 'Internal server error' }],
    ['/cats/denied', 403, { statusCode: 403, message: 'Forbidden resource', error: 'Forbidden' }],
    ['/dogs', 404, { statusCode: 404, message: 'No route matches GET /dogs.', error: 'Not Found' }],
  ])('%s answers %d with the NestJS body', async (url, status, body) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual(body);
  });

  it('validation messages come as an array of strings, as from NestJS ValidationPipe', async () => {
    const res = await app.inject({ method: 'POST', url: '/cats', payload: { name: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      message: ['name must be a string', 'age must be an integer number'],
      error: 'Bad Request',
    });
  });

  it('pipes and body parsing answer in the same shape', async () => {
    expect((await app.inject('/cats/abc')).json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const bad = await app.inject({
      method: 'POST',
      url: '/cats',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('problem+json stays the default, and a wrong value is a boot error', async () => {
    await expect(
      HttpApplication.create(AppModule, { logger: false, errorFormat: 'xml' as 'nest' }),
    ).rejects.toMatchObject({
      code: 'TENON_HTTP_INVALID_OPTIONS',
      message: `The option errorFormat of HttpApplication.create() is "xml". Fix: give 'problem' or 'nest'.`,
    });
    const plain = await HttpApplication.create(AppModule, { logger: false });
    try {
      const res = await plain.inject('/cats/missing');
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    } finally {
      await plain.close();
    }
  });
});
