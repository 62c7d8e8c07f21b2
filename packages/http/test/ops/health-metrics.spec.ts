import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import {
  Controller,
  Get,
  HealthModule,
  HttpApplication,
  HttpBootError,
  MetricsModule,
  Param,
  type HealthIndicator,
} from '@tenon/http';

@Injectable()
class Flags {
  dbUp = true;
}

@Injectable()
class DatabaseHealthIndicator implements HealthIndicator {
  constructor(private readonly flags: Flags) {}
  async check() {
    return this.flags.dbUp
      ? { status: 'up' as const, details: { latencyMs: 1 } }
      : { status: 'down' as const, details: { error: 'connection refused' } };
  }
}

@Module({ providers: [Flags], exports: [Flags] })
class FlagsModule {}

@Controller('todos')
class TodoController {
  @Get(':id') get(@Param('id') id: string) {
    return { id };
  }
}

@Module({
  imports: [
    FlagsModule,
    HealthModule.forRoot({
      imports: [FlagsModule],
      indicators: [DatabaseHealthIndicator, { name: 'disk', check: async () => ({ status: 'up' }) }],
      timeout: 50,
    }),
    MetricsModule.forRoot(),
  ],
  controllers: [TodoController],
})
class AppModule {}

describe('HealthModule and MetricsModule', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false, globalPrefix: 'api' });
  });
  afterAll(() => app.close());

  it('answers liveness and readiness with every indicator', async () => {
    expect((await app.inject('/api/health/live')).json()).toEqual({ status: 'up' });
    const ready = await app.inject('/api/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'up',
      checks: { database: { status: 'up', details: { latencyMs: 1 } }, disk: { status: 'up' } },
    });
  });

  it('answers 503 with the checks when an indicator is down', async () => {
    app.get(Flags).dbUp = false;
    try {
      const ready = await app.inject('/api/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(ready.json()).toEqual({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'Not ready: database is down.',
        instance: '/api/health/ready',
        code: 'TENON_HTTP_HEALTH_CHECK_FAILED',
        checks: {
          database: { status: 'down', details: { error: 'connection refused' } },
          disk: { status: 'up' },
        },
      });
    } finally {
      app.get(Flags).dbUp = true;
    }
  });

  it('counts requests and latency by route pattern and serves process metrics', async () => {
    await app.inject('/api/todos/1');
    await app.inject('/api/todos/2');
    await app.inject('/api/nowhere/at/all');
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(404);
    const metrics = await app.inject('/api/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = metrics.body;
    expect(text).toContain('http_requests_total{method="GET",route="/api/todos/:id",status="200"} 2');
    expect(text).toContain('http_requests_total{method="GET",route="<unmatched>",status="404"} 2');
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/api/todos/:id",status="200"} 2',
    );
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/todos\/:id",status="200"\} \d/,
    );
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('refuses an indicator without check()', () => {
    expect(() => HealthModule.forRoot({ indicators: [{} as HealthIndicator] })).toThrow(HttpBootError);
    try {
      HealthModule.forRoot({ indicators: [{} as HealthIndicator] });
    } catch (error) {
      expect((error as HttpBootError).code).toBe('TENON_HTTP_INVALID_HEALTH_INDICATOR');
      expect((error as Error).message).toBe(
        "Health indicator #0 (object) has no check() method. Fix: give a provider class or an object whose check() returns Promise<{ status: 'up' | 'down', details? }>.",
      );
    }
  });
});

describe('HealthModule imported bare, without forRoot()', () => {
  @Module({ imports: [HealthModule] })
  class BareModule {}

  it('mounts liveness and readiness with no indicator, as NestJS users import a module', async () => {
    const app = await HttpApplication.create(BareModule, { logger: false });
    const live = await app.inject('/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'up' });
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'up' });
    await app.close();
  });
});

describe('MetricsModule imported bare, without forRoot()', () => {
  @Controller('ping')
  class PingController {
    @Get() ping() {
      return { ok: true };
    }
  }

  @Module({ imports: [MetricsModule], controllers: [PingController] })
  class BareModule {}

  it('serves GET /metrics with the default options, counting requests by route', async () => {
    const app = await HttpApplication.create(BareModule, { logger: false });
    expect((await app.inject('/ping')).statusCode).toBe(200);
    const metrics = await app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('http_requests_total{method="GET",route="/ping",status="200"} 1');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
    await app.close();
  });

  it('takes the options of forRoot() over the defaults', async () => {
    @Module({
      imports: [MetricsModule.forRoot({ prefix: 'shop_', defaultMetrics: false })],
      controllers: [PingController],
    })
    class PrefixedModule {}
    const app = await HttpApplication.create(PrefixedModule, { logger: false });
    await app.inject('/ping');
    const body = (await app.inject('/metrics')).body;
    expect(body).toContain('shop_http_requests_total{method="GET",route="/ping",status="200"} 1');
    expect(body).not.toContain('process_cpu_user_seconds_total');
    await app.close();
  });
});
