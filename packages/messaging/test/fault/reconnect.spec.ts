import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { ApplicationContext, Injectable, Module } from '@tenon/core';
import Redis from 'ioredis';
import {
  EventPattern,
  MessagePattern,
  MessagingClient,
  MessagingModule,
  Payload,
  rabbitmq,
  redisStreams,
  type MessagingTransport,
} from '@tenon/messaging';
import { uniqueName } from '../../../../test-support/unique-name';

const amqpUrl = process.env.TENON_TEST_AMQP_URL;
const redisUrl = process.env.TENON_TEST_REDIS_URL;

function hasRabbitmqctl(): boolean {
  try {
    execFileSync('rabbitmqctl', ['status'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

const handled = new Map<number, number>();

@Injectable()
class Counter {
  @EventPattern('fault.counted', { group: 'fault', concurrency: 4 })
  async counted(@Payload('n') n: number): Promise<void> {
    await new Promise((r) => setTimeout(r, 10));
    handled.set(n, (handled.get(n) ?? 0) + 1);
  }

  @MessagePattern('fault.echo')
  echo(@Payload('n') n: number): number {
    return n;
  }
}

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Emits 1..100, cuts the broker connections while the handlers are busy, emits 101..200 (a
 * publish made while the connection is down waits for the new one), and expects every one of
 * the 200 events handled (at least once: one whose ack was lost with the connection comes again)
 * and request-reply to work again.
 */
async function survivesConnectionLoss(
  transport: MessagingTransport,
  cut: () => Promise<void>,
  cleanup: () => Promise<void>,
): Promise<void> {
  handled.clear();
  @Module({
    imports: [MessagingModule.forRoot({ transport, retry: { initialDelayMs: 100, maxDelayMs: 500 } })],
    providers: [Counter],
  })
  class FaultModule {}
  const app = await ApplicationContext.create(FaultModule, { logger: false });
  const client = app.get(MessagingClient);
  const emit = async (n: number): Promise<void> => {
    // A publish whose confirm was lost with the connection fails: the caller (or the outbox
    // relay) publishes again; what matters is that no confirmed publish is lost.
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.emit('fault.counted', { n });
      } catch (error) {
        if (attempt > 20) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  try {
    for (let n = 1; n <= 100; n++) await emit(n);
    await until(
      () => handled.size >= 20,
      20_000,
      () => `${handled.size} of 20 handled before the cut`,
    );
    await cut();
    for (let n = 101; n <= 200; n++) await emit(n);
    await until(
      () => handled.size === 200,
      60_000,
      () =>
        `${handled.size} of 200 handled; missing ${Array.from({ length: 200 }, (_, i) => i + 1)
          .filter((n) => !handled.has(n))
          .slice(0, 20)
          .join(',')}`,
    );
    await until(
      () => transport.status().connected,
      10_000,
      () => 'not connected again',
    );
    await expect(client.send('fault.echo', { n: 7 }, { timeout: 10_000 })).resolves.toBe(7);
  } finally {
    await app.close();
    await cleanup();
  }
}

const rabbitSkip = !amqpUrl
  ? 'TENON_TEST_AMQP_URL is not set'
  : !hasRabbitmqctl()
    ? 'rabbitmqctl is not available to close the connection from the broker side'
    : undefined;

(rabbitSkip ? describe.skip : describe)('RabbitMQ: broker closes the connection', () => {
  jest.setTimeout(120_000);
  it('reconnects, consumes again, and loses no event', async () => {
    const prefix = uniqueName('tenon_fault');
    const transport = rabbitmq({
      url: amqpUrl!,
      prefix,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
    });
    await survivesConnectionLoss(
      transport,
      async () => {
        const name = transport.status().details.connection as string;
        // Only this test's connection: other applications share the broker.
        const listed = execFileSync('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties'], {
          encoding: 'utf8',
          timeout: 30_000,
        });
        const pids = listed
          .split('\n')
          .filter((line) => line.includes(name))
          .map((line) => line.split('\t')[0]!);
        expect(pids).toHaveLength(1);
        execFileSync('rabbitmqctl', ['close_connection', pids[0]!, 'tenon fault test'], {
          stdio: 'ignore',
          timeout: 30_000,
        });
        await until(
          () => !transport.status().connected,
          10_000,
          () => 'the connection did not drop',
        );
      },
      async () => {
        const cleaner = rabbitmq({ url: amqpUrl!, prefix });
        await cleaner.connect();
        const queues = (transport as unknown as { queues: Set<string> }).queues;
        for (const q of queues) (cleaner as unknown as { queues: Set<string> }).queues.add(q);
        await cleaner.deleteResources();
        await cleaner.close();
      },
    );
    expect(transport.status().details.reconnects).toBeGreaterThanOrEqual(1);
  });
});

(redisUrl ? describe : describe.skip)('Redis: server kills the client connections', () => {
  jest.setTimeout(120_000);
  it('reconnects, resumes its consumers, and loses no event', async () => {
    const prefix = uniqueName('tenon_fault');
    const transport = redisStreams({ url: redisUrl!, prefix, blockMs: 200 });
    const admin = new Redis(redisUrl!);
    try {
      await survivesConnectionLoss(
        transport,
        async () => {
          const name = `tenon:${transport.status().details.consumer as string}`;
          // Only this test's connections: other applications share the server.
          const ids = ((await admin.client('LIST')) as string)
            .split('\n')
            .filter((line) => line.includes(` name=${name} `))
            .map((line) => /\bid=(\d+)/.exec(line)![1]!);
          expect(ids.length).toBeGreaterThanOrEqual(3);
          for (const id of ids) await admin.client('KILL', 'ID', id);
        },
        async () => {
          const cleaner = redisStreams({ url: redisUrl!, prefix });
          await cleaner.connect();
          await cleaner.deleteResources();
          await cleaner.close();
        },
      );
    } finally {
      admin.disconnect();
    }
  });
});
