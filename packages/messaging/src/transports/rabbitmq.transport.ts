import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConfirmChannel, Options } from 'amqplib';
import { ClientLibraryMissingError } from '../errors/boot.errors';
import { BrokerUnavailableError } from '../errors/runtime.errors';
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
import {
  eventQueue,
  rpcQueue,
  setupConsumer,
  setupResponder,
  stringHeaders,
  type RabbitMqConsumerHost,
} from './rabbitmq/rabbitmq-consumers';
import { keepChannel } from './rabbitmq/channel-keeper';
import { RabbitMqRequests } from './rabbitmq/rabbitmq-requests';

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
  /**
   * Reconnection after the connection is lost: the first attempt after `initialDelayMs` (default
   * 100), doubling up to `maxDelayMs` (default 5000), for as long as the application runs. A
   * publish or request made meanwhile waits up to `waitMs` (default 30000) for the connection,
   * then fails with `TENON_MESSAGING_BROKER_UNAVAILABLE`.
   */
  readonly reconnect?: {
    readonly initialDelayMs?: number;
    readonly maxDelayMs?: number;
    readonly waitMs?: number;
  };
}

/** One live connection with the channels every transport needs (re-created if the broker closes them). */
interface Link {
  readonly connection: ChannelModel;
  publisher: Promise<ConfirmChannel>;
  replies: Channel;
}

