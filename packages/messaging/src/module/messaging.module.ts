import {
  ApplicationContext,
  DiscoveryService,
  Logger,
  Module,
  createConfigurableModule,
  type Provider,
} from '@tenon/core';
import { MessagingClient } from '../client/messaging-client';
import { jsonCodec } from '../codec/codec';
import { DataBridge } from '../data/data-bridge';
import { EventBus } from '../events/event-bus';
import { MessagingHealthIndicator } from '../health/messaging-health.indicator';
import { InboxStore } from '../inbox/inbox-store';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { MessageObserver } from '../runtime/message-observer';
import { MessagingRuntime } from '../runtime/messaging-runtime';
import type { MessagingTransport } from '../transport/transport';
import { MESSAGING_TRANSPORT, type MessagingModuleOptions } from './messaging-options';

function validate(options: MessagingModuleOptions): string[] {
  const problems: string[] = [];
  const t = options.transport as Partial<MessagingTransport> | undefined;
  if (!t || typeof t.publish !== 'function' || typeof t.consume !== 'function') {
    problems.push(
      'transport: expected a transport such as inMemory(), natsJetStream({...}), rabbitmq({...}) or redisStreams({...})',
    );
  }
  for (const key of ['concurrency', 'requestTimeout', 'drainTimeout'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value > 0))
      problems.push(`${key}: expected a positive integer, got ${String(value)}`);
  }
  const max = options.retry?.maxDeliveries;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1))
    problems.push(`retry.maxDeliveries: expected an integer >= 1, got ${String(max)}`);
  return problems;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = createConfigurableModule<MessagingModuleOptions>({
  name: 'MessagingModule',
  validate,
  global: true,
  providers: (options): Provider[] => [
    {
      provide: MESSAGING_TRANSPORT,
      // Connected while the application is built, so onModuleInit hooks may already publish.
      useFactory: async (o: MessagingModuleOptions) => {
        await o.transport.connect();
        return o.transport;
      },
      inject: [options],
    },
    { provide: MessageObserver, useFactory: () => new MessageObserver() },
    {
      provide: DataBridge,
      useFactory: (app: ApplicationContext) => new DataBridge(app),
      inject: [ApplicationContext],
    },
    { provide: InboxStore, useFactory: (data: DataBridge) => new InboxStore(data), inject: [DataBridge] },
    {
      provide: MessagingClient,
      useFactory: (o: MessagingModuleOptions, transport: MessagingTransport) =>
        new MessagingClient(transport, o.codec ?? jsonCodec(), o.requestTimeout ?? 5000),
      inject: [options, MESSAGING_TRANSPORT],
    },
    {
      provide: MessagingRuntime,
      useFactory: (
        o: MessagingModuleOptions,
        transport: MessagingTransport,
        discovery: DiscoveryService,
        app: ApplicationContext,
        observer: MessageObserver,
        client: MessagingClient,
        inbox: InboxStore,
      ) =>
        new MessagingRuntime(
          o,
          transport,
          discovery,
          app,
          o.codec ?? jsonCodec(),
          observer,
          client,
          new Logger('Messaging'),
          () => inbox,
        ),
      inject: [
        options,
        MESSAGING_TRANSPORT,
        DiscoveryService,
        ApplicationContext,
        MessageObserver,
        MessagingClient,
        InboxStore,
      ],
    },
    {
      provide: OutboxRelay,
      useFactory: (o: MessagingModuleOptions, client: MessagingClient, data: DataBridge) =>
        new OutboxRelay(client, data, o.outbox ?? {}, new Logger('Outbox')),
      inject: [options, MessagingClient, DataBridge],
    },
    {
      provide: Outbox,
      useFactory: (client: MessagingClient, data: DataBridge, relay: OutboxRelay) =>
        new Outbox(client, data, relay, new Logger('Outbox')),
      inject: [MessagingClient, DataBridge, OutboxRelay],
    },
    {
      provide: EventBus,
      useFactory: (discovery: DiscoveryService, data: DataBridge) =>
        new EventBus(discovery, data, new Logger('EventBus')),
      inject: [DiscoveryService, DataBridge],
    },
    {
      provide: MessagingHealthIndicator,
      useFactory: (transport: MessagingTransport, runtime: MessagingRuntime) =>
        new MessagingHealthIndicator(transport, runtime),
      inject: [MESSAGING_TRANSPORT, MessagingRuntime],
    },
  ],
  exports: [
    MESSAGING_TRANSPORT,
    MessageObserver,
    MessagingClient,
    MessagingRuntime,
    Outbox,
    OutboxRelay,
    EventBus,
    MessagingHealthIndicator,
  ],
});

/** The token of the options given to `MessagingModule.forRoot()`. */
export const MESSAGING_OPTIONS = MODULE_OPTIONS_TOKEN;

/**
 * Message handlers, a client, the outbox and in-process events. Global by default: import it once
 * in the root module.
 *
 * @example
 * @Module({
 *   imports: [
 *     DataModule.forRoot({ url: process.env.DATABASE_URL }),
 *     MessagingModule.forRoot({ transport: natsJetStream({ servers: 'nats://127.0.0.1:4222' }), group: 'billing' }),
 *     // or: MessagingModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => ({ transport: rabbitmq({ url: c.amqpUrl }) }) })
 *   ],
 *   providers: [InvoiceHandlers],
 * })
 * export class AppModule {}
 */
@Module({})
export class MessagingModule extends ConfigurableModuleClass {}
