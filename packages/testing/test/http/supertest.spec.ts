import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import request from 'supertest';
import { APP_GUARD, Body, Controller, Get, Post, type CanActivate, type HttpApplication } from '@tenon/http';
import { Test } from '@tenon/testing';

// A NestJS-style e2e file: createHttpApplication() (createNestApplication()'s counterpart),
// init(), then supertest on getHttpServer(), with the module's APP_GUARD overridden.

@Injectable()
class DenyAll implements CanActivate {
  canActivate() {
    return false;
  }
}

@Controller('cats')
class CatsController {
  @Get() list() {
    return ['Tom'];
  }
  @Post() create(@Body() cat: { name: string }) {
    return cat;
  }
}

@Module({ controllers: [CatsController], providers: [{ provide: APP_GUARD, useClass: DenyAll }] })
class AppModule {}

describe('Cats (e2e) with supertest', () => {
  let app: HttpApplication;

  beforeAll(async () => {
    app = await Test.createTestingModule({ imports: [AppModule] })
      .overrideGuard(DenyAll)
      .useValue({ canActivate: () => true })
      .createHttpApplication();
    await app.init();
  });

  afterAll(() => app.close());

  it('GET /cats', () => request(app.getHttpServer()).get('/cats').expect(200).expect(['Tom']));

  it('POST /cats answers 201', () =>
    request(app.getHttpServer()).post('/cats').send({ name: 'Felix' }).expect(201, { name: 'Felix' }));

  it('without the override the module guard denies', async () => {
    const denied = await Test.createTestingModule({ imports: [AppModule] }).createHttpApplication();
    try {
      await denied.init();
      await request(denied.getHttpServer()).get('/cats').expect(403);
    } finally {
      await denied.close();
    }
  });
});
