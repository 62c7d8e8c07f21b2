import { randomUUID } from 'node:crypto';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { ClientLibraryMissingError } from '../errors/boot.errors';
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
import { deadLetterHeaders, settleOnce } from './delivery-helpers';
import {
  connectNats,
  flushAndClose,
  natsLibrary,
  natsStatus,
  natsRequest,
  natsRespond,
  toHeaders,
} from './nats/nats-client';
import { recordOf } from './nats/nats-headers';
import { safeName } from './subject-names';

const jetstreamLibrary = lazyModule<typeof import('@nats-io/jetstream')>('@nats-io/jetstream');

/** Options of `natsJetStream()`. */
export interface NatsJetStreamOptions {
  /** Server URL(s), e.g. `nats://127.0.0.1:4222`. */
  readonly servers: string | string[];
  /**
   * Namespace of every subject and name on the server (default `tenon`): events on
   * `<prefix>.ev.<subject>`, dead letters on `<prefix>.dlq.<group>.<subject>`, requests on
   * `<prefix>.rpc.<subject>`, the stream `<prefix>_messages`.
   */
  readonly prefix?: string;
  /** The JetStream stream holding events and dead letters (default `<prefix>_messages`). */
  readonly stream?: string;
  /** How long a delivered message may stay unacknowledged before redelivery, in ms (default 30000). */
  readonly ackWaitMs?: number;
  /** Window in which a repeated message id is stored once (default 120000 ms). */
  readonly duplicateWindowMs?: number;
  /** The connection name shown by the server. */
  readonly name?: string;
}

function load(): {
  nats: typeof import('@nats-io/transport-node');
  jetstream: typeof import('@nats-io/jetstream');
} {
  try {
    return { nats: natsLibrary(), jetstream: jetstreamLibrary() };
  } catch (error) {
    throw new ClientLibraryMissingError(
      'NATS JetStream',
      ['@nats-io/transport-node', '@nats-io/jetstream'],
      error,
    );
  }
}

const nanos = (ms: number): number => ms * 1_000_000;

/** JetStream's de-duplication header (lower-cased by recordOf()), which carries the message id. */
const MSG_ID = 'nats-msg-id';

/**
 * Events on a JetStream stream read by durable pull consumers (one per consumer group and
 * subject; instances of a group share it), acknowledged after the handler succeeded
 * (`ack`), redelivered with `nak(delay)`, dead-lettered by publishing to the dead-letter
 * subject and terminating the message. Requests use core NATS request-reply with a queue group.
 */
export class NatsJetStreamTransport implements MessagingTransport {
  readonly name = 'nats-jetstream';
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private jsm: JetStreamManager | undefined;
  private readonly prefix: string;
  private readonly stream: string;
  private readonly consumers: ConsumerMessages[] = [];
  private readonly subscriptions: Subscription[] = [];
  private connected = false;
  private lastError: string | undefined;

  constructor(private readonly options: NatsJetStreamOptions) {
    this.prefix = options.prefix ?? 'tenon';
    this.stream = options.stream ?? `${safeName(this.prefix)}_messages`;
  }

