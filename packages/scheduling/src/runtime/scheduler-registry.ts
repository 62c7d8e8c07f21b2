import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type {
  ApplicationContext,
  BeforeApplicationShutdown,
  DiscoveryService,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@tenon/core';
import { DuplicateJobNameError } from '../errors/duplicate-job-name.error';
import { JobNotFoundError } from '../errors/job-not-found.error';
import type { LeaseRecord, ScheduleLock } from '../locks/schedule-lock';
import type { CronOptions, JobMetadata, JobOptions, TimeoutOptions } from '../metadata/job-metadata';
import type { ScheduleModuleOptions } from '../module/schedule-options';
import { buildJob } from './build-job';
import type { JobContext } from './job-context';
import { discoverJobs } from './job-discovery';
import { ScheduledJob } from './scheduled-job';

/**
 * The application's scheduled jobs: found at boot (`onModuleInit`, so a bad expression fails
 * the boot), started after it (`onApplicationBootstrap`), stopped first at shutdown
 * (`beforeApplicationShutdown`, before any module is destroyed) with running jobs awaited up to
 * `shutdownTimeout`. Lists, stops, starts, adds and removes jobs at run time, like NestJS's
 * `SchedulerRegistry`.
 *
 * @example
 * @Injectable()
 * export class Maintenance {
 *   constructor(private readonly registry: SchedulerRegistry) {}
 *   pause() { this.registry.getJob('nightly-report').stop(); }
 *   list() { return this.registry.getJobs().map((j) => ({ name: j.name, next: j.nextRun })); }
 * }
 */
export class SchedulerRegistry
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  /** This instance's name in leases. */
  readonly instanceId: string;
  private readonly jobs = new Map<string, ScheduledJob>();
  private lockBackend: ScheduleLock | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly options: ScheduleModuleOptions,
    private readonly discovery: DiscoveryService,
    private readonly app: ApplicationContext,
    private readonly logger: Logger,
  ) {
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  /** The opened lock backend (`undefined` without `lock`). */
  get lock(): ScheduleLock | undefined {
    return this.lockBackend;
  }

  async onModuleInit(): Promise<void> {
    const definitions = discoverJobs(this.discovery, this.app, this.options.lock !== undefined);
    if (this.options.lock) this.lockBackend = await this.options.lock.open(this.app);
    for (const definition of definitions)
      this.jobs.set(
        definition.name,
        new ScheduledJob(definition, this.lockBackend, this.instanceId, this.logger),
      );
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    for (const job of this.jobs.values()) if (!job.disabled) job.start();
    if (this.jobs.size)
      this.logger.debug(`${this.jobs.size} scheduled jobs, lock: ${this.lockBackend?.kind ?? 'none'}`);
    // Catch-up runs are not awaited: boot does not wait for a job.
    for (const job of this.jobs.values()) {
      if (!job.disabled)
        void job
          .catchUp()
          .catch((error: unknown) => this.logger.error(`${job.name}: catch-up failed`, { err: error }));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    await this.lockBackend?.close();
  }

  /** Stops every timer, then waits (up to `shutdownTimeout`) for the runs in progress. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const job of this.jobs.values()) job.stop();
    const timeout = this.options.shutdownTimeout ?? 8000;
    const drained = await Promise.all([...this.jobs.values()].map((job) => job.drain(timeout)));
    const left = [...this.jobs.values()].filter((_, i) => !drained[i]).map((job) => job.name);
    if (left.length)
      this.logger.warn(
        `still running after ${timeout} ms of shutdown: ${left.join(', ')}; they are abandoned`,
      );
  }

  /** Every job, in declaration order. */
  getJobs(): ScheduledJob[] {
    return [...this.jobs.values()];
  }

  /** A job by name; throws `TENON_SCHEDULING_JOB_NOT_FOUND` for an unknown name. */
  getJob(name: string): ScheduledJob {
    const job = this.jobs.get(name);
    if (!job) throw new JobNotFoundError(name, [...this.jobs.keys()]);
    return job;
  }

  /** Whether a job has this name. */
  doesExist(name: string): boolean {
    return this.jobs.has(name);
  }

  /** NestJS's name for `getJob` of a cron job. */
  getCronJob(name: string): ScheduledJob {
    return this.getJob(name);
  }

  /** The cron jobs by name (NestJS's `getCronJobs`). */
  getCronJobs(): Map<string, ScheduledJob> {
    return new Map([...this.jobs].filter(([, job]) => job.kind === 'cron'));
  }

  /** The names of the interval jobs (NestJS's `getIntervals`). */
  getIntervals(): string[] {
    return [...this.jobs.values()].filter((job) => job.kind === 'interval').map((job) => job.name);
  }

  /** The names of the timeout jobs (NestJS's `getTimeouts`). */
  getTimeouts(): string[] {
    return [...this.jobs.values()].filter((job) => job.kind === 'timeout').map((job) => job.name);
  }

  /** Adds a cron job at run time (started at once when the application runs). */
  addCronJob(
    name: string,
    expression: string,
    run: (context: JobContext) => unknown,
    options: Omit<CronOptions, 'name'> = {},
  ): ScheduledJob {
    return this.add({ kind: 'cron', expression, options: { ...options, name } }, run);
  }

  /** Adds an interval job at run time. */
  addInterval(
    name: string,
    ms: number,
    run: (context: JobContext) => unknown,
    options: Omit<JobOptions, 'name'> = {},
  ): ScheduledJob {
    return this.add({ kind: 'interval', ms, options: { ...options, name } }, run);
  }

  /** Adds a timeout job at run time. */
  addTimeout(
    name: string,
    ms: number,
    run: (context: JobContext) => unknown,
    options: Omit<TimeoutOptions, 'name'> = {},
  ): ScheduledJob {
    return this.add({ kind: 'timeout', ms, options: { ...options, name } }, run);
  }

  /** Stops a job and removes it; a run in progress goes on. */
  deleteJob(name: string): void {
    this.getJob(name).stop();
    this.jobs.delete(name);
  }

  /** The latest run of each job on any instance (from the lock), or this instance's without a lock. */
  async leases(): Promise<Map<string, LeaseRecord | undefined>> {
    const result = new Map<string, LeaseRecord | undefined>();
    await Promise.all(
      [...this.jobs.values()].map(async (job) => {
        const local = job.lastRun;
        const lease =
          job.locked && this.lockBackend
            ? await this.lockBackend.lastRun(job.name)
            : local && { job: job.name, holder: this.instanceId, ...local };
        result.set(job.name, lease);
      }),
    );
    return result;
  }

  private add(metadata: JobMetadata, run: (context: JobContext) => unknown): ScheduledJob {
    const label = `SchedulerRegistry.add${metadata.kind === 'cron' ? 'CronJob' : metadata.kind === 'interval' ? 'Interval' : 'Timeout'}('${metadata.options.name}')`;
    const definition = buildJob(
      label,
      label,
      metadata,
      async (context) => run(context),
      this.lockBackend !== undefined,
    );
    const existing = this.jobs.get(definition.name);
    if (existing) throw new DuplicateJobNameError(definition.name, existing.label, label);
    const job = new ScheduledJob(definition, this.lockBackend, this.instanceId, this.logger);
    this.jobs.set(definition.name, job);
    if (this.started && !this.stopped && !definition.disabled) job.start();
    return job;
  }
}
