import { TenonError } from '@tenon/core';
import { TestingErrorCode } from './errors';

/** An `override…()` call whose `use…()` was never called: it would change nothing. */
export class OverrideIncompleteError extends TenonError {
  constructor(call: string, uses: string) {
    super(
      TestingErrorCode.OVERRIDE_INCOMPLETE,
      `${call} was never completed: nothing replaces it.\n  Fix: call ${uses} on what ${call} returns, e.g. ${call}${uses.split(',')[0]!.trim()}.`,
    );
  }
}
