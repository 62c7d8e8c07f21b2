import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Redis from 'ioredis';
import { ClientLibraryMissingError } from '../errors/boot.errors';
import { RequestTimeoutError } from '../errors/runtime.errors';
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
import { safeName } from './subject-names';

const ioredis = lazyModule<typeof import('ioredis')>('ioredis');

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

type Entry = [id: Buffer, fields: Buffer[]];

function fieldsOf(fields: Buffer[]): { headers: Record<string, string>; body: Buffer } {
  let headers: Record<string, string> = {};
  let body: Buffer = Buffer.alloc(0);
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]!.toString();
    if (name === 'h') headers = JSON.parse(fields[i + 1]!.toString()) as Record<string, string>;
    else if (name === 'b') body = fields[i + 1]!;
  }
  return { headers, body };
}

interface PendingRequest {
  resolve(message: TransportMessage): void;
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
  private readonly readers: Redis[] = [];
  private readonly loops: Promise<void>[] = [];
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
    this.redis = new RedisClass(this.options.url, { maxRetriesPerRequest: null, lazyConnect: true });
    await this.redis.connect();
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
      const reply = JSON.parse(message.toString()) as { id: string; h: Record<string, string>; b: string };
      const request = this.pending.get(reply.id);
      if (!request) return;
      clearTimeout(request.timer);
      this.pending.delete(reply.id);
      request.resolve({ subject: request.subject, headers: reply.h, body: Buffer.from(reply.b, 'base64') });
    });
    await this.subscriber.subscribe(this.replyChannel);
  }

  private key(kind: 'ev' | 'rpc', subject: string): string {
    return `${this.prefix}:${kind}:${subject}`;
  }

  private deadLetterKey(group: string, subject: string): string {
    return `${this.prefix}:dlq:${safeName(group)}:${subject}`;
  }

  async publish(message: TransportMessage): Promise<void> {
    await this.redis!.xadd(
      this.key('ev', message.subject),
      '*',
      'h',
      JSON.stringify(message.headers),
      'b',
      Buffer.from(message.body),
    );
  }

  request(message: TransportMessage, timeoutMs: number): Promise<TransportMessage> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestTimeoutError(message.subject, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { resolve, timer, subject: message.subject });
      const headers = {
        ...message.headers,
        'tenon-reply-to': this.replyChannel,
        'tenon-correlation-id': id,
        'tenon-deadline': String(Date.now() + timeoutMs),
      };
      // Requests are short-lived: the stream keeps about the last 10,000.
      this.redis!.xadd(
        this.key('rpc', message.subject),
        'MAXLEN',
        '~',
        '10000',
        '*',
        'h',
        JSON.stringify(headers),
        'b',
        Buffer.from(message.body),
      ).catch((error: unknown) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
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
    this.startLoop(key, spec.group, spec.concurrency, true, (entry, count) =>
      this.deliver(key, spec, entry, count),
    );
  }

  async respond(spec: ResponderSpec): Promise<void> {
    const key = this.key('rpc', spec.subject);
    await this.createGroup(key, safeName(spec.group));
    this.startLoop(key, safeName(spec.group), spec.concurrency, false, (entry) =>
      this.answer(key, spec, entry),
    );
  }

  /** Reads new entries (and, for events, reclaims stuck ones) on a connection of its own. */
  private startLoop(
    key: string,
    group: string,
    concurrency: number,
    reclaim: boolean,
    handle: (entry: Entry, deliveryCount: number) => Promise<void>,
  ): void {
    const reader = this.redis!.duplicate();
    this.readers.push(reader);
    const running = new Set<Promise<void>>();
    const run = (entry: Entry, count: number): void => {
      const work = handle(entry, count).finally(() => running.delete(work));
      running.add(work);
    };
    let lastClaim = 0;
    const loop = async (): Promise<void> => {
      while (!this.stopping) {
        try {
          if (running.size >= concurrency) {
            await Promise.race(running);
            continue;
          }
          if (reclaim && Date.now() - lastClaim >= Math.min(1000, this.claimIdleMs / 2)) {
            lastClaim = Date.now();
            for (const [entry, count] of await this.autoclaim(reader, key, group, concurrency - running.size))
              run(entry, count);
            if (running.size >= concurrency) continue;
          }
          const result = (await reader.callBuffer(
            'XREADGROUP',
            'GROUP',
            group,
            this.consumerName,
            'COUNT',
            String(concurrency - running.size),
            'BLOCK',
            String(this.options.blockMs ?? 1000),
            'STREAMS',
            key,
            '>',
          )) as Array<[Buffer, Entry[]]> | null;
          if (this.stopping) {
            // Read after stop began: left pending, another consumer claims them.
            return;
          }
          for (const [, entries] of result ?? []) for (const entry of entries) run(entry, 1);
        } catch (error) {
          if (this.stopping) return;
          // Connection trouble: ioredis reconnects; try again shortly.
          await new Promise((r) => setTimeout(r, 200));
          void error;
        }
      }
    };
    this.loops.push(loop());
  }

  /** Takes over entries idle longer than `claimIdleMs`, with their delivery counts. */
  private async autoclaim(
    reader: Redis,
    key: string,
    group: string,
    count: number,
  ): Promise<Array<[Entry, number]>> {
    if (count <= 0) return [];
    const result = (await reader.callBuffer(
      'XAUTOCLAIM',
      key,
      group,
      this.consumerName,
      String(this.claimIdleMs),
      '0-0',
      'COUNT',
      String(count),
    )) as [Buffer, Entry[]];
    const entries = (result[1] ?? []).filter((e) => e && e[1]);
    return this.withCounts(key, group, entries);
  }

  private async withCounts(key: string, group: string, entries: Entry[]): Promise<Array<[Entry, number]>> {
    if (entries.length === 0) return [];
    const pipeline = this.redis!.pipeline();
    for (const [id] of entries) pipeline.xpending(key, group, id.toString(), id.toString(), 1);
    const counts = (await pipeline.exec()) ?? [];
    return entries.map((entry, i) => {
      const row = (counts[i]?.[1] as Array<[string, string, number, number]> | undefined)?.[0];
      return [entry, Number(row?.[3] ?? 1)];
    });
  }

  private deliver(key: string, spec: ConsumerSpec, entry: Entry, deliveryCount: number): Promise<void> {
    const [idBuffer, fields] = entry;
    const streamId = idBuffer.toString();
    const { headers, body } = fieldsOf(fields);
    return spec.handle({
      subject: spec.subject,
      body,
      headers,
      id: headers[HEADER.MESSAGE_ID] ?? streamId,
      deliveryCount,
      ack: async () => {
        await this.redis!.xack(key, spec.group, streamId);
      },
      retry: async (delayMs) => {
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
              streamId,
            )) as Entry[];
            for (const [again, count] of await this.withCounts(
              key,
              spec.group,
              claimed.filter((e) => e && e[1]),
            )) {
              await this.deliver(key, spec, again, count);
            }
          })().catch(() => undefined);
        }, delayMs);
        this.timers.add(timer);
      },
      deadLetter: async (reason) => {
        await this.redis!.multi()
          .xadd(
            this.deadLetterKey(spec.group, spec.subject),
            '*',
            'h',
            JSON.stringify({
              ...headers,
              [HEADER.DEAD_LETTER_REASON]: reason,
              [HEADER.ORIGINAL_SUBJECT]: spec.subject,
              [HEADER.GROUP]: spec.group,
            }),
            'b',
            body,
          )
          .xack(key, spec.group, streamId)
          .exec();
      },
    });
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
    for (const [, request] of this.pending) clearTimeout(request.timer);
    this.redis.disconnect();
  }

  status(): TransportStatus {
    return {
      connected: this.redis?.status === 'ready',
      details: { transport: this.name, status: this.redis?.status, consumer: this.consumerName },
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
