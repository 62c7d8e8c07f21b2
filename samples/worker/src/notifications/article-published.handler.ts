import { Injectable, Logger } from '@tenon/core';
import { EventPattern, Idempotent, Payload } from '@tenon/messaging';
import { ArticlePublishedDto } from './article-published.dto';
import { NotificationRepository } from './notification.repository';

/**
 * Fills the notifications table from `articles.published`. At least once from the broker,
 * effectively once here: `@Idempotent()` runs the handler in a transaction that also records the
 * message id in the inbox, so a redelivery (a crash before the ack) writes nothing twice.
 */
@Injectable()
export class ArticlePublishedHandler {
  private readonly log = new Logger(ArticlePublishedHandler.name);

  constructor(private readonly notifications: NotificationRepository) {}

  @EventPattern('articles.published', { group: 'notifications' })
  @Idempotent()
  async onPublished(@Payload() event: ArticlePublishedDto): Promise<void> {
    await this.notifications.save({
      slug: event.slug,
      title: event.title,
      authorUsername: event.authorUsername,
      publishedAt: event.publishedAt,
    });
    this.log.info(`notified: ${event.slug} by ${event.authorUsername}`);
  }
}
