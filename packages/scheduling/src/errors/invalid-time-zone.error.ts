import { TenonError } from '@tenon/core';
import { SchedulingErrorCode } from './errors';

/**
 * A `@Cron(expr, { timeZone })` names a time zone this Node.js does not know.
 *
 * @example
 * @Cron('0 9 * * *', { timeZone: 'Europe/Berln' })
 */
export class InvalidTimeZoneError extends TenonError {
  constructor(where: string, timeZone: string) {
    super(
      SchedulingErrorCode.INVALID_TIME_ZONE,
      `${where} has the time zone ${JSON.stringify(timeZone)}, which is not an IANA time zone this Node.js knows.\n` +
        `  Cause: the time zone decides when the cron expression's hours fall (and how it follows daylight saving time).\n` +
        `  Fix: use an IANA name such as 'Europe/Berlin', 'America/New_York' or 'UTC'.`,
    );
  }
}
