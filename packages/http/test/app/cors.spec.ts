import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Controller, Get, HttpApplication, Options, Post } from '@tenon/http';

@Controller()
class CorsController {
  @Get('ping') ping() {
    return { pong: true };
  }
  @Post('ping') post() {
    return { posted: true };
  }
  @Get('described') described() {
    return 'd';
  }
  @Options('described') describe() {
    return { methods: ['GET', 'OPTIONS'] };
  }
}

@Module({ controllers: [CorsController] })
class CorsModule {}

const PROBLEM = 'application/problem+json; charset=utf-8';
const PREFLIGHT = { origin: 'https://app.example.test', 'access-control-request-method': 'POST' };

describe('cors', () => {
  describe('cors: true', () => {
    let app: HttpApplication;
    beforeAll(async () => {
      app = await HttpApplication.create(CorsModule, { logger: false, cors: true });
    });
    afterAll(() => app.close());

    it('answers a preflight with 204 and the CORS headers', async () => {
      const res = await app.inject({ method: 'OPTIONS', url: '/ping', headers: PREFLIGHT });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']).toBe('GET,HEAD,POST');
      expect(res.body).toBe('');
    });

    it('answers a preflight on a path with an @Options() handler as a preflight', async () => {
      const res = await app.inject({ method: 'OPTIONS', url: '/described', headers: PREFLIGHT });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    });

    it('adds the CORS headers to cross-origin requests', async () => {
      const res = await app.inject({ url: '/ping', headers: { origin: 'https://app.example.test' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    });

    it('sends an OPTIONS request without preflight headers to the route table: 405 problem with Allow', async () => {
      for (const headers of [
        {},
        { origin: 'https://app.example.test' },
        { 'access-control-request-method': 'GET' },
      ]) {
        const res = await app.inject({ method: 'OPTIONS', url: '/ping', headers });
        expect(res.statusCode).toBe(405);
        expect(res.headers['content-type']).toBe(PROBLEM);
        expect(res.headers.allow).toBe('GET, HEAD, POST');
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        expect(res.json()).toEqual({
          type: 'about:blank',
          title: 'Method Not Allowed',
          status: 405,
          detail: 'OPTIONS is not allowed on /ping: use GET, HEAD, POST.',
          instance: '/ping',
          code: 'TENON_HTTP_METHOD_NOT_ALLOWED',
        });
      }
    });

    it('sends it to the @Options() handler where there is one, and to the 404 problem elsewhere', async () => {
      const handled = await app.inject({ method: 'OPTIONS', url: '/described' });
      expect(handled.statusCode).toBe(200);
      expect(handled.json()).toEqual({ methods: ['GET', 'OPTIONS'] });
      const unknown = await app.inject({ method: 'OPTIONS', url: '/nowhere' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-type']).toBe(PROBLEM);
      expect(unknown.json()).toMatchObject({ status: 404, code: 'TENON_HTTP_ROUTE_NOT_FOUND' });
    });
  });

  it('keeps @fastify/cors answering every OPTIONS request with strictPreflight: false', async () => {
    const app = await HttpApplication.create(CorsModule, {
      logger: false,
      cors: { origin: ['https://app.example.test'], strictPreflight: false },
    });
    const res = await app.inject({ method: 'OPTIONS', url: '/ping' });
    expect(res.statusCode).toBe(204);
    await app.close();
  });

  it("uses the application's own delegator for the requests that are CORS's business", async () => {
    const app = await HttpApplication.create(CorsModule, {
      logger: false,
      cors: {
        delegator: (request, callback) =>
          callback(null, {
            origin: request.headers.origin === 'https://ok.test' ? 'https://ok.test' : false,
          }),
      },
    });
    const ok = await app.inject({
      method: 'OPTIONS',
      url: '/ping',
      headers: { ...PREFLIGHT, origin: 'https://ok.test' },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://ok.test');
    const refused = await app.inject({ url: '/ping', headers: { origin: 'https://evil.test' } });
    expect(refused.statusCode).toBe(200);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect((await app.inject({ method: 'OPTIONS', url: '/ping' })).statusCode).toBe(405);
    await app.close();
  });

  it('is off unless configured', async () => {
    const app = await HttpApplication.create(CorsModule, { logger: false });
    const preflight = await app.inject({ method: 'OPTIONS', url: '/ping', headers: PREFLIGHT });
    expect(preflight.statusCode).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await app.inject({ url: '/ping', headers: { origin: 'https://app.example.test' } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
    await app.close();
  });
});
