import { TenonError } from '../errors/tenon.error';
import { CoreErrorCode } from '../errors/errors';

/** The configuration schema class itself cannot be bound (a programming mistake, found at `forRoot`). */
export class InvalidConfigSchemaError extends TenonError {
  constructor(problem: string, fix: string, cause?: unknown) {
    super(CoreErrorCode.INVALID_CONFIG_SCHEMA, `Invalid configuration schema: ${problem} Fix: ${fix}`, {
      cause,
    });
  }
}
