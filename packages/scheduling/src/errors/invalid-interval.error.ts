import { TenonError } from '@tenon/core';
import { SchedulingErrorCode } from './errors';

/**
 * An `@Interval(ms)` that is not a positive integer, or a `@Timeout(ms)` that is negative or not
 * an integer.
 *
 * @example
 * @Interval(0) // would spin
 */
export class InvalidIntervalError extends TenonError {
  constructor(where: string, decorator: '@Interval' | '@Timeout', value: unknown) {
    const expected = decorator === '@Interval' ? 'a positive integer' : 'an integer >= 0';
    super(
      SchedulingErrorCode.INVALID_INTERVAL,
      `${where} has ${decorator}(${String(value)}): the delay must be ${expected} of milliseconds.\n` +
        `  Cause: ${decorator === '@Interval' ? 'an interval runs the job again after whole milliseconds above zero; zero or less would run it without pause' : 'a delay below zero or a fraction has no meaning for a timer'}.\n` +
        `  Fix: give milliseconds, e.g. ${decorator}(5000) for five seconds${decorator === '@Interval' ? ", or use @Cron('*/5 * * * * *') for ticks on the clock" : ''}.`,
    );
  }
}
