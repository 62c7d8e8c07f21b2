import type { Database } from '@tenon/data';
import { autoIncrementKey } from '../data/data-bridge';
import { dataPackage } from '../util/lazy-module';

/** The outbox table: one row per message published through `Outbox`, until the relay sends it. */
export const OUTBOX_TABLE = 'tenon_outbox';

/** The NOTIFY channel the relays of all instances LISTEN on (PostgreSQL). */
export const OUTBOX_CHANNEL = 'tenon_outbox';

/** The row as stored (the body base64, the headers JSON, so every dialect stores them as text). */
export interface OutboxRow {
  seq: number | string;
  message_id: string;
  subject: string;
  body: string;
  headers: string;
  created_at: string;
  sent_at: string | null;
}

/** Creates `tenon_outbox` when missing (the README gives the same as a migration). */
export async function ensureOutboxTable(database: Database): Promise<void> {
  const { sql } = dataPackage();
  await database.kysely.schema
    .createTable(OUTBOX_TABLE)
    .ifNotExists()
    .addColumn('seq', sql.raw(autoIncrementKey(database.capabilities.dialect)))
    .addColumn('message_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(40)')
    .execute();
}
