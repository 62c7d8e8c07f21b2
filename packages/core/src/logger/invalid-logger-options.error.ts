import { TenonError } from '../errors/tenon.error';
import { CoreErrorCode } from '../errors/errors';

/** `LOG_LEVEL` / `LOG_FORMAT` or the matching logger option holds an unknown value. */
export class InvalidLoggerOptionsError extends TenonError {
  constructor(setting: string, value: string, allowed: readonly string[]) {
    super(
      CoreErrorCode.INVALID_LOGGER_OPTIONS,
      `${setting} is ${JSON.stringify(value)}, which Tenon's logger does not know. Fix: use one of ${allowed.join(', ')}.`,
    );
  }
}
