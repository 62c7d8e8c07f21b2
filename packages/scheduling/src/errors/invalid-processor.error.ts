import { TenonError } from '@tenon/core';
import { SchedulingErrorCode } from './errors';

/**
 * A `@Processor` class that cannot process: no `@Process` method, two methods for one job
 * name, an empty queue name or a concurrency below 1. Found at boot.
 *
 * @example
 * @Processor('mail', { concurrency: 0 })
 */
export class InvalidProcessorError extends TenonError {
  constructor(where: string, problem: string, fix: string) {
    super(
      SchedulingErrorCode.INVALID_PROCESSOR,
      `${where} ${problem}\n` +
        `  Cause: a processor's worker takes jobs of its queue and calls the @Process method for each job's name.\n` +
        `  Fix: ${fix}`,
    );
  }
}
