import { TenonError } from '@tenon/core';
import { TestingErrorCode } from './errors';

/** A builder was used after it built its testing module. */
export class AlreadyCompiledError extends TenonError {
  constructor(operation: string) {
    super(
      TestingErrorCode.ALREADY_COMPILED,
      `Cannot ${operation}: this TestingModuleBuilder was already compiled, and a builder builds one testing module.\n` +
        '  Fix: keep the TestingModule the first compile() returned, or call Test.createTestingModule() again (e.g. in beforeEach) for a fresh one.',
    );
  }
}
