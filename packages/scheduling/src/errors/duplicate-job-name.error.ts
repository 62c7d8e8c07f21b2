import { TenonError } from '@tenon/core';
import { SchedulingErrorCode } from './errors';

/**
 * Two jobs share a name. Names key the lease of each tick across instances and the
 * `SchedulerRegistry`, so they must be unique in an application.
 *
 * @example
 * @Cron('0 * * * *', { name: 'cleanup' }) a() {}
 * @Interval(1000, { name: 'cleanup' }) b() {}
 */
export class DuplicateJobNameError extends TenonError {
  constructor(name: string, first: string, second: string) {
    super(
      SchedulingErrorCode.DUPLICATE_JOB_NAME,
      `The job name '${name}' is used by ${first} and by ${second}.\n` +
        `  Cause: a job's name keys its lease across instances and its entry in SchedulerRegistry, so two jobs under one name would take each other's ticks.\n` +
        `  Fix: give one of them another name (the default name is Class.method).`,
    );
  }
}
