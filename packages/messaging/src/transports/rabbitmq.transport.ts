import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import { ClientLibraryMissingError } from '../errors/boot.errors';
import { NoResponderError, RequestTimeoutError } from '../errors/runtime.errors';
import {
  HEADER,
  type ConsumerSpec,
  type DeadLetter,
  type MessagingTransport,
  type ResponderSpec,
  type TransportMessage,
  type TransportStatus,
} from '../transport/transport';
import { lazyModule } from '../util/lazy-module';
import { safeName } from './subject-names';

const amqplib = lazyModule<typeof import('amqplib')>('amqplib');

/** Options of `rabbitmq()`. */
export interface RabbitMqOptions {
  /** e.g. `amqp://guest:guest@127.0.0.1:5672`. */
  readonly url: string;
  /**
   * Namespace of exchanges and queues (default `tenon`): events go through the topic exchange
   * `<prefix>.events` to one quorum queue per group and subject, `<prefix>.<group>.<subject>`.
   */
  readonly prefix?: string;
}

/** Our count of deliveries made by re-publishing (retries); the broker counts redeliveries. */
const TENON_DELIVERY = 'x-tenon-delivery';

interface PendingRequest {
  resolve(message: TransportMessage): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
  subject: string;
}

function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') out[key.toLowerCase()] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key.toLowerCase()] = String(value);
  }
  return out;
}

/**
 * RabbitMQ on `amqplib`: events published with publisher confirms to a topic exchange, one
 * durable quorum queue per consumer group and subject (instances of a group share it; prefetch
 * = the handler's concurrency), acknowledged after the handler succeeded. A retry is
 * re-published to `<queue>.retry`, whose per-message TTL dead-letters it back to the queue after
 * the backoff; a dead letter goes through the dead-letter exchange `<prefix>.dlx` to
 * `<queue>.dlq` (the queue's own DLX with `x-delivery-limit` is the backstop for messages that
 * kill their consumer every time). Requests use direct reply-to.
 */
export class RabbitMqTransport implements MessagingTransport {
  readonly name = 'rabbitmq';
  private connection: ChannelModel | undefined;
  private publisher: ConfirmChannel | undefined;
  private replies: Channel | undefined;
  private readonly pending = new Map<string, PendingRequest>();
  private readonly consumers: Array<{ channel: Channel; tag: string }> = [];
  private readonly queues = new Set<string>();
  private readonly prefix: string;
  private connected = false;
  private stopping = false;
  private lastError: string | undefined;

  constructor(private readonly options: RabbitMqOptions) {
    this.prefix = options.prefix ?? 'tenon';
  }

  private get exchange(): string {
    return `${this.prefix}.events`;
  }

  private get dlx(): string {
    return `${this.prefix}.dlx`;
  }

  async connect(): Promise<void> {
    let amqp: typeof import('amqplib');
    try {
      amqp = amqplib();
    } catch (error) {
      throw new ClientLibraryMissingError('RabbitMQ', ['amqplib'], error);
    }
    const connection = await amqp.connect(this.options.url);
    this.connection = connection;
    this.connected = true;
    connection.on('error', (error: Error) => (this.lastError = error.message));
    connection.on('close', () => {
      this.connected = false;
      for (const [id, request] of this.pending) {
        clearTimeout(request.timer);
        request.reject(new RequestTimeoutError(request.subject, 0));
        this.pending.delete(id);
      }
    });
    this.publisher = await connection.createConfirmChannel();
    await this.publisher.assertExchange(this.exchange, 'topic', { durable: true });
    await this.publisher.assertExchange(this.dlx, 'topic', { durable: true });
    // Direct reply-to: the replies of this connection's requests arrive on this channel.
    const replies = await connection.createChannel();
    this.replies = replies;
    replies.on('return', (message: ConsumeMessage) => {
      const request = this.pending.get(String(message.properties.correlationId));
      if (!request) return;
      clearTimeout(request.timer);
      this.pending.delete(String(message.properties.correlationId));
      request.reject(new NoResponderError(request.subject));
    });
    await replies.consume(
      'amq.rabbitmq.reply-to',
      (message) => {
        if (!message) return;
        const request = this.pending.get(String(message.properties.correlationId));
        if (!request) return;
        clearTimeout(request.timer);
        this.pending.delete(String(message.properties.correlationId));
        request.resolve({
          subject: request.subject,
          body: message.content,
          headers: stringHeaders(message.properties.headers),
        });
      },
      { noAck: true },
    );
  }

