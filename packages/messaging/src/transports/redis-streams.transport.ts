import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Redis from 'ioredis';
import { ClientLibraryMissingError } from '../errors/boot.errors';
import { NoResponderError, RequestTimeoutError } from '../errors/runtime.errors';
import {
  HEADER,
  type ConsumerSpec,
  type DeadLetter,
  type MessagingTransport,
  type RequestDelivery,
  type ResponderSpec,
  type TransportMessage,
  type TransportStatus,
} from '../transport/transport';
import { lazyModule } from '../util/lazy-module';
import { AckBatcher } from './redis/ack-batcher';
import { RedisDelivery, type RedisSettlement } from './redis/redis-delivery';
import { ResponderPresence } from './redis/responder-presence';
import { entryFields, fieldsOf, liveEntries, type Entry } from './redis/stream-entry';
import { StreamPublisher } from './redis/stream-publisher';
import { StreamReader, withCounts } from './redis/stream-reader';
import { deadLetterHeaders } from './delivery-helpers';
import { safeName } from './subject-names';

const ioredis = lazyModule<typeof import('ioredis')>('ioredis');

// The codec's bytes as a Buffer without copying them (JSON's already are one).
function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Options of `redisStreams()`. */
export interface RedisStreamsOptions {
  /** e.g. `redis://127.0.0.1:6379`. */
  readonly url: string;
  /**
   * Namespace of the keys (default `tenon`): events in the stream `<prefix>:ev:<subject>`, dead
   * letters in `<prefix>:dlq:<group>:<subject>`, requests in `<prefix>:rpc:<subject>`.
   */
  readonly prefix?: string;
  /**
   * A message pending (delivered, not acknowledged) for longer than this is taken over by another
   * consumer of the group with XAUTOCLAIM: the consumer is presumed dead (default 30000 ms). Keep
   * it above the longest handler run and retry delay.
   */
  readonly claimIdleMs?: number;
  /** How long one XREADGROUP blocks waiting for messages (default 1000 ms; also the stop latency). */
  readonly blockMs?: number;
}

interface PendingRequest {
  resolve(message: TransportMessage): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
  subject: string;
}

/**
 * Redis Streams on `ioredis`: one stream per subject, one consumer group per handler group
 * (instances of a group share it), XACK after the handler succeeded. A retry re-claims the
 * message for this consumer after the backoff (XCLAIM counts the delivery); messages left pending
 * by a consumer that died are taken over with XAUTOCLAIM after `claimIdleMs`. Dead letters go to
 * a stream of their own. Requests go through a stream read by the responders' group and are
 * answered on the requester's pub/sub channel.
 */
export class RedisStreamsTransport implements MessagingTransport {
  readonly name = 'redis-streams';
  private redis: Redis | undefined;
  private subscriber: Redis | undefined;
  private publisher: StreamPublisher | undefined;
  private readonly readers: Redis[] = [];
  private readonly loops: Promise<void>[] = [];
  private presence: ResponderPresence | undefined;
  private readonly acks = new AckBatcher(() => this.redis!);
  private lastError: string | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Map<string, PendingRequest>();
  private readonly prefix: string;
  private readonly consumerName = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly replyChannel: string;
  private stopping = false;
  private closed = false;

  constructor(private readonly options: RedisStreamsOptions) {
    this.prefix = options.prefix ?? 'tenon';
    this.replyChannel = `${this.prefix}:reply:${this.consumerName}`;
  }

  private get claimIdleMs(): number {
    return this.options.claimIdleMs ?? 30_000;
  }

