import type { DataBridge } from '../data/data-bridge';
import type { InboxRunner } from '../runtime/message-dispatcher';

/** The inbox table: one row per (consumer group, message id) handled. */
export const INBOX_TABLE = 'tenon_inbox';

/**
 * Effectively-once handling for `@Idempotent()` handlers: the message id is inserted into
 * `tenon_inbox` in the same transaction as the handler's work. A second delivery of the same id
 * (after a crash before the ack, or a redelivery racing the first) finds the row and is skipped;
 * a handler that throws rolls its row back with its work, so the retry runs it again.
 */
export class InboxStore implements InboxRunner {
  private ready: Promise<void> | undefined;

  constructor(private readonly data: DataBridge) {}

  /** Creates the table when missing (also part of the README's migration). */
  ensureTable(): Promise<void> {
    return (this.ready ??= (async () => {
      const database = this.data.database('@Idempotent()');
      await database.kysely.schema
        .createTable(INBOX_TABLE)
        .ifNotExists()
        .addColumn('consumer', 'varchar(200)', (c) => c.notNull())
        .addColumn('message_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('handled_at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${INBOX_TABLE}_pk`, ['consumer', 'message_id'])
        .execute();
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    }));
  }

  async runOnce(
    group: string,
    messageId: string,
    fn: () => Promise<unknown>,
  ): Promise<{ ran: boolean; result?: unknown }> {
    await this.ensureTable();
    const database = this.data.database('@Idempotent()');
    const mysql = database.capabilities.dialect === 'mysql';
    return database.transactions.run(async () => {
      const db = database.transactions.executor();
      const insert = db
        .insertInto(INBOX_TABLE)
        .values({ consumer: group, message_id: messageId, handled_at: new Date().toISOString() });
      // Waits for a concurrent transaction holding the same key, then inserts nothing if it committed.
      const result = await (
        mysql
          ? insert.ignore()
          : insert.onConflict((oc) => oc.columns(['consumer', 'message_id']).doNothing())
      ).executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) return { ran: false };
      return { ran: true, result: await fn() };
    });
  }
}
