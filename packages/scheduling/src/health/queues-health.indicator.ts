import { Inject, Injectable } from '@tenon/core';
import { QueueConnection } from '../queues/queue-connection';
import { QueueWorkers } from '../queues/queue-workers';

/** What a health check reports (the shape @tenon/http's HealthModule reads; no import of it). */
export interface QueuesHealthResult {
  status: 'up' | 'down';
  details: Record<string, unknown>;
}

/**
 * Readiness of the queues' Redis connection, with each worker's queue and job counts. Give it
 * to `HealthModule.forRoot({ indicators: [QueuesHealthIndicator] })`.
 *
 * @example
 * const { status, details } = await app.get(QueuesHealthIndicator).check();
 * // { status: 'up', details: { redis: 'ready', workers: { mail: { running: true, waiting: 0, active: 1, delayed: 0, failed: 2 } } } }
 */
@Injectable()
export class QueuesHealthIndicator {
  readonly name = 'queues';

  constructor(
    @Inject(QueueConnection) private readonly connection: QueueConnection,
    @Inject(QueueWorkers) private readonly queueWorkers: QueueWorkers,
  ) {}

  async check(): Promise<QueuesHealthResult> {
    const redis = this.connection.redis();
    const workers: Record<string, unknown> = {};
    try {
      await redis.ping();
      for (const [queue, worker] of this.queueWorkers.workers) {
        const { Queue } = this.connection.bullmq();
        const view = new Queue(queue, {
          connection: redis,
          ...(this.connection.options.prefix ? { prefix: this.connection.options.prefix } : {}),
        });
        try {
          const counts = await view.getJobCounts('waiting', 'active', 'delayed', 'failed');
          workers[queue] = { running: worker.isRunning(), ...counts };
        } finally {
          await view.close();
        }
      }
      return { status: 'up', details: { redis: redis.status, workers } };
    } catch (error) {
      return {
        status: 'down',
        details: { redis: redis.status, error: error instanceof Error ? error.message : String(error) },
      };
    }
  }
}
