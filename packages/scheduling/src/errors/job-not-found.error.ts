import { TenonError } from '@tenon/core';
import { SchedulingErrorCode } from './errors';

/**
 * `SchedulerRegistry` was asked for a job name it does not have.
 *
 * @example
 * registry.getJob('nightly-report'); // but the job is named 'ReportJobs.nightly'
 */
export class JobNotFoundError extends TenonError {
  constructor(name: string, known: readonly string[]) {
    super(
      SchedulingErrorCode.JOB_NOT_FOUND,
      `No scheduled job is named '${name}'.\n` +
        `  Cause: the registry knows ${known.length ? known.map((n) => `'${n}'`).join(', ') : 'no jobs'}; a job without a name option is named Class.method.\n` +
        `  Fix: use one of those names, or give the decorator { name: '${name}' }.`,
    );
  }
}
