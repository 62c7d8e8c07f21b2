import { TenonError } from '@tenon/core';
import { SchedulingErrorCode } from './errors';

/**
 * A `@Cron()` expression (or one given to `SchedulerRegistry.addCronJob`) does not parse. Found
 * at boot, before any job starts.
 *
 * @example
 * @Cron('61 * * * *') // minute 61 does not exist
 */
export class InvalidCronError extends TenonError {
  constructor(where: string, expression: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      SchedulingErrorCode.INVALID_CRON,
      `${where} has the cron expression ${JSON.stringify(expression)}, which is not valid: ${reason}\n` +
        `  Cause: a cron expression has 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or a nickname such as '@hourly'.\n` +
        `  Fix: correct the expression, e.g. '0 */5 * * * *' for every five minutes.`,
      { cause },
    );
  }
}
