import type { OnApplicationShutdown } from '@tenon/core';
import type { Queue, QueueOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { ClientLibraryMissingError } from '../errors/client-library-missing.error';
import { bullmqPackage, ioredisPackage } from '../util/lazy-module';
import type { QueueModuleOptions, RegisterQueueOptions } from './queue-options';

/**
 * The Redis connection the application's queues and workers share (BullMQ opens the blocking
 * connections of workers from it), created on first use and closed last at shutdown, after
 * the queues it made.
 */
export class QueueConnection implements OnApplicationShutdown {
  private client: Redis | undefined;
  private readonly queues: Queue[] = [];

  constructor(readonly options: QueueModuleOptions) {}

  /** The shared ioredis client (workers need `maxRetriesPerRequest: null`, set here). */
  redis(): Redis {
    if (this.client) return this.client;
    const ioredis = load('ioredis', ioredisPackage);
    const { connection } = this.options;
    const settings = { maxRetriesPerRequest: null };
    this.client =
      typeof connection === 'string'
        ? new ioredis.Redis(connection, settings)
        : new ioredis.Redis({ ...connection, ...settings });
    return this.client;
  }

  /** BullMQ, or `TENON_SCHEDULING_CLIENT_LIBRARY_MISSING`. */
  bullmq(): ReturnType<typeof bullmqPackage> {
    return load('bullmq', bullmqPackage);
  }

  /** A `Queue` for `registerQueue()`, closed with the application. */
  createQueue(registration: RegisterQueueOptions): Queue {
    const defaults = { ...this.options.defaultJobOptions, ...registration.defaultJobOptions };
    const options: QueueOptions = {
      connection: this.redis(),
      ...(this.options.prefix ? { prefix: this.options.prefix } : {}),
      ...(Object.keys(defaults).length ? { defaultJobOptions: defaults } : {}),
    };
    const queue = new (this.bullmq().Queue)(registration.name, options);
    this.queues.push(queue);
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.queues.map((queue) => queue.close()));
    if (this.client) await this.client.quit().catch(() => this.client?.disconnect());
  }
}

function load<T>(name: string, loader: () => T): T {
  try {
    return loader();
  } catch (error) {
    throw new ClientLibraryMissingError('QueueModule', [name === 'bullmq' ? 'bullmq' : 'ioredis'], error);
  }
}
