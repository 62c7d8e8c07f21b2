// Types only: @tenon/core checks at import that the Reflect metadata polyfill is loaded.
import type {} from 'reflect-metadata';

export { SchedulingErrorCode } from './errors/errors';
export { InvalidCronError } from './errors/invalid-cron.error';
export { InvalidTimeZoneError } from './errors/invalid-time-zone.error';
export { InvalidIntervalError } from './errors/invalid-interval.error';
export { DuplicateJobNameError } from './errors/duplicate-job-name.error';
export { LockBackendMissingError } from './errors/lock-backend-missing.error';
export { ClientLibraryMissingError } from './errors/client-library-missing.error';
export { JobNotFoundError } from './errors/job-not-found.error';
export { InvalidProcessorError } from './errors/invalid-processor.error';
export { UnhandledJobError } from './errors/unhandled-job.error';

export { Cron } from './decorators/cron.decorator';
export { Interval } from './decorators/interval.decorator';
export { Timeout } from './decorators/timeout.decorator';
export type { CronOptions, JobOptions, TimeoutOptions, CatchUpPolicy } from './metadata/job-metadata';

export { ScheduleModule, SCHEDULE_OPTIONS } from './module/schedule.module';
export type { ScheduleModuleOptions } from './module/schedule-options';
export { SchedulerRegistry } from './runtime/scheduler-registry';
export { ScheduledJob } from './runtime/scheduled-job';
export type { JobContext } from './runtime/job-context';
export type { LocalRun } from './runtime/scheduled-job';
export { SchedulingHealthIndicator } from './health/scheduling-health.indicator';
export type { SchedulingHealthResult } from './health/scheduling-health.indicator';

export { databaseLock } from './locks/database.lock';
export type { DatabaseLockOptions } from './locks/database.lock';
export { redisLock } from './locks/redis.lock';
export type { RedisLockOptions } from './locks/redis.lock';
export { LEASE_TABLE } from './locks/lease-table';
export type { ScheduleLock, ScheduleLockFactory, LeaseRecord, RunOutcome } from './locks/schedule-lock';

export { QueueModule, QUEUE_OPTIONS } from './module/queue.module';
export type { QueueModuleOptions, RegisterQueueOptions } from './queues/queue-options';
export { Processor } from './decorators/processor.decorator';
export { Process } from './decorators/process.decorator';
export { InjectQueue } from './decorators/inject-queue.decorator';
export type { ProcessorOptions } from './queues/queue-metadata';
export { getQueueToken } from './queues/queue-token';
export { QueueConnection } from './queues/queue-connection';
export { QueueWorkers } from './queues/queue-workers';
export { QueuesHealthIndicator } from './health/queues-health.indicator';
export type { QueuesHealthResult } from './health/queues-health.indicator';
