import type { JobsOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';

/** Options of `QueueModule.forRoot()`. */
export interface QueueModuleOptions {
  /** The Redis of the queues: a URL such as `redis://127.0.0.1:6379`, or ioredis options. */
  connection: string | RedisOptions;
  /** BullMQ's key prefix (default `bull`). */
  prefix?: string;
  /** Job options of every queue unless its registration or the `add()` call says otherwise. */
  defaultJobOptions?: JobsOptions;
  /**
   * How long shutdown waits for jobs in progress (default 8,000 ms). Jobs still running then
   * are left to BullMQ's stalled-job check, which returns them to the queue for another worker.
   */
  shutdownTimeout?: number;
}

/** One queue given to `QueueModule.registerQueue()`. */
export interface RegisterQueueOptions {
  name: string;
  /** Job options of this queue's jobs unless the `add()` call says otherwise. */
  defaultJobOptions?: JobsOptions;
}
