import 'reflect-metadata';
import { join } from 'node:path';
import { Module } from '@tenon/core';
import { Controller, Get, HttpApplication, Query, Render } from '@tenon/http';

@Controller('pages')
class PagesController {
  @Get() @Render('page') page(@Query('note') note = 'none') {
    return { title: 'Todos', note };
  }
}

@Module({ controllers: [PagesController] })
class WebModule {}

describe('views and static files', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(WebModule, {
      logger: false,
      views: { root: join(__dirname, '../fixtures/views') },
      staticFiles: { root: join(__dirname, '../fixtures/public'), prefix: '/assets/' },
    });
  });
  afterAll(() => app.close());

  it('renders @Render templates with eta, escaping HTML from data', async () => {
    const res = await app.inject(`/pages?note=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toBe('<h1>Todos</h1>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(res.body).not.toContain('<script>');
  });

  it('serves static files through @fastify/static', async () => {
    const res = await app.inject('/assets/hello.txt');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('hello static\n');
    expect((await app.inject('/assets/missing.txt')).statusCode).toBe(404);
  });
});
