import { connect as natsConnect } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import amqplib from 'amqplib';
import Redis from 'ioredis';
import { SUBJECT, payload, type VariantFactory } from './variant';

const encode = (sentAt: number) => Buffer.from(JSON.stringify(payload(sentAt)));
// Decoded as Tenon's JSON codec decodes (a view on the received bytes, no copy): the same work on both sides.
const sentAtOf = (body: Uint8Array) =>
  (JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as { t: number })
    .t;

/**
 * The client libraries used directly, with the delivery guarantees Tenon gives: a JetStream
 * stream and durable pull consumer with explicit acks; a RabbitMQ quorum queue, bound to a topic
 * exchange as Tenon's are, with publisher
 * confirms, prefetch and acks; a Redis stream with a consumer group and XACK.
 */
export const rawVariant: VariantFactory = (broker, namespace) => {
  if (broker.name === 'nats') return rawNats(broker.url, namespace);
  if (broker.name === 'nats-core') return rawNatsCore(broker.url, namespace);
  if (broker.name === 'rabbitmq') return rawRabbit(broker.url, namespace);
  return rawRedis(broker.url, namespace);
};

function rawNats(url: string, namespace: string): ReturnType<VariantFactory> {
  const stream = `${namespace}_raw`;
  const subject = `${namespace}.${SUBJECT}`;
  let close = async () => undefined as void;
  let publish: (sentAt: number) => Promise<void> = async () => undefined;
  return {
    async start(received) {
      const nc = await natsConnect({ servers: url });
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: stream, subjects: [`${namespace}.>`] });
      await jsm.consumers.add(stream, { durable_name: 'bench', ack_policy: AckPolicy.Explicit });
      const js = jetstream(nc);
      const messages = await (await js.consumers.get(stream, 'bench')).consume({ max_messages: 64 });
      void (async () => {
        for await (const m of messages) {
          received(sentAtOf(m.data));
          m.ack();
        }
      })();
      publish = async (sentAt) => void (await js.publish(subject, encode(sentAt)));
      close = async () => {
        await messages.close();
        await jsm.streams.delete(stream).catch(() => undefined);
        await nc.close();
      };
    },
    publish: (sentAt) => publish(sentAt),
    close: () => close(),
  };
}

/**
 * Core NATS, at most once as Tenon's natsCore() and NestJS's NATS transport: a queue-group
 * subscription.
 */
function rawNatsCore(url: string, namespace: string): ReturnType<VariantFactory> {
  const subject = `${namespace}.${SUBJECT}`;
  let nc: Awaited<ReturnType<typeof natsConnect>> | undefined;
  return {
    async start(received) {
      nc = await natsConnect({ servers: url });
      nc.subscribe(subject, {
        queue: 'bench',
        callback: (error, m) => {
          if (!error) received(sentAtOf(m.data));
        },
      });
      await nc.flush();
    },
    publish: async (sentAt) => nc!.publish(subject, encode(sentAt)),
    close: async () => void (await nc?.close()),
  };
}

function rawRabbit(url: string, namespace: string): ReturnType<VariantFactory> {
  const queue = `${namespace}.raw`;
  // Events go through a topic exchange bound to the queue, as Tenon's do: publishing to the
  // queue itself (the default exchange) would be point-to-point, with no second consumer group
  // able to receive the same event, so it is not the guarantee Tenon gives.
  const exchange = `${namespace}.events`;
  let close = async () => undefined as void;
  let channel: amqplib.ConfirmChannel | undefined;
  return {
    async start(received) {
      const connection = await amqplib.connect(url);
      channel = await connection.createConfirmChannel();
      const consumer = await connection.createChannel();
      await consumer.prefetch(64);
      await consumer.assertExchange(exchange, 'topic', { durable: true });
      await consumer.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
      await consumer.bindQueue(queue, exchange, SUBJECT);
      await consumer.consume(queue, (m) => {
        if (!m) return;
        received(sentAtOf(m.content));
        consumer.ack(m);
      });
      close = async () => {
        await consumer.deleteQueue(queue).catch(() => undefined);
        await consumer.deleteExchange(exchange).catch(() => undefined);
        await connection.close();
      };
    },
    publish: (sentAt) =>
      new Promise((resolve, reject) =>
        channel!.publish(exchange, SUBJECT, encode(sentAt), { persistent: true }, (error) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
        ),
      ),
    close: () => close(),
  };
}

function rawRedis(url: string, namespace: string): ReturnType<VariantFactory> {
  const key = `${namespace}:raw`;
  const redis = new Redis(url);
  const reader = new Redis(url);
  let running = true;
  let loop: Promise<void> = Promise.resolve();
  return {
    async start(received) {
      await redis.xgroup('CREATE', key, 'bench', '0', 'MKSTREAM');
      loop = (async () => {
        while (running) {
          const result = (await reader.callBuffer(
            'XREADGROUP',
            'GROUP',
            'bench',
            'c1',
            'COUNT',
            '64',
            'BLOCK',
            '200',
            'STREAMS',
            key,
            '>',
          )) as Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null;
          // Acknowledged after the handler ran, one XACK per batch read (as Tenon batches them).
          for (const [, entries] of result ?? []) {
            for (const [, fields] of entries) received(sentAtOf(fields[1]!));
            const ids = entries.map(([id]) => id);
            if (ids.length) await redis.xack(key, 'bench', ...ids);
          }
        }
      })();
    },
    publish: async (sentAt) => void (await redis.xadd(key, '*', 'b', encode(sentAt))),
    async close() {
      running = false;
      await loop;
      await redis.del(key);
      reader.disconnect();
      redis.disconnect();
    },
  };
}