  async connect(): Promise<void> {
    let RedisClass: typeof import('ioredis').default;
    try {
      RedisClass = ioredis().default;
    } catch (error) {
      throw new ClientLibraryMissingError('Redis Streams', ['ioredis'], error);
    }
    // Commands wait through a reconnection instead of failing after 20 attempts.
    // Named (CLIENT LIST shows whose connections these are); duplicates keep the name.
    this.redis = new RedisClass(this.options.url, {
      maxRetriesPerRequest: null,
      lazyConnect: true,
      connectionName: `tenon:${this.consumerName}`,
    });
    await this.redis.connect();
    this.redis.on('error', (error: Error) => (this.lastError = error.message));
    this.presence = new ResponderPresence(this.redis, this.prefix, this.consumerName);
    // ioredis subscribes again by itself after a reconnection (autoResubscribe).
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('error', (error: Error) => (this.lastError = error.message));
    this.subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
      const reply = JSON.parse(message.toString()) as { id: string; h: Record<string, string>; b: string };
      const request = this.pending.get(reply.id);
      if (!request) return;
      clearTimeout(request.timer);
      this.pending.delete(reply.id);
      request.resolve({ subject: request.subject, headers: reply.h, body: Buffer.from(reply.b, 'base64') });
    });
    await this.subscriber.subscribe(this.replyChannel);
    this.publisher = await StreamPublisher.open(
      this.redis,
      () => this.closed,
      (error) => (this.lastError = error.message),
    );
  }

  private key(kind: 'ev' | 'rpc', subject: string): string {
    return `${this.prefix}:${kind}:${subject}`;
  }

  private deadLetterKey(group: string, subject: string): string {
    return `${this.prefix}:dlq:${safeName(group)}:${subject}`;
  }

  publish(message: TransportMessage): Promise<void> {
    return this.publisher!.add(
      this.key('ev', message.subject),
      entryFields(message.headers, bufferOf(message.body)),
    );
  }

  request(message: TransportMessage, timeoutMs: number): Promise<TransportMessage> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const fail = (error: unknown): void => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error);
      };
      const timer = setTimeout(() => fail(new RequestTimeoutError(message.subject, timeoutMs)), timeoutMs);
      this.pending.set(id, { resolve, reject, timer, subject: message.subject });
      const headers = {
        ...message.headers,
        'tenon-reply-to': this.replyChannel,
        'tenon-correlation-id': id,
        'tenon-deadline': String(Date.now() + timeoutMs),
      };
      // One round trip: whether a responder is present, and the request (which, with nobody
      // present, is dropped by the first responder to start as past its deadline).
      // Requests are short-lived: the stream keeps about the last 10,000.
      this.redis!.pipeline()
        .zcount(this.presence!.key(message.subject), String(Date.now()), '+inf')
        .xadd(
          this.key('rpc', message.subject),
          'MAXLEN',
          '~',
          '10000',
          '*',
          ...entryFields(headers, bufferOf(message.body)),
        )
        .exec()
        .then((results) => {
          const [present, added] = results ?? [];
          const error = present?.[0] ?? added?.[0];
          if (error) fail(error);
          else if (Number(present?.[1]) === 0) fail(new NoResponderError(message.subject));
        })
        .catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
    });
  }

  private async createGroup(key: string, group: string): Promise<void> {
    try {
      await this.redis!.xgroup('CREATE', key, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
  }

  async consume(spec: ConsumerSpec): Promise<void> {
    const key = this.key('ev', spec.subject);
    await this.createGroup(key, spec.group);
    const settlement = this.settlement(key, spec);
    this.read(key, spec.group, spec.concurrency, this.claimIdleMs, (entry, count) =>
      this.deliver(spec, settlement, entry, count),
    );
  }

  async respond(spec: ResponderSpec): Promise<void> {
    const key = this.key('rpc', spec.subject);
    await this.createGroup(key, safeName(spec.group));
    this.read(key, safeName(spec.group), spec.concurrency, undefined, (entry) =>
      this.answer(key, spec, entry),
    );
    await this.presence!.join(spec.subject);
  }

  private read(
    key: string,
    group: string,
    concurrency: number,
    claimIdleMs: number | undefined,
    handle: (entry: Entry, deliveryCount: number) => Promise<void>,
  ): void {
    const reader = this.redis!.duplicate();
    reader.on('error', (error: Error) => (this.lastError = error.message));
    this.readers.push(reader);
    const loop = new StreamReader(
      reader,
      {
        key,
        group,
        consumer: this.consumerName,
        concurrency,
        blockMs: this.options.blockMs ?? 1000,
        claimIdleMs,
        handle,
      },
      () => this.stopping,
      (error) => (this.lastError = error instanceof Error ? error.message : String(error)),
    );
    this.loops.push(loop.done);
  }

  private deliver(
    spec: ConsumerSpec,
    settlement: RedisSettlement,
    entry: Entry,
    deliveryCount: number,
  ): Promise<void> {
    const [entryId, fields] = entry;
    const { headers, body } = fieldsOf(fields);
    const id = headers[HEADER.MESSAGE_ID] ?? entryId.toString();
    return spec.handle(
      new RedisDelivery(settlement, entryId, spec.subject, body, headers, id, deliveryCount),
    );
  }

  /** How the deliveries of one consumer are settled: made once, shared by its deliveries. */
  private settlement(key: string, spec: ConsumerSpec): RedisSettlement {
    const slot = this.acks.slot(key, spec.group);
    const settlement: RedisSettlement = {
      ack: (entryId) => this.acks.ack(slot, entryId),
      retry: async (entryId, delayMs) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (this.closed) return;
          // XCLAIM to ourselves counts a delivery and resets the idle time, so no one else takes it.
          void (async () => {
            const claimed = (await this.redis!.callBuffer(
              'XCLAIM',
              key,
              spec.group,
              this.consumerName,
              '0',
              entryId,
            )) as Entry[];
            for (const [again, count] of await withCounts(
              this.redis!,
              key,
              spec.group,
              liveEntries(claimed),
            )) {
              await this.deliver(spec, settlement, again, count);
            }
          })().catch(() => undefined);
        }, delayMs);
        this.timers.add(timer);
      },
      deadLetter: async (delivery, entryId, reason) => {
        await this.redis!.multi()
          .xadd(
            this.deadLetterKey(spec.group, spec.subject),
            '*',
            ...entryFields(deadLetterHeaders(delivery.headers, reason, spec), delivery.body as Buffer),
          )
          .xack(key, spec.group, entryId)
          .exec();
      },
    };
    return settlement;
  }

  private answer(key: string, spec: ResponderSpec, entry: Entry): Promise<void> {
    const [idBuffer, fields] = entry;
    const streamId = idBuffer.toString();
    const { headers, body } = fieldsOf(fields);
    const group = safeName(spec.group);
    const done = async (): Promise<void> => {
      await this.redis!.multi().xack(key, group, streamId).xdel(key, streamId).exec();
    };
    // Nobody waits for a request past its deadline any more.
    if (Number(headers['tenon-deadline'] ?? Infinity) < Date.now()) return done();
    const request: RequestDelivery = {
      subject: spec.subject,
      body,
      headers,
      id: headers[HEADER.MESSAGE_ID] ?? streamId,
      respond: async (reply) => {
        const message = JSON.stringify({
          id: headers['tenon-correlation-id'],
          h: reply.headers,
          b: Buffer.from(reply.body).toString('base64'),
        });
        await this.redis!.publish(headers['tenon-reply-to']!, message);
        await done();
      },
    };
    return spec.handle(request);
  }

  async stopConsuming(): Promise<void> {
    this.stopping = true;
    await this.presence?.leave();
    await Promise.race([
      Promise.allSettled(this.loops),
      new Promise((r) => setTimeout(r, (this.options.blockMs ?? 1000) + 500).unref()),
    ]);
  }

  /** Closes the connections; entries not acknowledged stay pending and are reclaimed by others. */
  async close(): Promise<void> {
    if (this.closed || !this.redis) return;
    this.closed = true;
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const reader of this.readers) reader.disconnect();
    this.subscriber?.disconnect();
    this.publisher?.close();
    await this.presence?.leave();
    for (const [, request] of this.pending) clearTimeout(request.timer);
    this.redis.disconnect();
  }

  status(): TransportStatus {
    return {
      // Events are published on a connection of their own: both must be up.
      connected: this.redis?.status === 'ready' && this.publisher?.status() === 'ready',
      details: {
        transport: this.name,
        status: this.redis?.status,
        consumer: this.consumerName,
        ...(this.lastError ? { lastError: this.lastError } : {}),
      },
    };
  }

  async deadLetters(subject: string, group: string, limit = 100): Promise<DeadLetter[]> {
    const entries = (await this.redis!.xrangeBuffer(
      this.deadLetterKey(group, subject),
      '-',
      '+',
      'COUNT',
      limit,
    )) as Entry[];
    return entries.map(([, fields]) => {
      const { headers, body } = fieldsOf(fields);
      return { subject, body, headers, reason: headers[HEADER.DEAD_LETTER_REASON] ?? '' };
    });
  }

  /** Deletes every key of this prefix: tests and teardown of a namespace. */
  async deleteResources(): Promise<void> {
    const redis = this.redis!;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}

/**
 * The Redis Streams transport, on `ioredis` (an optional peer).
 *
 * @example
 * MessagingModule.forRoot({ transport: redisStreams({ url: 'redis://127.0.0.1:6379', prefix: 'shop' }) })
 */
export function redisStreams(options: RedisStreamsOptions): RedisStreamsTransport {
  return new RedisStreamsTransport(options);
}
