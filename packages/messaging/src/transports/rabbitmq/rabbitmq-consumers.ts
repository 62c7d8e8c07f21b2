import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConsumeMessage, Options } from 'amqplib';
import { HEADER, type ConsumerSpec, type ResponderSpec } from '../../transport/transport';
import { deadLetterHeaders, settleOnce } from '../delivery-helpers';
import { safeName } from '../subject-names';
import { AckWindow } from './ack-window';

/** Our count of deliveries made by re-publishing (retries); the broker counts redeliveries. */
const TENON_DELIVERY = 'x-tenon-delivery';

/** What the consumers need of their transport; the connection itself is given per setup. */
export interface RabbitMqConsumerHost {
  readonly prefix: string;
  readonly exchange: string;
  readonly dlx: string;
  /** True once the runtime stopped taking messages. */
  readonly stopping: boolean;
  /** Publishes with a publisher confirm on the current connection. */
  confirm(exchange: string, routingKey: string, body: Uint8Array, options: Options.Publish): Promise<void>;
  /** Remembers a declared queue, for `deleteResources()`. */
  declared(queue: string): void;
}

/** Message headers as strings, names lower-cased (AMQP tables may hold numbers and booleans). */
export function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') out[key.toLowerCase()] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key.toLowerCase()] = String(value);
  }
  return out;
}

/**
 * The headers of a delivered event: its AMQP headers plus the message id and content type, which
 * travel as the message's properties (`publish()` does not repeat them in the headers table).
 */
export function eventHeaders(properties: ConsumeMessage['properties']): Record<string, string> {
  const headers = stringHeaders(properties.headers);
  if (headers[HEADER.MESSAGE_ID] === undefined && typeof properties.messageId === 'string')
    headers[HEADER.MESSAGE_ID] = properties.messageId;
  if (headers[HEADER.CONTENT_TYPE] === undefined && typeof properties.contentType === 'string')
    headers[HEADER.CONTENT_TYPE] = properties.contentType;
  return headers;
}

export function rpcQueue(prefix: string, subject: string): string {
  return `${prefix}.rpc.${subject}`;
}

export function eventQueue(prefix: string, group: string, subject: string): string {
  return `${prefix}.${safeName(group)}.${subject}`;
}

// After a reconnect, a message of the old channel cannot be settled any more: the broker
// delivers it again on the new one (at least once), so the failure is not the handler's.
function quietly(act: () => void): void {
  try {
    act();
  } catch {
    // The channel closed with its connection; see above.
  }
}

/**
 * Declares the queues of one consumer group and subject on `connection` and consumes the main
 * queue; run again on each new connection after a reconnect.
 */
export async function setupConsumer(
  host: RabbitMqConsumerHost,
  connection: ChannelModel,
  spec: ConsumerSpec,
): Promise<{ channel: Channel; tag: string }> {
  const queue = eventQueue(host.prefix, spec.group, spec.subject);
  const deadLetterKey = `${safeName(spec.group)}.${spec.subject}`;
  const channel = await connection.createChannel();
  const acks = new AckWindow(channel);
  await channel.prefetch(spec.concurrency);
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': host.dlx,
      'x-dead-letter-routing-key': deadLetterKey,
      'x-delivery-limit': spec.maxDeliveries,
    },
  });
  await channel.bindQueue(queue, host.exchange, spec.subject);
  await channel.assertQueue(`${queue}.retry`, {
    durable: true,
    arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
  });
  await channel.assertQueue(`${queue}.dlq`, { durable: true });
  await channel.bindQueue(`${queue}.dlq`, host.dlx, deadLetterKey);
  for (const name of [queue, `${queue}.retry`, `${queue}.dlq`]) host.declared(name);
  const { consumerTag } = await channel.consume(queue, (message: ConsumeMessage | null) => {
    // The broker cancelled the consumer (its queue was deleted, ...): closing the channel makes
    // the transport set it up again (see keepChannel()), declaring the queue again.
    if (!message) return void channel.close().catch(() => undefined);
    acks.delivered(message);
    // Stopping: give it back for another instance (see stopConsuming()).
    if (host.stopping) {
      acks.forget(message);
      return quietly(() => channel.nack(message, false, true));
    }
    const headers = eventHeaders(message.properties);
    const republished = Number(headers[TENON_DELIVERY] ?? 1);
    const redelivered = Number(headers['x-delivery-count'] ?? (message.fields.redelivered ? 1 : 0));
    const deliveryCount = republished + redelivered;
    void spec.handle(
      settleOnce({
        subject: spec.subject,
        body: message.content,
        headers,
        id: headers[HEADER.MESSAGE_ID] ?? randomUUID(),
        deliveryCount,
        ack: () => acks.ack(message),
        retry: async (delayMs) => {
          const { [TENON_DELIVERY]: _drop, ['x-delivery-count']: _count, ...rest } = headers;
          await host.confirm('', `${queue}.retry`, message.content, {
            persistent: true,
            expiration: String(Math.max(0, Math.round(delayMs))),
            headers: { ...rest, [TENON_DELIVERY]: String(deliveryCount + 1) },
          });
          await acks.ack(message);
        },
        deadLetter: async (reason) => {
          await host.confirm(host.dlx, deadLetterKey, message.content, {
            persistent: true,
            headers: deadLetterHeaders(headers, reason, spec),
          });
          await acks.ack(message);
        },
      }),
    );
  });
  return { channel, tag: consumerTag };
}

/** Declares the request queue of a subject and answers its requests; run again after a reconnect. */
export async function setupResponder(
  host: RabbitMqConsumerHost,
  connection: ChannelModel,
  spec: ResponderSpec,
): Promise<{ channel: Channel; tag: string }> {
  const queue = rpcQueue(host.prefix, spec.subject);
  const channel = await connection.createChannel();
  await channel.prefetch(spec.concurrency);
  // Not durable: a request is worth nothing once its caller gave up.
  await channel.assertQueue(queue, { durable: false, autoDelete: true });
  const { consumerTag } = await channel.consume(queue, (message: ConsumeMessage | null) => {
    if (!message) return;
    const headers = stringHeaders(message.properties.headers);
    void spec.handle({
      subject: spec.subject,
      body: message.content,
      headers,
      id: headers[HEADER.MESSAGE_ID] ?? randomUUID(),
      respond: async (reply) => {
        quietly(() => {
          channel.sendToQueue(String(message.properties.replyTo), Buffer.from(reply.body), {
            correlationId: message.properties.correlationId as string,
            headers: reply.headers,
          });
          channel.ack(message);
        });
      },
    });
  });
  return { channel, tag: consumerTag };
}
