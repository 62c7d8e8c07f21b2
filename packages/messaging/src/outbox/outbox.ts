import { randomUUID } from 'node:crypto';
import type { Logger } from '@tenon/core';
import type { EmitOptions, MessagingClient } from '../client/messaging-client';
import type { DataBridge } from '../data/data-bridge';
import { OutboxOutsideTransactionError } from '../errors/runtime.errors';
import { assertSubject } from '../metadata/subject';
import { dataPackage } from '../util/lazy-module';
import type { OutboxRelay } from './outbox-relay';
import { OUTBOX_CHANNEL, OUTBOX_TABLE, ensureOutboxTable } from './outbox-table';

/**
 * The transactional outbox: `publish()` writes the message into `tenon_outbox` in the current
 * transaction, and the relay sends it to the broker after the commit. A rolled-back transaction
 * sends nothing; a crash after the commit sends it when an instance runs again.
 *
 * @example
 * @Transactional()
 * async publishArticle(id: number) {
 *   await this.articles.update({ id }, { published: true });
 *   await this.outbox.publish('articles.published', { id });
 * }
 */
export class Outbox {
  private tableReady: Promise<void> | undefined;

  constructor(
    private readonly client: MessagingClient,
    private readonly data: DataBridge,
    private readonly relay: OutboxRelay,
    private readonly logger: Logger,
  ) {}

  /** Stores the message in the current transaction; rejects outside one. */
  async publish(subject: string, data: unknown, options: EmitOptions = {}): Promise<void> {
    assertSubject(subject, 'Outbox.publish()');
    const database = this.data.database('Outbox');
    const transactions = database.transactions;
    if (!transactions.inTransaction) throw new OutboxOutsideTransactionError(subject);
    await (this.tableReady ??= this.relay.ready ?? ensureOutboxTable(database));
    // An id even on an at-most-once transport: the relay may publish a row again after a crash,
    // and the inbox of an @Idempotent handler keys on it.
    const message = this.client.message(subject, data, {
      ...options,
      messageId: options.messageId ?? randomUUID(),
    });
    const db = transactions.executor();
    await db
      .insertInto(OUTBOX_TABLE)
      .values({
        message_id: message.headers['tenon-message-id']!,
        subject,
        body: Buffer.from(message.body).toString('base64'),
        headers: JSON.stringify(message.headers),
        created_at: new Date().toISOString(),
      })
      .execute();
    if (database.capabilities.dialect === 'postgres') {
      // Delivered to the listeners only when this transaction commits, never on rollback.
      const { sql } = dataPackage();
      await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db);
    }
    transactions.afterCommit(() => {
      this.relay.wake();
    });
    this.logger.debug(`outbox: '${subject}' stored`);
  }
}
