import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientProxyFactory,
  Ctx,
  EventPattern,
  Payload,
  RmqContext,
  Transport,
  type ClientProxy,
} from '@nestjs/microservices';
import amqplib from 'amqplib';
import { lastValueFrom } from 'rxjs';
import { SUBJECT, payload, type Broker, type VariantFactory } from './variant';

// NestJS's transports, as close to Tenon's guarantees as each allows. RabbitMQ can give the same:
// Nest's defaults are at-most-once (`noAck: true`: the broker drops a message as it hands it
// over, and the prefetch does not apply; `persistent: false`: not written to disk), so the
// variant sets `noAck: false` and acks in the handler after it ran, `persistent: true`, and a
// quorum queue with a prefetch of 64 like Tenon's and the raw variant's (Nest's client already
// publishes with confirms, through amqp-connection-manager). NATS and Redis cannot: Nest's NATS
// transport is core NATS (no JetStream: nothing stored, no ack), its Redis transport pub/sub
// (at-most-once: nothing stored, a message published while no one listens is lost). On NATS a
// queue group, as Tenon's core NATS consumer group and the raw variant have (competing consumers).
function options(broker: Broker, namespace: string): Record<string, unknown> {
  if (broker.name === 'nats' || broker.name === 'nats-core')
    return { transport: Transport.NATS, options: { servers: [broker.url], queue: 'bench' } };
  if (broker.name === 'rabbitmq')
    return {
      transport: Transport.RMQ,
      options: {
        urls: [broker.url],
        queue: `${namespace}.nest`,
        queueOptions: { durable: true, arguments: { 'x-queue-type': 'quorum' } },
        prefetchCount: 64,
        noAck: false,
        persistent: true,
      },
    };
  const { hostname, port } = new URL(broker.url);
  return { transport: Transport.REDIS, options: { host: hostname, port: Number(port || 6379) } };
}

/** NestJS microservices: an @EventPattern controller, ClientProxy.emit() to publish. */
export const nestVariant: VariantFactory = (broker, namespace) => {
  let app: INestMicroservice | undefined;
  let client: ClientProxy | undefined;
  const subject = `${namespace}.${SUBJECT}`;
  return {
    async start(received) {
      const manualAck = broker.name === 'rabbitmq';
      @Controller()
      class Handler {
        @EventPattern(subject)
        on(@Payload() message: object, @Ctx() context: unknown): void {
          received((message as { t: number }).t);
          // Acknowledged after the handler ran, as Tenon and the raw variant do.
          if (manualAck) {
            const rmq = context as RmqContext;
            (rmq.getChannelRef() as { ack(message: unknown): void }).ack(rmq.getMessage());
          }
        }
      }
      @Module({ controllers: [Handler] })
      class BenchModule {}
      const config = options(broker, namespace);
      app = await NestFactory.createMicroservice(BenchModule, { ...config, logger: false } as never);
      await app.listen();
      // The client's `noAck` is its reply consumer's (direct reply-to, which must not ack): left default.
      const { noAck: _serverOnly, ...clientOptions } = config.options as Record<string, unknown>;
      const clientConfig = { ...config, options: clientOptions };
      const proxy = ClientProxyFactory.create(clientConfig as never) as unknown as ClientProxy;
      client = proxy;
      await proxy.connect();
    },
    publish: (sentAt) => lastValueFrom(client!.emit(subject, payload(sentAt)), { defaultValue: undefined }),
    async close() {
      await client?.close();
      await app?.close();
      if (broker.name === 'rabbitmq') {
        // Nest leaves its durable queue behind; the broker is shared.
        const connection = await amqplib.connect(broker.url);
        const channel = await connection.createChannel();
        await channel.deleteQueue(`${namespace}.nest`).catch(() => undefined);
        await connection.close();
      }
    },
  };
};
