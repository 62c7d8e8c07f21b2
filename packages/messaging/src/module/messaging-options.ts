import { InjectionToken } from '@tenon/core';
import type { Codec } from '../codec/codec';
import type { RetryPolicy } from '../transport/retry-policy';
import type { MessagingTransport } from '../transport/transport';

/** A prom-client `Registry` (e.g. `MetricsService.registry` of @tenon/http's MetricsModule). */
export interface MetricsRegistryLike {
  registerMetric(metric: unknown): void;
}

/** Options of `MessagingModule.forRoot()`. */
export interface MessagingModuleOptions {
  /** `inMemory()`, `natsJetStream({...})`, `rabbitmq({...})` or `redisStreams({...})`. */
  readonly transport: MessagingTransport;
  /** Payload encoding (default JSON). */
  readonly codec?: Codec;
  /**
   * Prefix of default consumer group names (`<group>.<Class>.<method>`); give each service its own
   * so two services handling one subject each get every message.
   */
  readonly group?: string;
  /** Messages handled at once per handler in one instance (default 16). */
  readonly concurrency?: number;
  /** Redelivery of failed events (default 5 deliveries, 1 s doubling to 60 s). */
  readonly retry?: Partial<RetryPolicy>;
  /** Default time limit of `send()`, in ms (default 5000). */
  readonly requestTimeout?: number;
  /** How long shutdown waits for running handlers, in ms (default 10000). */
  readonly drainTimeout?: number;
  /** Start no consumers: an application that only publishes (default false). */
  readonly publishOnly?: boolean;
  /**
   * Counters and a latency histogram per subject in this prom-client registry. Default: the
   * registry of @tenon/http's `MetricsModule` when the application imports it; `false`: none.
   */
  readonly metrics?: { readonly registry: MetricsRegistryLike; readonly prefix?: string } | false;
  /** The outbox relay (see `Outbox`). */
  readonly outbox?: OutboxOptions;
  /**
   * When each message gets its own request scope (an AsyncLocalStorage context). `'always'`:
   * every message, so `Logger` lines written while handling it carry `subject` and
   * `messageId`. `'auto'` (default, like http's): every message where AsyncLocalStorage is backed by AsyncContextFrame
   * (Node 24 and later, as http's `requestScope: 'auto'` decides), elsewhere only the messages
   * of handlers that need one: the handler's class is not a singleton, or injects a
   * request-scoped provider at any depth, or the handler has guards, interceptors, pipes or
   * filters while something in the application is request-scoped. This saves the cost of async
   * context tracking on every promise of the process (Node 20, 22), at the price of log lines
   * without those fields in the other handlers.
   *
   * @example
   * MessagingModule.forRoot({ transport: redisStreams({ url }), requestScope: 'always' })
   */
  readonly requestScope?: 'always' | 'auto';
}

/** Options of the outbox relay. */
export interface OutboxOptions {
  /** Run the relay in this instance (default true when a DataModule is present). */
  readonly relay?: boolean;
  /** How often the relay looks for unsent rows without a wake-up, in ms (default 1000). */
  readonly pollIntervalMs?: number;
  /** Rows published per relay transaction (default 100). */
  readonly batchSize?: number;
  /**
   * A PostgreSQL URL the relay LISTENs on for commits of other instances (default: the
   * DataModule's URL when it is a postgres:// one).
   */
  readonly listenUrl?: string;
}

/** The options as given to the module. */
export const MESSAGING_TRANSPORT = new InjectionToken<MessagingTransport>('MESSAGING_TRANSPORT');
