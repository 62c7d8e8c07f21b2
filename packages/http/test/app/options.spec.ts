import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Controller, Get, HttpApplication, Ip, VERSION_NEUTRAL, Version } from '@tenon/http';

@Controller({ path: 'cats', version: '1' })
class CatsV1 {
  @Get() list() {
    return 'cats v1';
  }
  @Get('new') @Version('2') newest() {
    return 'new cats v2';
  }
}

@Controller({ path: 'cats', version: '2' })
class CatsV2 {
  @Get() list() {
    return 'cats v2';
  }
}

@Controller({ path: 'ping', version: VERSION_NEUTRAL })
class Ping {
  @Get() ping(@Ip() ip: string) {
    return { ip };
  }
}

@Controller('dogs')
class Dogs {
  @Get() list() {
    return 'dogs (default version)';
  }
}

@Controller({ path: 'admin', host: 'admin.example.test' })
class Admin {
  @Get() home() {
    return 'admin';
  }
}

@Module({ controllers: [CatsV1, CatsV2, Ping, Dogs, Admin] })
class AppModule {}

// Without versioning, CatsV1 and CatsV2 would be the same routes: a boot error.
@Module({ controllers: [Ping, Admin] })
class PlainModule {}

describe('application options', () => {
  it('mounts routes under the global prefix and URI versions, with a default version', async () => {
    const app = await HttpApplication.create(AppModule, {
      logger: false,
      globalPrefix: 'api',
      versioning: { type: 'uri', defaultVersion: '1' },
    });
    expect((await app.inject('/api/v1/cats')).body).toBe('cats v1');
    expect((await app.inject('/api/v2/cats')).body).toBe('cats v2');
    expect((await app.inject('/api/v2/cats/new')).body).toBe('new cats v2');
    expect((await app.inject('/api/v1/dogs')).body).toBe('dogs (default version)');
    expect((await app.inject('/api/ping')).statusCode).toBe(200);
    expect((await app.inject('/api/cats')).statusCode).toBe(404);
    await app.close();
  });

  it('selects versions by header, with requests without the header served by the default version', async () => {
    const app = await HttpApplication.create(AppModule, {
      logger: false,
      versioning: { type: 'header', header: 'X-API-Version', defaultVersion: '1' },
    });
    expect((await app.inject({ url: '/cats', headers: { 'x-api-version': '2' } })).body).toBe('cats v2');
    expect((await app.inject({ url: '/cats', headers: { 'x-api-version': '1' } })).body).toBe('cats v1');
    expect((await app.inject('/cats')).body).toBe('cats v1');
    expect((await app.inject('/dogs')).body).toBe('dogs (default version)');
    expect((await app.inject({ url: '/ping', headers: { 'x-api-version': '7' } })).statusCode).toBe(200);
    await app.close();
  });

  it('prints the route table at debug level through the application logger', async () => {
    const lines: { msg: string; level: number }[] = [];
    const destination = {
      write: (line: string) => void lines.push(JSON.parse(line) as { msg: string; level: number }),
    };
    const app = await HttpApplication.create(PlainModule, {
      logger: { level: 'debug', format: 'json', destination },
      globalPrefix: 'api',
    });
    const table = lines.find((l) => l.msg.startsWith('Routes:'));
    expect(table).toEqual(
      expect.objectContaining({
        level: 20,
        msg: 'Routes:\nGET     /api/ping → Ping.ping\nGET     /api/admin [host admin.example.test] → Admin.home',
      }),
    );
    await app.close();
  });

  it('gives Fastify no logger when the application writes no logs', async () => {
    const silent = await HttpApplication.create(PlainModule, { logger: false });
    // Fastify's null logger is its own child: no per-request child logger is built.
    expect(silent.fastify.log.child({})).toBe(silent.fastify.log);
    await silent.close();
    const writing = await HttpApplication.create(PlainModule, { logger: { level: 'error' } });
    expect(writing.fastify.log.child({})).not.toBe(writing.fastify.log);
    await writing.close();
  });

  it('routes by host', async () => {
    const app = await HttpApplication.create(PlainModule, { logger: false });
    expect((await app.inject({ url: '/admin', headers: { host: 'admin.example.test' } })).body).toBe('admin');
    expect((await app.inject({ url: '/admin', headers: { host: 'www.example.test' } })).statusCode).toBe(404);
    await app.close();
  });

  it('adds CORS and security headers through the official plugins, and trusts proxies when told', async () => {
    const app = await HttpApplication.create(PlainModule, {
      logger: false,
      cors: { origin: ['https://app.example.test'] },
      helmet: true,
      trustProxy: true,
    });
    const res = await app.inject({
      url: '/ping',
      headers: { origin: 'https://app.example.test', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.test');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.json()).toEqual({ ip: '203.0.113.7' });
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/ping',
      headers: { origin: 'https://app.example.test', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(204);
    await app.close();
  });

  it('rate-limits with a 429 problem and retry headers', async () => {
    const app = await HttpApplication.create(PlainModule, {
      logger: false,
      rateLimit: { max: 2, timeWindow: 60_000 },
    });
    await app.inject('/ping');
    await app.inject('/ping');
    const limited = await app.inject('/ping');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.json()).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Rate limit exceeded, retry in 1 minute',
      instance: '/ping',
      code: 'TENON_HTTP_TOO_MANY_REQUESTS',
    });
    await app.close();
  });
});
