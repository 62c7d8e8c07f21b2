import { IsString } from 'class-validator';

/**
 * The worker's configuration, from the environment (and `.env`).
 *
 * | variable | default |
 * |---|---|
 * | `DATABASE_URL` | `pglite://./.tenon/worker` (its own embedded database) |
 * | `MESSAGING_URL` | `nats://127.0.0.1:4222`: the broker the RealWorld API publishes to (`amqp://`, `redis://` too) |
 *
 * @example
 * DATABASE_URL=postgres://worker@db/notifications MESSAGING_URL=nats://nats:4222 node dist/main.js
 */
export class WorkerConfig {
  @IsString() databaseUrl = 'pglite://./.tenon/worker';
  @IsString() messagingUrl = 'nats://127.0.0.1:4222';
}