  async connect(): Promise<void> {
    const { nats, jetstream } = load();
    const nc = await connectNats(nats, this.options.servers, this.options.name);
    this.nc = nc;
    this.connected = true;
    void this.watch(nc);
    this.jsm = await jetstream.jetstreamManager(nc);
    this.js = jetstream.jetstream(nc);
    const config = {
      name: this.stream,
      subjects: [`${this.prefix}.ev.>`, `${this.prefix}.dlq.>`],
      duplicate_window: nanos(this.options.duplicateWindowMs ?? 120_000),
    };
    try {
      await this.jsm.streams.info(this.stream);
      await this.jsm.streams.update(this.stream, config);
    } catch {
      await this.jsm.streams.add(config);
    }
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
      if (status.type === 'error') this.lastError = String((status as { error?: unknown }).error);
    }
  }

  async publish(message: TransportMessage): Promise<void> {
    // msgID: JetStream stores a message id once within the duplicate window (outbox re-sends).
    // It is the message id on the consumer's side too (see deliver()), so it is not sent twice.
    const { [HEADER.MESSAGE_ID]: id = randomUUID(), ...rest } = message.headers;
    const headers = toHeaders(rest);
    await this.js!.publish(`${this.prefix}.ev.${message.subject}`, message.body, {
      ...(headers ? { headers } : {}),
      msgID: id,
    });
  }

  request(message: TransportMessage, timeoutMs: number): Promise<TransportMessage> {
    return natsRequest(this.nc!, this.prefix, message, timeoutMs);
  }

  async consume(spec: ConsumerSpec): Promise<void> {
    const durable = safeName(`${spec.group}__${spec.subject}`);
    const { jetstream } = load();
    const config = {
      durable_name: durable,
      ack_policy: jetstream.AckPolicy.Explicit,
      deliver_policy: jetstream.DeliverPolicy.All,
      filter_subject: `${this.prefix}.ev.${spec.subject}`,
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
      max_deliver: spec.maxDeliveries,
      max_ack_pending: Math.max(1000, spec.concurrency * 4),
    };
    try {
      await this.jsm!.consumers.info(this.stream, durable);
      await this.jsm!.consumers.update(this.stream, durable, config);
    } catch {
      await this.jsm!.consumers.add(this.stream, config);
    }
    const consumer = await this.js!.consumers.get(this.stream, durable);
    const messages = await consumer.consume({ max_messages: spec.concurrency });
    this.consumers.push(messages);
    void this.pump(messages, spec);
  }

  private async pump(messages: ConsumerMessages, spec: ConsumerSpec): Promise<void> {
    const running = new Set<Promise<void>>();
    try {
      for await (const m of messages) {
        const work = this.deliver(m, spec).finally(() => running.delete(work));
        running.add(work);
        // Pull no further than the handler's concurrency: unpulled messages stay on the server.
        if (running.size >= spec.concurrency) await Promise.race(running);
      }
    } catch (error) {
      // The connection closed under the iterator; unacknowledged messages are redelivered.
      this.lastError = error instanceof Error ? error.message : String(error);
    }
  }

  private deliver(m: JsMsg, spec: ConsumerSpec): Promise<void> {
    const headers = recordOf(m.headers);
    headers[HEADER.MESSAGE_ID] ??= headers[MSG_ID] ?? `${this.stream}:${m.seq}`;
    delete headers[MSG_ID];
    const id = headers[HEADER.MESSAGE_ID];
    return spec.handle(
      settleOnce({
        subject: spec.subject,
        body: m.data,
        headers,
        id,
        deliveryCount: m.info.deliveryCount,
        // A plain ack, not ackAck(): waiting for the server's confirmation of every ack is a
        // request per message (a third of the consumer's time). At least once holds without it:
        // a lost ack means a redelivery after ackWait, which the inbox absorbs; close() flushes.
        ack: async () => m.ack(),
        retry: async (delayMs) => m.nak(delayMs),
        deadLetter: async (reason) => {
          await this.js!.publish(`${this.prefix}.dlq.${safeName(spec.group)}.${spec.subject}`, m.data, {
            headers: toHeaders(deadLetterHeaders(headers, reason, spec))!,
          });
          m.term(reason.slice(0, 200));
        },
      }),
    );
  }

  async respond(spec: ResponderSpec): Promise<void> {
    this.subscriptions.push(await natsRespond(this.nc!, this.prefix, spec));
  }

  async stopConsuming(): Promise<void> {
    for (const sub of this.subscriptions.splice(0)) sub.unsubscribe();
    // close() settles once the iterator is consumed to its end, which waits for running
    // handlers; the runtime drains those itself, so wait here only briefly.
    await Promise.all(
      this.consumers
        .splice(0)
        .map((c) =>
          Promise.race([c.close().catch(() => undefined), new Promise((r) => setTimeout(r, 200).unref())]),
        ),
    );
  }

  async close(): Promise<void> {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    await this.stopConsuming();
    await flushAndClose(nc);
    this.connected = false;
  }

  status(): TransportStatus {
    return natsStatus(this.name, this.nc, this.connected, this.lastError, { stream: this.stream });
  }

  async deadLetters(subject: string, group: string, limit = 100): Promise<DeadLetter[]> {
    const { jetstream } = load();
    // A short-lived consumer that acknowledges nothing: reading leaves the dead letters in place.
    const name = `dlq_reader_${randomUUID().replace(/-/g, '')}`;
    await this.jsm!.consumers.add(this.stream, {
      name,
      ack_policy: jetstream.AckPolicy.None,
      deliver_policy: jetstream.DeliverPolicy.All,
      filter_subject: `${this.prefix}.dlq.${safeName(group)}.${subject}`,
      inactive_threshold: nanos(60_000),
    });
    const letters: DeadLetter[] = [];
    try {
      const consumer = await this.js!.consumers.get(this.stream, name);
      const batch = await consumer.fetch({ max_messages: limit, expires: 1000 });
      for await (const m of batch) {
        const headers = recordOf(m.headers);
        letters.push({ subject, body: m.data, headers, reason: headers[HEADER.DEAD_LETTER_REASON] ?? '' });
        if (m.info.pending === 0) break;
      }
    } finally {
      await this.jsm!.consumers.delete(this.stream, name).catch(() => undefined);
    }
    return letters;
  }

  /** Deletes the stream (with its consumers): for tests and teardown of a namespace. */
  async deleteResources(): Promise<void> {
    await this.jsm?.streams.delete(this.stream).catch(() => undefined);
  }
}

/**
 * The NATS JetStream transport, on the official `@nats-io/transport-node` and
 * `@nats-io/jetstream` clients (optional peers).
 *
 * @example
 * MessagingModule.forRoot({ transport: natsJetStream({ servers: 'nats://127.0.0.1:4222', prefix: 'shop' }) })
 */
export function natsJetStream(options: NatsJetStreamOptions): NatsJetStreamTransport {
  return new NatsJetStreamTransport(options);
}
