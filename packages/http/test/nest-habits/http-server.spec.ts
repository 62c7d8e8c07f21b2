import 'reflect-metadata';
import { Module } from '@tenon/core';
import request from 'supertest';
import { Body, Controller, Get, HttpApplication, Post } from '@tenon/http';

@Controller('cats')
class CatsController {
  @Get() list() {
    return ['Tom'];
  }
  @Post() create(@Body() cat: { name: string }) {
    return cat;
  }
}

@Module({ controllers: [CatsController] })
class AppModule {}

describe('app.getHttpServer(), app.getUrl(), app.init()', () => {
  it('supertest works on getHttpServer() after init()', async () => {
    const app = await HttpApplication.create(AppModule, { logger: false, readinessGrace: 0 });
    try {
      await app.init();
      await app.init(); // idempotent
      await request(app.getHttpServer()).get('/cats').expect(200).expect(['Tom']);
      await request(app.getHttpServer()).post('/cats').send({ name: 'Felix' }).expect(201, { name: 'Felix' });
      await request(app.getHttpServer())
        .get('/dogs')
        .expect(404)
        .expect('content-type', /problem\+json/);
    } finally {
      await app.close();
    }
  });

  it('getHttpServer() before init() is TENON_HTTP_NOT_INITIALIZED', async () => {
    const app = await HttpApplication.create(AppModule, { logger: false, readinessGrace: 0 });
    try {
      expect(() => app.getHttpServer()).toThrow(
        expect.objectContaining({
          code: 'TENON_HTTP_NOT_INITIALIZED',
          message:
            'app.getHttpServer() was called before the application was initialized: its routes are mounted by init(), listen() or the first inject(). ' +
            'Fix: await app.init() (or app.listen()) first, e.g. in beforeAll: app = await moduleRef.createHttpApplication(); await app.init();',
        }),
      );
    } finally {
      await app.close();
    }
  });

  it('getUrl() gives the listening URL, and TENON_HTTP_NOT_LISTENING before listen()', async () => {
    const app = await HttpApplication.create(AppModule, { logger: false, readinessGrace: 0 });
    try {
      await app.init();
      expect(() => app.getUrl()).toThrow(
        expect.objectContaining({
          code: 'TENON_HTTP_NOT_LISTENING',
          message:
            'app.getUrl() was called but the server is not listening on a port (init() and inject() open none). ' +
            'Fix: await app.listen({ port: 0 }) first, or use the URL listen() returns.',
        }),
      );
      await app.listen({ port: 0, host: '127.0.0.1' });
      expect(app.getUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${app.getUrl()}/cats`);
      expect(await res.json()).toEqual(['Tom']);
      await request(app.getHttpServer()).get('/cats').expect(200);
    } finally {
      await app.close();
    }
  });

  it('a wildcard address is given as the loopback one', async () => {
    const app = await HttpApplication.create(AppModule, { logger: false, readinessGrace: 0 });
    try {
      await app.listen({ port: 0, host: '0.0.0.0' });
      expect(app.getUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await app.close();
    }
  });
});
