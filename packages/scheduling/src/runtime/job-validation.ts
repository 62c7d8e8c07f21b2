import { Cron } from 'croner';
import { InvalidCronError } from '../errors/invalid-cron.error';
import { InvalidIntervalError } from '../errors/invalid-interval.error';
import { InvalidTimeZoneError } from '../errors/invalid-time-zone.error';

/** Throws `TENON_SCHEDULING_INVALID_CRON` when croner cannot parse the expression. */
export function checkCron(where: string, expression: unknown): void {
  if (typeof expression !== 'string' || expression.trim() === '')
    throw new InvalidCronError(where, String(expression), new TypeError('expected a non-empty string'));
  try {
    new Cron(expression, { paused: true });
  } catch (error) {
    throw new InvalidCronError(where, expression, error);
  }
}

/** Throws `TENON_SCHEDULING_INVALID_TIME_ZONE` for a name Intl does not know. */
export function checkTimeZone(where: string, timeZone: string | undefined): void {
  if (timeZone === undefined) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new InvalidTimeZoneError(where, timeZone);
  }
}

/** Throws `TENON_SCHEDULING_INVALID_INTERVAL` for a delay a timer cannot use. */
export function checkDelay(where: string, decorator: '@Interval' | '@Timeout', ms: unknown): void {
  const min = decorator === '@Interval' ? 1 : 0;
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < min)
    throw new InvalidIntervalError(where, decorator, ms);
}
