import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientProxyFactory,
  EventPattern,
  Payload,
  Transport,
  type ClientProxy,
} from '@nestjs/microservices';
import amqplib from 'amqplib';
import { lastValueFrom } from 'rxjs';
import { SUBJECT, payload, type Broker, type VariantFactory } from './variant';

// NestJS's transports as it ships them: NATS is core NATS (no JetStream, no ack), Redis is
// pub/sub (nothing stored), RabbitMQ a durable queue with Nest's defaults. On NATS a queue group,
// as Tenon's core NATS consumer group and the raw variant have (competing consumers).
function options(broker: Broker, namespace: string): Record<string, unknown> {
  if (broker.name === 'nats' || broker.name === 'nats-core')
    return { transport: Transport.NATS, options: { servers: [broker.url], queue: 'bench' } };
  if (broker.name === 'rabbitmq')
    return {
      transport: Transport.RMQ,
      options: {
        urls: [broker.url],
        queue: `${namespace}.nest`,
        queueOptions: { durable: true },
        prefetchCount: 64,
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
      @Controller()
      class Handler {
        @EventPattern(subject)
        on(@Payload() message: object): void {
          received((message as { t: number }).t);
        }
      }
      @Module({ controllers: [Handler] })
      class BenchModule {}
      const config = options(broker, namespace);
      app = await NestFactory.createMicroservice(BenchModule, { ...config, logger: false } as never);
      await app.listen();
      const proxy = ClientProxyFactory.create(config as never) as unknown as ClientProxy;
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
