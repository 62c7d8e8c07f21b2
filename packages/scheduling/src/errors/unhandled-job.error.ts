import { TenonError } from '@tenon/core';
import { SchedulingErrorCode } from './errors';

/**
 * A queued job whose name no `@Process` method of the queue's processor takes. The job fails
 * with this error (BullMQ keeps it as the failed reason), so it is not lost silently.
 *
 * @example
 * await queue.add('welcom', { to }); // the processor has @Process('welcome')
 */
export class UnhandledJobError extends TenonError {
  constructor(queue: string, jobName: string, processor: string, known: readonly string[]) {
    super(
      SchedulingErrorCode.UNHANDLED_JOB,
      `The job '${jobName}' of queue '${queue}' has no handler in ${processor}.\n` +
        `  Cause: ${processor} has @Process methods for ${known.map((n) => `'${n}'`).join(', ')} and none without a name.\n` +
        `  Fix: add @Process('${jobName}') to a method of ${processor}, add a @Process() method for every other name, or add the job under a known name.`,
    );
  }
}