  private confirm(
    exchange: string,
    routingKey: string,
    body: Uint8Array,
    options: Options.Publish,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      this.publisher!.publish(
        exchange,
        routingKey,
        Buffer.from(body.buffer, body.byteOffset, body.byteLength),
        options,
        (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      );
    });
  }

  async publish(message: TransportMessage): Promise<void> {
    await this.confirm(this.exchange, message.subject, message.body, {
      persistent: true,
      messageId: message.headers[HEADER.MESSAGE_ID] ?? randomUUID(),
      contentType: message.headers[HEADER.CONTENT_TYPE],
      headers: { ...message.headers },
    });
  }

  request(message: TransportMessage, timeoutMs: number): Promise<TransportMessage> {
    const correlationId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new RequestTimeoutError(message.subject, timeoutMs));
      }, timeoutMs);
      this.pending.set(correlationId, { resolve, reject, timer, subject: message.subject });
      // mandatory: a request no queue takes comes back at once ("return") as NO_RESPONDER.
      this.replies!.publish('', this.rpcQueue(message.subject), Buffer.from(message.body), {
        replyTo: 'amq.rabbitmq.reply-to',
        correlationId,
        mandatory: true,
        expiration: String(timeoutMs),
        headers: { ...message.headers },
      });
    });
  }

  private rpcQueue(subject: string): string {
    return `${this.prefix}.rpc.${subject}`;
  }

  private queueOf(group: string, subject: string): string {
    return `${this.prefix}.${safeName(group)}.${subject}`;
  }

  async consume(spec: ConsumerSpec): Promise<void> {
    const queue = this.queueOf(spec.group, spec.subject);
    const deadLetterKey = `${safeName(spec.group)}.${spec.subject}`;
    const channel = await this.connection!.createChannel();
    await channel.prefetch(spec.concurrency);
    await channel.assertQueue(queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-dead-letter-exchange': this.dlx,
        'x-dead-letter-routing-key': deadLetterKey,
        'x-delivery-limit': spec.maxDeliveries,
      },
    });
    await channel.bindQueue(queue, this.exchange, spec.subject);
    await channel.assertQueue(`${queue}.retry`, {
      durable: true,
      arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
    });
    await channel.assertQueue(`${queue}.dlq`, { durable: true });
    await channel.bindQueue(`${queue}.dlq`, this.dlx, deadLetterKey);
    for (const name of [queue, `${queue}.retry`, `${queue}.dlq`]) this.queues.add(name);
    const { consumerTag } = await channel.consume(queue, (message) => {
      if (!message) return;
      // Stopping: give it back for another instance (see stopConsuming()).
      if (this.stopping) return channel.nack(message, false, true);
      const headers = stringHeaders(message.properties.headers);
      const republished = Number(headers[TENON_DELIVERY] ?? 1);
      const redelivered = Number(headers['x-delivery-count'] ?? (message.fields.redelivered ? 1 : 0));
      let settled = false;
      const once = (): boolean => (settled ? false : (settled = true));
      void spec.handle({
        subject: spec.subject,
        body: message.content,
        headers,
        id: headers[HEADER.MESSAGE_ID] ?? String(message.properties.messageId ?? randomUUID()),
        deliveryCount: republished + redelivered,
        ack: async () => {
          if (once()) channel.ack(message);
        },
        retry: async (delayMs) => {
          if (!once()) return;
          const { [TENON_DELIVERY]: _drop, ['x-delivery-count']: _count, ...rest } = headers;
          await this.confirm('', `${queue}.retry`, message.content, {
            persistent: true,
            expiration: String(Math.max(0, Math.round(delayMs))),
            headers: { ...rest, [TENON_DELIVERY]: String(republished + redelivered + 1) },
          });
          channel.ack(message);
        },
        deadLetter: async (reason) => {
          if (!once()) return;
          await this.confirm(this.dlx, deadLetterKey, message.content, {
            persistent: true,
            headers: {
              ...headers,
              [HEADER.DEAD_LETTER_REASON]: reason,
              [HEADER.ORIGINAL_SUBJECT]: spec.subject,
              [HEADER.GROUP]: spec.group,
            },
          });
          channel.ack(message);
        },
      });
    });
    this.consumers.push({ channel, tag: consumerTag });
  }

  async respond(spec: ResponderSpec): Promise<void> {
    const queue = this.rpcQueue(spec.subject);
    const channel = await this.connection!.createChannel();
    await channel.prefetch(spec.concurrency);
    // Not durable: a request is worth nothing once its caller gave up.
    await channel.assertQueue(queue, { durable: false, autoDelete: true });
    const { consumerTag } = await channel.consume(queue, (message) => {
      if (!message) return;
      const headers = stringHeaders(message.properties.headers);
      void spec.handle({
        subject: spec.subject,
        body: message.content,
        headers,
        id: headers[HEADER.MESSAGE_ID] ?? randomUUID(),
        respond: async (reply) => {
          channel.sendToQueue(String(message.properties.replyTo), Buffer.from(reply.body), {
            correlationId: message.properties.correlationId as string,
            headers: reply.headers,
          });
          channel.ack(message);
        },
      });
    });
    this.consumers.push({ channel, tag: consumerTag });
  }

  /**
   * Stops handing messages to handlers. Consumers are not cancelled here: a quorum queue takes
   * back the unacknowledged messages of a cancelled consumer, and the running handlers must still
   * acknowledge theirs. What arrives meanwhile (at most the prefetch) is returned to the queue.
   */
  async stopConsuming(): Promise<void> {
    this.stopping = true;
  }

  /** Closes the connection; deliveries not acknowledged yet go back to their queues. */
  async close(): Promise<void> {
    const connection = this.connection;
    if (!connection || !this.connected) return;
    this.connected = false;
    await Promise.all(this.consumers.map(({ channel, tag }) => channel.cancel(tag).catch(() => undefined)));
    await connection.close().catch(() => undefined);
  }

  status(): TransportStatus {
    return {
      connected: this.connected,
      details: {
        transport: this.name,
        exchange: this.exchange,
        ...(this.lastError ? { lastError: this.lastError } : {}),
      },
    };
  }

  async deadLetters(subject: string, group: string, limit = 100): Promise<DeadLetter[]> {
    const queue = `${this.queueOf(group, subject)}.dlq`;
    // Read with get() and no ack: closing the channel puts every message back.
    const channel = await this.connection!.createChannel();
    const letters: DeadLetter[] = [];
    try {
      await channel.checkQueue(queue);
      while (letters.length < limit) {
        const message = await channel.get(queue, { noAck: false });
        if (!message) break;
        const headers = stringHeaders(message.properties.headers);
        letters.push({
          subject,
          body: message.content,
          headers,
          reason: headers[HEADER.DEAD_LETTER_REASON] ?? '',
        });
      }
    } catch {
      return letters;
    } finally {
      await channel.close().catch(() => undefined);
    }
    return letters;
  }

  /** Deletes the queues and exchanges of this prefix that this transport declared: tests and teardown. */
  async deleteResources(): Promise<void> {
    if (!this.connection) return;
    const channel = await this.connection.createChannel();
    for (const queue of this.queues) await channel.deleteQueue(queue).catch(() => undefined);
    await channel.deleteExchange(this.exchange).catch(() => undefined);
    await channel.deleteExchange(this.dlx).catch(() => undefined);
    await channel.close().catch(() => undefined);
  }
}

/**
 * The RabbitMQ transport, on `amqplib` (an optional peer).
 *
 * @example
 * MessagingModule.forRoot({ transport: rabbitmq({ url: 'amqp://guest:guest@127.0.0.1:5672', prefix: 'shop' }) })
 */
export function rabbitmq(options: RabbitMqOptions): RabbitMqTransport {
  return new RabbitMqTransport(options);
}
