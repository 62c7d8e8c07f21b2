import 'reflect-metadata';
import { join } from 'node:path';
import { Module } from '@tenon/core';
import fastifyHelmet from '@fastify/helmet';
import Fastify from 'fastify';
import { Controller, Get, HttpApplication, Query, Render } from '@tenon/http';

@Controller()
class SecureController {
  @Get('ping') ping() {
    return { pong: true };
  }
  @Get('page') @Render('page') page(@Query('note') note = 'none') {
    return { title: 'Todos', note };
  }
}

@Module({ controllers: [SecureController] })
class SecureModule {}

const web = {
  views: { root: join(__dirname, '../fixtures/views') },
  staticFiles: { root: join(__dirname, '../fixtures/public'), prefix: '/assets/' },
};

const HEADERS = [
  'x-content-type-options',
  'x-frame-options',
  'content-security-policy',
  'strict-transport-security',
  'referrer-policy',
  'cross-origin-resource-policy',
];

describe('security headers', () => {
  describe('by default', () => {
    let app: HttpApplication;
    beforeAll(async () => {
      app = await HttpApplication.create(SecureModule, { logger: false, ...web });
    });
    afterAll(() => app.close());

    it.each([
      ['a 200', '/ping', 200],
      ['a 404 problem', '/nowhere', 404],
      ['a 405 problem', { method: 'DELETE' as const, url: '/ping' }, 405],
      // Fastify answers it before the onRequest hooks.
      ['a URL that does not decode', '/%', 400],
      ['a rendered view', '/page', 200],
      ['a static file', '/assets/hello.txt', 200],
      ['the OpenAPI document', '/openapi.json', 200],
    ])('are on %s', async (_name, request, status) => {
      const res = await app.inject(request);
      expect(res.statusCode).toBe(status);
      for (const header of HEADERS)
        expect({ header, value: res.headers[header] }).toEqual({ header, value: expect.any(String) });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('leave views and static files working', async () => {
      const page = await app.inject(`/page?note=${encodeURIComponent('<b>')}`);
      expect(page.body).toBe('<h1>Todos</h1>\n<p>&lt;b&gt;</p>\n');
      expect((await app.inject('/assets/hello.txt')).body).toBe('hello static\n');
    });

    it('cover Swagger UI with a policy that allows its inline styles (the browser test loads it)', async () => {
      const ui = await app.inject('/docs/');
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-security-policy']).toContain("script-src 'self'");
      expect(ui.headers['content-security-policy']).toContain("style-src 'self' https: 'unsafe-inline'");
      expect(ui.headers['x-content-type-options']).toBe('nosniff');
      expect((await app.inject('/docs/static/swagger-initializer.js')).statusCode).toBe(200);
    });
  });

  it('take @fastify/helmet options', async () => {
    const app = await HttpApplication.create(SecureModule, {
      logger: false,
      ...web,
      helmet: {
        frameguard: { action: 'deny' },
        contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'https://cdn.example.test'] } },
      },
    });
    const res = await app.inject('/ping');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("img-src 'self' https://cdn.example.test");
    await app.close();
  });

  it('are off with helmet: false', async () => {
    const app = await HttpApplication.create(SecureModule, { logger: false, helmet: false, ...web });
    const res = await app.inject('/ping');
    expect(res.statusCode).toBe(200);
    for (const header of HEADERS) expect(res.headers[header]).toBeUndefined();
    const ui = await app.inject('/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-security-policy']).toBeUndefined();
    await app.close();
  });

  it('are exactly the headers @fastify/helmet sends, with the same options', async () => {
    const options = { frameguard: { action: 'deny' as const }, hsts: { maxAge: 600 } };
    const reference = Fastify();
    await reference.register(fastifyHelmet, options);
    reference.get('/ping', () => ({ pong: true }));
    const app = await HttpApplication.create(SecureModule, { logger: false, ...web, helmet: options });
    const ours = (await app.inject('/ping')).headers;
    const theirs = (await reference.inject('/ping')).headers;
    const security = (h: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(h).filter(
          ([k]) =>
            !/^(content-|date|connection|x-request-id|keep-alive)/.test(k) || k === 'content-security-policy',
        ),
      );
    expect(security(ours)).toEqual(security(theirs));
    expect(Object.keys(security(ours)).length).toBeGreaterThanOrEqual(12);
    await app.close();
    await reference.close();
  });

  it('run a CSP directive that is a function for every request', async () => {
    let calls = 0;
    const app = await HttpApplication.create(SecureModule, {
      logger: false,
      ...web,
      helmet: {
        contentSecurityPolicy: {
          directives: { 'script-src': ["'self'", () => `'nonce-n${++calls}'`] },
        },
      },
    });
    expect((await app.inject('/ping')).headers['content-security-policy']).toContain(
      "script-src 'self' 'nonce-n1'",
    );
    expect((await app.inject('/ping')).headers['content-security-policy']).toContain(
      "script-src 'self' 'nonce-n2'",
    );
    await app.close();
  });

  it('leave CSP nonces to @fastify/helmet (enableCSPNonces)', async () => {
    const app = await HttpApplication.create(SecureModule, {
      logger: false,
      ...web,
      helmet: { enableCSPNonces: true },
    });
    const first = (await app.inject('/ping')).headers['content-security-policy'] as string;
    const second = (await app.inject('/ping')).headers['content-security-policy'] as string;
    expect(first).toMatch(/script-src 'self' 'nonce-[0-9a-f]{32}'/);
    expect(first).not.toBe(second);
    await app.close();
  });
});