type Consumer = { channel: Channel; tag: string };
type ConsumerSetup = (connection: ChannelModel) => Promise<Consumer>;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * RabbitMQ on `amqplib`: events published with publisher confirms to a topic exchange, one
 * durable quorum queue per consumer group and subject (instances of a group share it; prefetch
 * = the handler's concurrency), acknowledged after the handler succeeded. A retry is
 * re-published to `<queue>.retry`, whose per-message TTL dead-letters it back to the queue after
 * the backoff; a dead letter goes through the dead-letter exchange `<prefix>.dlx` to
 * `<queue>.dlq` (the queue's own DLX with `x-delivery-limit` is the backstop for messages that
 * kill their consumer every time). Requests use direct reply-to.
 *
 * amqplib does not reconnect: when the connection is lost, this transport opens a new one with
 * backoff and declares and consumes again every queue it had (unacknowledged messages went back
 * to their queues with the old connection, so none is lost).
 */
export class RabbitMqTransport implements MessagingTransport {
  readonly name = 'rabbitmq';
  private link: Link | undefined;
  private readonly requests = new RabbitMqRequests();
  private consumers: Consumer[] = [];
  private readonly registrations: ConsumerSetup[] = [];
  private readonly queues = new Set<string>();
  private readonly prefix: string;
  private readonly connectionName = `tenon-${randomUUID().slice(0, 8)}`;
  private connected = false;
  private stopping = false;
  private closing = false;
  private reconnects = 0;
  private lastError: string | undefined;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: RabbitMqOptions) {
    this.prefix = options.prefix ?? 'tenon';
  }

  private get exchange(): string {
    return `${this.prefix}.events`;
  }

  private get dlx(): string {
    return `${this.prefix}.dlx`;
  }

  /** What the consumer setup reads of this transport (live values: `stopping` changes). */
  private readonly host: RabbitMqConsumerHost = ((transport: RabbitMqTransport) => ({
    get prefix() {
      return transport.prefix;
    },
    get exchange() {
      return transport.exchange;
    },
    get dlx() {
      return transport.dlx;
    },
    get stopping() {
      return transport.stopping;
    },
    confirm: (exchange, key, body, options) => transport.confirm(exchange, key, body, options),
    declared: (queue) => void transport.queues.add(queue),
  }))(this);

  async connect(): Promise<void> {
    try {
      amqplib();
    } catch (error) {
      throw new ClientLibraryMissingError('RabbitMQ', ['amqplib'], error);
    }
    await this.open();
  }

  /** Opens a connection, its channels, and every consumer registered so far. */
  private async open(): Promise<void> {
    const connection = await amqplib().connect(this.options.url, {
      clientProperties: { connection_name: this.connectionName },
    });
    try {
      connection.on('error', (error: Error) => (this.lastError = error.message));
      connection.on('close', () => this.lost(connection));
      const link = { connection } as Link;
      link.publisher = Promise.resolve(await this.openPublisher(link));
      link.replies = await this.openReplies(link);
      const consumers = [];
      for (const setup of this.registrations) consumers.push(await this.start(setup, connection));
      this.link = link;
      this.consumers = consumers;
      this.connected = true;
      for (const wake of this.waiters.splice(0)) wake();
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  /** The confirm channel of publishes; while the broker's close of it is repaired, publishes wait. */
  private async openPublisher(link: Link): Promise<ConfirmChannel> {
    const publisher = await link.connection.createConfirmChannel();
    await publisher.assertExchange(this.exchange, 'topic', { durable: true });
    await publisher.assertExchange(this.dlx, 'topic', { durable: true });
    let ready: { resolve(channel: ConfirmChannel): void; reject(error: unknown): void } | undefined;
    keepChannel(publisher, {
      lost: () => {
        link.publisher = new Promise((resolve, reject) => (ready = { resolve, reject }));
        link.publisher.catch(() => undefined);
      },
      wanted: () => {
        const wanted = !this.closing && this.link === link;
        // Publishes waiting for this channel go to the next connection's (see publisherChannel()).
        if (!wanted) ready?.reject(new BrokerUnavailableError('RabbitMQ', 0, 'the connection closed'));
        return wanted;
      },
      reopen: async () => ready?.resolve(await this.openPublisher(link)),
      failed: (error) => (this.lastError = message(error)),
    });
    return publisher;
  }

  private async openReplies(link: Link): Promise<Channel> {
    const replies = await this.requests.replyChannel(link.connection);
    keepChannel(replies, {
      wanted: () => !this.closing && this.link === link,
      reopen: async () => void (link.replies = await this.openReplies(link)),
      failed: (error) => (this.lastError = message(error)),
    });
    return replies;
  }

  private lost(connection: ChannelModel): void {
    if (this.link?.connection !== connection) return;
    this.connected = false;
    this.link = undefined;
    // Their replies would have come on the lost connection's reply-to.
    this.requests.failAll();
    if (!this.closing) void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    const { initialDelayMs = 100, maxDelayMs = 5000 } = this.options.reconnect ?? {};
    let delay = initialDelayMs;
    while (!this.closing) {
      await new Promise((r) => setTimeout(r, delay).unref());
      if (this.closing) return;
      try {
        await this.open();
        this.reconnects++;
        return;
      } catch (error) {
        this.lastError = message(error);
        delay = Math.min(delay * 2, maxDelayMs);
      }
    }
  }

  /** The live channels, waiting through a reconnection (up to `reconnect.waitMs`). */
  private async current(): Promise<Link> {
    if (this.link) return this.link;
    if (this.closing) throw new BrokerUnavailableError('RabbitMQ', 0, 'the transport is closed');
    const waitMs = this.options.reconnect?.waitMs ?? 30_000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(new BrokerUnavailableError('RabbitMQ', waitMs, this.lastError));
      }, waitMs);
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(wake);
    });
    return this.link!;
  }

  private async confirm(
    exchange: string,
    routingKey: string,
    body: Uint8Array,
    options: Options.Publish,
  ): Promise<void> {
    const publisher = await this.publisherChannel();
    return new Promise((resolve, reject) => {
      try {
        publisher.publish(
          exchange,
          routingKey,
          Buffer.from(body.buffer, body.byteOffset, body.byteLength),
          options,
          (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
        );
      } catch (error) {
        // The channel closed under us (amqplib throws 'Channel closed'): not confirmed.
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private async publisherChannel(): Promise<ConfirmChannel> {
    for (;;) {
      const link = await this.current();
      try {
        return await link.publisher;
      } catch (error) {
        // Its connection went while the channel was being re-created: wait for the next one.
        if (this.link === link || this.closing) throw error;
      }
    }
  }

  async publish(message: TransportMessage): Promise<void> {
    // The id and content type travel as properties, not again in the headers table (encoding
    // and decoding AMQP tables was a fifth of the client's time); see eventHeaders().
    const { [HEADER.MESSAGE_ID]: id, [HEADER.CONTENT_TYPE]: contentType, ...rest } = message.headers;
    const headers = Object.keys(rest).length > 0 ? rest : undefined;
    await this.confirm(this.exchange, message.subject, message.body, {
      persistent: true,
      messageId: id ?? randomUUID(),
      ...(contentType !== undefined ? { contentType } : {}),
      ...(headers ? { headers } : {}),
    });
  }

  async request(message: TransportMessage, timeoutMs: number): Promise<TransportMessage> {
    const { replies } = await this.current();
    return this.requests.send(replies, rpcQueue(this.prefix, message.subject), message, timeoutMs);
  }

  /** Sets a consumer up now and again on every new connection. */
  private async register(setup: ConsumerSetup): Promise<void> {
    const { connection } = await this.current();
    this.registrations.push(setup);
    this.consumers.push(await this.start(setup, connection));
  }

  /** Runs a consumer's setup on `connection`, and again if the broker closes its channel. */
  private async start(setup: ConsumerSetup, connection: ChannelModel): Promise<Consumer> {
    const consumer = await setup(connection);
    keepChannel(consumer.channel, {
      wanted: () => !this.closing && !this.stopping && this.link?.connection === connection,
      reopen: async () => {
        const next = await this.start(setup, connection);
        const at = this.consumers.indexOf(consumer);
        if (at >= 0) this.consumers[at] = next;
        else this.consumers.push(next);
      },
      failed: (error) => (this.lastError = message(error)),
    });
    return consumer;
  }

  async consume(spec: ConsumerSpec): Promise<void> {
    await this.register((connection) => setupConsumer(this.host, connection, spec));
  }

  async respond(spec: ResponderSpec): Promise<void> {
    await this.register((connection) => setupResponder(this.host, connection, spec));
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
    if (this.closing) return;
    this.closing = true;
    this.connected = false;
    const link = this.link;
    this.link = undefined;
    if (!link) return;
    await Promise.all(this.consumers.map(({ channel, tag }) => channel.cancel(tag).catch(() => undefined)));
    await link.connection.close().catch(() => undefined);
  }

  status(): TransportStatus {
    return {
      connected: this.connected,
      details: {
        transport: this.name,
        exchange: this.exchange,
        connection: this.connectionName,
        reconnects: this.reconnects,
        ...(this.lastError ? { lastError: this.lastError } : {}),
      },
    };
  }

  async deadLetters(subject: string, group: string, limit = 100): Promise<DeadLetter[]> {
    const queue = `${eventQueue(this.prefix, group, subject)}.dlq`;
    // Read with get() and no ack: closing the channel puts every message back.
    const channel = await (await this.current()).connection.createChannel();
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
    if (!this.link) return;
    const channel = await this.link.connection.createChannel();
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
