import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { ClientLibraryMissingError } from '../errors/boot.errors';
import {
  HANDLED,
  type ConsumerSpec,
  type DeadLetter,
  type MessagingTransport,
  type ResponderSpec,
  type TransportMessage,
  type TransportStatus,
} from '../transport/transport';
import {
  connectNats,
  flushAndClose,
  natsLibrary,
  natsStatus,
  natsRequest,
  natsRespond,
  toHeaders,
} from './nats/nats-client';
import { NatsCoreDelivery } from './nats/nats-core-delivery';
import { encodeHeaders } from './nats/nats-headers';
import { FifoQueue } from '../util/fifo-queue';
import { safeName } from './subject-names';

/** Options of `natsCore()`. */
export interface NatsCoreOptions {
  /** Server URL(s), e.g. `nats://127.0.0.1:4222`. */
  readonly servers: string | string[];
  /**
   * Namespace of every subject (default `tenon`): events on `<prefix>.ev.<subject>`, requests on
   * `<prefix>.rpc.<subject>`, the same subjects as `natsJetStream()` uses.
   */
  readonly prefix?: string;
  /** The connection name shown by the server. */
  readonly name?: string;
}

function load(): typeof import('@nats-io/transport-node') {
  try {
    return natsLibrary();
  } catch (error) {
    throw new ClientLibraryMissingError('NATS', ['@nats-io/transport-node'], error);
  }
}

// NATS subjects of the Tenon subjects published on, kept so that a publish builds no string
// (an application publishes on a handful of subjects; the cap bounds a misuse).
const MAX_CACHED_SUBJECTS = 1024;
const settled: Promise<void> = Promise.resolve();

/**
 * Events and requests on core NATS, without JetStream: at most once. Nothing is stored, so an
 * event published while no instance of a group is subscribed is lost, and nothing is
 * acknowledged, redelivered or dead-lettered: an event whose handler fails is dropped (the
 * runtime reports it `dead-lettered` and logs it, `deadLetters()` is always empty). Instances of
 * a consumer group share events through a NATS queue group; requests use request-reply with a
 * queue group, as on `natsJetStream()`. This is what NestJS's NATS transport does.
 */
export class NatsCoreTransport implements MessagingTransport {
  readonly name = 'nats-core';
  readonly atMostOnce = true;
  private nc: NatsConnection | undefined;
  private readonly prefix: string;
  private readonly subscriptions: Subscription[] = [];
  private readonly eventSubjects = new Map<string, string>();
  /** Per consumer: events received while `concurrency` handlers run, dropped at stop. */
  private readonly waiting: FifoQueue<Msg>[] = [];
  private connected = false;
  private lastError: string | undefined;

  constructor(private readonly options: NatsCoreOptions) {
    this.prefix = options.prefix ?? 'tenon';
  }

  async connect(): Promise<void> {
    const nc = await connectNats(load(), this.options.servers, this.options.name);
    this.nc = nc;
    this.connected = true;
    void this.watch(nc);
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
      if (status.type === 'error') this.lastError = String((status as { error?: unknown }).error);
    }
  }

  /**
   * Hands the message to the client, which writes it to the server: it resolves before any
   * server has it, and a message over the server's `max_payload` is refused here.
   */
  publish(message: TransportMessage): Promise<void> {
    try {
      const headers = encodeHeaders(message.headers, toHeaders);
      this.nc!.publish(this.eventSubject(message.subject), message.body, headers ? { headers } : undefined);
      return settled;
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private eventSubject(subject: string): string {
    let natsSubject = this.eventSubjects.get(subject);
    if (natsSubject === undefined) {
      natsSubject = `${this.prefix}.ev.${subject}`;
      if (this.eventSubjects.size < MAX_CACHED_SUBJECTS) this.eventSubjects.set(subject, natsSubject);
    }
    return natsSubject;
  }

  request(message: TransportMessage, timeoutMs: number): Promise<TransportMessage> {
    return natsRequest(this.nc!, this.prefix, message, timeoutMs);
  }

  async consume(spec: ConsumerSpec): Promise<void> {
    const natsSubject = this.eventSubject(spec.subject);
    // Core NATS pushes without flow control: events beyond `concurrency` wait here, in order.
    const waiting = new FifoQueue<Msg>();
    this.waiting.push(waiting);
    let running = 0;
    // The handler's promise never rejects (the runtime settles failures itself), so one callback
    // serves both outcomes.
    const next = (): void => {
      running--;
      const m = waiting.shift();
      if (m) start(m);
    };
    const start = (first: Msg): void => {
      // A loop, not next() from here: a run of handlers that return at once would otherwise
      // nest one call per waiting event.
      for (let m: Msg | undefined = first; m; m = waiting.shift()) {
        running++;
        const handled = spec.handle(new NatsCoreDelivery(m, spec.subject));
        // Not yet handled: the slot is freed by a promise reaction later.
        if (handled !== HANDLED) return void handled.then(next, next);
        running--;
      }
    };
    const sub = this.nc!.subscribe(natsSubject, {
      queue: safeName(spec.group),
      callback: (error, m) => {
        if (error) {
          this.lastError = error.message;
          return;
        }
        if (running < spec.concurrency) start(m);
        else waiting.push(m);
      },
    });
    this.subscriptions.push(sub);
    // Events emitted right after boot must reach the group: the server has it after a flush.
    await this.nc!.flush();
  }

  async respond(spec: ResponderSpec): Promise<void> {
    this.subscriptions.push(await natsRespond(this.nc!, this.prefix, spec));
  }

  /** Unsubscribes; events received but not started yet are dropped (at most once). */
  async stopConsuming(): Promise<void> {
    for (const sub of this.subscriptions.splice(0)) sub.unsubscribe();
    for (const waiting of this.waiting.splice(0)) waiting.clear();
  }

  async close(): Promise<void> {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    await this.stopConsuming();
    await flushAndClose(nc);
    this.connected = false;
  }

  status(): TransportStatus {
    return natsStatus(this.name, this.nc, this.connected, this.lastError);
  }

  /** Always empty: core NATS keeps nothing, a failed event is dropped. */
  async deadLetters(): Promise<DeadLetter[]> {
    return [];
  }
}

/**
 * NATS without JetStream, on `@nats-io/transport-node` (an optional peer): at most once, as
 * NestJS's NATS transport. Choose it for events that may be lost (cache invalidation, live
 * updates) and for request-reply; `natsJetStream()` stores, acknowledges and redelivers.
 *
 * @example
 * MessagingModule.forRoot({ transport: natsCore({ servers: 'nats://127.0.0.1:4222', prefix: 'shop' }) })
 */
export function natsCore(options: NatsCoreOptions): NatsCoreTransport {
  return new NatsCoreTransport(options);
}
