import { ApplicationContext, Injectable, Module } from '@tenon/core';
import {
  EventPattern,
  MESSAGING_TRANSPORT,
  MessagingClient,
  MessagingModule,
  natsCore,
  transportFromUrl,
} from '@tenon/messaging';
import { SUBJECT, payload, type VariantFactory } from './variant';

/** Tenon: an @EventPattern handler in an application, MessagingClient.emit() to publish. */
export const tenonVariant: VariantFactory = (broker, namespace) => {
  let app: ApplicationContext | undefined;
  let client: MessagingClient | undefined;
  return {
    async start(received) {
      @Injectable()
      class Handler {
        @EventPattern(SUBJECT, { group: 'bench', concurrency: 64 })
        on(message: { t: number }): void {
          received(message.t);
        }
      }
      @Module({
        imports: [
          MessagingModule.forRoot({
            transport:
              broker.name === 'nats-core'
                ? natsCore({ servers: broker.url, prefix: namespace })
                : transportFromUrl(broker.url, { prefix: namespace }),
          }),
        ],
        providers: [Handler],
      })
      class BenchModule {}
      app = await ApplicationContext.create(BenchModule, { logger: false });
      client = app.get(MessagingClient);
    },
    publish: (sentAt) => client!.emit(SUBJECT, payload(sentAt)),
    async close() {
      // Streams, queues and keys of this namespace go: the broker is shared.
      const transport = app?.get(MESSAGING_TRANSPORT) as { deleteResources?(): Promise<void> } | undefined;
      await transport?.deleteResources?.().catch(() => undefined);
      await app?.close();
    },
  };
};
