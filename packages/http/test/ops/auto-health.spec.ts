import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import { AUTO_HEALTH_INDICATOR, HealthModule, HttpApplication, type HealthIndicator } from '@tenon/http';

@Injectable()
class QueueHealthIndicator implements HealthIndicator {
  readonly [AUTO_HEALTH_INDICATOR] = true;
  async check() {
    return { status: 'up' as const, details: { depth: 0 } };
  }
}

@Injectable()
class UnmarkedHealthIndicator implements HealthIndicator {
  async check() {
    return { status: 'down' as const };
  }
}

@Module({ providers: [QueueHealthIndicator, UnmarkedHealthIndicator], exports: [QueueHealthIndicator] })
class QueueModule {}

describe('AUTO_HEALTH_INDICATOR', () => {
  it('adds marked providers to readiness without listing them, and only those', async () => {
    @Module({
      imports: [
        QueueModule,
        HealthModule.forRoot({ indicators: [{ name: 'disk', check: async () => ({ status: 'up' }) }] }),
      ],
    })
    class AppModule {}
    const app = await HttpApplication.create(AppModule, { logger: false });
    try {
      const ready = await app.inject('/health/ready');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({
        status: 'up',
        checks: { disk: { status: 'up' }, queue: { status: 'up', details: { depth: 0 } } },
      });
    } finally {
      await app.close();
    }
  });

  it('checks a marked class once when it is listed too', async () => {
    @Module({
      imports: [
        QueueModule,
        HealthModule.forRoot({ imports: [QueueModule], indicators: [QueueHealthIndicator] }),
      ],
    })
    class AppModule {}
    const app = await HttpApplication.create(AppModule, { logger: false });
    try {
      const spy = jest.spyOn(QueueHealthIndicator.prototype, 'check');
      const ready = await app.inject('/health/ready');
      expect(Object.keys(ready.json().checks)).toEqual(['queue']);
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockRestore();
    } finally {
      await app.close();
    }
  });
});
