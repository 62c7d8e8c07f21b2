import type {
  ApplicationContext,
  BeforeApplicationShutdown,
  DiscoveryService,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@tenon/core';
import type { Codec } from '../codec/codec';
import type { MessagingClient } from '../client/messaging-client';
import type { MessagingModuleOptions } from '../module/messaging-options';
import type { MessagingTransport } from '../transport/transport';
import type { HandlerDefinition } from './handler-definition';
import { discoverHandlers } from './handler-discovery';
import { MessageDispatcher, type InboxRunner } from './message-dispatcher';
import type { MessageObserver } from './message-observer';
import { appMetricsRegistry, recordMetrics } from './messaging-metrics';

/**
 * Starts the consumers of every discovered handler once the application has booted
 * (`onApplicationBootstrap`), stops them first at shutdown and waits for running handlers
 * (`beforeApplicationShutdown`, before any module is destroyed), then closes the broker
 * connection (`onApplicationShutdown`).
 */
export class MessagingRuntime
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  readonly dispatcher: MessageDispatcher;
  private handlerList: HandlerDefinition[] = [];
  private stopped = false;
  private stopMetrics: (() => void) | undefined;

  constructor(
    private readonly options: MessagingModuleOptions,
    private readonly transport: MessagingTransport,
    private readonly discovery: DiscoveryService,
    app: ApplicationContext,
    codec: Codec,
    observer: MessageObserver,
    private readonly client: MessagingClient,
    private readonly logger: Logger,
    inbox: () => InboxRunner,
  ) {
    this.dispatcher = new MessageDispatcher(
      app,
      codec,
      observer,
      logger,
      inbox,
      options.requestScope ?? 'auto',
      transport.atMostOnce === true,
    );
    if (options.metrics)
      this.stopMetrics = recordMetrics(observer, options.metrics.registry, options.metrics.prefix);
    this.observer = observer;
  }

  private readonly observer: MessageObserver;

  /** The handlers found at boot. */
  get handlers(): readonly HandlerDefinition[] {
    return this.handlerList;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.metrics === undefined) {
      // No registry given: join the application's MetricsModule, if it has one.
      const app = appMetricsRegistry(this.discovery);
      if (app) this.stopMetrics = recordMetrics(this.observer, app.registry, app.prefix);
    }
    this.handlerList = discoverHandlers(this.discovery, this.options);
    if (this.options.publishOnly) return;
    for (const handler of this.handlerList) {
      const { subject } = handler.metadata;
      if (handler.metadata.kind === 'request') {
        await this.transport.respond({
          subject,
          group: handler.group,
          concurrency: handler.concurrency,
          handle: this.dispatcher.requestHandler(handler),
        });
      } else {
        await this.transport.consume({
          subject,
          group: handler.group,
          concurrency: handler.concurrency,
          // The broker's own cap sits above ours: the runtime dead-letters at maxDeliveries.
          maxDeliveries: handler.retry.maxDeliveries + 1,
          handle: this.dispatcher.eventHandler(handler),
        });
      }
    }
    if (this.handlerList.length)
      this.logger.debug(`${this.handlerList.length} message handlers on ${this.transport.name}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Stops taking messages and waits (up to `drainTimeout`) for the running handlers. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.transport.stopConsuming();
    const drained = await this.dispatcher.drain(this.options.drainTimeout ?? 10_000);
    if (!drained) {
      this.logger.warn(
        `${this.dispatcher.inFlight} message handlers still running after the drain timeout; their messages will be delivered again`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    this.client.close();
    this.stopMetrics?.();
    await this.transport.close();
  }
}
