import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import { HealthModule, HttpApplication, MetricsModule } from '@tenon/http';
import {
  EventPattern,
  MessageObserver,
  MessagingClient,
  MessagingHealthIndicator,
  MessagingModule,
  inMemory,
  type MessagingTransport,
} from '@tenon/messaging';

@Injectable()
class Orders {
  @EventPattern('orders.created')
  created(): void {}
}

/** An in-memory transport whose connection a test can drop (status only). */
function switchable(): { transport: MessagingTransport; down(value: boolean): void } {
  const transport = inMemory();
  const status = transport.status.bind(transport);
  let down = false;
  transport.status = () => ({ ...status(), connected: status().connected && !down });
  return { transport, down: (value) => (down = value) };
}

async function start(health: Parameters<typeof HealthModule.forRoot>[0] = {}) {
  const broker = switchable();
  @Module({
    imports: [
      MessagingModule.forRoot({ transport: broker.transport }),
      HealthModule.forRoot(health),
      MetricsModule.forRoot({ prefix: 'shop_', defaultMetrics: false }),
    ],
    providers: [Orders],
  })
  class AppModule {}
  const app = await HttpApplication.create(AppModule, { logger: false });
  return { app, broker };
}

// Boots whole applications: room for a loaded machine (the assertions do not time anything).
jest.setTimeout(30_000);

describe('readiness and metrics of messaging in an HTTP application', () => {
  it('reports the broker connection in /health/ready without being listed, and 503 when it is down', async () => {
    const { app, broker } = await start();
    try {
      const ready = await app.inject('/health/ready');
      expect(ready.statusCode).toBe(200);
      expect(ready.json().checks.messaging).toMatchObject({
        status: 'up',
        details: { transport: 'in-memory', handlers: 1, inFlight: 0 },
      });
      broker.down(true);
      const down = await app.inject('/health/ready');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({
        detail: 'Not ready: messaging is down.',
        checks: { messaging: { status: 'down' } },
      });
    } finally {
      await app.close();
    }
  });

  it('checks it once when the application lists it too', async () => {
    const { app } = await start({ indicators: [MessagingHealthIndicator] });
    try {
      const ready = await app.inject('/health/ready');
      expect(Object.keys(ready.json().checks)).toEqual(['messaging']);
    } finally {
      await app.close();
    }
  });

  it('records messages per subject in the MetricsModule registry, with its prefix', async () => {
    const { app } = await start();
    try {
      const handled = app.get(MessageObserver).handled('orders.created', { timeout: 30_000 });
      await app.get(MessagingClient).emit('orders.created', { id: 1 });
      await handled;
      const text = (await app.inject('/metrics')).body;
      expect(text).toContain(
        'shop_messaging_messages_total{subject="orders.created",kind="event",outcome="handled"} 1',
      );
      expect(text).toContain(
        'shop_messaging_handler_duration_seconds_count{subject="orders.created",kind="event"} 1',
      );
    } finally {
      await app.close();
    }
  });

  it('records none with metrics: false', async () => {
    @Module({
      imports: [
        MessagingModule.forRoot({ transport: inMemory(), metrics: false }),
        MetricsModule.forRoot({ defaultMetrics: false }),
      ],
      providers: [Orders],
    })
    class AppModule {}
    const app = await HttpApplication.create(AppModule, { logger: false });
    try {
      const handled = app.get(MessageObserver).handled('orders.created', { timeout: 30_000 });
      await app.get(MessagingClient).emit('orders.created', { id: 1 });
      await handled;
      expect((await app.inject('/metrics')).body).not.toContain('messaging_messages_total');
    } finally {
      await app.close();
    }
  });
});
