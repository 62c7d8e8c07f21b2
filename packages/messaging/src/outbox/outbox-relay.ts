import type { Logger } from '@tenon/core';
import type { Database } from '@tenon/data';
import type { MessagingClient } from '../client/messaging-client';
import type { DataBridge } from '../data/data-bridge';
import type { OutboxOptions } from '../module/messaging-options';
import { lazyModule } from '../util/lazy-module';
import { OUTBOX_CHANNEL, OUTBOX_TABLE, ensureOutboxTable, type OutboxRow } from './outbox-table';

const pg = lazyModule<{ Client: new (config: { connectionString: string }) => PgListener }>('pg');

interface PgListener {
  connect(): Promise<unknown>;
  query(text: string): Promise<unknown>;
  on(event: 'notification' | 'error', listener: (...args: unknown[]) => void): unknown;
  end(): Promise<void>;
}

/**
 * Sends the rows of `tenon_outbox` to the broker, oldest first, and marks them sent, in batches
 * of one transaction each. Rows are locked with `FOR UPDATE SKIP LOCKED`, so the relays of
 * several instances share the table without sending a row twice at once. It wakes on the local
 * commit, on PostgreSQL's NOTIFY from other instances, and on a poll timer (every dialect).
 * A row is marked sent only after the broker confirmed it: a crash in between sends it again
 * (with the same message id, which the inbox and NATS de-duplicate).
 */
export class OutboxRelay {
  /** Set while the relay prepares its table: `Outbox.publish` waits for it. */
  ready: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private listener: PgListener | undefined;
  private database: Database | undefined;

  constructor(
    private readonly client: MessagingClient,
    private readonly data: DataBridge,
    private readonly options: OutboxOptions,
    private readonly logger: Logger,
  ) {}

  /** Rows sent since start. */
  sent = 0;

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    const database = this.data.tryDatabase();
    if (!database) return;
    // The table is made at boot even without a relay: Outbox.publish cannot create it inside a
    // transaction on a single-connection database.
    this.ready = ensureOutboxTable(database);
    await this.ready;
    if (this.options.relay === false) return;
    this.database = database;
    this.stopped = false;
    const listenUrl =
      this.options.listenUrl ?? (database.capabilities.dialect === 'postgres' ? database.url : undefined);
    if (listenUrl) await this.listen(listenUrl);
    const interval = this.options.pollIntervalMs ?? 1000;
    this.timer = setInterval(() => this.wake(), interval);
    this.timer.unref();
    this.wake();
  }

  /** Runs the relay soon (coalesced: one run at a time, one more if woken meanwhile). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Sends everything unsent now (tests and shutdown use it). */
  async flush(): Promise<void> {
    await this.running;
    if (this.database) await this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 100;
    try {
      for (;;) {
        const count = await this.batch(batchSize);
        if (count < batchSize || this.stopped) return;
      }
    } catch (error) {
      // Unsent rows stay; the next wake-up or poll tries again.
      this.logger.warn('outbox relay: a batch failed; it will be retried', { err: error });
    }
  }

  private async batch(batchSize: number): Promise<number> {
    const database = this.database!;
    const transactions = database.transactions;
    return transactions.run(async () => {
      const db = transactions.executor();
      let query = db
        .selectFrom(OUTBOX_TABLE)
        .selectAll()
        .where('sent_at', 'is', null)
        .orderBy('seq')
        .limit(batchSize);
      // SQLite has one writer and no row locks; elsewhere, other relays skip the rows held here.
      if (database.capabilities.dialect !== 'sqlite') query = query.forUpdate().skipLocked();
      const rows = (await query.execute()) as unknown as OutboxRow[];
      if (rows.length === 0) return 0;
      for (const row of rows) {
        await this.client.publishMessage({
          subject: row.subject,
          body: Buffer.from(row.body, 'base64'),
          headers: JSON.parse(row.headers) as Record<string, string>,
        });
      }
      await db
        .updateTable(OUTBOX_TABLE)
        .set({ sent_at: new Date().toISOString() })
        .where(
          'seq',
          'in',
          rows.map((r) => r.seq),
        )
        .execute();
      this.sent += rows.length;
      return rows.length;
    });
  }

  private async listen(url: string): Promise<void> {
    try {
      const { Client } = pg();
      const listener = new Client({ connectionString: url });
      listener.on('error', (error) =>
        this.logger.warn('outbox relay: LISTEN connection failed; polling only', { err: error }),
      );
      listener.on('notification', () => this.wake());
      await listener.connect();
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = listener;
    } catch (error) {
      this.logger.warn('outbox relay: could not LISTEN; polling only', { err: error });
    }
  }
}
