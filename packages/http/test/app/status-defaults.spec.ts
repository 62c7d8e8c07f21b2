import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Body, Controller, Get, HttpApplication, HttpCode, HttpStatus, Post, Put } from '@tenon/http';

@Controller('cats')
class CatsController {
  @Post() create(@Body() body: unknown) {
    return body;
  }
  @Post('fire') fire() {
    return undefined;
  }
  @Post('login') @HttpCode(HttpStatus.OK) login() {
    return { token: 't' };
  }
  @Post('accepted') @HttpCode(HttpStatus.ACCEPTED) accepted() {
    return undefined;
  }
  @Put(':id') replace() {
    return { ok: true };
  }
  @Get('none') none() {
    return undefined;
  }
}

@Module({ controllers: [CatsController] })
class AppModule {}

describe('success status defaults (NestJS habits)', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false });
  });
  afterAll(() => app.close());

  it('POST answers 201 by default, with or without a body', async () => {
    const created = await app.inject({ method: 'POST', url: '/cats', payload: { name: 'Tom' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ name: 'Tom' });
    const fired = await app.inject({ method: 'POST', url: '/cats/fire' });
    expect(fired.statusCode).toBe(201);
    expect(fired.body).toBe('');
  });

  it('@HttpCode overrides it', async () => {
    expect((await app.inject({ method: 'POST', url: '/cats/login' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/cats/accepted' })).statusCode).toBe(202);
  });

  it('other methods answer 200, or 204 without a result', async () => {
    expect((await app.inject({ method: 'PUT', url: '/cats/1' })).statusCode).toBe(200);
    expect((await app.inject('/cats/none')).statusCode).toBe(204);
  });

  it('OpenAPI documents the same statuses', async () => {
    const doc = (await app.inject('/openapi.json')).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths['/cats']!.post!.responses)).toContain('201');
    expect(Object.keys(doc.paths['/cats/login']!.post!.responses)).toContain('200');
    expect(Object.keys(doc.paths['/cats/login']!.post!.responses)).not.toContain('201');
    expect(Object.keys(doc.paths['/cats/{id}']!.put!.responses)).toContain('200');
  });
});
