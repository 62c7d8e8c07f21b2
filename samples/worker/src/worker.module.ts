import { ConfigModule, Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { MessagingModule, transportFromUrl } from '@tenon/messaging';
import { ArticlePublishedHandler } from './notifications/article-published.handler';
import { ArticleNotification } from './notifications/notification.entity';
import { NotificationRepository } from './notifications/notification.repository';
import { WorkerConfig } from './worker.config';

/**
 * The worker: no HTTP, a database of its own (the table is created from the entity) and the
 * broker the RealWorld API publishes to, under the same prefix ('conduit').
 */
@Module({
  imports: [
    ConfigModule.forRoot({ schema: WorkerConfig }),
    DataModule.forRootAsync({
      inject: [WorkerConfig],
      useFactory: (config: WorkerConfig) => ({
        url: config.databaseUrl,
        schema: 'create',
        entities: [ArticleNotification],
      }),
    }),
    DataModule.forFeature([NotificationRepository]),
    MessagingModule.forRootAsync({
      inject: [WorkerConfig],
      useFactory: (config: WorkerConfig) => ({
        transport: transportFromUrl(config.messagingUrl, { prefix: 'conduit' }),
        group: 'worker',
      }),
    }),
  ],
  providers: [ArticlePublishedHandler],
})
export class WorkerModule {}
