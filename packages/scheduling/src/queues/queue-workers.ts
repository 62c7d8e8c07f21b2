import type {
  ApplicationContext,
  BeforeApplicationShutdown,
  DiscoveryService,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@tenon/core';
import type { Job, Worker } from 'bullmq';
import { UnhandledJobError } from '../errors/unhandled-job.error';
import { discoverProcessors, type ProcessorDefinition } from './processor-discovery';
import type { QueueConnection } from './queue-connection';

type Callable = Record<string, (job: Job) => unknown>;

/**
 * The workers of the application's `@Processor` classes: checked at boot (`onModuleInit`),
 * started after it (`onApplicationBootstrap`), closed first at shutdown
 * (`beforeApplicationShutdown`): `worker.close()` stops taking jobs and waits for the ones in
 * progress; past `shutdownTimeout` the workers are closed by force and their jobs are returned
 * to the queue by BullMQ's stalled-job check (after `lockDuration`), for another instance.
 *
 * @example
 * const workers = app.get(QueueWorkers).workers; // Map of queue name → BullMQ Worker
 */
export class QueueWorkers implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private processors: ProcessorDefinition[] = [];
  private readonly running = new Map<string, Worker>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly connection: QueueConnection,
    private readonly discovery: DiscoveryService,
    private readonly app: ApplicationContext,
    private readonly logger: Logger,
  ) {}

  /** The running workers by queue name. */
  get workers(): ReadonlyMap<string, Worker> {
    return this.running;
  }

  onModuleInit(): void {
    this.processors = discoverProcessors(this.discovery);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.processors.length === 0) return;
    const { Worker } = this.connection.bullmq();
    for (const processor of this.processors) {
      const worker = new Worker(processor.queue, (job: Job) => this.process(processor, job), {
        connection: this.connection.redis(),
        concurrency: processor.concurrency,
        ...(this.connection.options.prefix ? { prefix: this.connection.options.prefix } : {}),
        ...(processor.lockDuration !== undefined ? { lockDuration: processor.lockDuration } : {}),
        ...(processor.stalledInterval !== undefined ? { stalledInterval: processor.stalledInterval } : {}),
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `${processor.label}: job ${job?.name ?? '?'} #${job?.id ?? '?'} of '${processor.queue}' failed (attempt ${job?.attemptsMade ?? '?'})`,
          { err: error },
        ),
      );
      // Connection errors are retried by ioredis; logged, not thrown (an unhandled 'error' would end the process).
      worker.on('error', (error) => this.logger.error(`${processor.label}: worker error`, { err: error }));
      this.running.set(processor.queue, worker);
    }
    await Promise.all([...this.running.values()].map((worker) => worker.waitUntilReady()));
    this.logger.debug(`${this.running.size} queue workers started`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** Closes the workers: waits for jobs in progress up to `shutdownTimeout`, then by force. */
  close(): Promise<void> {
    return (this.closing ??= this.closeWorkers());
  }

  private async closeWorkers(): Promise<void> {
    const workers = [...this.running.values()];
    if (workers.length === 0) return;
    const timeout = this.connection.options.shutdownTimeout ?? 8000;
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(workers.map((worker) => worker.close())).then(() => true);
    const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeout)));
    const drained = await Promise.race([graceful, expired]);
    clearTimeout(timer);
    if (!drained) {
      this.logger.warn(
        `queue jobs still running after ${timeout} ms of shutdown; their workers close by force and the jobs return to their queues once their lock expires`,
      );
      await Promise.all(workers.map((worker) => worker.close(true)));
    }
  }

  private async process(processor: ProcessorDefinition, job: Job): Promise<unknown> {
    const methodName = processor.methods.get(job.name) ?? processor.fallback;
    if (methodName === undefined)
      throw new UnhandledJobError(processor.queue, job.name, processor.label, [...processor.methods.keys()]);
    const singleton = processor.owner.instance as Callable | undefined;
    if (singleton) return singleton[methodName]!(job);
    return this.app.runInRequestScope(async () => {
      const instance = (await this.app.resolve(processor.owner.token)) as Callable;
      return instance[methodName]!(job);
    });
  }
}
