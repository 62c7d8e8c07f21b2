import { TenonError } from '@tenon/core';
import { TestingErrorCode } from './errors';

/** A `use…()` call got something it cannot use (not a class, not a function, not a module). */
export class InvalidOverrideError extends TenonError {
  constructor(call: string, expected: string, got: string, fix: string) {
    super(TestingErrorCode.INVALID_OVERRIDE, `${call} needs ${expected}, got ${got}.\n  Fix: ${fix}`);
  }
}
