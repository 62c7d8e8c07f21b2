import { TenonError } from '@tenon/core';
import { TestingErrorCode } from './errors';

/** A testing module was used after `close()`. */
export class ModuleClosedError extends TenonError {
  constructor(operation: string) {
    super(
      TestingErrorCode.MODULE_CLOSED,
      `Cannot ${operation}: this TestingModule was closed, and its instances have run their shutdown hooks.\n` +
        '  Fix: close the module in afterAll (not afterEach) when tests share it, or compile a new one in beforeEach.',
    );
  }
}
