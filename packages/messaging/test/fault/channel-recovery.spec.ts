import 'reflect-metadata';
import { ApplicationContext, Injectable, Module } from '@tenon/core';
import amqplib, { type Channel, type ConfirmChannel } from 'amqplib';
import {
  EventPattern,
  MessagePattern,
  MessagingClient,
  MessagingModule,
  Payload,
  rabbitmq,
  type RabbitMqTransport,
} from '@tenon/messaging';
import { uniqueName } from '../../../../test-support/unique-name';

/*
 * RabbitMQ closes a channel, not the connection, on a channel error (PRECONDITION_FAILED,
 * NOT_FOUND, a message over max_message_size) and cancels a consumer whose queue is deleted. The
 * transport must re-create the channel on the same connection: consumers consume again,
 * publishes and requests go through again, and the process does not die of the channel's error.
 */

const url = process.env.TENON_TEST_AMQP_URL;
const suite = url ? describe : describe.skip;
if (!url)
  it.skip('skipped: TENON_TEST_AMQP_URL is not set (e.g. amqp://guest:guest@127.0.0.1:5672)', () =>
    undefined);

const handled: number[] = [];

@Injectable()
class Handlers {
  @EventPattern('channel.counted', { group: 'recovery' })
  counted(@Payload('n') n: number): void {
    handled.push(n);
  }

  @MessagePattern('channel.echo')
  echo(@Payload('n') n: number): number {
    return n;
  }
}

/** The transport's internals this suite reaches into to break a channel on purpose. */
interface Internals {
  consumers: Array<{ channel: Channel; tag: string }>;
  link: { publisher: Promise<ConfirmChannel>; replies: Channel } | undefined;
  reconnects: number;
}

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const closed = (channel: Channel): Promise<void> => new Promise((r) => channel.once('close', () => r()));

suite('RabbitMQ: a channel the broker closes while the connection stays', () => {
  jest.setTimeout(30_000);
  let app: ApplicationContext;
  let transport: RabbitMqTransport;
  let internals: Internals;
  let client: MessagingClient;
  let namespace: string;
  let sent = 0;

  /** Emits one event and waits for its handler. */
  async function roundTrip(): Promise<void> {
    const n = ++sent;
    await client.emit('channel.counted', { n });
    await until(
      () => handled.includes(n),
      10_000,
      () => `event ${n} not handled (handled: ${handled.join(',')})`,
    );
  }

  beforeEach(async () => {
    handled.length = 0;
    namespace = uniqueName('tenon_test_channel');
    transport = rabbitmq({ url: url!, prefix: namespace });
    internals = transport as unknown as Internals;
    @Module({ imports: [MessagingModule.forRoot({ transport })], providers: [Handlers] })
    class RecoveryModule {}
    app = await ApplicationContext.create(RecoveryModule, { logger: false });
    client = app.get(MessagingClient);
    await roundTrip();
  });

  afterEach(async () => {
    await transport.deleteResources();
    await app.close();
  });

  it('consumes again after a PRECONDITION_FAILED closed the consumer channel', async () => {
    const consumer = internals.consumers.find((c) => c.channel !== undefined)!.channel;
    const gone = closed(consumer);
    // An ack of a delivery tag the broker never gave: 406 PRECONDITION_FAILED, channel closed.
    consumer.ack({ fields: { deliveryTag: 999_999 } } as never);
    await gone;
    await roundTrip();
    await roundTrip();
    expect(internals.reconnects).toBe(0);
    expect(transport.status().connected).toBe(true);
    expect(String(transport.status().details.lastError)).toContain('PRECONDITION_FAILED');
  });

  it('consumes again after the broker cancelled the consumer (its queue was deleted)', async () => {
    const before = internals.consumers.map((c) => c.channel);
    const connection = await amqplib.connect(url!);
    const channel = await connection.createChannel();
    await channel.deleteQueue(`${namespace}.recovery.channel.counted`);
    await connection.close();
    // Events published before the queue is declared again would be unroutable: wait for it.
    await until(
      () => internals.consumers.some((c) => !before.includes(c.channel)),
      10_000,
      () => 'the cancelled consumer was not set up again',
    );
    await roundTrip();
    expect(internals.reconnects).toBe(0);
  });

  it('publishes again after a publish the broker refused closed the publisher channel', async () => {
    const publisher = await internals.link!.publisher;
    const gone = closed(publisher);
    // No such exchange: 404 NOT_FOUND closes the publisher's channel.
    publisher.publish(`${namespace}.missing`, 'x', Buffer.from('{}'), {}, () => undefined);
    await gone;
    await roundTrip();
    await expect(client.send('channel.echo', { n: 7 })).resolves.toBe(7);
    expect(internals.reconnects).toBe(0);
  });

  it('refuses a message over max_message_size with an error, and goes on publishing', async () => {
    // RabbitMQ's default max_message_size is 128 MiB; the broker closes the channel at the header.
    const huge = new Uint8Array(128 * 1024 * 1024 + 1);
    const error = await transport
      .publish({ subject: 'channel.counted', body: huge, headers: {} })
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/PRECONDITION_FAILED|closed/i);
    await roundTrip();
    expect(internals.reconnects).toBe(0);
  });

  it('answers requests again after the reply channel was closed by the broker', async () => {
    const replies = internals.link!.replies;
    const gone = closed(replies);
    replies.ack({ fields: { deliveryTag: 999_999 } } as never);
    await gone;
    await new Promise((r) => setTimeout(r, 300));
    await expect(client.send('channel.echo', { n: 3 })).resolves.toBe(3);
  });
});
